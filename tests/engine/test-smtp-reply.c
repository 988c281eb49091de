/* test-smtp-reply.c: reply, EHLO and enhanced status code parsing, hostile input
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-smtp-reply.h"

static PbSmtpParseResult
parse (const char   *data,
       PbSmtpReply **reply,
       gsize        *consumed,
       GError      **error)
{
  return pb_smtp_reply_parse (data, strlen (data), reply, consumed, error);
}

static void
test_single_line (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;
  const char *data = "220 mail.lab.test ESMTP Postfix\r\n250 extra";

  g_assert_cmpint (parse (data, &reply, &consumed, &error), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_no_error (error);
  g_assert_cmpuint (reply->code, ==, 220);
  g_assert_cmpuint (reply->n_lines, ==, 1);
  g_assert_cmpstr (reply->lines[0], ==, "mail.lab.test ESMTP Postfix");
  g_assert_cmpstr (reply->text, ==, "220 mail.lab.test ESMTP Postfix");
  g_assert_null (reply->enhanced_code);
  g_assert_cmpuint (consumed, ==, strlen ("220 mail.lab.test ESMTP Postfix\r\n"));
  g_assert_true (pb_smtp_reply_is_positive (reply));
}

static void
test_multi_line_enhanced (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;
  const char *data =
    "534-5.7.9 Application-specific password required. For more information, go to\r\n"
    "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor x1sm1 - gsmtp\r\n";

  g_assert_cmpint (parse (data, &reply, &consumed, &error), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_cmpuint (reply->code, ==, 534);
  g_assert_cmpuint (reply->n_lines, ==, 2);
  g_assert_cmpstr (reply->enhanced_code, ==, "5.7.9");
  g_assert_true (g_str_has_prefix (reply->text, "534-5.7.9 Application"));
  g_assert_nonnull (strstr (reply->text, "\n534 5.7.9  https://"));
  g_assert_cmpuint (consumed, ==, strlen (data));
  g_assert_false (pb_smtp_reply_is_positive (reply));
}

static void
test_incomplete (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *partial[] = { "", "2", "25", "250", "250-", "250-mail.lab.test\r\n",
                            "250-mail.lab.test\r\n250-PIPE", "250 ok" };

  for (guint i = 0; i < G_N_ELEMENTS (partial); i++)
    {
      g_assert_cmpint (parse (partial[i], &reply, NULL, &error), ==, PB_SMTP_PARSE_INCOMPLETE);
      g_assert_no_error (error);
      g_assert_null (reply);
    }
}

static void
test_bare_code_and_lf (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* "Reply-code [ SP textstring ] CRLF": the text is optional; bare LF is tolerated. */
  g_assert_cmpint (parse ("354\n", &reply, NULL, &error), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_cmpuint (reply->code, ==, 354);
  g_assert_cmpstr (reply->lines[0], ==, "");
}

static void
assert_protocol_error (const char *data,
                       gsize       len)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pb_smtp_reply_parse (data, len, &reply, NULL, &error), ==,
                   PB_SMTP_PARSE_ERROR);
  g_assert_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL);
  g_assert_null (reply);
}

