/* pb-name-table.h: enum values to and from the fixed names a file format uses for them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* names[v] is the name of the enum value v; a table lists every value of its enum. */

static inline const char *
pb_name_table_get (const char * const *names,
                   guint               n_names,
                   guint               value)
{
  g_return_val_if_fail (value < n_names, NULL);
  return names[value];
}

/* The value named str, or -1 (also for NULL). */
static inline int
pb_name_table_find (const char * const *names,
                    guint               n_names,
                    const char         *str,
                    gboolean            ignore_case)
{
  for (guint i = 0; str != NULL && i < n_names; i++)
    {
      if (ignore_case ? g_ascii_strcasecmp (names[i], str) == 0 : strcmp (names[i], str) == 0)
        return i;
    }
  return -1;
}

/* Defines `const char *PREFIX_to_string (TYPE)` and
 * `gboolean PREFIX_from_string (const char *str, TYPE *out)` over the table NAMES;
 * from_string leaves *out alone when str is not a name. */
#define PB_DEFINE_NAME_TABLE(TYPE, PREFIX, NAMES, IGNORE_CASE) \
  const char * \
  PREFIX##_to_string (TYPE value) \
  { \
    return pb_name_table_get (NAMES, G_N_ELEMENTS (NAMES), value); \
  } \
  \
  gboolean \
  PREFIX##_from_string (const char *str, \
                        TYPE       *out) \
  { \
    int i = pb_name_table_find (NAMES, G_N_ELEMENTS (NAMES), str, IGNORE_CASE); \
    \
    if (i >= 0) \
      *out = i; \
    return i >= 0; \
  }

G_END_DECLS
