/* pb-oauth-client.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
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

/* A tenant is a GUID or a domain name: it goes into a URL's path as it is. */
static gboolean
is_tenant (const char *tenant)
{
  if (*tenant == '\0' || strlen (tenant) > 253)
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

PbOAuthClient *
pb_oauth_client_new_from_entry (const char  *issuer,
                                GVariant    *entry,
                                GError     **error)
{
  g_autoptr(PbOAuthClient) self = g_new0 (PbOAuthClient, 1);
  g_autofree char *ports = NULL;

  g_return_val_if_fail (issuer != NULL, NULL);
  g_return_val_if_fail (entry != NULL && g_variant_is_of_type (entry, G_VARIANT_TYPE ("a{ss}")),
                        NULL);

  self->issuer = g_strdup (issuer);
  self->client_id = entry_string (entry, "client-id");
  self->client_secret = entry_string (entry, "client-secret");
  self->tenant = entry_string (entry, "tenant");
  ports = entry_string (entry, "redirect-ports");
  if (self->client_id == NULL || (self->tenant != NULL && !is_tenant (self->tenant)) ||
      (ports != NULL && !parse_ports (self, ports)))
    {
      /* Translators: %s is an OAuth issuer, e.g. "accounts.google.com". */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The sign-in settings for %s are incomplete or invalid"), issuer);
      return NULL;
    }
  return g_steal_pointer (&self);
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
  /* A build's default that does not parse is the build's mistake: no client. */
  built_in = g_variant_parse (G_VARIANT_TYPE ("a{sa{ss}}"), PB_OAUTH_CLIENTS, NULL, NULL, NULL);
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
