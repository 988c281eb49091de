/* test-oauth-registration.c: an issuer's metadata (RFC 8414) and Postbote's registration
 * there (RFC 7591), as documents
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registration itself runs against the lab's real glewlwyd (oauth-register-cli-lab).
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "pb-oauth-client-find.h"
#include "pb-oauth-error.h"
#include "pb-oauth-metadata.h"
#include "pb-oauth-registration.h"
#include "pb-oauth-token.h"
#include "pb-test-util.h"

#define ISSUER "https://auth.example.com/api/oidc"

static PbOAuthIssuer *
issuer_new (void)
{
  PbOAuthIssuer *issuer = pb_oauth_issuer_new ("auth.example.com", "mail",
                                               ISSUER "/auth", ISSUER "/token");

  pb_oauth_issuer_set_identifier (issuer, ISSUER);
  return issuer;
}

/* What glewlwyd publishes, shortened; %s are replaced in turn by the arguments. */
static char *
document (const char *issuer,
          const char *auth,
          const char *registration,
          const char *methods)
{
  return g_strdup_printf ("{\"issuer\": \"%s\", \"authorization_endpoint\": \"%s\", "
                          "\"token_endpoint\": \"" ISSUER "/token\", "
                          "\"jwks_uri\": \"" ISSUER "/jwks\", %s%s%s"
                          "\"grant_types_supported\": [\"authorization_code\", \"implicit\", "
                          "\"" PB_OAUTH_DEVICE_GRANT_TYPE "\"], "
                          "\"mtls_endpoint_aliases\": {\"token_endpoint\": \"x\"}, "
                          "\"token_endpoint_auth_methods_supported\": [%s]}",
                          issuer, auth, registration ? "\"registration_endpoint\": \"" : "",
                          registration ? registration : "", registration ? "\", " : "",
                          methods);
}

static PbOAuthMetadata *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(PbOAuthIssuer) issuer = issuer_new ();

  return pb_oauth_metadata_parse (json, strlen (json), issuer, error);
}

static void
test_identifier (void)
{
  g_autoptr(PbOAuthIssuer) issuer = issuer_new ();
  g_autoptr(PbOAuthIssuer) copy = pb_oauth_issuer_copy (issuer);

  g_assert_cmpstr (copy->identifier, ==, ISSUER);
  pb_oauth_issuer_set_identifier (copy, "http://auth.example.com/api/oidc");
  g_assert_null (copy->identifier);
  pb_oauth_issuer_set_identifier (copy, ISSUER "?tenant=x");
  g_assert_null (copy->identifier);
  pb_oauth_issuer_set_identifier (copy, ISSUER "#x");
  g_assert_null (copy->identifier);
}

/* RFC 8414 3.1: the well-known path goes between host and path; OpenID Connect's after. */
static void
test_urls (void)
{
  g_auto(GStrv) path = pb_oauth_metadata_urls (ISSUER);
  g_auto(GStrv) root = pb_oauth_metadata_urls ("https://login.example.com:8443");
  g_auto(GStrv) slash = pb_oauth_metadata_urls ("https://login.example.com/");

  g_assert_cmpuint (g_strv_length (path), ==, 2);
  g_assert_cmpstr (path[0], ==,
                   "https://auth.example.com/.well-known/oauth-authorization-server/api/oidc");
  g_assert_cmpstr (path[1], ==, ISSUER "/.well-known/openid-configuration");
  g_assert_cmpstr (root[0], ==,
                   "https://login.example.com:8443/.well-known/oauth-authorization-server");
  g_assert_cmpstr (root[1], ==, "https://login.example.com:8443/.well-known/openid-configuration");
  /* RFC 8414 3.1: an issuer that ends in "/" has no path of its own. */
  g_assert_cmpstr (slash[0], ==, "https://login.example.com/.well-known/oauth-authorization-server");
  g_assert_cmpstr (slash[1], ==, "https://login.example.com/.well-known/openid-configuration");
  g_assert_null (pb_oauth_metadata_urls ("http://auth.example.com/api/oidc"));
}

