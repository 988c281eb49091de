/* pb-json.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-json.h"
#include "pb-text.h"

/* U+0001 starts a mark, followed by the four hex digits of the escape. json-glib writes it
 * as \u0001, so a mark survives the generator as the ten characters \u0001XXXX. A U+0001 in
 * the text is a hidden character itself and so always a mark's start after pb_json_mark(). */
#define MARK '\x01'
#define MARK_ESCAPED "\\u0001"
#define MARK_ESCAPED_LEN 6

static void
append_mark (GString *out,
             guint    unit)
{
  g_string_append_printf (out, "%c%04x", MARK, unit);
}

/* Above the BMP (tag characters) as a UTF-16 surrogate pair, as JSON has it. */
static void
append_marked (GString  *out,
               gunichar  c)
{
  if (c > 0xffff)
    {
      c -= 0x10000;
      append_mark (out, 0xd800 + (c >> 10));
      append_mark (out, 0xdc00 + (c & 0x3ff));
    }
  else
    append_mark (out, c);
}

/* The controls json-glib escapes by their short names, identically. */
static gboolean
has_short_escape (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f';
}

char *
pb_json_mark (const char *value)
{
  const char *p = value;
  const char *end = value + strlen (value);
  GString *out = g_string_sized_new (end - p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* One replacement character per invalid byte, then resynchronise. */
          append_mark (out, 0xfffd);
          p++;
          continue;
        }
      if (pb_text_is_hidden (c) && !has_short_escape (c))
        append_marked (out, c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_mark (const char *p)
{
  if (strncmp (p, MARK_ESCAPED, MARK_ESCAPED_LEN) != 0)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[MARK_ESCAPED_LEN + i]))
        return FALSE;
    }
  return TRUE;
}

char *
pb_json_unmark (const char *generated)
{
  GString *out = g_string_sized_new (strlen (generated));
  const char *p = generated;

  while (*p != '\0')
    {
      const char *escape = strchr (p, '\\');

      if (escape == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, escape - p);
      /* Every backslash in generated JSON starts an escape; skipping the whole escape
       * keeps an escaped backslash followed by "u0001" from reading as a mark. */
      if (is_mark (escape))
        {
          g_string_append (out, "\\u");
          g_string_append_len (out, escape + MARK_ESCAPED_LEN, 4);
          p = escape + MARK_ESCAPED_LEN + 4;
        }
      else
        {
          gsize len = escape[1] != '\0' ? 2 : 1;

          g_string_append_len (out, escape, len);
          p = escape + len;
        }
    }
  return g_string_free (out, FALSE);
}

void
pb_json_add_string (JsonBuilder *builder,
                    const char  *value)
{
  g_autofree char *marked = NULL;

  if (value == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  marked = pb_json_mark (value);
  json_builder_add_string_value (builder, marked);
}

void
pb_json_member_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (builder, name);
  pb_json_add_string (builder, value);
}

void
pb_json_member_int (JsonBuilder *builder,
                    const char  *name,
                    gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
pb_json_member_boolean (JsonBuilder *builder,
                        const char  *name,
                        gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
pb_json_member_null (JsonBuilder *builder,
                     const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_null_value (builder);
}

char *
pb_json_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *generated = NULL;
  g_autofree char *escaped = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  generated = json_generator_to_data (generator, NULL);
  escaped = pb_json_unmark (generated);
  return g_strconcat (escaped, "\n", NULL);
}

const char *
pb_json_object_get_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}
