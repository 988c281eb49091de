/* test-pop3-auth.c: the POP3 client's login (pb-pop3-auth.c) against a scripted server over
 * a socketpair (pb-test-pop3.h): no password without TLS or consent, USER and PASS redacted,
 * the RFC 2449 and 3206 codes of a refusal, AUTH PLAIN with and without its initial
 * response, CRAM-MD5, and no line break smuggled into USER
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-net-error.h"
#include "pb-pop3.h"
#include "pb-test-pop3.h"
#include "pb-test-util.h"

/* Without TLS and without consent the password stays here, whatever the server offers. */
static void
test_plaintext_refused (void)
{
  static const Step script[] = { GREETING, CAPA_USER };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  pb_pop3_client_authenticate_async (s.client, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2",
                                     NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_POLICY);
  g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_AUTH);
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  g_assert_false (pb_pop3_client_get_auth_sent (s.client));
  g_assert_false (received_starts_with (&s, "USER"));
  g_assert_false (received_starts_with (&s, "PASS"));
  session_clear (&s);

  /* Consent counts only where the security is "none": with STARTTLS chosen, a connection
   * that has not been upgraded never carries a password. */
  {
    g_autoptr(PbConnection) plain = pb_connection_new ("pop.example.test", 110,
                                                       PB_SECURITY_NONE);
    g_autoptr(PbConnection) starttls = pb_connection_new ("pop.example.test", 110,
                                                          PB_SECURITY_STARTTLS);

    g_assert_true (pb_connection_may_send_password (plain, TRUE));
    g_assert_false (pb_connection_may_send_password (plain, FALSE));
    g_assert_false (pb_connection_may_send_password (starttls, TRUE));
  }
}

/* USER and PASS with consent over "none": the password goes, but the transcript shows it as
 * <redacted>, also where the server echoes it; STAT reports the mailbox and QUIT ends. */
static void
test_user_pass_stat_quit (void)
{
  static const Step script[] = {
    GREETING,
    CAPA_USER,
    { "USER alice", "+OK\r\n" },
    { "PASS hunter2", "+OK Logged in as alice (password hunter2)\r\n" },
    { "STAT", "+OK 2 4711\r\n" },
    { "QUIT", "+OK Logging out.\r\n" },
  };
  Session s;
  guint messages = 0;
  guint64 octets = 0;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_USER);
  g_assert_cmpstr (pb_pop3_client_get_auth_mechanism (s.client), ==, "USER");
  g_assert_true (transcript_has (&s, 'C', "USER alice"));
  g_assert_true (transcript_has (&s, 'C', "PASS <redacted>"));
  g_assert_false (transcript_has (&s, 'C', "hunter2"));
  g_assert_false (transcript_has (&s, 'S', "hunter2"));
  g_assert_cmpstr (pb_pop3_client_get_last_reply (s.client)->line, ==,
                   "+OK Logged in as alice (password <redacted>)");

  g_assert_false (pb_pop3_client_get_mailbox (s.client, &messages, &octets));
  pb_pop3_client_stat_async (s.client, NULL, on_done, &s);
  wait_done (&s);
  g_assert_true (s.ok);
  g_assert_true (pb_pop3_client_get_mailbox (s.client, &messages, &octets));
  g_assert_cmpuint (messages, ==, 2);
  g_assert_cmpuint (octets, ==, 4711);

  pb_pop3_client_quit_async (s.client, NULL, on_done, &s);
  wait_done (&s);
  g_assert_no_error (s.error);
  g_assert_cmpuint (s.step, ==, G_N_ELEMENTS (script));
  session_clear (&s);
}

