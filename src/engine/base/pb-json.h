/* pb-json.h: JSON documents for the command line's --json output, built with json-glib,
 * and the one reader of string members the servers' JSON answers share
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Server text handed to json-glib as it came could break the document or a terminal:
 * json-glib copies invalid UTF-8, C1 controls, U+2028/2029 and the invisible characters
 * that reorder or hide text (pb_text_is_hidden()) unescaped. pb_json_mark() prepares a
 * string before it goes into the builder: invalid UTF-8 becomes U+FFFD (one per byte), and
 * each hidden character and each such U+FFFD gets a mark; pb_json_unmark() turns the marks
 * in the generated document into \uXXXX escapes (above the BMP a UTF-16 surrogate pair). */
char *pb_json_mark   (const char *value);
char *pb_json_unmark (const char *generated);

/* A string value prepared with pb_json_mark(); NULL adds null. */
void  pb_json_add_string     (JsonBuilder *builder,
                              const char  *value);
/* Inside an object: a member and its value. */
void  pb_json_member_string  (JsonBuilder *builder,
                              const char  *name,
                              const char  *value);
void  pb_json_member_int     (JsonBuilder *builder,
                              const char  *name,
                              gint64       value);
void  pb_json_member_boolean (JsonBuilder *builder,
                              const char  *name,
                              gboolean     value);
void  pb_json_member_null    (JsonBuilder *builder,
                              const char  *name);

/* Reading: a member of object that is a string, or NULL (absent, or of another type). */
const char *pb_json_object_get_string (JsonObject *object,
                                       const char *name);

/* The builder's document, pretty-printed (two-space indentation, one member per line,
 * json-glib's "name" : value), the marks turned into escapes, with a final newline. */
char *pb_json_to_string      (JsonBuilder *builder);

G_END_DECLS
