/* pb-oauth-client.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pb-oauth-client.h"
#include "pb-settings.h"

void
pb_oauth_client_free (PbOAuthClient *self)
{
  if (self == NULL)
    return;
  g_free (self->issuer);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->tenant);
  g_free (self->ports);
  g_free (self);
}

/* A tenant is a GUID or a domain name: it goes into a URL's path as it is. Never empty:
 * entry_string() reads "" as no tenant. */
static gboolean
is_tenant (const char *tenant)
{
  if (strlen (tenant) > 253)
    return FALSE;
  for (const char *p = tenant; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_port (const char *text,
            guint16    *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1024, 65535, &value, NULL))
    return FALSE;
  *port = (guint16) value;
  return TRUE;
}

/* "47100-47109" or "8080,8081" (ranges and single ports, comma-separated). */
static gboolean
parse_ports (PbOAuthClient *self,
             const char    *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) ports = g_array_new (FALSE, FALSE, sizeof (guint16));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (g_strstrip (parts[i]), "-", 2);
      guint16 first, last;

      if (!parse_port (range[0], &first))
        return FALSE;
      last = first;
      if (range[1] != NULL && (!parse_port (g_strstrip (range[1]), &last) || last < first))
        return FALSE;
      for (guint port = first; port <= last; port++)
        {
          guint16 p = port;

          if (ports->len == PB_OAUTH_CLIENT_MAX_PORTS)
            return FALSE;
          g_array_append_val (ports, p);
        }
    }
  self->n_ports = ports->len;
  self->ports = (guint16 *) g_array_free (g_steal_pointer (&ports), FALSE);
  return TRUE;
}

static char *
entry_string (GVariant   *entry,
              const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (entry, key, "&s", &value) || *value == '\0')
    return NULL;
  return g_strdup (value);
}

static const char * const field_keys[PB_OAUTH_CLIENT_N_FIELDS] = {
  [PB_OAUTH_CLIENT_FIELD_ID] = "client-id",
  [PB_OAUTH_CLIENT_FIELD_SECRET] = "client-secret",
  [PB_OAUTH_CLIENT_FIELD_TENANT] = "tenant",
  [PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS] = "redirect-ports",
};

/* The client of an entry, or NULL, the first field that is missing or not one in wrong,
 * and the sentence that names the issuer in error. */
static PbOAuthClient *
parse_entry (const char          *issuer,
             GVariant            *entry,
             PbOAuthClientField  *wrong,
             GError             **error)
{
  g_autoptr(PbOAuthClient) self = g_new0 (PbOAuthClient, 1);
  g_autofree char *ports = NULL;

  self->issuer = g_strdup (issuer);
  self->client_id = entry_string (entry, field_keys[PB_OAUTH_CLIENT_FIELD_ID]);
  self->client_secret = entry_string (entry, field_keys[PB_OAUTH_CLIENT_FIELD_SECRET]);
  self->tenant = entry_string (entry, field_keys[PB_OAUTH_CLIENT_FIELD_TENANT]);
  ports = entry_string (entry, field_keys[PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS]);
  *wrong = PB_OAUTH_CLIENT_N_FIELDS;
  if (self->client_id == NULL)
    *wrong = PB_OAUTH_CLIENT_FIELD_ID;
  else if (self->tenant != NULL && !is_tenant (self->tenant))
    *wrong = PB_OAUTH_CLIENT_FIELD_TENANT;
  else if (ports != NULL && !parse_ports (self, ports))
    *wrong = PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS;
  if (*wrong != PB_OAUTH_CLIENT_N_FIELDS)
    {
      /* Translators: %s is an OAuth issuer, e.g. "accounts.google.com". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The sign-in settings for %s are incomplete or invalid"), issuer);
      return NULL;
    }
  return g_steal_pointer (&self);
}

PbOAuthClient *
pb_oauth_client_new_from_entry (const char  *issuer,
                                GVariant    *entry,
                                GError     **error)
{
  PbOAuthClientField wrong;

  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (entry != NULL && g_variant_is_of_type (entry, G_VARIANT_TYPE ("a{ss}")),
                        NULL);

  return parse_entry (issuer, entry, &wrong, error);
}

/* The clients of the setting, else of the build. */
static PbOAuthClient *
lookup_in (const char  *issuer,
           GVariant    *clients,
           GError     **error)
{
  g_autoptr(GVariant) entry = NULL;

  if (clients == NULL || !g_variant_is_of_type (clients, G_VARIANT_TYPE ("a{sa{ss}}")))
    return NULL;
  entry = g_variant_lookup_value (clients, issuer, G_VARIANT_TYPE ("a{ss}"));
  if (entry == NULL)
    return NULL;
  return pb_oauth_client_new_from_entry (issuer, entry, error);
}

/* A build's default that does not parse is the build's mistake: no client. */
static GVariant *
parse_built_in (void)
{
  return g_variant_parse (G_VARIANT_TYPE ("a{sa{ss}}"), PB_OAUTH_CLIENTS, NULL, NULL, NULL);
}

PbOAuthClient *
pb_oauth_client_lookup (const char  *issuer,
                        GVariant    *clients,
                        GError     **error)
{
  g_autoptr(GVariant) setting = NULL;
  g_autoptr(GVariant) built_in = NULL;
  GError *local = NULL;
  PbOAuthClient *client;

  g_return_val_if_fail (issuer != NULL, NULL);

  if (clients == NULL)
    {
      g_autoptr(GSettings) settings = pb_settings_new ();

      if (settings != NULL)
        clients = setting = g_settings_get_value (settings, "oauth-clients");
    }
  client = lookup_in (issuer, clients, &local);
  if (client != NULL || local != NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return client;
    }
  built_in = parse_built_in ();
  return lookup_in (issuer, built_in, error);
}

char *
pb_oauth_client_endpoint (const PbOAuthClient *self,
                          const char          *url)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) segments = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) changed = NULL;

  g_return_val_if_fail (self != NULL && url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (self->tenant == NULL || uri == NULL)
    return g_strdup (url);
  segments = g_strsplit (g_uri_get_path (uri), "/", 3);
  if (segments[0] == NULL || *segments[0] != '\0' || segments[1] == NULL ||
      (!g_str_equal (segments[1], "common") && !g_str_equal (segments[1], "organizations")))
    return g_strdup (url);
  path = g_strconcat ("/", self->tenant, segments[2] != NULL ? "/" : "",
                      segments[2] != NULL ? segments[2] : "", NULL);
  changed = g_uri_build (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), g_uri_get_userinfo (uri),
                         g_uri_get_host (uri), g_uri_get_port (uri), path,
                         g_uri_get_query (uri), g_uri_get_fragment (uri));
  return g_uri_to_string (changed);
}

