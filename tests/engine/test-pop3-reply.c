/* test-pop3-reply.c: POP3 status lines, response codes, multi-line bodies and CAPA
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-test-util.h"
#include "pb-pop3-auth.h"
#include "pb-pop3-capabilities.h"
#include "pb-pop3-reply.h"

static PbPop3Reply *
parse_ok (const char *line)
{
  PbPop3Reply *reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_pop3_reply_parse (line, strlen (line), &reply, &error));
  g_assert_no_error (error);
  return reply;
}

static void
assert_refused (const char *line,
                gsize       len)
{
  PbPop3Reply *reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_pop3_reply_parse (line, len, &reply, &error));
  g_assert_error (error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
  g_assert_null (reply);
}

static void
test_status (void)
{
  g_autoptr(PbPop3Reply) ok = parse_ok ("+OK Dovecot (Debian) ready.");
  g_autoptr(PbPop3Reply) bare = parse_ok ("+OK");
  g_autoptr(PbPop3Reply) err = parse_ok ("-ERR Unknown command.");
  g_autoptr(PbPop3Reply) cont = parse_ok ("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+");
  g_autoptr(PbPop3Reply) empty_cont = parse_ok ("+ ");
  g_autoptr(PbPop3Reply) lone_plus = parse_ok ("+");

  g_assert_cmpint (ok->status, ==, PB_POP3_STATUS_OK);
  g_assert_cmpstr (ok->text, ==, "Dovecot (Debian) ready.");
  g_assert_cmpstr (ok->line, ==, "+OK Dovecot (Debian) ready.");
  g_assert_null (ok->response_code);
  g_assert_cmpint (ok->code, ==, PB_POP3_CODE_NONE);
  g_assert_cmpint (bare->status, ==, PB_POP3_STATUS_OK);
  g_assert_cmpstr (bare->text, ==, "");
  g_assert_cmpint (err->status, ==, PB_POP3_STATUS_ERR);
  g_assert_cmpstr (err->text, ==, "Unknown command.");
  g_assert_cmpint (cont->status, ==, PB_POP3_STATUS_CONTINUE);
  g_assert_cmpstr (cont->text, ==, "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+");
  g_assert_cmpint (empty_cont->status, ==, PB_POP3_STATUS_CONTINUE);
  g_assert_cmpstr (empty_cont->text, ==, "");
  g_assert_cmpint (lone_plus->status, ==, PB_POP3_STATUS_CONTINUE);

  /* What is no status line at all: an SMTP or IMAP greeting, a TLS record, words. */
  assert_refused ("220 mail.example.test ESMTP", 27);
  assert_refused ("* OK IMAP4rev1 ready", 20);
  assert_refused ("\x16\x03\x01", 3);
  assert_refused ("+OKAY", 5);
  assert_refused ("-ERROR", 6);
  assert_refused ("", 0);
  assert_refused ("+OK a\0b", 7);
}

/* RFC 2449 8 and RFC 3206: codes in brackets, hierarchical, kept as sent in upper case. */
static void
test_response_codes (void)
{
  struct {
    const char *line;
    PbPop3Code  code;
    const char *name;
    const char *text;
  } cases[] = {
    { "-ERR [AUTH] Authentication failed.", PB_POP3_CODE_AUTH, "AUTH", "Authentication failed." },
    { "-ERR [SYS/TEMP] Try again later", PB_POP3_CODE_SYS_TEMP, "SYS/TEMP", "Try again later" },
    { "-ERR [SYS/PERM] Mailbox disabled", PB_POP3_CODE_SYS_PERM, "SYS/PERM", "Mailbox disabled" },
    { "-ERR [IN-USE] Mailbox is locked", PB_POP3_CODE_IN_USE, "IN-USE", "Mailbox is locked" },
    { "-ERR [LOGIN-DELAY] Wait 900 s", PB_POP3_CODE_LOGIN_DELAY, "LOGIN-DELAY", "Wait 900 s" },
    { "-ERR [in-use] lower case", PB_POP3_CODE_IN_USE, "IN-USE", "lower case" },
    { "-ERR [SYS/TEMP/QUOTA] deeper", PB_POP3_CODE_SYS_TEMP, "SYS/TEMP/QUOTA", "deeper" },
    { "-ERR [UTF8] unknown", PB_POP3_CODE_OTHER, "UTF8", "unknown" },
    { "-ERR [AUTHX] not AUTH", PB_POP3_CODE_OTHER, "AUTHX", "not AUTH" },
    { "+OK [IN-USE] on a yes", PB_POP3_CODE_IN_USE, "IN-USE", "on a yes" },
    { "-ERR [AUTH]", PB_POP3_CODE_AUTH, "AUTH", "" },
    /* Brackets that are no code stay text. */
    { "-ERR [not a code] text", PB_POP3_CODE_NONE, NULL, "[not a code] text" },
    { "-ERR [] empty", PB_POP3_CODE_NONE, NULL, "[] empty" },
    { "-ERR [SYS//TEMP] empty level", PB_POP3_CODE_NONE, NULL, "[SYS//TEMP] empty level" },
    { "-ERR [AUTH unterminated", PB_POP3_CODE_NONE, NULL, "[AUTH unterminated" },
    { "-ERR [AUTH", PB_POP3_CODE_NONE, NULL, "[AUTH" },
    { "-ERR text [AUTH] later", PB_POP3_CODE_NONE, NULL, "text [AUTH] later" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbPop3Reply) reply = parse_ok (cases[i].line);

      g_test_message ("%s", cases[i].line);
      g_assert_cmpint (reply->code, ==, cases[i].code);
      g_assert_cmpstr (reply->response_code, ==, cases[i].name);
      g_assert_cmpstr (reply->text, ==, cases[i].text);
      g_assert_cmpstr (reply->line, ==, cases[i].line);
    }
}

