/* test-oauth-http.c: the answers of a sign-in server that glewlwyd will not give: the
 * reader's limits, the token endpoint's odd statuses, the device grant's polling
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a server inside the test over real TLS (pb-test-https.h); the lab's glewlwyd
 * does the flows as they should go (oauth-engine-lab, oauth-cli-lab).
 */
#include <string.h>

#include "pb-oauth-device.h"
#include "pb-oauth-error.h"
#include "pb-oauth-http.h"
#include "pb-oauth-token.h"
#include "pb-test-https.h"
#include "pb-test-util.h"

#define TOKENS "{\"access_token\": \"at\", \"token_type\": \"Bearer\", \"expires_in\": 300}"
/* A port on 127.0.0.1 where nothing listens. */
#define REFUSED "https://127.0.0.1:1/token"

static const PbOAuthClient client = {
  .issuer = (char *) "127.0.0.1", .client_id = (char *) "postbote-test",
};

/* A refresh at path of the server (or at url, when not NULL): its tokens, or NULL and the
 * error. */
static PbOAuthTokens *
refresh (PbTestHttps  *https,
         const char   *path,
         GError      **error)
{
  g_autoptr(SoupSession) session = pb_test_https_session (https);
  g_autofree char *url = pb_test_https_url (https, path);
  g_autoptr(GAsyncResult) result = NULL;

  pb_oauth_token_refresh_async (session, url, &client, "rt", NULL, pb_test_store_result,
                                &result);
  return pb_oauth_token_finish (pb_test_wait_result (&result), error);
}

/* RFC 6749 5.1 and 5.2: tokens come with 200, refusals with 400 or 401; anything else, or
 * tokens with a refusal's status, is no answer to trust. */
