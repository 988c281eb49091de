/* test-oauth-login-lab.c: the token logins (SMTP AUTH and IMAP AUTHENTICATE with XOAUTH2 or
 * OAUTHBEARER) where they must not or cannot go on
 * Run through the lab: tests/lab/lab-run --tap test-oauth-login-lab --tap
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the lab's scripted servers (tests/lab/SCENARIOS.md): a connection without TLS, a
 * server without a token mechanism, one with XOAUTH2 alone (SMTP: token-early; IMAP:
 * token-document and token-refused, without SASL-IR), a token that cannot be sent. The
 * logins that work, and Dovecot's and Postfix's error documents, are oauth-engine-lab's.
 */
#include "config.h"

#include <string.h>

#include "pb-imap.h"
#include "pb-imap-auth-oauth.h"
#include "pb-smtp-auth-oauth.h"
#include "pb-smtp-connect.h"
#include "pb-test-util.h"
#include "pb-transcript.h"

#define USER  "user@lab.test"
#define TOKEN "ya29.scripted-token"

/* The SMTP client connected to host:port (as the lab's servers allow), the token login
 * tried; the login's result. */
static PbSmtpClient *
smtp_login (const char  *host,
            guint16      port,
            PbSecurity   security,
            const char  *token,
            GError     **error)
{
  PbSmtpClient *client = pb_smtp_client_new (host, port, security);
  g_autoptr(GAsyncResult) connected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) connect_error = NULL;

  pb_smtp_client_set_timeouts (client, pb_test_scaled_ms (5000), pb_test_scaled_ms (20000));
  pb_smtp_client_connect_async (client, NULL, pb_test_store_result, &connected);
  g_assert_true (pb_smtp_client_connect_finish (client, pb_test_wait_result (&connected),
                                                &connect_error));
  g_assert_no_error (connect_error);
  pb_smtp_client_authenticate_token_async (client, USER, token, NULL, pb_test_store_result,
                                           &result);
  g_assert_false (pb_smtp_client_command_finish (client, pb_test_wait_result (&result), error));
  return client;
}

static gboolean
smtp_sent (PbSmtpClient *client,
           const char   *needle)
{
  return pb_test_lines_have (pb_smtp_client_get_transcript (client), 'C', needle);
}

/* Never over a connection without TLS, even where the person allowed passwords in plain
 * text; a server that offers no token mechanism: neither is sent anything. */
