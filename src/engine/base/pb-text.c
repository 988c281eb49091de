/* pb-text.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-text.h"

#define REPLACEMENT "\xef\xbf\xbd"

static inline gboolean
is_kept (guchar      c,
         const char *keep)
{
  return (c >= 0x20 && c < 0x7f) || (c != '\0' && strchr (keep, c) != NULL);
}

gboolean
pb_text_is_hidden (gunichar c)
{
  /* By category rather than a list: a new format character in a later Unicode version is
   * as invisible as the ones known today. */
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return TRUE;
    default:
      return FALSE;
    }
}

char *
pb_text_make_safe (const char *text,
                   gssize      len,
                   const char *keep)
{
  g_autofree char *valid = NULL;
  const char *s, *run;
  GString *out;
  gsize plain = 0, n;

  g_return_val_if_fail (text != NULL && keep != NULL, NULL);

  n = len < 0 ? strlen (text) : (gsize) len;
  /* Nearly every text is printable ASCII: one copy, no UTF-8 walk. */
  while (plain < n && is_kept (text[plain], keep))
    plain++;
  if (plain == n)
    return g_strndup (text, n);

  valid = g_utf8_make_valid (text, n);
  out = g_string_sized_new (n + 8);
  for (s = run = valid; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = (guchar) *s < 0x80 ? (guchar) *s : g_utf8_get_char (s);

      if (pb_text_is_hidden (c) && !(c < 0x80 && strchr (keep, (char) c) != NULL))
        {
          g_string_append_len (out, run, s - run);
          g_string_append (out, REPLACEMENT);
          run = g_utf8_next_char (s);
        }
    }
  g_string_append_len (out, run, s - run);
  return g_string_free (out, FALSE);
}

void
pb_text_append_padded (GString    *out,
                       const char *text,
                       int         width)
{
  g_string_append (out, text);
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (out, ' ');
}

char *
pb_text_dns_host (const char *name)
{
  g_autofree char *host = g_ascii_strdown (name, -1);
  gsize len = strlen (host);

  while (len > 0 && host[len - 1] == '.')
    host[--len] = '\0';
  return len > 0 ? g_steal_pointer (&host) : NULL;
}
