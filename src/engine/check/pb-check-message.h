/* pb-check-message.h: the test message a check may send
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The test message (RFC 5322), exposed for the tests. from_name (may be NULL) is the
 * sender's name before the From address. eight_bit: the server takes 8BITMIME, else the
 * body is base64. */
char          *pb_check_build_test_message (const char     *from,
                                            const char     *from_name,
                                            const char     *to,
                                            const char     *settings_text,
                                            gboolean        eight_bit,
                                            GDateTime      *date,
                                            char          **message_id);
/* Header text as is when ASCII, else as RFC 2047 encoded-words on folded lines. */
char          *pb_check_encode_header_text (const char     *text);

G_END_DECLS
