/* test-oauth-token.c: the authorization URL and the token endpoint's answers
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange itself runs against the lab's real authorization server.
 */
#include <string.h>

#include "pb-credentials.h"
#include "pb-oauth-device.h"
#include "pb-oauth-token.h"
#include "pb-test-util.h"

#define NOW 1765000000

static PbOAuthTokens *
parse (const char  *json,
       GError     **error)
{
  return pb_oauth_tokens_parse (json, strlen (json), NOW, error);
}

/* RFC 6749 5.1's example answer. */
static void
test_tokens (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthTokens) t = parse (
    "{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"example\","
    "\"expires_in\":3600,\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\"}", &error);
  g_autoptr(PbOAuthTokens) bearer = NULL;
  g_autoptr(PbOAuthTokens) bare = NULL;

  /* Only bearer tokens go into SASL. */
  g_assert_null (t);
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_clear_error (&error);

  bearer = parse ("{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"bearer\","
                  "\"expires_in\":3600,\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\","
                  "\"scope\":\"https://mail.google.com/\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bearer->access_token, ==, "2YotnFZFEjr1zCsicMWpAA");
  g_assert_cmpstr (bearer->refresh_token, ==, "tGzv3JOkF0XG5Qx2TlKWIA");
  g_assert_cmpint (bearer->expires_at, ==, NOW + 3600);
  g_assert_cmpstr (bearer->scope, ==, "https://mail.google.com/");

  bare = parse ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}",
                &error);
  g_assert_no_error (error);
  g_assert_null (bare->refresh_token);
  g_assert_cmpint (bare->expires_at, ==, 0);
  g_assert_null (bare->scope);
}

