/* pb-imap-data.h: the payloads of untagged SEARCH and FETCH data, parsed without I/O
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The response parser (pb-imap-response.c) hands over what follows the response's name; the
 * literals are inline ({n}\r\n and n bytes), as the client collects them. Every function
 * parses untrusted server bytes and says FALSE for anything it cannot read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* RFC 9051 7.3.4 (RFC 3501 7.2.5): " 4 17 23", or nothing; a CONDSTORE "(MODSEQ n)" at the
 * end is read past. *uids: the numbers, in the server's order. */
gboolean pb_imap_data_parse_search (const char  *data,
                                    gsize        len,
                                    GArray     **uids);
/* RFC 9051 7.5.2: the list of one message's attributes, "(UID 7 FLAGS (\Seen) BODY[HEADER]
 * {n}...)". *uid: its UID, 0 when the list has none; *header: the bytes of BODY[HEADER] as
 * they came (NULL when the list has none, e.g. an unsolicited flag change). */
gboolean pb_imap_data_parse_fetch  (const char  *data,
                                    gsize        len,
                                    guint32     *uid,
                                    GBytes     **header);

G_END_DECLS