gboolean
pb_oauth_client_has_default (const char *issuer)
{
  g_autoptr(GVariant) built_in = parse_built_in ();
  g_autoptr(GVariant) entry = NULL;

  g_return_val_if_fail (issuer != NULL, FALSE);

  if (built_in != NULL)
    entry = g_variant_lookup_value (built_in, issuer, G_VARIANT_TYPE ("a{ss}"));
  return entry != NULL;
}

PbOAuthIssuerKind
pb_oauth_client_issuer_kind (const char *issuer)
{
  g_return_val_if_fail (issuer != NULL, PB_OAUTH_ISSUER_KIND_OTHER);

  if (g_str_equal (issuer, "login.microsoftonline.com"))
    return PB_OAUTH_ISSUER_KIND_MICROSOFT;
  if (g_str_equal (issuer, "accounts.google.com"))
    return PB_OAUTH_ISSUER_KIND_GOOGLE;
  return PB_OAUTH_ISSUER_KIND_OTHER;
}

gboolean
pb_oauth_client_kind_has_field (PbOAuthIssuerKind  kind,
                                PbOAuthClientField field)
{
  switch (field)
    {
    case PB_OAUTH_CLIENT_FIELD_ID:
      return TRUE;
    case PB_OAUTH_CLIENT_FIELD_SECRET:
      return kind == PB_OAUTH_ISSUER_KIND_GOOGLE;
    case PB_OAUTH_CLIENT_FIELD_TENANT:
      return kind == PB_OAUTH_ISSUER_KIND_MICROSOFT;
    case PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS:
    case PB_OAUTH_CLIENT_N_FIELDS:
    default:
      return FALSE;
    }
}