/* RFC 2449 and 3206 codes at the login stay in the failure, each with its own error. */
static void
test_login_codes (void)
{
  static const struct {
    const char  *reply;
    PbPop3Error  error;
    const char  *code;
  } cases[] = {
    { "-ERR [IN-USE] Mailbox is locked by another POP3 session\r\n", PB_POP3_ERROR_IN_USE,
      "IN-USE" },
    { "-ERR [LOGIN-DELAY] Wait 900 seconds between logins\r\n", PB_POP3_ERROR_LOGIN_DELAY,
      "LOGIN-DELAY" },
    { "-ERR [AUTH] Authentication failed.\r\n", PB_POP3_ERROR_AUTH_FAILED, "AUTH" },
    { "-ERR Invalid login\r\n", PB_POP3_ERROR_AUTH_FAILED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Step script[] = { GREETING, CAPA_USER, { "USER", "+OK\r\n" }, { "PASS", cases[i].reply } };
      g_autofree char *text = g_strndup (cases[i].reply, strlen (cases[i].reply) - 2);
      Session s;

      session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
      g_assert_true (run_connect (&s));
      g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
      g_assert_error (s.error, PB_POP3_ERROR, (gint) cases[i].error);
      g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_AUTH);
      g_assert_cmpint (failure (&s)->reply.kind, ==, PB_REPLY_POP3);
      g_assert_cmpstr (pb_failure_get_response_code (failure (&s)), ==, cases[i].code);
      g_assert_cmpstr (failure (&s)->reply.text, ==, text);
      g_assert_true (pb_pop3_client_get_auth_sent (s.client));
      session_clear (&s);
    }
}

/* AUTH PLAIN with its initial response, redacted in the transcript and in the failure when
 * the server quotes it back. */
static void
test_auth_plain_redacted (void)
{
  static const Step script[] = {
    GREETING,
    CAPA_PLAIN,
    { "AUTH PLAIN AGFsaWNlAGh1bnRlcjIy",
      "-ERR [AUTH] Bad credentials AGFsaWNlAGh1bnRlcjIy for hunter22\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter22"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_AUTH_FAILED);
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_SASL_PLAIN);
  g_assert_true (transcript_has (&s, 'C', "AUTH PLAIN <redacted>"));
  g_assert_false (transcript_has (&s, 'C', "AGFsaWNl"));
  g_assert_false (transcript_has (&s, 'S', "AGFsaWNl"));
  g_assert_false (transcript_has (&s, 'S', "hunter22"));
  g_assert_cmpstr (failure (&s)->reply.text, ==,
                   "-ERR [AUTH] Bad credentials <redacted> for <redacted>");
  g_assert_null (strstr (s.error->message, "hunter22"));
  session_clear (&s);
}

/* RFC 5034 4: a command that would pass 255 octets goes without the initial response,
 * which follows the server's empty challenge. */
static void
test_auth_plain_continuation (void)
{
  g_autofree char *user = g_strnfill (200, 'u');
  g_autofree char *response = NULL;
  Step script[] = {
    GREETING,
    CAPA_PLAIN,
    { "AUTH PLAIN", "+ \r\n" },
    { NULL, "+OK Logged in.\r\n" },
  };
  Session s;

  {
    g_autofree char *raw = g_strdup_printf ("%c%s%c%s", 0, user, 0, "hunter2");
    response = g_base64_encode ((const guchar *) raw, 1 + strlen (user) + 1 + 7);
  }
  script[3].command = response;
  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, user, "hunter2"));
  g_assert_cmpstr (s.received->pdata[1], ==, "AUTH PLAIN");
  g_assert_cmpstr (s.received->pdata[2], ==, response);
  g_assert_true (transcript_has (&s, 'C', "<redacted>"));
  g_assert_false (transcript_has (&s, 'C', response));
  session_clear (&s);
}

/* The encrypted password: CRAM-MD5 (RFC 2195's example), never the password itself. */
static void
test_cram_md5 (void)
{
  static const Step script[] = {
    GREETING,
    { "CAPA", "+OK\r\nSASL CRAM-MD5 PLAIN\r\n.\r\n" },
    { "AUTH CRAM-MD5", "+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n" },
    { "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw", "+OK\r\n" },
  };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_true (run_login (&s, PB_AUTH_PASSWORD_ENCRYPTED, "tim", "tanstaaftanstaaf"));
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_SASL_CRAM_MD5);
  g_assert_cmpstr (pb_pop3_client_get_auth_mechanism (s.client), ==, "CRAM-MD5");
  g_assert_false (transcript_has (&s, 'C', "dGltIGI5"));
  g_assert_cmpuint (s.step, ==, G_N_ELEMENTS (script));
  session_clear (&s);
}

/* CRAM-MD5 answered with anything but a challenge: a refusal keeps the server's words, an
 * "+OK" to a login never sent and a challenge that is not base64 are protocol errors. No
 * response goes out. */
