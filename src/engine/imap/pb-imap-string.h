/* pb-imap-string.h: a string as an IMAP command carries it, quoted or as a literal
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, no I/O. A quoted string (RFC 9051 4.3) holds 7-bit characters other
 * than CR, LF and NUL, with " and \ escaped; anything else (a line break, 8-bit UTF-8 in a
 * user name or a password) must go as a literal, whose bytes are sent as they are.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "text" with \" and \\ escaped, or NULL when text needs a literal. Holds a secret as
 * much as text does: free it with pb_secret_free(). */
char     *pb_imap_quote              (const char *text);
/* May the literal go without waiting for the server's continuation (RFC 7888): LITERAL+,
 * or LITERAL- for at most 4096 bytes? */
gboolean  pb_imap_literal_non_sync   (const char * const *capabilities,
                                      gsize               len);

G_END_DECLS
