/* test-oauth-client.c: where Postbote's client registration comes from
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-oauth-client.h"
#include "pb-provider-db.h"

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
  g_autofree char *long_tenant = g_strnfill (254, 'a');
  g_autofree char *too_long = g_strdup_printf ("{'i': {'client-id': 'a', 'tenant': '%s'}}",
                                               long_tenant);
  g_autoptr(GVariant) untyped = g_variant_ref_sink (g_variant_new_parsed ("{'i': 'a'}"));
  g_autoptr(GError) untyped_error = NULL;
  g_autoptr(GVariant) empty = parse ("{'i': {'client-id': 'a', 'tenant': ''}}");
  g_autoptr(PbOAuthClient) no_tenant = NULL;

  for (guint i = 0; i <= G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GVariant) clients = parse (i < G_N_ELEMENTS (entries) ? entries[i] : too_long);
      g_autoptr(GError) error = NULL;

      g_assert_null (pb_oauth_client_lookup ("i", clients, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (g_strrstr (error->message, "i"));
    }
  /* A setting of another type holds no client, and is no error of the person's. */
  g_assert_null (pb_oauth_client_lookup ("i", untyped, &untyped_error));
  g_assert_no_error (untyped_error);
  /* An empty tenant is none, not a wrong one. */
  no_tenant = pb_oauth_client_lookup ("i", empty, &untyped_error);
  g_assert_no_error (untyped_error);
  g_assert_null (no_tenant->tenant);
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

/* The issuers the presets name, each once, Microsoft's and Google's first; the lab's
 * administrator's preset adds its own. */
static void
test_issuers (void)
{
  g_autoptr(PbProviderDb) db = pb_provider_db_new_from_resource (PB_PROVIDER_RESOURCE_PATH);
  g_autofree char *lab = g_test_build_filename (G_TEST_DIST, "lab", "providers", NULL);
  const char *built_in[] = { "login.microsoftonline.com", "accounts.google.com",
                             "login.aol.com", "login.yahoo.com", NULL };
  const char *with_lab[] = { "login.microsoftonline.com", "accounts.google.com",
                             "auth.lab.test", "login.aol.com", "login.yahoo.com", NULL };
  const char *microsoft[] = { "Microsoft 365", "Outlook.com", NULL };
  const char *google[] = { "Gmail", "Google Workspace", NULL };
  g_auto(GStrv) issuers = pb_oauth_client_list_issuers (db);
  g_auto(GStrv) providers = pb_oauth_client_list_providers (db, "login.microsoftonline.com");
  g_auto(GStrv) gmail = pb_oauth_client_list_providers (db, "accounts.google.com");
  g_auto(GStrv) none = pb_oauth_client_list_providers (db, "auth.example.org");

  g_assert_cmpstrv (issuers, built_in);
  g_assert_cmpstrv (providers, microsoft);
  g_assert_cmpstrv (gmail, google);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  pb_provider_db_add_directory (db, lab);
  g_clear_pointer (&issuers, g_strfreev);
  issuers = pb_oauth_client_list_issuers (db);
  g_assert_cmpstrv (issuers, with_lab);
}

/* Which fields the person sets where: a tenant for Microsoft, a secret for Google. */
static void
test_kinds (void)
{
  g_assert_cmpint (pb_oauth_client_issuer_kind ("login.microsoftonline.com"), ==,
                   PB_OAUTH_ISSUER_KIND_MICROSOFT);
  g_assert_cmpint (pb_oauth_client_issuer_kind ("accounts.google.com"), ==,
                   PB_OAUTH_ISSUER_KIND_GOOGLE);
  g_assert_cmpint (pb_oauth_client_issuer_kind ("auth.lab.test"), ==, PB_OAUTH_ISSUER_KIND_OTHER);
  for (PbOAuthIssuerKind kind = 0; kind <= PB_OAUTH_ISSUER_KIND_OTHER; kind++)
    {
      g_assert_true (pb_oauth_client_kind_has_field (kind, PB_OAUTH_CLIENT_FIELD_ID));
      g_assert_false (pb_oauth_client_kind_has_field (kind, PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS));
      g_assert_cmpint (pb_oauth_client_kind_has_field (kind, PB_OAUTH_CLIENT_FIELD_TENANT), ==,
                       kind == PB_OAUTH_ISSUER_KIND_MICROSOFT);
      g_assert_cmpint (pb_oauth_client_kind_has_field (kind, PB_OAUTH_CLIENT_FIELD_SECRET), ==,
                       kind == PB_OAUTH_ISSUER_KIND_GOOGLE);
    }
  /* This build (meson's default) brings no client. */
  g_assert_false (pb_oauth_client_has_default ("login.microsoftonline.com"));
}

static gboolean
set_one (GSettings          *settings,
         const char         *issuer,
         PbOAuthClientField  field,
         const char         *value,
         PbOAuthClientField *wrong,
         GError            **error)
{
  return pb_oauth_client_set_fields (settings, issuer, &field, &value, 1, wrong, error);
}

static char *
setting_text (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "oauth-clients");

  return g_variant_print (value, FALSE);
}

