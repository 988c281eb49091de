/* pb-text.h: text from outside made safe to show, and padded for columns
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text from outside (server replies, names from XML and DNS) made safe for a terminal or a
 * label: invalid UTF-8 and control characters (C0, DEL and C1 — a UTF-8 terminal takes
 * U+009B as CSI) become U+FFFD, except the ASCII controls listed in keep ("\t", "\n", "").
 * len -1: text is NUL-terminated. */
char *pb_text_make_safe      (const char *text,
                              gssize      len,
                              const char *keep);
/* Appends text and pads it with spaces to width characters (not bytes: IDN host names and
 * German labels are not ASCII). */
void  pb_text_append_padded  (GString    *out,
                              const char *text,
                              int         width);

G_END_DECLS