/* RFC 6749 5.2: the server's refusal, in its words; invalid_grant on its own. */
static void
test_refusals (void)
{
  g_autoptr(GError) grant = NULL;
  g_autoptr(GError) client = NULL;
  g_autoptr(GError) junk = NULL;
  g_autoptr(GError) array = NULL;
  g_autoptr(GError) empty = NULL;

  g_assert_null (parse ("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been "
                        "expired or revoked.\"}", &grant));
  g_assert_error (grant, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (grant->message, ==, "invalid_grant: Token has been expired or revoked.");
  g_assert_null (parse ("{\"error\":\"unauthorized_client\",\"error_description\":\"AADSTS700016:"
                        " \\u0007bell\"}", &client));
  g_assert_error (client, PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED);
  /* No control character of the server's reaches a message. */
  g_assert_cmpstr (client->message, ==, "unauthorized_client: AADSTS700016: ?bell");
  g_assert_null (parse ("<html>502 Bad Gateway</html>", &junk));
  g_assert_error (junk, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_null (pb_oauth_tokens_parse (NULL, 0, NOW, &empty));
  g_assert_error (empty, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_null (parse ("[1,2]", &array));
  g_assert_error (array, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
}

static void
test_authorization_url (void)
{
  g_autofree char *url = pb_oauth_authorization_url (
    "https://login.example.com/authorize", "client 1", "http://127.0.0.1:43121/",
    "https://mail.google.com/ offline_access", "st&ate", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    "alice@example.com");
  g_autofree char *with_query = pb_oauth_authorization_url (
    "https://login.example.com/o/authorize?tenant=x", "c", "http://127.0.0.1:1/", "mail", "s",
    "ch", NULL);

  g_assert_cmpstr (url, ==, "https://login.example.com/authorize?response_type=code"
                            "&client_id=client%201&redirect_uri=http%3A%2F%2F127.0.0.1%3A43121%2F"
                            "&scope=https%3A%2F%2Fmail.google.com%2F%20offline_access"
                            "&state=st%26ate&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                            "&code_challenge_method=S256&login_hint=alice%40example.com");
  g_assert_true (g_str_has_prefix (with_query, "https://login.example.com/o/authorize?tenant=x"
                                               "&response_type=code&"));
  g_assert_null (strstr (with_query, "login_hint"));
  g_assert_null (pb_oauth_authorization_url ("http://login.example.com/authorize", "c", "r",
                                             "s", "s", "c", NULL));
  g_assert_null (pb_oauth_authorization_url ("https://login.example.com/a#frag", "c", "r",
                                             "s", "s", "c", NULL));
  g_assert_null (pb_oauth_authorization_url ("not a url", "c", "r", "s", "s", "c", NULL));
}

/* The token endpoint only over https: nothing is sent to an http one. */
static void
test_refuses_http (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const PbOAuthClient client = { .issuer = (char *) "i", .client_id = (char *) "c" };

  pb_oauth_token_refresh_async (session, "http://127.0.0.1:9/token", &client, "r", NULL,
                                pb_test_store_result, &result);
  g_assert_null (pb_oauth_token_finish (pb_test_wait_result (&result), &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
}

/* A device authorization response (RFC 8628 3.2), and what is not one. */
static void
test_device_grant (void)
{
  const char *good = "{\"device_code\": \"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS\", "
                     "\"user_code\": \"WDJB-MJHT\", \"verification_uri\": "
                     "\"https://example.com/device\", \"verification_uri_complete\": "
                     "\"https://example.com/device?user_code=WDJB-MJHT\", \"expires_in\": "
                     "1800, \"interval\": 5}";
  const char *bad[] = {
    "",
    "[]",
    "{\"user_code\": \"A\", \"verification_uri\": \"https://e.com/d\", \"expires_in\": 9}",
    "{\"device_code\": \"d\", \"verification_uri\": \"https://e.com/d\", \"expires_in\": 9}",
    "{\"device_code\": \"d\", \"user_code\": \"A\", \"verification_uri\": "
    "\"http://e.com/d\", \"expires_in\": 9}",
    "{\"device_code\": \"d\", \"user_code\": \"A\", \"verification_uri\": "
    "\"https://e.com/d\"}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthDeviceGrant) grant = pb_oauth_device_grant_parse (good, strlen (good),
                                                                     &error);
  g_autoptr(PbOAuthDeviceGrant) no_interval = NULL;
  const char *refused = "{\"error\": \"unauthorized_client\"}";
  const char *minimal = "{\"device_code\": \"d\", \"user_code\": \"A\", "
                        "\"verification_uri\": \"https://e.com/d\", \"expires_in\": 9, "
                        "\"verification_uri_complete\": \"http://e.com/d?c=A\"}";

  g_assert_no_error (error);
  g_assert_cmpstr (grant->user_code, ==, "WDJB-MJHT");
  g_assert_cmpstr (grant->verification_uri, ==, "https://example.com/device");
  g_assert_cmpstr (grant->verification_uri_complete, ==,
                   "https://example.com/device?user_code=WDJB-MJHT");
  g_assert_cmpuint (grant->expires_in, ==, 1800);
  g_assert_cmpuint (grant->interval, ==, 5);
  /* No interval: RFC 8628's five seconds; a complete URI that is not https is dropped. */
  no_interval = pb_oauth_device_grant_parse (minimal, strlen (minimal), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (no_interval->interval, ==, PB_OAUTH_DEVICE_DEFAULT_INTERVAL_S);
  g_assert_null (no_interval->verification_uri_complete);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (pb_oauth_device_grant_parse (bad[i], strlen (bad[i]), &error));
      g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
      g_clear_error (&error);
    }
  g_assert_null (pb_oauth_device_grant_parse (refused, strlen (refused), &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED);
}

/* A device grant's poll answers (RFC 8628 3.5) are told apart. */
static void
test_device_poll_answers (void)
{
  static const struct { const char *json; int code; } answers[] = {
    { "{\"error\": \"authorization_pending\"}", PB_OAUTH_ERROR_PENDING },
    { "{\"error\": \"slow_down\"}", PB_OAUTH_ERROR_SLOW_DOWN },
    { "{\"error\": \"expired_token\"}", PB_OAUTH_ERROR_TIMED_OUT },
    { "{\"error\": \"access_denied\"}", PB_OAUTH_ERROR_DENIED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (pb_oauth_tokens_parse (answers[i].json, strlen (answers[i].json), 0,
                                            &error));
      g_assert_error (error, PB_OAUTH_ERROR, answers[i].code);
    }
}

/* What a failed sign-in means for the person: a problem id of its own for each error. */
static void
test_error_problems (void)
{
  static const struct { GQuark (*domain) (void); int code; PbProblem problem; } cases[] = {
    { pb_oauth_error_quark, PB_OAUTH_ERROR_DENIED, PB_PROBLEM_OAUTH_DENIED },
    { pb_oauth_error_quark, PB_OAUTH_ERROR_INVALID_GRANT, PB_PROBLEM_OAUTH_SIGN_IN_EXPIRED },
    { pb_oauth_error_quark, PB_OAUTH_ERROR_TIMED_OUT, PB_PROBLEM_OAUTH_TIMED_OUT },
    { pb_oauth_error_quark, PB_OAUTH_ERROR_NO_CLIENT, PB_PROBLEM_OAUTH_NO_CLIENT },
    { pb_oauth_error_quark, PB_OAUTH_ERROR_NO_DEVICE, PB_PROBLEM_OAUTH_NO_DEVICE },
    { pb_oauth_error_quark, PB_OAUTH_ERROR_PROTOCOL, PB_PROBLEM_OAUTH_SIGN_IN_FAILED },
    { g_io_error_quark, G_IO_ERROR_CANCELLED, PB_PROBLEM_CANCELLED },
    { g_io_error_quark, G_IO_ERROR_HOST_NOT_FOUND, PB_PROBLEM_OAUTH_SIGN_IN_FAILED },
    { g_tls_error_quark, G_TLS_ERROR_BAD_CERTIFICATE, PB_PROBLEM_OAUTH_SIGN_IN_FAILED },
    { pb_credentials_error_quark, PB_CREDENTIALS_ERROR_LOCKED, PB_PROBLEM_KEYRING_LOCKED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain (), cases[i].code, "x");
      PbProblem problem = pb_oauth_error_to_problem (error);

      g_assert_cmpstr (pb_problem_to_string (problem), ==,
                       pb_problem_to_string (cases[i].problem));
      g_assert_true (pb_oauth_problem_is_sign_in (problem) ==
                     g_str_has_prefix (pb_problem_to_string (problem), "oauth-"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-token/tokens", test_tokens);
  g_test_add_func ("/oauth-token/refusals", test_refusals);
  g_test_add_func ("/oauth-token/authorization-url", test_authorization_url);
  g_test_add_func ("/oauth-token/refuses-http", test_refuses_http);
  g_test_add_func ("/oauth-token/error-problems", test_error_problems);
  g_test_add_func ("/oauth-token/device-grant", test_device_grant);
  g_test_add_func ("/oauth-token/device-poll-answers", test_device_poll_answers);
  return g_test_run ();
}