static int
compare_issuers (gconstpointer a,
                 gconstpointer b)
{
  const char *one = *(const char * const *) a;
  const char *other = *(const char * const *) b;
  int kinds = (int) pb_oauth_client_issuer_kind (one) - (int) pb_oauth_client_issuer_kind (other);

  return kinds != 0 ? kinds : strcmp (one, other);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Each value of the table once, sorted, NULL-terminated. */
static GStrv
sorted_keys (GHashTable   *set,
             GCompareFunc  compare)
{
  guint n;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (set, &n);
  GStrv sorted = g_new0 (char *, n + 1);

  qsort (keys, n, sizeof (gpointer), compare);
  for (guint i = 0; i < n; i++)
    sorted[i] = g_strdup (keys[i]);
  return sorted;
}

GStrv
pb_oauth_client_list_issuers (PbProviderDb *db)
{
  GPtrArray *presets;
  g_autoptr(GHashTable) issuers = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (PB_IS_PROVIDER_DB (db), NULL);

  presets = pb_provider_db_list (db);
  for (guint i = 0; i < presets->len; i++)
    {
      const PbOAuthIssuer *issuer = pb_account_config_get_oauth_issuer (presets->pdata[i]);

      if (issuer != NULL)
        g_hash_table_add (issuers, issuer->issuer);
    }
  return sorted_keys (issuers, compare_issuers);
}

GStrv
pb_oauth_client_list_providers (PbProviderDb *db,
                                const char   *issuer)
{
  GPtrArray *presets;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (PB_IS_PROVIDER_DB (db) && issuer != NULL, NULL);

  presets = pb_provider_db_list (db);
  for (guint i = 0; i < presets->len; i++)
    {
      const PbOAuthIssuer *own = pb_account_config_get_oauth_issuer (presets->pdata[i]);

      if (own != NULL && g_str_equal (own->issuer, issuer))
        g_hash_table_add (names, (gpointer) pb_account_config_get_short_name (presets->pdata[i]));
    }
  return sorted_keys (names, compare_strings);
}

/* Issuer's entry in the setting, a new a{ss} (empty when there is none). */
static GVariant *
setting_entry (GSettings  *settings,
               const char *issuer)
{
  g_autoptr(GVariant) clients = g_settings_get_value (settings, "oauth-clients");
  GVariant *entry = g_variant_lookup_value (clients, issuer, G_VARIANT_TYPE ("a{ss}"));

  return entry != NULL ? entry : g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{ss}"),
                                                                          NULL, 0));
}

char *
pb_oauth_client_get_field (GSettings          *settings,
                           const char         *issuer,
                           PbOAuthClientField  field)
{
  g_autoptr(GVariant) entry = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings) && issuer != NULL, NULL);
  g_return_val_if_fail (field < PB_OAUTH_CLIENT_N_FIELDS, NULL);

  entry = setting_entry (settings, issuer);
  return entry_string (entry, field_keys[field]);
}

/* The entry with the fields set (an empty value removes its key), as a new a{ss}. */
static GVariant *
changed_entry (GVariant                 *entry,
               const PbOAuthClientField *fields,
               const char * const       *values,
               guint                     n)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) sorted = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  g_variant_iter_init (&iter, entry);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    g_hash_table_insert (keys, g_strdup (key), g_strdup (value));
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (keys, g_strdup (field_keys[fields[i]]), g_strdup (values[i]));
  sorted = sorted_keys (keys, compare_strings);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; sorted[i] != NULL; i++)
    {
      const char *text = g_hash_table_lookup (keys, sorted[i]);

      if (text != NULL && *text != '\0')
        g_variant_builder_add (&builder, "{ss}", sorted[i], text);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* The setting with issuer's entry replaced (entry NULL: removed). */
static GVariant *
changed_clients (GVariant   *clients,
                 const char *issuer,
                 GVariant   *entry)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{ss}}"));
  g_variant_iter_init (&iter, clients);
  while (g_variant_iter_next (&iter, "{&s@a{ss}}", &key, &value))
    {
      if (!g_str_equal (key, issuer))
        g_variant_builder_add (&builder, "{s@a{ss}}", key, value);
      g_variant_unref (value);
    }
  if (entry != NULL)
    g_variant_builder_add (&builder, "{s@a{ss}}", issuer, entry);
  return g_variant_builder_end (&builder);
}

gboolean
pb_oauth_client_set_fields (GSettings                *settings,
                            const char               *issuer,
                            const PbOAuthClientField *fields,
                            const char * const       *values,
                            guint                     n,
                            PbOAuthClientField       *wrong,
                            GError                  **error)
{
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GVariant) clients = NULL;
  g_autoptr(PbOAuthClient) client = NULL;
  PbOAuthClientField first_wrong = PB_OAUTH_CLIENT_N_FIELDS;
  gboolean empty;

  g_return_val_if_fail (G_IS_SETTINGS (settings) && issuer != NULL, FALSE);
  for (guint i = 0; i < n; i++)
    g_return_val_if_fail (fields[i] < PB_OAUTH_CLIENT_N_FIELDS, FALSE);

  old = setting_entry (settings, issuer);
  entry = changed_entry (old, fields, values, n);
  empty = g_variant_n_children (entry) == 0;
  if (!empty)
    client = parse_entry (issuer, entry, &first_wrong, error);
  if (wrong != NULL)
    *wrong = first_wrong;
  if (!empty && client == NULL)
    return FALSE;
  clients = g_settings_get_value (settings, "oauth-clients");
  return g_settings_set_value (settings, "oauth-clients",
                               changed_clients (clients, issuer, empty ? NULL : entry));
}
