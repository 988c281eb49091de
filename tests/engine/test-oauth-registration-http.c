/* test-oauth-registration-http.c: the metadata fetched (RFC 8414) and the registration
 * posted (RFC 7591) at a server that answers what glewlwyd does not
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against a server inside the test over real TLS (pb-test-https.h); the documents alone
 * are test-oauth-registration.c's, the registration at the real glewlwyd is
 * oauth-register-cli-lab's.
 */
#include <string.h>

#include "pb-oauth-error.h"
#include "pb-oauth-metadata.h"
#include "pb-oauth-registration.h"
#include "pb-test-https.h"
#include "pb-test-util.h"

#define RFC8414 ".well-known/oauth-authorization-server/reg"
#define OPENID  "reg/.well-known/openid-configuration"

typedef struct {
  PbTestHttps   *https;
  PbOAuthIssuer *issuer;
} Server;

static gboolean
server_init (Server *s)
{
  g_autofree char *identifier = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *token = NULL;

  s->https = pb_test_https_new ();
  if (s->https == NULL)
    return FALSE;
  identifier = pb_test_https_url (s->https, "reg");
  auth = pb_test_https_url (s->https, "reg/auth");
  token = pb_test_https_url (s->https, "reg/token");
  s->issuer = pb_oauth_issuer_new ("127.0.0.1", "mail", auth, token);
  pb_oauth_issuer_set_identifier (s->issuer, identifier);
  g_assert_cmpstr (s->issuer->identifier, ==, identifier);
  return TRUE;
}

static void
server_clear (Server *s)
{
  g_clear_pointer (&s->https, pb_test_https_free);
  g_clear_pointer (&s->issuer, pb_oauth_issuer_free);
}

/* The issuer's metadata, with methods as token_endpoint_auth_methods_supported. */
static void
publish (Server     *s,
         const char *path,
         const char *methods)
{
  g_autofree char *json = g_strdup_printf (
    "{\"issuer\": \"%s\", \"authorization_endpoint\": \"%s\", \"token_endpoint\": \"%s\", "
    "\"registration_endpoint\": \"%s/register\", \"grant_types_supported\": "
    "[\"authorization_code\", \"" PB_OAUTH_DEVICE_GRANT_TYPE "\"], "
    "\"token_endpoint_auth_methods_supported\": [%s]}",
    s->issuer->identifier, s->issuer->auth_url, s->issuer->token_url, s->issuer->identifier,
    methods);

  pb_test_https_answer (s->https, path, 200, json);
}

static GVariant *
register_at (Server  *s,
             GError **error)
{
  g_autoptr(SoupSession) session = pb_test_https_session (s->https);
  g_autoptr(GAsyncResult) result = NULL;

  pb_oauth_register_async (session, s->issuer, NULL, pb_test_store_result, &result);
  return pb_oauth_register_finish (pb_test_wait_result (&result), error);
}

/* RFC 8414's place first, OpenID Connect's next; found at neither: no client, with the
 * issuer named. */
static void
test_no_metadata (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Server s;

  if (!server_init (&s))
    return;
  g_assert_null (register_at (&s, &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT);
  message = g_strdup_printf ("The sign-in server %s publishes no metadata", s.issuer->identifier);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (pb_test_https_requests (s.https, RFC8414), ==, 1);
  g_assert_cmpuint (pb_test_https_requests (s.https, OPENID), ==, 1);
  server_clear (&s);
}

/* Found at OpenID Connect's place, but the server takes only clients that sign their
 * requests with a key: nothing Postbote can register as, and nothing posted. */
static void
test_no_method (void)
{
  g_autoptr(GError) error = NULL;
  Server s;

  if (!server_init (&s))
    return;
  publish (&s, OPENID, "\"private_key_jwt\"");
  g_assert_null (register_at (&s, &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT);
  g_assert_true (g_str_has_suffix (error->message, "registers no app that signs in the way "
                                                   "Postbote does"));
  g_assert_cmpint (pb_oauth_error_to_problem (error), ==, PB_PROBLEM_OAUTH_NO_CLIENT);
  g_assert_cmpuint (pb_test_https_requests (s.https, "reg/register"), ==, 0);
  server_clear (&s);
}

/* The device grant refused with 400: posted again without it; an answer that is no
 * registration then ends it. */
static void
test_registration_answers (void)
{
  g_autoptr(GError) error = NULL;
  Server s;

  if (!server_init (&s))
    return;
  publish (&s, RFC8414, "\"none\"");
  pb_test_https_answer (s.https, "reg/register", 400,
                        "{\"error\": \"invalid_client_metadata\"}");
  pb_test_https_answer (s.https, "reg/register", 201, "{\"client_secret\": \"s\"}");
  g_assert_null (register_at (&s, &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  g_assert_cmpuint (pb_test_https_requests (s.https, "reg/register"), ==, 2);
  g_assert_null (strstr (pb_test_https_last_body (s.https, "reg/register"),
                         PB_OAUTH_DEVICE_GRANT_TYPE));
  g_assert_nonnull (strstr (pb_test_https_last_body (s.https, "reg/register"),
                            "authorization_code"));
  server_clear (&s);
}

/* A registration answer cut off, a metadata server that is not there, an issuer without
 * an identifier: errors, and no client. */
static void
test_broken (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(PbOAuthIssuer) gone = pb_oauth_issuer_new ("127.0.0.1", "mail",
                                                       "https://127.0.0.1:1/auth",
                                                       "https://127.0.0.1:1/token");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) cut = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(GError) unknown = NULL;
  Server s;

  if (!server_init (&s))
    return;
  publish (&s, RFC8414, "\"none\"");
  pb_test_https_answer (s.https, "reg/register", PB_TEST_HTTPS_CUT, NULL);
  g_assert_null (register_at (&s, &cut));
  g_assert_nonnull (cut);
  g_assert_false (cut->domain == PB_OAUTH_ERROR);
  server_clear (&s);

  pb_oauth_issuer_set_identifier (gone, "https://127.0.0.1:1/reg");
  pb_oauth_register_async (session, gone, NULL, pb_test_store_result, &result);
  g_assert_null (pb_oauth_register_finish (pb_test_wait_result (&result), &refused));
  g_assert_error (refused, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);

  pb_oauth_issuer_set_identifier (gone, NULL);
  pb_oauth_register_async (session, gone, NULL, pb_test_store_result, &result2);
  g_assert_null (pb_oauth_register_finish (pb_test_wait_result (&result2), &unknown));
  g_assert_error (unknown, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT);
  g_assert_cmpstr (unknown->message, ==, "Postbote knows no sign-in server for this provider");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-registration-http/no-metadata", test_no_metadata);
  g_test_add_func ("/oauth-registration-http/no-method", test_no_method);
  g_test_add_func ("/oauth-registration-http/registration-answers", test_registration_answers);
  g_test_add_func ("/oauth-registration-http/broken", test_broken);
  return g_test_run ();
}