static void
test_cram_md5_no_challenge (void)
{
  static const struct {
    const char  *reply;
    PbPop3Error  error;
  } cases[] = {
    { "-ERR Not with CRAM-MD5\r\n", PB_POP3_ERROR_AUTH_FAILED },
    { "+OK Welcome\r\n", PB_POP3_ERROR_PROTOCOL },
    { "+ not*base64!\r\n", PB_POP3_ERROR_PROTOCOL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Step script[] = {
        GREETING,
        { "CAPA", "+OK\r\nSASL CRAM-MD5\r\n.\r\n" },
        { "AUTH CRAM-MD5", cases[i].reply },
      };
      Session s;

      session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
      g_assert_true (run_connect (&s));
      g_assert_false (run_login (&s, PB_AUTH_PASSWORD_ENCRYPTED, "tim", "tanstaaftanstaaf"));
      g_assert_error (s.error, PB_POP3_ERROR, (gint) cases[i].error);
      g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_AUTH);
      if (cases[i].error == PB_POP3_ERROR_PROTOCOL)
        g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
      else
        g_assert_cmpstr (failure (&s)->reply.text, ==, "-ERR Not with CRAM-MD5");
      g_assert_cmpuint (s.received->len, ==, 2);
      session_clear (&s);
    }
}

/* A refusal where the server's "+ " was due (the long AUTH PLAIN, USER): the password
 * never follows. */
static void
test_refused_before_password (void)
{
  g_autofree char *user = g_strnfill (200, 'u');
  Step plain[] = { GREETING, CAPA_PLAIN, { "AUTH PLAIN", "-ERR [AUTH] No PLAIN today\r\n" } };
  Step user_refused[] = { GREETING, CAPA_USER, { "USER", "-ERR [AUTH] Unknown user\r\n" } };
  Session s;

  session_init (&s, PB_SECURITY_NONE, plain, G_N_ELEMENTS (plain));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, user, "hunter2"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_AUTH_FAILED);
  g_assert_cmpstr (failure (&s)->reply.text, ==, "-ERR [AUTH] No PLAIN today");
  g_assert_cmpuint (s.received->len, ==, 2);
  session_clear (&s);

  session_init (&s, PB_SECURITY_NONE, user_refused, G_N_ELEMENTS (user_refused));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_AUTH_FAILED);
  g_assert_false (received_starts_with (&s, "PASS"));
  session_clear (&s);
}

/* A server that offers only what we cannot use: nothing is sent, and the error says what
 * was offered. */
static void
test_not_offered (void)
{
  static const Step script[] = { GREETING, { "CAPA", "+OK\r\nSASL XOAUTH2\r\n.\r\n" } };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_NOT_OFFERED);
  g_assert_nonnull (strstr (s.error->message, "XOAUTH2"));
  g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_assert_false (pb_pop3_client_get_auth_sent (s.client));
  g_assert_cmpuint (s.received->len, ==, 1);
  session_clear (&s);
}

/* A line break in the user name would smuggle a command of its own behind USER. */
static void
test_line_break_refused (void)
{
  static const Step script[] = { GREETING, CAPA_USER };
  Session s;

  session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
  g_assert_true (run_connect (&s));
  g_assert_false (run_login (&s, PB_AUTH_PASSWORD_CLEARTEXT, "alice\r\nDELE 1", "hunter2"));
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_POLICY);
  g_assert_false (received_starts_with (&s, "USER"));
  session_clear (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pop3-client/plaintext-refused", test_plaintext_refused);
  g_test_add_func ("/pop3-client/user-pass-stat-quit", test_user_pass_stat_quit);
  g_test_add_func ("/pop3-client/login-codes", test_login_codes);
  g_test_add_func ("/pop3-client/auth-plain-redacted", test_auth_plain_redacted);
  g_test_add_func ("/pop3-client/auth-plain-continuation", test_auth_plain_continuation);
  g_test_add_func ("/pop3-client/cram-md5", test_cram_md5);
  g_test_add_func ("/pop3-client/line-break-refused", test_line_break_refused);
  g_test_add_func ("/pop3-client/cram-md5-no-challenge", test_cram_md5_no_challenge);
  g_test_add_func ("/pop3-client/refused-before-password", test_refused_before_password);
  g_test_add_func ("/pop3-client/not-offered", test_not_offered);

  return g_test_run ();
}