/* A -ERR becomes an error whose code is what the response code means, quoting the server. */
static void
test_reply_errors (void)
{
  struct {
    const char  *line;
    PbPop3Error  fallback;
    PbPop3Error  want;
  } cases[] = {
    { "-ERR [AUTH] Authentication failed.", PB_POP3_ERROR_REFUSED, PB_POP3_ERROR_AUTH_FAILED },
    { "-ERR [IN-USE] locked", PB_POP3_ERROR_AUTH_FAILED, PB_POP3_ERROR_IN_USE },
    { "-ERR [LOGIN-DELAY] wait", PB_POP3_ERROR_AUTH_FAILED, PB_POP3_ERROR_LOGIN_DELAY },
    { "-ERR [SYS/TEMP] later", PB_POP3_ERROR_AUTH_FAILED, PB_POP3_ERROR_TEMPORARY },
    { "-ERR [SYS/PERM] never", PB_POP3_ERROR_REFUSED, PB_POP3_ERROR_PERMANENT },
    { "-ERR no code", PB_POP3_ERROR_AUTH_FAILED, PB_POP3_ERROR_AUTH_FAILED },
    { "-ERR no code", PB_POP3_ERROR_REFUSED, PB_POP3_ERROR_REFUSED },
    { "-ERR [XYZ] other", PB_POP3_ERROR_REFUSED, PB_POP3_ERROR_REFUSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbPop3Reply) reply = parse_ok (cases[i].line);
      g_autoptr(GError) error = pb_pop3_reply_to_error (reply, cases[i].fallback);

      g_assert_error (error, PB_POP3_ERROR, (gint) cases[i].want);
      g_assert_nonnull (strstr (error->message, cases[i].line));
    }
}

/* Server text may reach a terminal: control characters and invalid UTF-8 become U+FFFD. */
static void
test_clean_text (void)
{
  g_autoptr(PbPop3Reply) reply = parse_ok ("-ERR \x1b[31mred\x1b[0m \xff");

  g_assert_null (strchr (reply->line, '\x1b'));
  g_assert_true (g_utf8_validate (reply->line, -1, NULL));
  g_assert_nonnull (strstr (reply->text, "red"));
}

/* The line cap counts the bytes before the line end. */
static void
test_line_cap (void)
{
  g_autofree char *longest = g_strnfill (PB_POP3_MAX_LINE_LENGTH, 'x');
  g_autofree char *over = g_strnfill (PB_POP3_MAX_LINE_LENGTH + 1, 'x');
  g_autoptr(PbPop3Reply) reply = NULL;

  memcpy (longest, "-ERR ", 5);
  memcpy (over, "-ERR ", 5);
  reply = parse_ok (longest);
  g_assert_cmpuint (strlen (reply->text), ==, PB_POP3_MAX_LINE_LENGTH - 5);
  assert_refused (over, strlen (over));
}

static void
test_unstuff (void)
{
  const char *content = NULL;

  g_assert_false (pb_pop3_multiline_unstuff (".", &content));
  g_assert_true (pb_pop3_multiline_unstuff ("..", &content));
  g_assert_cmpstr (content, ==, ".");
  g_assert_true (pb_pop3_multiline_unstuff ("..STLS", &content));
  g_assert_cmpstr (content, ==, ".STLS");
  g_assert_true (pb_pop3_multiline_unstuff ("STLS", &content));
  g_assert_cmpstr (content, ==, "STLS");
  g_assert_true (pb_pop3_multiline_unstuff ("", &content));
  g_assert_cmpstr (content, ==, "");
}

