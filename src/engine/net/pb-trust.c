/* pb-trust.c
 *
 * Entries live in the GSettings key trusted-certificates as "host:port=fingerprint". A
 * fingerprint is trusted for exactly that host and port: never for another port of the
 * same host, never for another host with the same certificate, and never as a blanket
 * "ignore certificate errors".
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-settings.h"
#include "pb-trust.h"

static char *
make_key (const char *host,
          guint16     port)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);

  return g_strdup_printf ("%s:%u=", lower, port);
}

/* Returns the trusted SHA-256 fingerprint for host:port, or NULL. */
char *
pb_trust_lookup (const char *host,
                 guint16     port)
{
  g_autoptr(GSettings) settings = pb_settings_new ();
  g_auto(GStrv) entries = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (host != NULL, NULL);

  if (settings == NULL)
    return NULL;

  key = make_key (host, port);
  entries = g_settings_get_strv (settings, "trusted-certificates");
  for (guint i = 0; entries[i] != NULL; i++)
    {
      if (g_str_has_prefix (entries[i], key) && entries[i][strlen (key)] != '\0')
        return g_strdup (entries[i] + strlen (key));
    }
  return NULL;
}

/* Trusts the fingerprint for host:port, replacing an older one for the same place. */
gboolean
pb_trust_add (const char *host,
              guint16     port,
              const char *sha256)
{
  g_autoptr(GSettings) settings = pb_settings_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) entries = NULL;
  g_auto(GStrv) updated = NULL;
  g_autofree char *key = NULL;
  g_autofree char *entry = NULL;

  g_return_val_if_fail (host != NULL && sha256 != NULL, FALSE);

  if (settings == NULL)
    return FALSE;

  key = make_key (host, port);
  entries = g_settings_get_strv (settings, "trusted-certificates");
  for (guint i = 0; entries[i] != NULL; i++)
    {
      if (!g_str_has_prefix (entries[i], key))
        g_strv_builder_add (builder, entries[i]);
    }
  entry = g_strconcat (key, sha256, NULL);
  g_strv_builder_add (builder, entry);
  updated = g_strv_builder_end (builder);

  return g_settings_set_strv (settings, "trusted-certificates", (const char * const *) updated);
}
