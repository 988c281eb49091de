/* test-smtp-client.c: the sender's pure parts: DATA encoding, mechanism choice, the test message
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-test-util.h"
#include "pb-check.h"
#include "pb-i18n.h"
#include "pb-smtp-auth.h"
#include "pb-smtp.h"

static void
assert_encoded (const char *in,
                const char *want)
{
  g_autoptr(GBytes) out = pb_smtp_data_encode (in, strlen (in));
  gsize len;
  const char *data = g_bytes_get_data (out, &len);
  g_autofree char *got = g_strndup (data, len);

  g_assert_cmpstr (got, ==, want);
}

static void
test_data_encoding (void)
{
  assert_encoded ("a\nb", "a\r\nb\r\n.\r\n");
  assert_encoded ("a\r\nb\r\n", "a\r\nb\r\n.\r\n");
  assert_encoded ("a\rb\n\n", "a\r\nb\r\n\r\n.\r\n");
  assert_encoded (".\n..x\nend.\n", "..\r\n...x\r\nend.\r\n.\r\n");
  /* A lone dot line inside the message must not end the DATA early. */
  assert_encoded ("x\r\n.\r\ny", "x\r\n..\r\ny\r\n.\r\n");
  assert_encoded ("", ".\r\n");
  assert_encoded (".", "..\r\n.\r\n");
}

static PbSmtpCapabilities *
caps_with (const char *auth_line)
{
  g_autofree char *data = g_strdup_printf ("250-x\r\n250 %s\r\n", auth_line);
  PbSmtpCapabilities *caps = NULL;

  g_assert_true (pb_smtp_capabilities_parse (data, strlen (data), &caps, NULL));
  return caps;
}

static void
test_mechanism_choice (void)
{
  g_autoptr(PbSmtpCapabilities) all = caps_with ("AUTH LOGIN CRAM-MD5 PLAIN");
  g_autoptr(PbSmtpCapabilities) login = caps_with ("AUTH LOGIN XOAUTH2");
  g_autoptr(PbSmtpCapabilities) oauth = caps_with ("AUTH XOAUTH2 OAUTHBEARER");
  g_autoptr(PbSmtpCapabilities) none = caps_with ("PIPELINING");
  PbProblem hint = PB_PROBLEM_NONE;
  GError *error = NULL;

  g_assert_cmpint (pb_smtp_auth_choose (all, PB_AUTH_PASSWORD_CLEARTEXT, &hint, NULL), ==,
                   PB_SASL_PLAIN);
  g_assert_cmpint (pb_smtp_auth_choose (all, PB_AUTH_PASSWORD_ENCRYPTED, &hint, NULL), ==,
                   PB_SASL_CRAM_MD5);
  g_assert_cmpint (pb_smtp_auth_choose (login, PB_AUTH_PASSWORD_CLEARTEXT, &hint, NULL), ==,
                   PB_SASL_LOGIN);

  g_assert_cmpint (pb_smtp_auth_choose (login, PB_AUTH_PASSWORD_ENCRYPTED, &hint, &error), ==,
                   PB_SASL_NONE);
  g_assert_cmpint (hint, ==, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_cmpint (pb_smtp_auth_choose (oauth, PB_AUTH_PASSWORD_CLEARTEXT, &hint, &error), ==,
                   PB_SASL_NONE);
  g_assert_cmpint (hint, ==, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "OAuth2"));
  g_clear_error (&error);

  /* OAuth2 is recognised, not performed. */
  g_assert_cmpint (pb_smtp_auth_choose (oauth, PB_AUTH_OAUTH2, &hint, NULL), ==, PB_SASL_NONE);
  g_assert_cmpint (hint, ==, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);

  g_assert_cmpint (pb_smtp_auth_choose (none, PB_AUTH_PASSWORD_CLEARTEXT, &hint, &error), ==,
                   PB_SASL_NONE);
  g_assert_cmpint (hint, ==, PB_PROBLEM_AUTH_NOT_OFFERED);
  g_assert_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED);
  g_clear_error (&error);
}

/* The sender's name goes before the From address: quoted, encoded where not ASCII, and
 * without a line break that could add a header. */