/* Writing an entry: fields set and kept, empty ones removed, an empty entry removes the
 * issuer, and the reader reads what was written. */
static void
test_write (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const PbOAuthClientField fields[] = { PB_OAUTH_CLIENT_FIELD_ID, PB_OAUTH_CLIENT_FIELD_TENANT };
  const char *values[] = { "00000000-aaaa", "contoso.com" };
  const char *cleared[] = { "", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbOAuthClient) client = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  PbOAuthClientField wrong = PB_OAUTH_CLIENT_FIELD_ID;

  g_assert_true (g_settings_set_value (settings, "oauth-clients",
                                       g_variant_new_parsed ("{'auth.example.org': "
                                                             "{'client-id': 'other'}}")));
  g_assert_true (pb_oauth_client_set_fields (settings, "login.microsoftonline.com", fields,
                                             values, 2, &wrong, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wrong, ==, PB_OAUTH_CLIENT_N_FIELDS);
  client = pb_oauth_client_lookup ("login.microsoftonline.com", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->client_id, ==, "00000000-aaaa");
  g_assert_cmpstr (client->tenant, ==, "contoso.com");
  id = pb_oauth_client_get_field (settings, "login.microsoftonline.com", PB_OAUTH_CLIENT_FIELD_ID);
  g_assert_cmpstr (id, ==, "00000000-aaaa");
  g_assert_null (pb_oauth_client_get_field (settings, "login.microsoftonline.com",
                                            PB_OAUTH_CLIENT_FIELD_SECRET));
  g_assert_null (pb_oauth_client_get_field (settings, "accounts.google.com",
                                            PB_OAUTH_CLIENT_FIELD_ID));

  /* An empty tenant is removed, not saved as "". */
  g_assert_true (set_one (settings, "login.microsoftonline.com", PB_OAUTH_CLIENT_FIELD_TENANT,
                          "", NULL, &error));
  text = setting_text (settings);
  g_assert_cmpstr (text, ==, "{'auth.example.org': {'client-id': 'other'}, "
                             "'login.microsoftonline.com': {'client-id': '00000000-aaaa'}}");
  g_clear_pointer (&text, g_free);

  /* Emptied, the issuer goes; the other issuer's entry stays. */
  g_assert_true (pb_oauth_client_set_fields (settings, "login.microsoftonline.com", fields,
                                             cleared, 2, NULL, &error));
  g_assert_no_error (error);
  text = setting_text (settings);
  g_assert_cmpstr (text, ==, "{'auth.example.org': {'client-id': 'other'}}");
  g_settings_reset (settings, "oauth-clients");
}

/* A field the person does not see (an administrator's redirect ports) stays as it is. */
static void
test_write_keeps (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_settings_set_value (settings, "oauth-clients",
                                       g_variant_new_parsed ("{'auth.lab.test': "
                                                             "{'redirect-ports': '47100-47109'}}")));
  g_assert_true (set_one (settings, "auth.lab.test", PB_OAUTH_CLIENT_FIELD_ID, "postbote-lab",
                          NULL, &error));
  g_assert_no_error (error);
  text = setting_text (settings);
  g_assert_cmpstr (text, ==, "{'auth.lab.test': {'client-id': 'postbote-lab', "
                             "'redirect-ports': '47100-47109'}}");
  g_settings_reset (settings, "oauth-clients");
}

/* What the reader would refuse is not written: the reader's sentence, the wrong field. */
static void
test_write_refused (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const struct {
    PbOAuthClientField field;
    const char        *value;
  } refused[] = {
    { PB_OAUTH_CLIENT_FIELD_TENANT, "contoso.com/../common" },
    { PB_OAUTH_CLIENT_FIELD_TENANT, "a b" },
    { PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS, "80" },
    { PB_OAUTH_CLIENT_FIELD_ID, "" },
  };

  g_assert_true (g_settings_set_value (settings, "oauth-clients",
                                       g_variant_new_parsed ("{'login.microsoftonline.com': "
                                                             "{'client-id': 'kept', "
                                                             "'client-secret': 's'}}")));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      PbOAuthClientField wrong = PB_OAUTH_CLIENT_N_FIELDS;

      g_assert_false (set_one (settings, "login.microsoftonline.com", refused[i].field,
                               refused[i].value, &wrong, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, "The sign-in settings for login.microsoftonline.com "
                                           "are incomplete or invalid");
      g_assert_cmpint (wrong, ==, refused[i].field);
      text = setting_text (settings);
      g_assert_cmpstr (text, ==, "{'login.microsoftonline.com': {'client-id': 'kept', "
                                 "'client-secret': 's'}}");
    }
  g_settings_reset (settings, "oauth-clients");
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
  g_test_add_func ("/oauth-client/issuers", test_issuers);
  g_test_add_func ("/oauth-client/kinds", test_kinds);
  g_test_add_func ("/oauth-client/write", test_write);
  g_test_add_func ("/oauth-client/write-keeps", test_write_keeps);
  g_test_add_func ("/oauth-client/write-refused", test_write_refused);
  return g_test_run ();
}