static void
test_hostile (void)
{
  const char nul[] = "250-ok\r\n250 o\0k\r\n";
  const char tls_record[] = "\x16\x03\x01\x02\x00\x01";
  g_autoptr(GString) long_line = g_string_new ("250 ");
  g_autoptr(GString) long_partial = g_string_new ("250-");
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) ok_line = g_string_new ("250 ");

  assert_protocol_error (nul, sizeof nul - 1);
  assert_protocol_error (tls_record, sizeof tls_record - 1);
  assert_protocol_error ("HTTP/1.1 400 Bad Request\r\n", 26);
  assert_protocol_error ("SSH-2.0-OpenSSH_9.2\r\n", 21);
  assert_protocol_error ("220-a\r\n250 b\r\n", 14);     /* code changes */
  assert_protocol_error ("250+ok\r\n", 8);
  assert_protocol_error ("25\r\n", 4);
  assert_protocol_error ("199 low\r\n", 9);
  assert_protocol_error ("600 high\r\n", 10);

  /* 2000 bytes of text after the code is the limit, one more is an error. */
  g_string_append (ok_line, "x");
  while (ok_line->len < PB_SMTP_MAX_LINE_LENGTH)
    g_string_append_c (ok_line, 'x');
  g_string_append (ok_line, "\r\n");
    {
      g_autoptr(PbSmtpReply) reply = NULL;
      g_assert_cmpint (pb_smtp_reply_parse (ok_line->str, ok_line->len, &reply, NULL, NULL), ==,
                       PB_SMTP_PARSE_COMPLETE);
    }
  while (long_line->len <= PB_SMTP_MAX_LINE_LENGTH)
    g_string_append_c (long_line, 'x');
  g_string_append (long_line, "\r\n");
  assert_protocol_error (long_line->str, long_line->len);
  /* The same, its line end (a bare LF) just within what is scanned. */
  g_string_truncate (long_line, 4 + PB_SMTP_MAX_LINE_LENGTH - 3);
  g_string_append (long_line, "\n");
  assert_protocol_error (long_line->str, long_line->len);

  /* An endless line is refused without waiting for its end. */
  while (long_partial->len < PB_SMTP_MAX_LINE_LENGTH + 10)
    g_string_append_c (long_partial, 'y');
  assert_protocol_error (long_partial->str, long_partial->len);

  for (guint i = 0; i < PB_SMTP_MAX_REPLY_LINES; i++)
    g_string_append (many, "250-line\r\n");
  g_string_append (many, "250 last\r\n");
  assert_protocol_error (many->str, many->len);
}

