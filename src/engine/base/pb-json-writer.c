/* pb-json-writer.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-json-writer.h"
#include "pb-text.h"

struct _PbJsonWriter
{
  GString  *out;
  gboolean  pretty;
  guint     depth;
  gboolean  need_comma;    /* a value was written at this depth */
  gboolean  after_member;  /* a member name is waiting for its value */
};

PbJsonWriter *
pb_json_writer_new (gboolean pretty)
{
  PbJsonWriter *writer = g_new0 (PbJsonWriter, 1);

  writer->out = g_string_new (NULL);
  writer->pretty = pretty;
  return writer;
}

void
pb_json_writer_free (PbJsonWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->out, TRUE);
  g_free (writer);
}

char *
pb_json_writer_free_to_string (PbJsonWriter *writer)
{
  char *str = g_string_free (writer->out, FALSE);

  g_free (writer);
  return str;
}

static void
newline (PbJsonWriter *writer)
{
  if (!writer->pretty)
    return;
  g_string_append_c (writer->out, '\n');
  for (guint i = 0; i < writer->depth; i++)
    g_string_append (writer->out, "  ");
}

/* Separator and indentation before a value or a member name. */
static void
before_item (PbJsonWriter *writer)
{
  if (writer->after_member)
    {
      writer->after_member = FALSE;
      return;
    }
  if (writer->need_comma)
    g_string_append_c (writer->out, ',');
  if (writer->depth > 0)
    newline (writer);
}

/* \uXXXX; above the BMP (tag characters) as a UTF-16 surrogate pair, as JSON has it. */
static void
append_escape (GString  *out,
               gunichar  c)
{
  if (c > 0xffff)
    {
      c -= 0x10000;
      g_string_append_printf (out, "\\u%04x\\u%04x", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
    }
  else
    g_string_append_printf (out, "\\u%04x", c);
}

void
pb_json_append_string (GString    *out,
                       const char *value)
{
  const char *p = value;
  const char *end = value + strlen (value);

  g_string_append_c (out, '"');
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* One replacement character per invalid byte, then resynchronise. */
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          /* Controls (C0, DEL, C1), the two line separators JavaScript chokes on, and the
           * invisible characters that reorder or hide text (bidi overrides, zero-width):
           * escaped, so that JSON printed on a terminal shows them instead of obeying them. */
          if (pb_text_is_hidden (c))
            append_escape (out, c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
}

static void
open_container (PbJsonWriter *writer,
                char          bracket)
{
  before_item (writer);
  g_string_append_c (writer->out, bracket);
  writer->depth++;
  writer->need_comma = FALSE;
}

static void
close_container (PbJsonWriter *writer,
                 char          bracket)
{
  gboolean empty = !writer->need_comma;

  g_return_if_fail (writer->depth > 0);
  writer->depth--;
  if (!empty)
    newline (writer);
  g_string_append_c (writer->out, bracket);
  writer->need_comma = TRUE;
  if (writer->depth == 0 && writer->pretty)
    g_string_append_c (writer->out, '\n');
}

void
pb_json_writer_begin_object (PbJsonWriter *writer)
{
  open_container (writer, '{');
}

void
pb_json_writer_end_object (PbJsonWriter *writer)
{
  close_container (writer, '}');
}

void
pb_json_writer_begin_array (PbJsonWriter *writer)
{
  open_container (writer, '[');
}

void
pb_json_writer_end_array (PbJsonWriter *writer)
{
  close_container (writer, ']');
}

void
pb_json_writer_member (PbJsonWriter *writer,
                       const char   *name)
{
  before_item (writer);
  pb_json_append_string (writer->out, name);
  g_string_append (writer->out, writer->pretty ? ": " : ":");
  writer->after_member = TRUE;
}

static void
scalar (PbJsonWriter *writer,
        const char   *text)
{
  before_item (writer);
  g_string_append (writer->out, text);
  writer->need_comma = TRUE;
}

void
pb_json_writer_string (PbJsonWriter *writer,
                       const char   *value)
{
  if (value == NULL)
    {
      pb_json_writer_null (writer);
      return;
    }
  before_item (writer);
  pb_json_append_string (writer->out, value);
  writer->need_comma = TRUE;
}

void
pb_json_writer_int (PbJsonWriter *writer,
                    gint64        value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  scalar (writer, buf);
}

void
pb_json_writer_boolean (PbJsonWriter *writer,
                        gboolean      value)
{
  scalar (writer, value ? "true" : "false");
}

void
pb_json_writer_null (PbJsonWriter *writer)
{
  scalar (writer, "null");
}

void
pb_json_writer_member_string (PbJsonWriter *writer,
                              const char   *name,
                              const char   *value)
{
  pb_json_writer_member (writer, name);
  pb_json_writer_string (writer, value);
}

void
pb_json_writer_member_int (PbJsonWriter *writer,
                           const char   *name,
                           gint64        value)
{
  pb_json_writer_member (writer, name);
  pb_json_writer_int (writer, value);
}

void
pb_json_writer_member_boolean (PbJsonWriter *writer,
                               const char   *name,
                               gboolean      value)
{
  pb_json_writer_member (writer, name);
  pb_json_writer_boolean (writer, value);
}
