/* test-oauth-lab.c: the whole OAuth 2.0 sign-in against the lab's real authorization server,
 * and the IMAP token login against the real Dovecot
 * Run through the lab: tests/lab/lab-run --tap test-oauth-lab --tap
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * glewlwyd at https://auth.lab.test (tests/lab/README.md, "OAuth 2.0"): PbOAuthLoopback
 * listens on one of the client's registered ports, tests/lab/oauth_browser.py plays the
 * person at the real login page and follows the redirect, the code is exchanged with the
 * PKCE verifier over libsoup, and Dovecot takes the access token (introspected at glewlwyd)
 * with OAUTHBEARER, and so does Postfix on 465 (through Dovecot's SASL). A refreshed token
 * works too; a token Dovecot does not know is refused with its error document, and no
 * token reaches a transcript.
 */
#include "config.h"

#include <string.h>

#include "pb-imap.h"
#include "pb-imap-auth-oauth.h"
#include "pb-smtp-auth-oauth.h"
#include "pb-smtp-connect.h"
#include "pb-oauth-sign-in.h"
#include "pb-test-util.h"
#include "pb-transcript.h"

#define USER      "alice@lab.test"
#define CLIENT    "postbote-lab"
#define AUTH_URL  "https://auth.lab.test/api/oidc/auth"
#define TOKEN_URL "https://auth.lab.test/api/oidc/token"

static const guint16 ports[] = { 47100, 47101, 47102, 47103, 47104, 47105, 47106, 47107,
                                 47108, 47109 };

static const PbOAuthClient lab_client = {
  .issuer = (char *) "auth.lab.test", .client_id = (char *) CLIENT,
  .ports = (guint16 *) ports, .n_ports = G_N_ELEMENTS (ports),
};

static PbOAuthIssuer *
lab_issuer (void)
{
  return pb_oauth_issuer_new ("auth.lab.test", "mail", AUTH_URL, TOKEN_URL);
}

/* The person in the browser: tests/lab/oauth_browser.py open URL, started when the sign-in
 * asks for the URL to be opened. */
static void
on_open_uri (PbOAuthSignIn *sign_in,
             const char    *url,
             GSubprocess  **browser)
{
  g_autofree char *helper = g_build_filename (g_getenv ("PB_LAB_SRCDIR"), "oauth_browser.py",
                                              NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (*browser);
  g_assert_true (g_str_has_prefix (url, AUTH_URL "?"));
  g_assert_nonnull (strstr (url, "code_challenge_method=S256"));
  g_assert_cmpint (pb_oauth_sign_in_get_stage (sign_in), ==, PB_OAUTH_SIGN_IN_STAGE_BROWSER);
  *browser = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "python3", helper,
                               "open", url, NULL);
  g_assert_no_error (error);
}

/* The whole sign-in through PbOAuthSignIn, with no saved token to use. */
static PbOAuthTokens *
sign_in (void)
{
  g_autoptr(PbOAuthIssuer) issuer = lab_issuer ();
  g_autoptr(PbOAuthSignIn) sign_in = pb_oauth_sign_in_new (issuer, &lab_client, USER);
  g_autoptr(GSubprocess) browser = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PbOAuthTokens *tokens;

  pb_oauth_sign_in_set_use_saved (sign_in, FALSE);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), &browser);
  pb_oauth_sign_in_run_async (sign_in, NULL, pb_test_store_result, &result);
  tokens = pb_oauth_sign_in_run_finish (sign_in, pb_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (browser);
  g_assert_true (g_subprocess_wait (browser, NULL, NULL));
  g_assert_cmpint (pb_oauth_sign_in_get_stage (sign_in), ==, PB_OAUTH_SIGN_IN_STAGE_DONE);
  g_assert_false (pb_oauth_sign_in_used_saved (sign_in));
  g_assert_nonnull (tokens->access_token);
  g_assert_nonnull (tokens->refresh_token);
  g_assert_cmpint (tokens->expires_at, >, g_get_real_time () / G_USEC_PER_SEC);
  return tokens;
}

static void
count_open (PbOAuthSignIn *sign_in,
            const char    *url,
            guint         *opened)
{
  (*opened)++;
}

/* Nobody comes back from the browser: the sign-in ends at its timeout. */
static void
test_browser_timeout (void)
{
  g_autoptr(PbOAuthIssuer) issuer = lab_issuer ();
  g_autoptr(PbOAuthSignIn) sign_in = pb_oauth_sign_in_new (issuer, &lab_client, USER);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint opened = 0;

  pb_oauth_sign_in_set_use_saved (sign_in, FALSE);
  pb_oauth_sign_in_set_timeout (sign_in, 300);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (count_open), &opened);
  pb_oauth_sign_in_run_async (sign_in, NULL, pb_test_store_result, &result);
  g_assert_null (pb_oauth_sign_in_run_finish (sign_in, pb_test_wait_result (&result), &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_TIMED_OUT);
  g_assert_cmpuint (opened, ==, 1);
}

/* Logs in to the lab's Dovecot on 993 with the token; the client, for a look at it. */
static PbImapClient *
imap_login (const char  *token,
            GError     **error)
{
  PbImapClient *client = pb_imap_client_new ("imap.lab.test", 993, PB_SECURITY_TLS);
  GAsyncResult *result = NULL;

  pb_imap_client_set_timeouts (client, 5000, 20000);
  pb_imap_client_connect_async (client, NULL, pb_test_store_result, &result);
  g_assert_true (pb_test_imap_finish (client, &result, NULL));
  pb_imap_client_login_token_async (client, USER, token, NULL, pb_test_store_result, &result);
  pb_test_imap_finish (client, &result, error);
  return client;
}