static void
test_message_from_name (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 23, 4, 5, 6);
  const struct {
    const char *name;
    const char *from;
  } cases[] = {
    { NULL, "From: <alice@lab.test>\r\n" },
    { "  ", "From: <alice@lab.test>\r\n" },
    { "Alice Example", "From: \"Alice Example\" <alice@lab.test>\r\n" },
    { "Alice \"Al\" Ex\\ample", "From: \"Alice \\\"Al\\\" Ex\\\\ample\" <alice@lab.test>\r\n" },
    { "Jürgen", "From: =?UTF-8?B?SsO8cmdlbg==?= <alice@lab.test>\r\n" },
    { "Eve\r\nBcc: mallory@evil.test", "From: \"EveBcc: mallory@evil.test\" <alice@lab.test>\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *msg = pb_check_build_test_message ("alice@lab.test", cases[i].name,
                                                          "alice@lab.test", "x", TRUE, date, &id);

      g_test_message ("name %s", cases[i].name ? cases[i].name : "(none)");
      g_assert_nonnull (strstr (msg, cases[i].from));
      g_assert_null (strstr (msg, "\r\nBcc:"));
    }
}

static void
test_message (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) date = g_date_time_new (tz, 2026, 11, 23, 4, 5, 6);
  g_autofree char *id = NULL;
  g_autofree char *msg = pb_check_build_test_message ("alice@lab.test", NULL, "bob@lab.test",
                                                      "Server: mail.lab.test:465\n", TRUE, date,
                                                      &id);
  g_autofree char *id_b64 = NULL;
  g_autofree char *b64 = pb_check_build_test_message ("alice@lab.test", NULL, "bob@lab.test", "x",
                                                      FALSE, date, &id_b64);
  const char *body = strstr (msg, "\r\n\r\n");
  g_autofree char *headers = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_str_has_prefix (msg, "Date: Mon, 23 Nov 2026 04:05:06 +0100\r\n"));
  g_assert_true (g_str_has_prefix (id, "<") && g_str_has_suffix (id, "postbote@lab.test>"));
  g_assert_nonnull (strstr (msg, "\r\nMessage-ID: "));
  g_assert_nonnull (strstr (msg, id));
  g_assert_nonnull (strstr (msg, "\r\nFrom: <alice@lab.test>\r\n"));
  g_assert_nonnull (strstr (msg, "\r\nTo: <bob@lab.test>\r\n"));
  g_assert_nonnull (strstr (msg, "\r\nSubject: Postbote test message\r\n"));
  g_assert_nonnull (strstr (msg, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
  g_assert_nonnull (strstr (msg, "\r\nContent-Transfer-Encoding: 8bit\r\n"));
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (body, "Server: mail.lab.test:465\r\n"));
  g_assert_nonnull (strstr (body, "äöü ß € ✉"));
  g_assert_true (g_utf8_validate (msg, -1, NULL));
  /* Headers are 7-bit (a subject that is not ASCII is encoded: /smtp-client/encoded-subject). */
  headers = g_strndup (msg, body - msg);
  g_assert_true (g_str_is_ascii (headers));

  /* Without 8BITMIME the body is base64 and the whole message ASCII. */
  g_assert_nonnull (strstr (b64, "Content-Transfer-Encoding: base64"));
  g_assert_true (g_str_is_ascii (b64));
  g_assert_cmpstr (id, !=, id_b64);
  lines = g_strsplit (b64, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 78);
}

/* Decodes "=?UTF-8?B?...?=" words separated by CRLF SP (a folded header) back to text. */
static char *
decode_encoded_words (const char *header)
{
  g_auto(GStrv) words = g_strsplit (header, "\r\n ", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      g_autofree char *b64 = NULL;
      g_autofree guchar *raw = NULL;
      gsize len;

      /* RFC 2047 2: an encoded-word is at most 75 characters. */
      g_assert_cmpuint (strlen (w), <=, 75);
      g_assert_true (g_str_has_prefix (w, "=?UTF-8?B?") && g_str_has_suffix (w, "?="));
      b64 = g_strndup (w + strlen ("=?UTF-8?B?"), strlen (w) - strlen ("=?UTF-8?B?") - 2);
      raw = g_base64_decode (b64, &len);
      /* Each word holds whole characters. */
      g_assert_true (g_utf8_validate_len ((const char *) raw, len, NULL));
      g_string_append_len (text, (const char *) raw, len);
    }
  return g_string_free (text, FALSE);
}