static void
test_metadata (void)
{
  g_autofree char *glewlwyd = document (ISSUER, ISSUER "/auth", ISSUER "/register",
                                        "\"client_secret_basic\", \"client_secret_post\"");
  g_autofree char *public = document (ISSUER, ISSUER "/auth", ISSUER "/register",
                                      "\"client_secret_basic\", \"none\"");
  g_autofree char *jwt = document (ISSUER, ISSUER "/auth", ISSUER "/register",
                                   "\"private_key_jwt\"");
  g_autofree char *closed = document (ISSUER, ISSUER "/auth", NULL, "\"none\"");
  g_autoptr(GString) not_a_list = g_string_new (jwt);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthMetadata) m = parse (glewlwyd, &error);
  g_autoptr(PbOAuthMetadata) p = NULL;
  g_autoptr(PbOAuthMetadata) j = NULL;
  g_autoptr(PbOAuthMetadata) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (m->registration_endpoint, ==, ISSUER "/register");
  g_assert_true (m->device_grant);
  /* The server lists the methods it takes: "none" is not among them. */
  g_assert_cmpstr (m->auth_method, ==, "client_secret_post");
  p = parse (public, &error);
  g_assert_cmpstr (p->auth_method, ==, "none");
  j = parse (jwt, &error);
  g_assert_null (j->auth_method);
  /* The methods must be a list: a bare "none" is not read as one. */
  g_clear_pointer (&j, pb_oauth_metadata_free);
  g_string_replace (not_a_list, "[\"private_key_jwt\"]", "\"none\"", 1);
  j = parse (not_a_list->str, &error);
  g_assert_no_error (error);
  g_assert_null (j->auth_method);
  /* No registration endpoint: a document all the same; the caller says oauth-no-client. */
  c = parse (closed, &error);
  g_assert_no_error (error);
  g_assert_null (c->registration_endpoint);
}

/* What a preset is not told by a fetched document (RFC 8414 3.3 and the preset's trust). */
static void
test_metadata_refused (void)
{
  struct { const char *issuer, *auth, *registration, *why; } cases[] = {
    { "https://evil.example.com/api/oidc", ISSUER "/auth", ISSUER "/register",
      "the issuer is another one" },
    { ISSUER "/", ISSUER "/auth", ISSUER "/register", "the issuer is another one" },
    { ISSUER, ISSUER "/auth", "http://auth.example.com/api/oidc/register",
      "an endpoint without https" },
    { ISSUER, "http://auth.example.com/api/oidc/auth", ISSUER "/register",
      "an endpoint without https" },
    { ISSUER, "https://evil.example.com/auth", ISSUER "/register",
      "other sign-in addresses than the provider settings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = document (cases[i].issuer, cases[i].auth, cases[i].registration,
                                        "\"none\"");
      g_autofree char *why = g_strdup_printf ("(%s)", cases[i].why);
      g_autoptr(GError) error = NULL;

      g_assert_null (parse (json, &error));
      g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_METADATA);
      g_assert_true (g_str_has_suffix (error->message, why));
      g_assert_cmpint (pb_oauth_error_to_problem (error), ==, PB_PROBLEM_OAUTH_METADATA_INVALID);
    }
}

/* Junk, and a document larger than any metadata (valid JSON all the same). */
static void
test_metadata_junk (void)
{
  g_autofree char *good = document (ISSUER, ISSUER "/auth", ISSUER "/register", "\"none\"");
  g_autoptr(GString) big = g_string_new (good);
  const char *junk[] = { "", "[]", "<html>404</html>", "\"issuer\"" };
  g_autoptr(PbOAuthMetadata) fits = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_assert_null (parse (junk[i], &error));
      g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_METADATA);
      g_clear_error (&error);
    }
  while (big->len < PB_OAUTH_MAX_METADATA)
    g_string_append_c (big, ' ');
  fits = parse (big->str, &error);
  g_assert_no_error (error);
  g_string_append_c (big, ' ');
  g_assert_null (parse (big->str, &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_METADATA);
}