static void
assert_no_token (PbImapClient *client,
                 const char   *token)
{
  PbTranscript *transcript = pb_connection_get_transcript (pb_imap_client_get_connection (client));

  g_assert_false (pb_test_lines_have (pb_transcript_get_lines (transcript), 0, token));
  g_assert_true (pb_test_lines_have (pb_transcript_get_lines (transcript), 'C', "<redacted>"));
}

/* Logs in to the lab's Postfix on 465 with the token. */
static PbSmtpClient *
smtp_login (const char  *token,
            GError     **error)
{
  PbSmtpClient *client = pb_smtp_client_new ("mail.lab.test", 465, PB_SECURITY_TLS);
  g_autoptr(GAsyncResult) connected = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pb_smtp_client_set_timeouts (client, 5000, 20000);
  pb_smtp_client_connect_async (client, NULL, pb_test_store_result, &connected);
  g_assert_true (pb_smtp_client_connect_finish (client, pb_test_wait_result (&connected), NULL));
  pb_smtp_client_authenticate_token_async (client, USER, token, NULL, pb_test_store_result,
                                           &result);
  pb_smtp_client_command_finish (client, pb_test_wait_result (&result), error);
  return client;
}

static void
test_sign_in_imap_smtp (void)
{
  g_autoptr(PbOAuthTokens) tokens = sign_in ();
  g_autoptr(PbOAuthTokens) refreshed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(PbImapClient) first = NULL;
  g_autoptr(PbImapClient) second = NULL;
  g_autoptr(PbSmtpClient) smtp = NULL;
  g_autoptr(GError) error = NULL;

  first = imap_login (tokens->access_token, &error);
  g_assert_no_error (error);
  g_assert_null (pb_imap_client_get_oauth_error (first));
  assert_no_token (first, tokens->access_token);

  smtp = smtp_login (tokens->access_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_smtp_client_get_auth_mechanism (smtp), ==, "OAUTHBEARER");
  /* glewlwyd's JWT makes the AUTH line longer than RFC 4954's 512 octets: the response
   * went after the empty 334, on a line of its own. */
  g_assert_cmpuint (strlen (tokens->access_token), >, 400);
  g_assert_true (pb_test_lines_have (pb_smtp_client_get_transcript (smtp), 'C',
                                     "AUTH OAUTHBEARER"));
  g_assert_false (pb_test_lines_have (pb_smtp_client_get_transcript (smtp), 'C',
                                      "AUTH OAUTHBEARER <redacted>"));
  g_assert_false (pb_test_lines_have (pb_smtp_client_get_transcript (smtp), 0,
                                      tokens->access_token));

  pb_oauth_token_refresh_async (session, TOKEN_URL, &lab_client, tokens->refresh_token, NULL,
                                pb_test_store_result, &result);
  refreshed = pb_oauth_token_finish (pb_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (refreshed->access_token, !=, tokens->access_token);
  second = imap_login (refreshed->access_token, &error);
  g_assert_no_error (error);
}

/* A token nobody issued: refused, with the server's error document read and answered. */
static void
test_unknown_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbImapClient) client = imap_login ("eyJub3QiOiJhIHRva2VuIn0.forged", &error);
  const PbSaslOAuthError *refusal = pb_imap_client_get_oauth_error (client);

  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_AUTH_FAILED);
  g_assert_nonnull (refusal);
  g_assert_cmpint (refusal->status, ==, PB_SASL_OAUTH_INVALID_TOKEN);
  assert_no_token (client, "eyJub3QiOiJhIHRva2VuIn0.forged");
}

/* The same forged token at Postfix: 535, with the document answered. */
static void
test_unknown_token_smtp (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSmtpClient) client = smtp_login ("eyJub3QiOiJhIHRva2VuIn0.forged", &error);
  const PbSaslOAuthError *refusal = pb_smtp_client_get_oauth_error (client);

  g_assert_nonnull (error);
  g_assert_cmpint (pb_smtp_client_get_last_reply (client)->code, ==, 535);
  g_assert_nonnull (refusal);
  g_assert_cmpint (refusal->status, ==, PB_SASL_OAUTH_INVALID_TOKEN);
  g_assert_false (pb_test_lines_have (pb_smtp_client_get_transcript (client), 0,
                                      "eyJub3QiOiJhIHRva2VuIn0.forged"));
}

/* A refresh token the server never gave: glewlwyd answers 400 with an empty body (not
 * RFC 6749 5.2's JSON, tests/lab/README.md): no tokens, and the grant counts as refused,
 * so that a sign-in goes to the browser again. */
static void
test_unknown_refresh (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_oauth_token_refresh_async (session, TOKEN_URL, &lab_client, "not-a-refresh-token", NULL,
                                pb_test_store_result, &result);
  g_assert_null (pb_oauth_token_finish (pb_test_wait_result (&result), &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT);
}

int
main (int    argc,
      char **argv)
{
  if (!pb_test_lab_init (&argc, &argv))
    return 0;
  g_test_add_func ("/oauth-lab/sign-in-imap-smtp", test_sign_in_imap_smtp);
  g_test_add_func ("/oauth-lab/unknown-token", test_unknown_token);
  g_test_add_func ("/oauth-lab/unknown-token-smtp", test_unknown_token_smtp);
  g_test_add_func ("/oauth-lab/unknown-refresh", test_unknown_refresh);
  g_test_add_func ("/oauth-lab/browser-timeout", test_browser_timeout);
  return g_test_run ();
}
