/* pb-pop3-message.h: one message of a logged-in POP3 session: UIDL n, TOP n 0, DELE n
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the round trip needs to find its own test message and remove it, and nothing else:
 * each command names one message by its number in this session's snapshot of the maildrop
 * (RFC 1939 5: numbers hold until the session ends). Each is a step in the stage "mailbox"
 * ("uidl", "top", "delete") and finishes with pb_pop3_client_finish(). Every reply is
 * server text: bounded (lines, their length, their number) and cleaned before use.
 */
#pragma once

#include "pb-pop3-client.h"

G_BEGIN_DECLS

/* Lines of a header TOP may send (a real one has a few hundred at most). */
#define PB_POP3_MAX_HEADER_LINES 1000

/* Whether UIDL may be asked: it is announced, or the server announces nothing (no CAPA). */
gboolean      pb_pop3_client_may_have_uidl    (PbPop3Client        *self);
/* UIDL n: the message's unique id, then in pb_pop3_client_get_uid(). A -ERR is
 * PB_POP3_ERROR_REFUSED (a server without UIDL); a reply for another message or without a
 * valid id is PB_POP3_ERROR_PROTOCOL. */
void          pb_pop3_client_uidl_async       (PbPop3Client        *self,
                                               guint                n,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* TOP n 0: the message's header, then in pb_pop3_client_get_header(). A header of more
 * than PB_POP3_MAX_HEADER_LINES lines, or with a line over PB_POP3_MAX_LINE_LENGTH, is read
 * to its end and dropped (the header is then NULL); one that does not end within
 * PB_POP3_MAX_DRAINED_LINES is PB_POP3_ERROR_PROTOCOL. With message_id ("<...>", or NULL),
 * the lines of a dropped header that can be read are still searched for a Message-ID field
 * naming it: pb_pop3_client_get_id_passed_over(). */
void          pb_pop3_client_top_async        (PbPop3Client        *self,
                                               guint                n,
                                               const char          *message_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* DELE n: marks the message; the server removes it only when QUIT succeeds. */
void          pb_pop3_client_dele_async       (PbPop3Client        *self,
                                               guint                n,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* After a successful UIDL n, its id; else NULL. */
const char   *pb_pop3_client_get_uid          (PbPop3Client        *self);
/* After a successful TOP n 0, the header's lines each ended by "\n"; NULL after a
 * failure or a header too big to keep. */
GBytes       *pb_pop3_client_get_header       (PbPop3Client        *self);
/* After a TOP n 0 whose header was dropped: TRUE when a Message-ID field of it named the
 * message_id TOP was given (the message is that one); else FALSE. */
gboolean      pb_pop3_client_get_id_passed_over (PbPop3Client      *self);

G_END_DECLS
