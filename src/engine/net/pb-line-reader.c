/* pb-line-reader.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-line-reader.h"

struct _PbLineReader
{
  GByteArray *buffer;
};

PbLineReader *
pb_line_reader_new (void)
{
  PbLineReader *self = g_new0 (PbLineReader, 1);

  self->buffer = g_byte_array_new ();
  return self;
}

void
pb_line_reader_free (PbLineReader *self)
{
  g_byte_array_unref (self->buffer);
  g_free (self);
}

void
pb_line_reader_append (PbLineReader *self,
                       const guint8 *data,
                       gsize         len)
{
  g_byte_array_append (self->buffer, data, len);
}

const guint8 *
pb_line_reader_peek (PbLineReader *self,
                     gsize        *len)
{
  *len = self->buffer->len;
  return self->buffer->data;
}

gsize
pb_line_reader_get_length (PbLineReader *self)
{
  return self->buffer->len;
}

void
pb_line_reader_consume (PbLineReader *self,
                        gsize         len)
{
  g_byte_array_remove_range (self->buffer, 0, MIN (len, self->buffer->len));
}

PbLineResult
pb_line_reader_take_line (PbLineReader *self,
                          gsize         max_len,
                          char        **line)
{
  /* Only the allowed length and its line end are looked at: the rest can wait. */
  gsize scan = MIN (self->buffer->len, max_len + 2);
  /* An empty GByteArray may have no data at all, and memchr() wants a pointer. */
  const guint8 *end = scan > 0 ? memchr (self->buffer->data, '\n', scan) : NULL;
  gsize len;

  if (end == NULL)
    return self->buffer->len > max_len + 1 ? PB_LINE_TOO_LONG : PB_LINE_INCOMPLETE;
  len = end - self->buffer->data;
  if (len > 0 && self->buffer->data[len - 1] == '\r')
    len--;
  if (len > max_len)
    return PB_LINE_TOO_LONG;
  *line = g_strndup ((const char *) self->buffer->data, len);
  pb_line_reader_consume (self, (end - self->buffer->data) + 1);
  return PB_LINE_COMPLETE;
}

gboolean
pb_line_reader_skip_line (PbLineReader *self)
{
  const guint8 *end = self->buffer->len > 0 ?
    memchr (self->buffer->data, '\n', self->buffer->len) : NULL;

  if (end == NULL)
    {
      g_byte_array_set_size (self->buffer, 0);
      return FALSE;
    }
  pb_line_reader_consume (self, (end - self->buffer->data) + 1);
  return TRUE;
}
