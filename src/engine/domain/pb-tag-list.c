/* pb-tag-list.c: the "name=value; name=value" lists of DKIM keys and DMARC records
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-tag-list.h"

static void
tag_free (PbTag *tag)
{
  g_free (tag->name);
  g_free (tag->value);
  g_free (tag);
}

static GPtrArray *
failed (PbTagListStatus  why,
        const char      *part,
        PbTagListStatus *status,
        char           **bad)
{
  *status = why;
  *bad = g_strstrip (g_strdup (part));
  return NULL;
}

GPtrArray *
pb_tag_list_parse (const char       *text,
                   PbTagListStatus  *status,
                   char            **bad)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tag_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  *bad = NULL;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *equals = strchr (parts[i], '=');
      PbTag *tag;

      if (equals == NULL)
        {
          if (*g_strstrip (parts[i]) == '\0')
            continue;
          return failed (PB_TAG_LIST_NOT_A_PAIR, parts[i], status, bad);
        }
      tag = g_new0 (PbTag, 1);
      tag->name = g_strstrip (g_strndup (parts[i], equals - parts[i]));
      tag->value = g_strstrip (g_strdup (equals + 1));
      g_ptr_array_add (tags, tag);
      if (*tag->name == '\0')
        return failed (PB_TAG_LIST_NOT_A_PAIR, parts[i], status, bad);
      if (!g_hash_table_add (seen, tag->name))
        return failed (PB_TAG_LIST_DUPLICATE, parts[i], status, bad);
    }
  *status = PB_TAG_LIST_OK;
  return g_steal_pointer (&tags);
}

gboolean
pb_tag_list_has_version (const char *text,
                         const char *version)
{
  gsize n = strlen (version);

  return strncmp (text, version, n) == 0
    && (text[n] == '\0' || text[n] == ';' || text[n] == ' ' || text[n] == '\t');
}