static void
test_encoded_subject (void)
{
  const char *lengthy = "Prüfnachricht von Postbote: äöü ÄÖÜ ß € ✉, "
                        "damit die Kopfzeile in mehrere Wörter geteilt werden muss";
  g_autofree char *ascii = pb_check_encode_header_text ("Postbote test message");
  g_autofree char *short_text = pb_check_encode_header_text ("Prüfnachricht ✉");
  g_autofree char *folded = pb_check_encode_header_text (lengthy);
  g_autofree char *decoded = NULL;

  g_assert_cmpstr (ascii, ==, "Postbote test message");
  /* Base64 of the UTF-8 bytes, as Python's email.header encodes it. */
  g_assert_cmpstr (short_text, ==, "=?UTF-8?B?UHLDvGZuYWNocmljaHQg4pyJ?=");
  g_assert_true (g_str_is_ascii (folded));
  g_assert_nonnull (strstr (folded, "?=\r\n =?UTF-8?B?"));
  decoded = decode_encoded_words (folded);
  g_assert_cmpstr (decoded, ==, lengthy);
}

static void
test_certificate_flags (void)
{
  g_auto(GStrv) none = pb_certificate_flags_to_strings (0);
  g_auto(GStrv) two = pb_certificate_flags_to_strings (G_TLS_CERTIFICATE_UNKNOWN_CA |
                                                       G_TLS_CERTIFICATE_EXPIRED);

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (two), ==, 2);
  g_assert_cmpstr (two[0], ==, "unknown-ca");
  g_assert_cmpstr (two[1], ==, "expired");
}

/* The engine's error texts reach the German report and JSON: they are translated. */
static void
test_errors_translated (void)
{
  g_autoptr(PbSmtpCapabilities) none = caps_with ("PIPELINING");
  g_autoptr(PbSmtpCapabilities) ntlm = caps_with ("AUTH NTLM");
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) no_auth = NULL;
  g_autoptr(GError) no_mech = NULL;
  g_autoptr(GError) malformed = NULL;
  PbProblem hint = PB_PROBLEM_NONE;
  gsize consumed;

  pb_test_set_language ("de");
  pb_smtp_auth_choose (none, PB_AUTH_PASSWORD_CLEARTEXT, &hint, &no_auth);
  pb_smtp_auth_choose (ntlm, PB_AUTH_PASSWORD_CLEARTEXT, &hint, &no_mech);
  pb_smtp_reply_parse ("hello\r\n", 7, &reply, &consumed, &malformed);
  pb_test_set_language ("en");

  g_assert_cmpstr (no_auth->message, ==, "Der Server bietet keine Anmeldung an");
  /* The diagnosis reads the offered mechanisms from the parentheses at the end. */
  g_assert_cmpstr (no_mech->message, ==,
                   "Kein passendes Anmeldeverfahren für password-cleartext unter den "
                   "angebotenen (NTLM)");
  g_assert_cmpstr (malformed->message, ==, "Fehlerhafte Antwort des Servers: kein Antwortcode");
}

/* A programming error is reported and yields no object, not a half-built one. */
static void
test_check_new_invalid (void)
{
  g_autoptr(PbServerConfig) config = pb_server_config_new (PB_PROTOCOL_SMTP, "mail.lab.test", 465,
                                                           PB_SECURITY_TLS,
                                                           PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  PbCheck *check;

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*address != NULL*");
  check = pb_check_new (config, NULL, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (check);
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*config != NULL*");
  check = pb_check_new (NULL, "alice@lab.test", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (check);
}

int
main (int    argc,
      char **argv)
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/smtp-client/data-encoding", test_data_encoding);
  g_test_add_func ("/smtp-client/encoded-subject", test_encoded_subject);
  g_test_add_func ("/smtp-client/mechanism-choice", test_mechanism_choice);
  g_test_add_func ("/smtp-client/test-message", test_message);
  g_test_add_func ("/smtp-client/test-message-from-name", test_message_from_name);
  g_test_add_func ("/smtp-client/certificate-flags", test_certificate_flags);
  g_test_add_func ("/smtp-client/check-new-invalid", test_check_new_invalid);
  g_test_add_func ("/smtp-client/errors-translated", test_errors_translated);

  return g_test_run ();
}
