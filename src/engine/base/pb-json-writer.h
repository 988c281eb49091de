/* pb-json-writer.h: a small streaming JSON writer for the command line's --json output
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PbJsonWriter PbJsonWriter;

/* pretty: two-space indentation and one member per line. */
PbJsonWriter *pb_json_writer_new          (gboolean      pretty);
void          pb_json_writer_free         (PbJsonWriter *writer);
/* The document so far (complete once every object and array is ended); the writer is freed. */
char         *pb_json_writer_free_to_string (PbJsonWriter *writer);

void pb_json_writer_begin_object (PbJsonWriter *writer);
void pb_json_writer_end_object   (PbJsonWriter *writer);
void pb_json_writer_begin_array  (PbJsonWriter *writer);
void pb_json_writer_end_array    (PbJsonWriter *writer);
/* Inside an object: the name of the next value. */
void pb_json_writer_member       (PbJsonWriter *writer,
                                  const char   *name);
/* Any bytes: control characters are escaped and invalid UTF-8 becomes U+FFFD, so server
 * text can be written as it came. NULL writes null. */
void pb_json_writer_string       (PbJsonWriter *writer,
                                  const char   *value);
void pb_json_writer_int          (PbJsonWriter *writer,
                                  gint64        value);
void pb_json_writer_boolean      (PbJsonWriter *writer,
                                  gboolean      value);
void pb_json_writer_null         (PbJsonWriter *writer);

/* Shorthands for a member and its value. */
void pb_json_writer_member_string  (PbJsonWriter *writer,
                                    const char   *name,
                                    const char   *value);
void pb_json_writer_member_int     (PbJsonWriter *writer,
                                    const char   *name,
                                    gint64        value);
void pb_json_writer_member_boolean (PbJsonWriter *writer,
                                    const char   *name,
                                    gboolean      value);

/* Appends value to out as a quoted, escaped JSON string. */
void pb_json_append_string       (GString      *out,
                                  const char   *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbJsonWriter, pb_json_writer_free)

G_END_DECLS