static void
test_smtp_not_sent (void)
{
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(GError) offered_error = NULL;
  g_autoptr(PbSmtpClient) plain = NULL;
  g_autoptr(PbSmtpClient) unoffered = NULL;
  g_autoptr(PbSmtpClient) idle = pb_smtp_client_new ("ok.smtp.test", 465, PB_SECURITY_TLS);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) idle_error = NULL;

  plain = smtp_login ("nostarttls.smtp.test", 25, PB_SECURITY_NONE, TOKEN, &plain_error);
  g_assert_error (plain_error, PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY);
  g_assert_cmpstr (plain_error->message, ==, "Refusing to send the token without encryption");
  g_assert_cmpint (pb_smtp_client_get_failure (plain)->problem_hint, ==,
                   PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  g_assert_false (pb_smtp_client_get_auth_sent (plain));
  g_assert_false (smtp_sent (plain, "AUTH"));

  unoffered = smtp_login ("ok.smtp.test", 465, PB_SECURITY_TLS, TOKEN, &offered_error);
  g_assert_error (offered_error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED);
  g_assert_cmpint (pb_smtp_client_get_failure (unoffered)->problem_hint, ==,
                   PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_assert_false (smtp_sent (unoffered, "AUTH"));

  /* Before any connection: the client says so, and nothing happens. */
  pb_smtp_client_authenticate_token_async (idle, USER, TOKEN, NULL, pb_test_store_result,
                                           &result);
  g_assert_false (pb_smtp_client_command_finish (idle, pb_test_wait_result (&result),
                                                 &idle_error));
  g_assert_nonnull (idle_error);
  g_assert_false (pb_smtp_client_get_auth_sent (idle));
}

/* XOAUTH2 where OAUTHBEARER is not offered: a short token goes with the AUTH line, a long
 * one after the server's 334, which this server refuses to send. A token with a control
 * character is not sent at all. */
static void
test_smtp_xoauth2 (void)
{
  g_autoptr(GString) long_token = g_string_new ("ya29.");
  g_autoptr(GError) short_error = NULL;
  g_autoptr(GError) long_error = NULL;
  g_autoptr(GError) bad_error = NULL;
  g_autoptr(PbSmtpClient) with_line = NULL;
  g_autoptr(PbSmtpClient) after = NULL;
  g_autoptr(PbSmtpClient) bad = NULL;

  with_line = smtp_login ("token-early.smtp.test", 465, PB_SECURITY_TLS, TOKEN, &short_error);
  g_assert_error (short_error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY);
  g_assert_cmpstr (pb_smtp_client_get_auth_mechanism (with_line), ==, "XOAUTH2");
  g_assert_cmpint (pb_smtp_client_get_last_reply (with_line)->code, ==, 535);
  g_assert_true (smtp_sent (with_line, "AUTH XOAUTH2 <redacted>"));
  g_assert_false (pb_test_lines_have (pb_smtp_client_get_transcript (with_line), 0, TOKEN));

  while (long_token->len < 600)
    g_string_append_c (long_token, 'x');
  after = smtp_login ("token-early.smtp.test", 465, PB_SECURITY_TLS, long_token->str,
                      &long_error);
  g_assert_nonnull (long_error);
  g_assert_cmpint (pb_smtp_client_get_last_reply (after)->code, ==, 454);
  g_assert_true (smtp_sent (after, "AUTH XOAUTH2"));
  g_assert_false (smtp_sent (after, "<redacted>"));
  g_assert_true (pb_smtp_client_get_auth_sent (after));

  bad = smtp_login ("token-early.smtp.test", 465, PB_SECURITY_TLS, "ya29.\001x", &bad_error);
  g_assert_error (bad_error, PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY);
  g_assert_cmpstr (bad_error->message, ==, "The user name or the token cannot be sent");
  g_assert_false (pb_smtp_client_get_auth_sent (bad));
  g_assert_false (smtp_sent (bad, "AUTH"));
}

static PbImapClient *
imap_login (const char  *host,
            guint16      port,
            PbSecurity   security,
            const char  *token,
            GError     **error)
{
  PbImapClient *client = pb_imap_client_new (host, port, security);
  GAsyncResult *result = NULL;
  g_autoptr(GError) connect_error = NULL;

  pb_imap_client_set_timeouts (client, pb_test_scaled_ms (5000), pb_test_scaled_ms (20000));
  pb_imap_client_connect_async (client, NULL, pb_test_store_result, &result);
  g_assert_true (pb_test_imap_finish (client, &result, &connect_error));
  g_assert_no_error (connect_error);
  pb_imap_client_login_token_async (client, USER, token, NULL, pb_test_store_result, &result);
  g_assert_false (pb_test_imap_finish (client, &result, error));
  return client;
}

static gboolean
imap_sent (PbImapClient *client,
           const char   *needle)
{
  PbConnection *connection = pb_imap_client_get_connection (client);

  return pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (connection)),
                             'C', needle);
}

static PbProblem
imap_hint (PbImapClient *client)
{
  return pb_connection_get_failure (pb_imap_client_get_connection (client))->problem_hint;
}

