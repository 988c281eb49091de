/* pb-text.h: text from outside made safe to show, padded for columns, DNS names as hosts
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE for a character that must not reach a terminal, a label or JSON as itself:
 * controls (C0, DEL and C1 — a UTF-8 terminal takes U+009B as CSI), and the invisible
 * characters that change how the text around them reads: format characters (bidi
 * embeddings, overrides and isolates U+202A–202E and U+2066–2069, the marks U+200E,
 * U+200F and U+061C, zero-width U+200B–200D, U+180E, U+FEFF, tag characters) and the line
 * and paragraph separators U+2028 and U+2029. */
gboolean pb_text_is_hidden   (gunichar    c);
/* Text from outside (server replies, names from XML and DNS) made safe for a terminal or a
 * label: invalid UTF-8 and hidden characters (pb_text_is_hidden()) become U+FFFD, visibly,
 * except the ASCII controls listed in keep ("\t", "\n", ""). len -1: text is
 * NUL-terminated. */
char *pb_text_make_safe      (const char *text,
                              gssize      len,
                              const char *keep);
/* Appends text and pads it with spaces to width characters (not bytes: IDN host names and
 * German labels are not ASCII). */
void  pb_text_append_padded  (GString    *out,
                              const char *text,
                              int         width);
/* A name from DNS as a host: "mx1.Example.com." -> "mx1.example.com" (ASCII lower case,
 * trailing dots gone). NULL for the root ".", which a null MX (RFC 7505) or a "no service"
 * SRV target (RFC 2782) names. */
char *pb_text_dns_host       (const char *name);

G_END_DECLS
