/* pb-imap-data.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-imap-data.h"

/* A FETCH list nests (BODYSTRUCTURE, ENVELOPE); nothing we ask for goes this deep. */
#define MAX_DEPTH   32
/* More UIDs than one message's search can sensibly find: the rest is not kept. */
#define MAX_UIDS    1024

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static gboolean
at (const Cursor *c,
    char          ch)
{
  return c->p < c->end && *c->p == ch;
}

static void
skip_spaces (Cursor *c)
{
  while (at (c, ' '))
    c->p++;
}

/* A number of at most 32 bits: nz-number and number of RFC 9051 9. */
static gboolean
read_number (Cursor  *c,
             guint32 *value)
{
  guint64 n = 0;
  gsize digits = 0;

  for (; c->p < c->end && g_ascii_isdigit (*c->p) && digits <= 10; c->p++, digits++)
    n = n * 10 + (*c->p - '0');
  if (digits == 0 || n > G_MAXUINT32)
    return FALSE;
  *value = n;
  return TRUE;
}

/* {n}\r\n and n bytes: the bytes (not copied). */
static gboolean
read_literal (Cursor      *c,
              const char **start,
              gsize       *len)
{
  guint32 n;

  c->p++;
  if (!read_number (c, &n) || c->end - c->p < 3 || memcmp (c->p, "}\r\n", 3) != 0 ||
      (gsize) (c->end - c->p - 3) < n)
    return FALSE;
  *start = c->p + 3;
  *len = n;
  c->p += 3 + n;
  return TRUE;
}

/* "..." with \" and \\: the text without its escapes. */
static GBytes *
read_quoted (Cursor *c)
{
  GByteArray *s = g_byte_array_new ();

  for (c->p++; c->p < c->end && *c->p != '"'; c->p++)
    {
      if (*c->p == '\\' && c->p + 1 < c->end)
        c->p++;
      g_byte_array_append (s, (const guint8 *) c->p, 1);
    }
  if (c->p >= c->end)
    {
      g_byte_array_unref (s);
      return NULL;
    }
  c->p++;
  return g_byte_array_free_to_bytes (s);
}

/* An atom, a number or NIL: up to a space or a parenthesis. */
static gboolean
read_atom (Cursor *c)
{
  const char *start = c->p;

  while (c->p < c->end && *c->p != ' ' && *c->p != ')' && *c->p != '(' && *c->p != '"' &&
         *c->p != '{')
    c->p++;
  return c->p > start;
}

/* A parenthesised list with all it holds, strings and literals included. */
static gboolean
skip_list (Cursor *c)
{
  guint depth = 0;

  do
    {
      const char *start;
      gsize len;

      if (at (c, '('))
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
          c->p++;
        }
      else if (at (c, ')'))
        {
          depth--;
          c->p++;
        }
      else if (at (c, '"'))
        {
          g_autoptr(GBytes) s = read_quoted (c);

          if (s == NULL)
            return FALSE;
        }
      else if (at (c, '{'))
        {
          if (!read_literal (c, &start, &len))
            return FALSE;
        }
      else if (at (c, ' '))
        c->p++;
      else
        read_atom (c);   /* at least one character: all that ends an atom is taken above */
    }
  while (depth > 0 && c->p < c->end);
  return depth == 0;
}

/* A value: a list (read past), a string (returned in *string), or an atom (its span). */
static gboolean
read_value (Cursor      *c,
            GBytes     **string,
            const char **atom)
{
  const char *start;
  gsize len;

  *string = NULL;
  *atom = c->p;
  if (at (c, '('))
    return skip_list (c);
  if (at (c, '"'))
    return (*string = read_quoted (c)) != NULL;
  if (at (c, '{'))
    {
      if (!read_literal (c, &start, &len))
        return FALSE;
      *string = g_bytes_new (start, len);
      return TRUE;
    }
  return read_atom (c);
}

/* An attribute's name: an atom, with a section in brackets (which may hold a list) and a
 * <partial> after it, as in BODY[HEADER.FIELDS (DATE)]<0>. */
static gboolean
read_name (Cursor *c)
{
  const char *start = c->p;

  while (c->p < c->end && (g_ascii_isalnum (*c->p) || *c->p == '.' || *c->p == '-'))
    c->p++;
  if (at (c, '['))
    {
      const char *close = memchr (c->p, ']', c->end - c->p);

      if (close == NULL)
        return FALSE;
      c->p = close + 1;
    }
  if (at (c, '<'))
    {
      const char *close = memchr (c->p, '>', c->end - c->p);

      if (close == NULL)
        return FALSE;
      c->p = close + 1;
    }
  return c->p > start && at (c, ' ');
}

static gboolean
is_name (const char *start,
         const char *end,
         const char *name)
{
  return (gsize) (end - start) == strlen (name) && g_ascii_strncasecmp (start, name, end - start) == 0;
}

/* One attribute and its value; UID and BODY[HEADER] are kept. */
static gboolean
read_attribute (Cursor   *c,
                guint32  *uid,
                GBytes  **header)
{
  const char *name = c->p;
  const char *name_end;
  g_autoptr(GBytes) string = NULL;
  const char *atom;

  if (!read_name (c))
    return FALSE;
  name_end = c->p++;
  if (!read_value (c, &string, &atom))
    return FALSE;
  if (is_name (name, name_end, "UID"))
    {
      Cursor number = { atom, c->p };

      return string == NULL && read_number (&number, uid) && number.p == c->p;
    }
  if (is_name (name, name_end, "BODY[HEADER]") || is_name (name, name_end, "RFC822.HEADER"))
    {
      g_clear_pointer (header, g_bytes_unref);
      /* NIL: the server has no header for it; an empty header says the same. */
      *header = string != NULL ? g_steal_pointer (&string) : g_bytes_new (NULL, 0);
    }
  return TRUE;
}

gboolean
pb_imap_data_parse_fetch (const char  *data,
                          gsize        len,
                          guint32     *uid,
                          GBytes     **header)
{
  Cursor c = { data, data + len };

  *uid = 0;
  *header = NULL;
  if (!at (&c, '('))
    return FALSE;
  c.p++;
  for (;;)
    {
      skip_spaces (&c);
      if (at (&c, ')'))
        return c.p + 1 == c.end;
      if (!read_attribute (&c, uid, header))
        {
          g_clear_pointer (header, g_bytes_unref);
          return FALSE;
        }
    }
}

gboolean
pb_imap_data_parse_search (const char  *data,
                           gsize        len,
                           GArray     **uids)
{
  Cursor c = { data, data + len };
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (;;)
    {
      guint32 n;

      skip_spaces (&c);
      if (c.p >= c.end)
        break;
      if (at (&c, '('))
        {
          if (!skip_list (&c))
            return FALSE;
          continue;
        }
      if (!read_number (&c, &n) || n == 0 || (c.p < c.end && *c.p != ' '))
        return FALSE;
      if (found->len < MAX_UIDS)
        g_array_append_val (found, n);
    }
  *uids = g_steal_pointer (&found);
  return TRUE;
}
