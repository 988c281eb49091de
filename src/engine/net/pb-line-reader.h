/* pb-line-reader.h: what the server sent and nobody has read yet, taken line by line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No I/O of its own: the connection appends what it reads. Every limit is the caller's, so
 * a hostile server cannot make the buffer grow past a line the protocol allows.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PB_LINE_INCOMPLETE,   /* no line end yet, and still within the limit */
  PB_LINE_COMPLETE,
  PB_LINE_TOO_LONG,     /* max_len bytes and no line end */
} PbLineResult;

typedef struct _PbLineReader PbLineReader;

PbLineReader *pb_line_reader_new       (void);
void          pb_line_reader_free      (PbLineReader *reader);
void          pb_line_reader_append    (PbLineReader *reader,
                                        const guint8 *data,
                                        gsize         len);
/* The buffered bytes, for a protocol that parses them itself (an SMTP reply). */
const guint8 *pb_line_reader_peek      (PbLineReader *reader,
                                        gsize        *len);
gsize         pb_line_reader_get_length (PbLineReader *reader);
void          pb_line_reader_consume   (PbLineReader *reader,
                                        gsize         len);
/* One line without its CRLF (a bare LF ends it too), at most max_len bytes before the end.
 * *line is set only for PB_LINE_COMPLETE; a NUL byte ends it early. */
PbLineResult  pb_line_reader_take_line (PbLineReader *reader,
                                        gsize         max_len,
                                        char        **line);
/* Drops bytes up to and including the next line end: TRUE when it was there, FALSE when
 * all there was went and the line goes on. */
gboolean      pb_line_reader_skip_line (PbLineReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbLineReader, pb_line_reader_free)

G_END_DECLS