static void
test_control_characters_cleaned (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  const char *data = "550 bad \x1b[31mred\xff\r\n";

  g_assert_cmpint (parse (data, &reply, NULL, NULL), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_null (strchr (reply->text, '\x1b'));
  g_assert_true (g_utf8_validate (reply->text, -1, NULL));
  g_assert_true (g_str_has_prefix (reply->lines[0], "bad \xef\xbf\xbd[31mred"));
}

/* Found by fuzz-smtp-reply: U+009B (CSI in UTF-8 terminals) went through, as did U+0085. */
static void
test_c1_controls_cleaned (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  const char *data = "250-mx \xc2\x9b" "2J\r\n250 next\xc2\x85line \xc3\xa4\r\n";

  g_assert_cmpint (parse (data, &reply, NULL, NULL), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_cmpstr (reply->lines[0], ==, "mx \xef\xbf\xbd" "2J");
  g_assert_cmpstr (reply->lines[1], ==, "next\xef\xbf\xbdline \xc3\xa4");
  g_assert_null (strstr (reply->text, "\xc2\x9b"));
}

/* Text that reorders itself: a right-to-left override makes "admin@example.org" read
 * from a reversed string; an isolate, a mark and a BOM hide around it. Each shows as U+FFFD. */
static void
test_bidi_controls_cleaned (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  const char *data = "535 5.7.8 failed for \xe2\x80\xaegro.elpmaxe@nimda\xe2\x80\xac "
                     "\xe2\x81\xa7x\xe2\x81\xa9\xe2\x80\x8f\xef\xbb\xbf\r\n";

  g_assert_cmpint (parse (data, &reply, NULL, NULL), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_cmpstr (reply->lines[0], ==,
                   "5.7.8 failed for \xef\xbf\xbdgro.elpmaxe@nimda\xef\xbf\xbd "
                   "\xef\xbf\xbdx\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_null (strstr (reply->text, "\xe2\x80\xae"));
}

static void
test_enhanced_codes (void)
{
  guint k, s, d;
  gsize n;

  g_assert_true (pb_smtp_enhanced_code_parse ("5.7.139 Authentication unsuccessful", 35,
                                              &k, &s, &d, &n));
  g_assert_cmpuint (k, ==, 5);
  g_assert_cmpuint (s, ==, 7);
  g_assert_cmpuint (d, ==, 139);
  g_assert_cmpuint (n, ==, 7);
  g_assert_true (pb_smtp_enhanced_code_parse ("2.0.0", 5, &k, &s, &d, NULL));
  g_assert_false (pb_smtp_enhanced_code_parse ("3.0.0 x", 7, NULL, NULL, NULL, NULL));
  g_assert_false (pb_smtp_enhanced_code_parse ("5.7.1000", 8, NULL, NULL, NULL, NULL));
  g_assert_false (pb_smtp_enhanced_code_parse ("5.7", 3, NULL, NULL, NULL, NULL));
  g_assert_false (pb_smtp_enhanced_code_parse ("5.7.1x", 6, NULL, NULL, NULL, NULL));
  g_assert_false (pb_smtp_enhanced_code_parse ("55.7.1", 6, NULL, NULL, NULL, NULL));

  /* A line of the enhanced code alone: all of it. */
    {
      g_autoptr(PbSmtpReply) reply = NULL;
      g_assert_cmpint (parse ("250 2.1.5\r\n", &reply, NULL, NULL), ==, PB_SMTP_PARSE_COMPLETE);
      g_assert_cmpstr (reply->enhanced_code, ==, "2.1.5");
    }
  /* A class that contradicts the reply code is not taken as the enhanced code. */
    {
      g_autoptr(PbSmtpReply) reply = NULL;
      g_assert_cmpint (parse ("535 2.7.0 odd\r\n", &reply, NULL, NULL), ==,
                       PB_SMTP_PARSE_COMPLETE);
      g_assert_null (reply->enhanced_code);
    }
}

/* An EHLO reply that is no reply, or not yet a whole one, gives no capabilities. */
static void
test_capabilities_broken (void)
{
  PbSmtpCapabilities *caps = NULL;
  GError *error = NULL;

  g_assert_false (pb_smtp_capabilities_parse ("HTTP/1.1 400\r\n", 14, &caps, &error));
  g_assert_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL);
  g_assert_null (caps);
  g_clear_error (&error);
  g_assert_false (pb_smtp_capabilities_parse ("250-a\r\n250-SIZE\r\n", 17, &caps, &error));
  g_assert_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL);
  g_assert_cmpstr (error->message, ==, "Malformed server reply: incomplete EHLO reply");
  g_assert_null (caps);
  g_clear_error (&error);
  /* Names for the flags, none for what is not one. */
  g_assert_cmpstr (pb_smtp_cap_flag_to_string (PB_SMTP_CAP_PIPELINING), ==, "PIPELINING");
  g_assert_null (pb_smtp_cap_flag_to_string (PB_SMTP_CAP_PIPELINING | PB_SMTP_CAP_DSN));
  /* Freeing nothing is allowed, as for g_free(). */
  pb_smtp_capabilities_free (NULL);
  pb_smtp_reply_free (NULL);
}

static void
test_capabilities (void)
{
  g_autoptr(PbSmtpCapabilities) caps = NULL;
  g_autoptr(GError) error = NULL;
  const char *data =
    "250-smtp.gmail.com at your service, [192.0.2.1]\r\n"
    "250-SIZE 35882577\r\n"
    "250-8BITMIME\r\n"
    "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER XOAUTH\r\n"
    "250-AUTH=LOGIN CRAM-MD5\r\n"
    "250-enhancedstatuscodes\r\n"
    "250-PIPELINING\r\n"
    "250-CHUNKING\r\n"
    "250-DSN\r\n"
    "250 SMTPUTF8\r\n";

  g_assert_true (pb_smtp_capabilities_parse (data, strlen (data), &caps, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (caps->size_limit, ==, 35882577);
  g_assert_cmphex (caps->flags, ==,
                   PB_SMTP_CAP_SIZE | PB_SMTP_CAP_8BITMIME | PB_SMTP_CAP_AUTH |
                   PB_SMTP_CAP_ENHANCEDSTATUSCODES | PB_SMTP_CAP_PIPELINING |
                   PB_SMTP_CAP_CHUNKING | PB_SMTP_CAP_DSN | PB_SMTP_CAP_SMTPUTF8);
  g_assert_cmpuint (g_strv_length (caps->auth_mechanisms), ==, 7);
  g_assert_cmpstr (caps->auth_mechanisms[0], ==, "LOGIN");
  g_assert_cmpstr (caps->auth_mechanisms[6], ==, "CRAM-MD5");
  g_assert_true (pb_smtp_capabilities_has_mechanism (caps, "XOAUTH2"));
  g_assert_false (pb_smtp_capabilities_has_mechanism (caps, "GSSAPI"));
  g_assert_cmpstr (caps->greeting_name, ==, "smtp.gmail.com at your service, [192.0.2.1]");
  g_assert_cmpuint (g_strv_length (caps->keywords), ==, 9);
}

static void
test_capabilities_legacy_and_odd (void)
{
  g_autoptr(PbSmtpCapabilities) caps = NULL;
  g_autoptr(PbSmtpCapabilities) refused = NULL;
  g_autoptr(GError) error = NULL;
  const char *legacy = "250-old.example\r\n250-AUTH=LOGIN\r\n250-SIZE\r\n250 STARTTLS\r\n";
  const char *bad = "502 5.5.2 Error: command not recognized\r\n";

  g_assert_true (pb_smtp_capabilities_parse (legacy, strlen (legacy), &caps, NULL));
  g_assert_true (caps->flags & PB_SMTP_CAP_STARTTLS);
  g_assert_true (caps->flags & PB_SMTP_CAP_SIZE);
  g_assert_cmpuint (caps->size_limit, ==, 0);
  g_assert_true (caps->flags & PB_SMTP_CAP_AUTH);    /* the pre-RFC "AUTH=" form counts */
  g_assert_true (pb_smtp_capabilities_has_mechanism (caps, "LOGIN"));

  g_assert_false (pb_smtp_capabilities_parse (bad, strlen (bad), &refused, &error));
  g_assert_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY);
  g_assert_null (refused);
}

static void
test_mechanism_names_bounded (void)
{
  g_autoptr(PbSmtpCapabilities) caps = NULL;
  g_autoptr(GString) data = g_string_new ("250-x\r\n250 AUTH");

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (data, " M%u", i);
  g_string_append (data, " THIS-NAME-IS-FAR-TOO-LONG-FOR-SASL <script>\r\n");
  g_assert_true (pb_smtp_capabilities_parse (data->str, data->len, &caps, NULL));
  g_assert_cmpuint (g_strv_length (caps->auth_mechanisms), ==, 32);
  g_assert_false (pb_smtp_capabilities_has_mechanism (caps, "<SCRIPT>"));
}

/* Servers echo the AUTH payload in their error reply; the longest secret goes first, so a
 * password inside a payload does not leave the payload's remainder behind. */
static void
test_redact (void)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;
  const char *data = "535-5.7.8 invalid: AGFsaWNlAHB3QUJDcHc= (pwABCpw)\r\n"
                     "535 5.7.8 pwABCpw pwABCpwpwABCpw\r\n";
  const char *secrets[] = { "pwABCpw", "", "AGFsaWNlAHB3QUJDcHc=", NULL };

  g_assert_cmpint (pb_smtp_reply_parse_redacted (data, strlen (data), secrets, &reply,
                                                 &consumed, &error), ==, PB_SMTP_PARSE_COMPLETE);
  g_assert_cmpstr (reply->lines[0], ==, "5.7.8 invalid: <redacted> (<redacted>)");
  g_assert_cmpstr (reply->lines[1], ==, "5.7.8 <redacted> <redacted><redacted>");
  g_assert_cmpstr (reply->text, ==, "535-5.7.8 invalid: <redacted> (<redacted>)\n"
                                    "535 5.7.8 <redacted> <redacted><redacted>");
  g_assert_cmpstr (reply->enhanced_code, ==, "5.7.8");
}

static PbSmtpReply *
parse_redacted (const char *data,
                const char *secret)
{
  const char *secrets[] = { secret, NULL };
  PbSmtpReply *reply = NULL;

  g_assert_cmpint (pb_smtp_reply_parse_redacted (data, strlen (data), secrets, &reply, NULL,
                                                 NULL), ==, PB_SMTP_PARSE_COMPLETE);
  return reply;
}

/* A server that wraps its reply may split the echoed password over two lines, with the
 * enhanced code repeated in between; each part is redacted in its own line. */
static void
test_redact_across_lines (void)
{
  g_autoptr(PbSmtpReply) coded = parse_redacted ("550-5.7.1 Sender rejected: Scripted-\r\n"
                                                 "550 5.7.1 Pass-1 is not an address\r\n",
                                                 "Scripted-Pass-1");
  g_autoptr(PbSmtpReply) plain = parse_redacted ("550-rejected Scr\r\n550 ipted-Pass-1.\r\n",
                                                 "Scripted-Pass-1");
  g_autoptr(PbSmtpReply) apart = parse_redacted ("550-Scripted-\r\n550 Pass-2\r\n",
                                                 "Scripted-Pass-1");

  g_assert_cmpstr (coded->lines[0], ==, "5.7.1 Sender rejected: <redacted>");
  g_assert_cmpstr (coded->lines[1], ==, "5.7.1 <redacted> is not an address");
  g_assert_cmpstr (coded->text, ==, "550-5.7.1 Sender rejected: <redacted>\n"
                                    "550 5.7.1 <redacted> is not an address");
  g_assert_cmpstr (plain->lines[0], ==, "rejected <redacted>");
  g_assert_cmpstr (plain->lines[1], ==, "<redacted>.");
  /* Only the whole secret counts: a prefix of it is left alone. */
  g_assert_cmpstr (apart->text, ==, "550-Scripted-\n550 Pass-2");
}

/* Cleaning turns a control character into U+FFFD; the secret is found in the raw bytes
 * first, so a password with control characters in it leaves no trace either. */
static void
test_redact_before_cleaning (void)
{
  g_autoptr(PbSmtpReply) reply = parse_redacted ("550 5.7.1 <pa\x01ss\x1bword> rejected\r\n",
                                                 "pa\x01ss\x1bword");

  g_assert_cmpstr (reply->lines[0], ==, "5.7.1 <<redacted>> rejected");
  g_assert_null (strstr (reply->text, "ss"));
}

/* Base64 secrets are kept without their padding (servers quote them either way); the
 * padding that follows a match goes with it. */
static void
test_redact_base64_padding (void)
{
  g_autoptr(PbSmtpReply) padded = parse_redacted ("535 5.7.8 got cGFzcw== and cGFzcw.\r\n",
                                                  "cGFzcw");

  g_assert_cmpstr (padded->lines[0], ==, "5.7.8 got <redacted> and <redacted>.");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/smtp-reply/single-line", test_single_line);
  g_test_add_func ("/smtp-reply/multi-line-enhanced", test_multi_line_enhanced);
  g_test_add_func ("/smtp-reply/incomplete", test_incomplete);
  g_test_add_func ("/smtp-reply/bare-code-and-lf", test_bare_code_and_lf);
  g_test_add_func ("/smtp-reply/hostile", test_hostile);
  g_test_add_func ("/smtp-reply/capabilities-broken", test_capabilities_broken);
  g_test_add_func ("/smtp-reply/control-characters", test_control_characters_cleaned);
  g_test_add_func ("/smtp-reply/c1-controls-cleaned", test_c1_controls_cleaned);
  g_test_add_func ("/smtp-reply/bidi-controls-cleaned", test_bidi_controls_cleaned);
  g_test_add_func ("/smtp-reply/enhanced-codes", test_enhanced_codes);
  g_test_add_func ("/smtp-reply/capabilities", test_capabilities);
  g_test_add_func ("/smtp-reply/capabilities-legacy", test_capabilities_legacy_and_odd);
  g_test_add_func ("/smtp-reply/mechanisms-bounded", test_mechanism_names_bounded);
  g_test_add_func ("/smtp-reply/redact", test_redact);
  g_test_add_func ("/smtp-reply/redact-across-lines", test_redact_across_lines);
  g_test_add_func ("/smtp-reply/redact-before-cleaning", test_redact_before_cleaning);
  g_test_add_func ("/smtp-reply/redact-base64-padding", test_redact_base64_padding);

  return g_test_run ();
}
