/* test-oauth-client.c: where Postbote's client registration comes from
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-oauth-client.h"

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (G_VARIANT_TYPE ("a{sa{ss}}"), text, NULL, NULL, &error);

  g_assert_no_error (error);
  /* g_variant_parse() gives a reference of our own, not a floating one. */
  return value;
}

static void
test_entry (void)
{
  g_autoptr(GVariant) clients = parse ("{'login.microsoftonline.com': {'client-id': 'abc', "
                                       "'tenant': 'contoso.onmicrosoft.com', "
                                       "'redirect-ports': '47100-47102, 8080'}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthClient) client = pb_oauth_client_lookup ("login.microsoftonline.com",
                                                            clients, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  g_assert_cmpstr (client->issuer, ==, "login.microsoftonline.com");
  g_assert_cmpstr (client->client_id, ==, "abc");
  g_assert_null (client->client_secret);
  g_assert_cmpstr (client->tenant, ==, "contoso.onmicrosoft.com");
  g_assert_cmpuint (client->n_ports, ==, 4);
  g_assert_cmpuint (client->ports[0], ==, 47100);
  g_assert_cmpuint (client->ports[2], ==, 47102);
  g_assert_cmpuint (client->ports[3], ==, 8080);
  /* Another issuer has no entry, and this build has no default for it. */
  g_assert_null (pb_oauth_client_lookup ("accounts.google.com", clients, &error));
  g_assert_no_error (error);
}

/* An entry that cannot be used says so, instead of a sign-in that fails later. */
static void
test_invalid (void)
{
  const char *entries[] = {
    "{'i': {'client-secret': 'no id'}}",
    "{'i': {'client-id': ''}}",
    "{'i': {'client-id': 'a', 'tenant': 'x/../y'}}",
    "{'i': {'client-id': 'a', 'tenant': 'a b'}}",
    "{'i': {'client-id': 'a', 'redirect-ports': '80'}}",
    "{'i': {'client-id': 'a', 'redirect-ports': '9000-8000'}}",
    "{'i': {'client-id': 'a', 'redirect-ports': '8000-9000'}}",
    "{'i': {'client-id': 'a', 'redirect-ports': 'http'}}",
    "{'i': {'client-id': 'a', 'redirect-ports': '70000'}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GVariant) clients = parse (entries[i]);
      g_autoptr(GError) error = NULL;

      g_assert_null (pb_oauth_client_lookup ("i", clients, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (g_strrstr (error->message, "i"));
    }
}

/* The setting, read when the caller passes none: empty by default, so no client. */
static void
test_setting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PbOAuthClient) client = NULL;

  g_assert_null (pb_oauth_client_lookup ("auth.example.org", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_settings_set_value (settings, "oauth-clients",
                                       g_variant_new_parsed ("{'auth.example.org': "
                                                             "{'client-id': 'own', "
                                                             "'client-secret': 's'}}")));
  client = pb_oauth_client_lookup ("auth.example.org", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->client_id, ==, "own");
  g_assert_cmpstr (client->client_secret, ==, "s");
  g_assert_cmpuint (client->n_ports, ==, 0);
  g_settings_reset (settings, "oauth-clients");
}

/* What a distributor sets at build time must be a clients dictionary. */
static void
test_build_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE ("a{sa{ss}}"), PB_OAUTH_CLIENTS,
                                               NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
}

static void
test_tenant_endpoint (void)
{
  const PbOAuthClient with = { .client_id = (char *) "a", .tenant = (char *) "contoso.com" };
  const PbOAuthClient without = { .client_id = (char *) "a" };
  g_autofree char *auth = pb_oauth_client_endpoint (
    &with, "https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
  g_autofree char *orgs = pb_oauth_client_endpoint (
    &with, "https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
  g_autofree char *google = pb_oauth_client_endpoint (
    &with, "https://oauth2.googleapis.com/token");
  g_autofree char *plain = pb_oauth_client_endpoint (
    &without, "https://login.microsoftonline.com/common/oauth2/v2.0/token");

  g_assert_cmpstr (auth, ==, "https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize");
  g_assert_cmpstr (orgs, ==, "https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token");
  g_assert_cmpstr (google, ==, "https://oauth2.googleapis.com/token");
  g_assert_cmpstr (plain, ==, "https://login.microsoftonline.com/common/oauth2/v2.0/token");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-client/entry", test_entry);
  g_test_add_func ("/oauth-client/invalid", test_invalid);
  g_test_add_func ("/oauth-client/setting", test_setting);
  g_test_add_func ("/oauth-client/build-default", test_build_default);
  g_test_add_func ("/oauth-client/tenant-endpoint", test_tenant_endpoint);
  return g_test_run ();
}
