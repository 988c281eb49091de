/* pb-enum.c: registered enum values to and from their nicks
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-enum.h"

/* The first use keeps the class for the life of the program, so the nicks it hands out
 * stay valid; later uses only look it up. */
static GEnumClass *
enum_class (GType type)
{
  gpointer klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

const char *
pb_enum_to_nick (GType type,
                 int   value)
{
  GEnumValue *v = g_enum_get_value (enum_class (type), value);

  return v != NULL ? v->value_nick : NULL;
}

gboolean
pb_enum_from_nick (GType       type,
                   const char *nick,
                   int        *value)
{
  GEnumValue *v;

  if (nick == NULL)
    return FALSE;
  v = g_enum_get_value_by_nick (enum_class (type), nick);
  if (v != NULL)
    *value = v->value;
  return v != NULL;
}
