/* pb-imap-string.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-imap-string.h"

/* RFC 7888 5: LITERAL- allows non-synchronizing literals up to this size. */
#define LITERAL_MINUS_MAX 4096

char *
pb_imap_quote (const char *text)
{
  gsize len = strlen (text);
  char *quoted;
  char *q;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n' || (guchar) *p >= 0x80)
        return NULL;
    }
  q = quoted = g_malloc (2 * len + 3);
  *q++ = '"';
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        *q++ = '\\';
      *q++ = *p;
    }
  *q++ = '"';
  *q = '\0';
  return quoted;
}

gboolean
pb_imap_literal_non_sync (const char * const *capabilities,
                          gsize               len)
{
  if (capabilities == NULL)
    return FALSE;
  return g_strv_contains (capabilities, "LITERAL+") ||
         (g_strv_contains (capabilities, "LITERAL-") && len <= LITERAL_MINUS_MAX);
}