static PbPop3Capabilities *
capa (const char *data)
{
  PbPop3Capabilities *caps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_pop3_capabilities_parse (data, strlen (data), &caps, &error));
  g_assert_no_error (error);
  return caps;
}

static void
test_capabilities (void)
{
  g_autoptr(PbPop3Capabilities) dovecot = capa (
    "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\n"
    "USER\r\nSASL PLAIN LOGIN\r\n.\r\n");
  g_autoptr(PbPop3Capabilities) rich = capa (
    "+OK Capability list follows\nsasl cram-md5 plain PLAIN xoauth2\nIMPLEMENTATION Example "
    "POP3 \x1b[1m\nLOGIN-DELAY 900\nEXPIRE NEVER\n..dotted\nUTF8 USER\n.\n");
  g_autoptr(PbPop3Capabilities) expire = capa ("+OK\r\nEXPIRE 30 USER\r\nLOGIN-DELAY x\r\n.\r\n");
  g_autoptr(PbPop3Capabilities) none = capa ("-ERR Unknown command: CAPA\r\n");

  g_assert_true (dovecot->announced);
  g_assert_cmpuint (dovecot->flags, ==, PB_POP3_CAP_TOP | PB_POP3_CAP_UIDL |
                    PB_POP3_CAP_RESP_CODES | PB_POP3_CAP_PIPELINING |
                    PB_POP3_CAP_AUTH_RESP_CODE | PB_POP3_CAP_STLS | PB_POP3_CAP_USER |
                    PB_POP3_CAP_SASL);
  g_assert_cmpstrv (dovecot->sasl_mechanisms, ((const char *[]) { "PLAIN", "LOGIN", NULL }));
  g_assert_cmpuint (g_strv_length (dovecot->lines), ==, 9);
  g_assert_null (dovecot->implementation);

  g_assert_cmpstrv (rich->sasl_mechanisms,
                    ((const char *[]) { "CRAM-MD5", "PLAIN", "XOAUTH2", NULL }));
  g_assert_true (rich->flags & PB_POP3_CAP_IMPLEMENTATION);
  g_assert_nonnull (rich->implementation);
  g_assert_true (g_str_has_prefix (rich->implementation, "Example POP3 "));
  g_assert_null (strchr (rich->implementation, '\x1b'));
  g_assert_true (rich->flags & PB_POP3_CAP_LOGIN_DELAY);
  g_assert_cmpuint (rich->login_delay, ==, 900);
  g_assert_true (rich->flags & PB_POP3_CAP_EXPIRE);
  g_assert_cmpint (rich->expire_days, ==, PB_POP3_EXPIRE_NEVER);
  /* A stuffed dot is taken off; "UTF8 USER" is UTF8 with an argument, not USER. */
  g_assert_cmpstr (rich->lines[4], ==, ".dotted");
  g_assert_true (rich->flags & PB_POP3_CAP_UTF8);
  g_assert_false (rich->flags & PB_POP3_CAP_USER);
  g_assert_false (rich->flags & PB_POP3_CAP_STLS);
  g_assert_true (pb_pop3_capabilities_has_mechanism (rich, "CRAM-MD5"));

  g_assert_cmpint (expire->expire_days, ==, 30);
  g_assert_true (expire->flags & PB_POP3_CAP_LOGIN_DELAY);
  g_assert_cmpuint (expire->login_delay, ==, 0);

  g_assert_false (none->announced);
  g_assert_cmpuint (none->flags, ==, 0);
  g_assert_nonnull (none->sasl_mechanisms);
  g_assert_null (none->sasl_mechanisms[0]);
}

static void
assert_capa_refused (const char *data,
                     gsize       len)
{
  PbPop3Capabilities *caps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_pop3_capabilities_parse (data, len, &caps, &error));
  g_assert_error (error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
  g_assert_null (caps);
}

static void
test_capabilities_refused (void)
{
  g_autoptr(GString) many = g_string_new ("+OK\r\n");
  g_autoptr(GString) long_line = g_string_new ("+OK\r\nIMPLEMENTATION ");

  assert_capa_refused ("+OK\r\nSTLS\r\n", 11);                /* no "." */
  assert_capa_refused ("+OK\r\nSTLS", 9);
  assert_capa_refused ("", 0);
  assert_capa_refused ("+ abc\r\n.\r\n", 10);
  assert_capa_refused ("* CAPABILITY IMAP4rev1\r\n", 24);
  assert_capa_refused ("+OK\r\nST\0LS\r\n.\r\n", 15);
  for (guint i = 0; i <= PB_POP3_MAX_MULTILINE_LINES; i++)
    g_string_append (many, "X-CAP\r\n");
  g_string_append (many, ".\r\n");
  assert_capa_refused (many->str, many->len);
  for (guint i = 0; i < PB_POP3_MAX_LINE_LENGTH; i++)
    g_string_append_c (long_line, 'x');
  g_string_append (long_line, "\r\n.\r\n");
  assert_capa_refused (long_line->str, long_line->len);
  /* One byte over, its line end (a bare LF) just within what is scanned. */
  g_string_truncate (long_line, 5);
  for (guint i = 0; i <= PB_POP3_MAX_LINE_LENGTH; i++)
    g_string_append_c (long_line, 'x');
  g_string_append (long_line, "\n.\r\n");
  assert_capa_refused (long_line->str, long_line->len);
  /* Freeing nothing is allowed, as for g_free(). */
  pb_pop3_capabilities_free (NULL);
  pb_pop3_reply_free (NULL);
}