static JsonObject *
request_of (gboolean     device,
            JsonParser  *parser)
{
  g_autoptr(PbOAuthIssuer) issuer = issuer_new ();
  PbOAuthMetadata metadata = { .auth_method = (char *) "none" };
  g_autofree char *json = pb_oauth_registration_request (issuer, &metadata, device);

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_node_get_object (json_parser_get_root (parser));
}

static char *
joined (JsonObject *object,
        const char *name)
{
  JsonArray *array = json_object_get_array_member (object, name);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (text, "%s%s", i ? " " : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_request (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *request = request_of (TRUE, parser);
  JsonObject *without = request_of (FALSE, parser2);
  JsonArray *uris = json_object_get_array_member (request, "redirect_uris");
  g_autofree char *grants = joined (request, "grant_types");
  g_autofree char *grants2 = joined (without, "grant_types");

  g_assert_cmpstr (json_object_get_string_member (request, "client_name"), ==, "Postbote");
  g_assert_cmpstr (json_object_get_string_member (request, "application_type"), ==, "native");
  g_assert_cmpstr (json_object_get_string_member (request, "token_endpoint_auth_method"), ==,
                   "none");
  g_assert_cmpstr (json_object_get_string_member (request, "scope"), ==, "mail");
  /* Loopback URIs on the ports the loopback listens on (servers that compare them exactly). */
  g_assert_cmpuint (json_array_get_length (uris), ==, 10);
  g_assert_cmpstr (json_array_get_string_element (uris, 0), ==, "http://127.0.0.1:47100/");
  g_assert_cmpstr (json_array_get_string_element (uris, 9), ==, "http://127.0.0.1:47109/");
  g_assert_cmpstr (grants, ==, "authorization_code refresh_token " PB_OAUTH_DEVICE_GRANT_TYPE);
  g_assert_cmpstr (grants2, ==, "authorization_code refresh_token");
}

static GVariant *
answer (guint        status,
        const char  *json,
        GError     **error)
{
  return pb_oauth_registration_parse (status, json, strlen (json), error);
}

static void
test_answer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) entry = g_variant_ref_sink (answer (
    201, "{\"client_id\": \"s6BhdRkqt3\", \"client_secret\": \"cf136dc3c1fc93f31185e5885805d\", "
    "\"registration_access_token\": \"this.is.an.access.token\", "
    "\"registration_client_uri\": \"https://server.example.com/register/s6BhdRkqt3\", "
    "\"client_secret_expires_at\": 0}", &error));
  g_autoptr(PbOAuthClient) client = NULL;
  g_autoptr(GVariant) public = NULL;
  const char *value = NULL;

  g_assert_no_error (error);
  client = pb_oauth_client_new_from_entry ("auth.example.com", entry, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->client_id, ==, "s6BhdRkqt3");
  g_assert_cmpstr (client->client_secret, ==, "cf136dc3c1fc93f31185e5885805d");
  g_assert_cmpuint (client->n_ports, ==, 10);
  g_assert_cmpuint (client->ports[0], ==, 47100);
  g_assert_true (g_variant_lookup (entry, "registration-access-token", "&s", &value));
  g_assert_cmpstr (value, ==, "this.is.an.access.token");

  public = g_variant_ref_sink (answer (200, "{\"client_id\": \"i4bmq8izuc8c65p8\"}", &error));
  g_assert_no_error (error);
  g_assert_false (g_variant_lookup (public, "client-secret", "&s", &value));
}