static void
test_imap_not_sent (void)
{
  g_autoptr(GError) plain_error = NULL;
  g_autoptr(GError) offered_error = NULL;
  g_autoptr(GError) bad_error = NULL;
  g_autoptr(GError) idle_error = NULL;
  g_autoptr(PbImapClient) plain = NULL;
  g_autoptr(PbImapClient) unoffered = NULL;
  g_autoptr(PbImapClient) bad = NULL;
  g_autoptr(PbImapClient) idle = pb_imap_client_new ("ok.incoming.test", 993, PB_SECURITY_TLS);
  GAsyncResult *result = NULL;

  plain = imap_login ("ok.incoming.test", 143, PB_SECURITY_NONE, TOKEN, &plain_error);
  g_assert_error (plain_error, PB_IMAP_ERROR, PB_IMAP_ERROR_POLICY);
  g_assert_cmpstr (plain_error->message, ==, "Refusing to send the token without encryption");
  g_assert_cmpint (imap_hint (plain), ==, PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  g_assert_false (imap_sent (plain, "AUTHENTICATE"));

  unoffered = imap_login ("ok.incoming.test", 993, PB_SECURITY_TLS, TOKEN, &offered_error);
  g_assert_error (offered_error, PB_IMAP_ERROR, PB_IMAP_ERROR_NOT_OFFERED);
  g_assert_cmpint (imap_hint (unoffered), ==, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  g_assert_false (imap_sent (unoffered, "AUTHENTICATE"));

  bad = imap_login ("token-document.incoming.test", 993, PB_SECURITY_TLS, "ya29.\001x",
                    &bad_error);
  g_assert_error (bad_error, PB_IMAP_ERROR, PB_IMAP_ERROR_POLICY);
  g_assert_cmpstr (bad_error->message, ==, "The user name or the token cannot be sent");
  g_assert_false (imap_sent (bad, "AUTHENTICATE"));

  pb_imap_client_login_token_async (idle, USER, TOKEN, NULL, pb_test_store_result, &result);
  g_assert_false (pb_test_imap_finish (idle, &result, &idle_error));
  g_assert_nonnull (idle_error);
}

/* Without SASL-IR: AUTHENTICATE alone, the token after the empty continuation; the
 * server's error document is read and answered, the token never shown. A server that
 * refuses before the continuation gets no token. */
static void
test_imap_xoauth2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused_error = NULL;
  g_autoptr(PbImapClient) client = NULL;
  g_autoptr(PbImapClient) refused = NULL;
  const PbSaslOAuthError *document;

  client = imap_login ("token-document.incoming.test", 993, PB_SECURITY_TLS, TOKEN, &error);
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_AUTH_FAILED);
  g_assert_cmpstr (pb_imap_client_get_auth_mechanism (client), ==, "XOAUTH2");
  g_assert_true (imap_sent (client, "AUTHENTICATE XOAUTH2"));
  g_assert_false (imap_sent (client, "AUTHENTICATE XOAUTH2 "));
  g_assert_true (imap_sent (client, "<redacted>"));
  g_assert_false (pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (
    pb_imap_client_get_connection (client))), 0, TOKEN));
  document = pb_imap_client_get_oauth_error (client);
  g_assert_nonnull (document);
  g_assert_cmpint (document->status, ==, PB_SASL_OAUTH_INVALID_TOKEN);
  g_assert_cmpstr (document->scope, ==, "https://mail.google.com/");

  refused = imap_login ("token-refused.incoming.test", 993, PB_SECURITY_TLS, TOKEN,
                        &refused_error);
  g_assert_nonnull (refused_error);
  g_assert_true (imap_sent (refused, "AUTHENTICATE XOAUTH2"));
  g_assert_false (imap_sent (refused, "<redacted>"));
  g_assert_null (pb_imap_client_get_oauth_error (refused));
}

int
main (int    argc,
      char **argv)
{
  if (!pb_test_lab_init (&argc, &argv))
    return 0;
  g_test_add_func ("/oauth-login-lab/smtp-not-sent", test_smtp_not_sent);
  g_test_add_func ("/oauth-login-lab/smtp-xoauth2", test_smtp_xoauth2);
  g_test_add_func ("/oauth-login-lab/imap-not-sent", test_imap_not_sent);
  g_test_add_func ("/oauth-login-lab/imap-xoauth2", test_imap_xoauth2);
  return g_test_run ();
}
