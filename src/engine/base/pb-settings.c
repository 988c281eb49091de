/* pb-settings.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-settings.h"

static GSettingsSchema *
find_schema (void)
{
  static GSettingsSchema *schema;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

      /* Running from the build tree: the schema is compiled there, not installed. */
      if (schema == NULL &&
          g_file_test (BUILD_SCHEMADIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
        {
          g_autoptr(GSettingsSchemaSource) build_source =
            g_settings_schema_source_new_from_directory (BUILD_SCHEMADIR, source, FALSE, NULL);

          if (build_source != NULL)
            schema = g_settings_schema_source_lookup (build_source, APPLICATION_ID, FALSE);
        }

      g_once_init_leave (&initialized, 1);
    }

  return schema;
}

/* Returns NULL when no schema can be found; callers then use their built-in defaults
 * instead of aborting. */
GSettings *
pb_settings_new (void)
{
  GSettingsSchema *schema = find_schema ();

  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

char *
pb_settings_get_string (const char *key,
                        const char *fallback)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  if (settings == NULL)
    return g_strdup (fallback);
  return g_settings_get_string (settings, key);
}

gboolean
pb_settings_get_boolean (const char *key,
                         gboolean    fallback)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  if (settings == NULL)
    return fallback;
  return g_settings_get_boolean (settings, key);
}

guint
pb_settings_get_uint (const char *key,
                      guint       fallback)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  if (settings == NULL)
    return fallback;
  return g_settings_get_uint (settings, key);
}