/* RFC 7591 3.2.2, and answers that are no registration. */
static void
test_answer_refused (void)
{
  g_autoptr(GError) redirect = NULL;
  g_autoptr(GError) token = NULL;
  g_autoptr(GError) no_id = NULL;
  g_autoptr(GError) junk = NULL;
  g_autoptr(GString) big = g_string_new ("{\"client_id\": \"c\"");

  g_assert_null (answer (400, "{\"error\": \"invalid_redirect_uri\", \"error_description\": "
                         "\"a redirect_uri must be a 'https://' uri\\u0007\"}", &redirect));
  g_assert_error (redirect, PB_OAUTH_ERROR, PB_OAUTH_ERROR_REGISTRATION_REFUSED);
  g_assert_true (g_str_has_suffix (redirect->message, "(invalid_redirect_uri: a redirect_uri "
                                                      "must be a 'https://' uri?)"));
  g_assert_cmpint (pb_oauth_error_to_problem (redirect), ==,
                   PB_PROBLEM_OAUTH_REGISTRATION_REFUSED);
  /* An initial access token wanted (RFC 7591 3). */
  g_assert_null (answer (401, "", &token));
  g_assert_error (token, PB_OAUTH_ERROR, PB_OAUTH_ERROR_REGISTRATION_REFUSED);
  g_assert_true (g_str_has_suffix (token->message, "(HTTP 401)"));
  g_assert_null (answer (201, "{\"client_secret\": \"s\"}", &no_id));
  g_assert_error (no_id, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
  while (big->len <= PB_OAUTH_MAX_REGISTRATION_RESPONSE)
    g_string_append_c (big, ' ');
  g_string_append_c (big, '}');
  g_assert_null (answer (201, big->str, &junk));
  g_assert_error (junk, PB_OAUTH_ERROR, PB_OAUTH_ERROR_PROTOCOL);
}

/* The server forgot the client: a refusal of its own, which the setup answers by
 * registering again; for a configured client it stays a refused sign-in. */
static void
test_invalid_client (void)
{
  const char *json = "{\"error\": \"invalid_client\"}";
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_oauth_tokens_parse (json, strlen (json), 0, &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_CLIENT);
  g_assert_cmpint (pb_oauth_error_to_problem (error), ==, PB_PROBLEM_OAUTH_DENIED);
}

/* A configured client wins over any registration; without one and without an identifier
 * there is nothing to register at: oauth-no-client, with the issuer named. Neither asks
 * the keyring or the network. */
static void
test_find (void)
{
  g_autoptr(PbOAuthIssuer) issuer = issuer_new ();
  g_autoptr(GVariant) clients = g_variant_ref_sink (g_variant_new_parsed (
    "{'auth.example.com': {'client-id': 'configured'}}"));
  g_autoptr(GVariant) none = g_variant_ref_sink (g_variant_new_parsed (
    "@a{sa{ss}} {}"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(PbOAuthClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean registered = TRUE;

  pb_oauth_client_find_async (issuer, clients, PB_OAUTH_CLIENT_FIND_DEFAULT, 0, NULL, pb_test_store_result, &result);
  client = pb_oauth_client_find_finish (pb_test_wait_result (&result), &registered, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->client_id, ==, "configured");
  g_assert_false (registered);

  pb_oauth_issuer_set_identifier (issuer, NULL);
  pb_oauth_client_find_async (issuer, none, PB_OAUTH_CLIENT_FIND_DEFAULT, 0, NULL, pb_test_store_result, &result2);
  g_assert_null (pb_oauth_client_find_finish (pb_test_wait_result (&result2), NULL, &error));
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_CLIENT);
  g_assert_cmpstr (error->message, ==, "No client ID for auth.example.com");
  g_assert_cmpint (pb_oauth_error_to_problem (error), ==, PB_PROBLEM_OAUTH_NO_CLIENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-registration/identifier", test_identifier);
  g_test_add_func ("/oauth-registration/urls", test_urls);
  g_test_add_func ("/oauth-registration/metadata", test_metadata);
  g_test_add_func ("/oauth-registration/metadata-refused", test_metadata_refused);
  g_test_add_func ("/oauth-registration/metadata-junk", test_metadata_junk);
  g_test_add_func ("/oauth-registration/request", test_request);
  g_test_add_func ("/oauth-registration/answer", test_answer);
  g_test_add_func ("/oauth-registration/answer-refused", test_answer_refused);
  g_test_add_func ("/oauth-registration/invalid-client", test_invalid_client);
  g_test_add_func ("/oauth-registration/find", test_find);
  return g_test_run ();
}