static PbPop3Capabilities *
caps_from (const char *lines)
{
  g_auto(GStrv) split = g_strsplit (lines, "|", -1);

  return pb_pop3_capabilities_new_from_lines ((const char * const *) split,
                                              g_strv_length (split));
}

static void
test_login_choice (void)
{
  g_autoptr(PbPop3Capabilities) plain = caps_from ("USER|SASL PLAIN LOGIN");
  g_autoptr(PbPop3Capabilities) user = caps_from ("USER|SASL LOGIN");
  g_autoptr(PbPop3Capabilities) cram = caps_from ("SASL CRAM-MD5 LOGIN");
  g_autoptr(PbPop3Capabilities) oauth = caps_from ("SASL XOAUTH2 OAUTHBEARER");
  g_autoptr(PbPop3Capabilities) nothing = caps_from ("TOP|UIDL");
  g_autoptr(PbPop3Capabilities) none = pb_pop3_capabilities_new_none ();
  PbProblem hint = PB_PROBLEM_NONE;
  GError *error = NULL;

  g_assert_cmpint (pb_pop3_login_choose (plain, PB_AUTH_PASSWORD_CLEARTEXT, &hint, NULL), ==,
                   PB_POP3_LOGIN_SASL_PLAIN);
  g_assert_cmpint (pb_pop3_login_choose (user, PB_AUTH_PASSWORD_CLEARTEXT, &hint, NULL), ==,
                   PB_POP3_LOGIN_USER);
  g_assert_cmpint (pb_pop3_login_choose (cram, PB_AUTH_PASSWORD_CLEARTEXT, &hint, NULL), ==,
                   PB_POP3_LOGIN_SASL_CRAM_MD5);
  g_assert_cmpint (pb_pop3_login_choose (cram, PB_AUTH_PASSWORD_ENCRYPTED, &hint, NULL), ==,
                   PB_POP3_LOGIN_SASL_CRAM_MD5);
  /* A server without CAPA is an RFC 1939 server: USER is all it has. */
  g_assert_cmpint (pb_pop3_login_choose (none, PB_AUTH_PASSWORD_CLEARTEXT, &hint, NULL), ==,
                   PB_POP3_LOGIN_USER);

  g_assert_cmpint (pb_pop3_login_choose (plain, PB_AUTH_PASSWORD_ENCRYPTED, &hint, &error),
                   ==, PB_POP3_LOGIN_NONE);
  g_assert_error (error, PB_POP3_ERROR, PB_POP3_ERROR_NOT_OFFERED);
  g_assert_cmpint (hint, ==, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "(PLAIN LOGIN USER)"));
  g_clear_error (&error);

  g_assert_cmpint (pb_pop3_login_choose (oauth, PB_AUTH_PASSWORD_CLEARTEXT, &hint, &error),
                   ==, PB_POP3_LOGIN_NONE);
  g_assert_nonnull (strstr (error->message, "OAuth2"));
  g_clear_error (&error);

  g_assert_cmpint (pb_pop3_login_choose (nothing, PB_AUTH_PASSWORD_CLEARTEXT, &hint, &error),
                   ==, PB_POP3_LOGIN_NONE);
  g_assert_cmpint (hint, ==, PB_PROBLEM_AUTH_NOT_OFFERED);
  g_assert_error (error, PB_POP3_ERROR, PB_POP3_ERROR_NOT_OFFERED);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pop3-reply/status", test_status);
  g_test_add_func ("/pop3-reply/response-codes", test_response_codes);
  g_test_add_func ("/pop3-reply/errors", test_reply_errors);
  g_test_add_func ("/pop3-reply/clean-text", test_clean_text);
  g_test_add_func ("/pop3-reply/line-cap", test_line_cap);
  g_test_add_func ("/pop3-reply/unstuff", test_unstuff);
  g_test_add_func ("/pop3-reply/capabilities", test_capabilities);
  g_test_add_func ("/pop3-reply/capabilities-refused", test_capabilities_refused);
  g_test_add_func ("/pop3-reply/login-choice", test_login_choice);

  return g_test_run ();
}