static void
test_token_status (void)
{
  g_autoptr(PbTestHttps) https = pb_test_https_new ();
  g_autoptr(PbOAuthTokens) good = NULL;
  g_autoptr(GError) gateway = NULL;
  g_autoptr(GError) unauthorized = NULL;
  g_autoptr(GError) junk = NULL;

  if (https == NULL)
    return;
  pb_test_https_answer (https, "502", 502, "{\"error\": \"invalid_grant\"}");
  g_assert_null (refresh (https, "502", &gateway));
  g_assert_error (gateway, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_true (g_str_has_suffix (gateway->message, "(HTTP 502)"));

  pb_test_https_answer (https, "401", 401, TOKENS);
  g_assert_null (refresh (https, "401", &unauthorized));
  g_assert_error (unauthorized, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_true (g_str_has_suffix (unauthorized->message, "(HTTP 401)"));

  pb_test_https_answer (https, "junk", 200, "<html>Sign in</html>");
  g_assert_null (refresh (https, "junk", &junk));
  g_assert_error (junk, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);

  /* The form went there, and a refresh without a new refresh token keeps the old one. */
  pb_test_https_answer (https, "token", 200, TOKENS);
  good = refresh (https, "token", NULL);
  g_assert_cmpstr (good->access_token, ==, "at");
  g_assert_cmpstr (good->refresh_token, ==, "rt");
  g_assert_nonnull (strstr (pb_test_https_last_body (https, "token"),
                            "grant_type=refresh_token"));
}

/* The reader's cap, a body cut off, no server, no https: each an error, never tokens. */
static void
test_reader (void)
{
  g_autoptr(PbTestHttps) https = pb_test_https_new ();
  g_autoptr(GString) big = g_string_new ("{\"access_token\": \"");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) plain = soup_message_new (SOUP_METHOD_GET, "http://127.0.0.1:1/x");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused_result = NULL;
  g_autoptr(GError) large = NULL;
  g_autoptr(GError) cut = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(GError) not_https = NULL;

  if (https == NULL)
    return;
  while (big->len <= PB_OAUTH_MAX_TOKEN_RESPONSE)
    g_string_append_c (big, 'x');
  g_string_append (big, "\", \"token_type\": \"Bearer\"}");
  pb_test_https_answer (https, "large", 200, big->str);
  g_assert_null (refresh (https, "large", &large));
  g_assert_error (large, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_cmpstr (large->message, ==, "The sign-in server’s answer is too large");

  pb_test_https_answer (https, "cut", PB_TEST_HTTPS_CUT, NULL);
  g_assert_null (refresh (https, "cut", &cut));
  g_assert_nonnull (cut);
  g_assert_false (cut->domain == PB_OAUTH_ERROR);

  pb_oauth_token_refresh_async (session, REFUSED, &client, "rt", NULL, pb_test_store_result,
                                &refused_result);
  g_assert_null (pb_oauth_token_finish (pb_test_wait_result (&refused_result), &refused));
  g_assert_error (refused, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  pb_oauth_http_send_async (session, plain, 100, NULL, pb_test_store_result, &result);
  g_assert_null (pb_oauth_http_send_finish (pb_test_wait_result (&result), &not_https));
  g_assert_error (not_https, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_cmpstr (not_https->message, ==,
                   "The sign-in server’s address is not an https address");
}

#define GRANT "{\"device_code\": \"dc\", \"user_code\": \"WDJB-MJHT\", " \
              "\"verification_uri\": \"https://example.com/device\", \"expires_in\": 600, " \
              "\"interval\": 1}"

static PbOAuthDeviceGrant *
authorize (PbTestHttps         *https,
           const char          *url,
           const PbOAuthClient *with,
           GError             **error)
{
  g_autoptr(SoupSession) session = pb_test_https_session (https);
  g_autoptr(GAsyncResult) result = NULL;

  pb_oauth_device_authorize_async (session, url, with, "mail", NULL, pb_test_store_result,
                                   &result);
  return pb_oauth_device_authorize_finish (pb_test_wait_result (&result), error);
}

/* RFC 8628 3.2: a code comes with 200 only, a refusal in the server's words; a client with
 * a secret sends it along. */
static void
test_device_authorize (void)
{
  g_autoptr(PbTestHttps) https = pb_test_https_new ();
  g_autofree char *url = NULL;
  g_autofree char *refused_url = NULL;
  g_autofree char *odd_url = NULL;
  PbOAuthClient confidential = client;
  g_autoptr(PbOAuthDeviceGrant) grant = NULL;
  g_autoptr(GError) not_https = NULL;
  g_autoptr(GError) denied = NULL;
  g_autoptr(GError) odd = NULL;
  g_autoptr(GError) none = NULL;

  if (https == NULL)
    return;
  url = pb_test_https_url (https, "device");
  refused_url = pb_test_https_url (https, "refused");
  odd_url = pb_test_https_url (https, "odd");
  confidential.client_secret = (char *) "s3cret";
  pb_test_https_answer (https, "device", 200, GRANT);
  grant = authorize (https, url, &confidential, NULL);
  g_assert_cmpstr (grant->user_code, ==, "WDJB-MJHT");
  g_assert_cmpuint (grant->interval, ==, 1);
  g_assert_nonnull (strstr (pb_test_https_last_body (https, "device"), "client_secret=s3cret"));

  g_assert_null (authorize (https, "http://127.0.0.1:1/device", &client, &not_https));
  g_assert_error (not_https, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);

  pb_test_https_answer (https, "refused", 400, "{\"error\": \"invalid_scope\"}");
  g_assert_null (authorize (https, refused_url, &client, &denied));
  g_assert_error (denied, PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED);
  g_assert_cmpstr (denied->message, ==, "invalid_scope");

  /* A code with an error status is no code. */
  pb_test_https_answer (https, "odd", 403, GRANT);
  g_assert_null (authorize (https, odd_url, &client, &odd));
  g_assert_error (odd, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);

  g_assert_null (authorize (https, "https://127.0.0.1:1/device", &client, &none));
  g_assert_error (none, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
count_shown (const PbOAuthDeviceGrant *grant,
             gpointer                  user_data)
{
  g_assert_cmpstr (grant->user_code, ==, "WDJB-MJHT");
  (*(guint *) user_data)++;
}

/* The whole grant against the server's token answers; timeout_ms bounds it. */
static PbOAuthTokens *
device_sign_in (PbTestHttps  *https,
                guint         timeout_ms,
                guint        *shown,
                GError      **error)
{
  g_autoptr(SoupSession) session = pb_test_https_session (https);
  g_autofree char *device_url = pb_test_https_url (https, "device");
  g_autofree char *token_url = pb_test_https_url (https, "token");
  g_autoptr(GAsyncResult) result = NULL;

  pb_oauth_device_sign_in_async (session, device_url, token_url, &client, "mail", timeout_ms,
                                 count_shown, shown, NULL, pb_test_store_result, &result);
  return pb_oauth_token_finish (pb_test_wait_result (&result), error);
}

/* RFC 8628 3.5: slow_down makes every later poll wait five seconds more (this test waits
 * for them, 1 + 6 s), then the tokens. */
static void
test_device_slow_down (void)
{
  g_autoptr(PbTestHttps) https = pb_test_https_new ();
  g_autoptr(PbOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  guint shown = 0;

  if (https == NULL)
    return;
  pb_test_https_answer (https, "device", 200, GRANT);
  pb_test_https_answer (https, "token", 400, "{\"error\": \"slow_down\"}");
  pb_test_https_answer (https, "token", 200, TOKENS);
  tokens = device_sign_in (https, 60000, &shown, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tokens->access_token, ==, "at");
  g_assert_cmpuint (shown, ==, 1);
  g_assert_cmpuint (pb_test_https_requests (https, "token"), ==, 2);
  g_assert_nonnull (strstr (pb_test_https_last_body (https, "token"), "device_code=dc"));
}

/* Nobody enters the code: polled while pending, then the caller's time is up. The person
 * says no: that refusal, at once. */
static void
test_device_ends (void)
{
  g_autoptr(PbTestHttps) https = pb_test_https_new ();
  g_autoptr(PbTestHttps) denying = pb_test_https_new ();
  g_autoptr(GError) timed_out = NULL;
  g_autoptr(GError) denied = NULL;
  guint shown = 0;

  if (https == NULL || denying == NULL)
    return;
  pb_test_https_answer (https, "device", 200, GRANT);
  pb_test_https_answer (https, "token", 400, "{\"error\": \"authorization_pending\"}");
  g_assert_null (device_sign_in (https, 1500, &shown, &timed_out));
  g_assert_error (timed_out, PB_OAUTH_ERROR, PB_OAUTH_ERROR_TIMED_OUT);
  g_assert_cmpstr (timed_out->message, ==, "The code was not entered in time");
  g_assert_cmpuint (shown, ==, 1);

  pb_test_https_answer (denying, "device", 200, GRANT);
  pb_test_https_answer (denying, "token", 400, "{\"error\": \"access_denied\"}");
  g_assert_null (device_sign_in (denying, 60000, &shown, &denied));
  g_assert_error (denied, PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED);
  g_assert_cmpuint (pb_test_https_requests (denying, "token"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-http/token-status", test_token_status);
  g_test_add_func ("/oauth-http/reader", test_reader);
  g_test_add_func ("/oauth-http/device-authorize", test_device_authorize);
  g_test_add_func ("/oauth-http/device-slow-down", test_device_slow_down);
  g_test_add_func ("/oauth-http/device-ends", test_device_ends);
  return g_test_run ();
}
