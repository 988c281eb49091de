/* pb-imap-mailbox.h: finding, reading and removing one message in the open mailbox
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the round trip of a test message needs once the mailbox is open
 * (pb_imap_client_select_async() or pb_imap_client_examine_async()): a search by header, a
 * wait for news (IDLE), a message's header, and the removal of exactly one message. Every
 * command names its messages by UID. A removal is refused unless the server offers UIDPLUS
 * (RFC 4315) and the mailbox is open read-write: then only "UID EXPUNGE uid" goes, never a
 * bare EXPUNGE or CLOSE, which would also remove whatever else carries \Deleted. Each finishes
 * with pb_imap_client_command_finish().
 */
#pragma once

#include "pb-imap-client.h"

G_BEGIN_DECLS

/* Asks for the capabilities again: after a login whose answer did not list them, they may
 * have grown (UIDPLUS, IDLE). */
void            pb_imap_client_capability_async   (PbImapClient        *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* UID SEARCH HEADER field value (7-bit text): the UIDs are in
 * pb_imap_client_get_found_uids(). */
void            pb_imap_client_search_header_async (PbImapClient       *self,
                                                    const char         *field,
                                                    const char         *value,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
/* RFC 2177, when the server offers IDLE: waits until the server tells of a new message
 * count or wait_ms passed (within the session's deadline), then ends the IDLE with DONE.
 * Succeeds either way; the count is in pb_imap_client_get_messages(). */
void            pb_imap_client_idle_async         (PbImapClient        *self,
                                                   guint                wait_ms,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* UID FETCH uid (BODY.PEEK[HEADER]): the header without setting \Seen; it is in
 * pb_imap_client_get_header(). Fails when the server sent none for that UID. */
void            pb_imap_client_fetch_header_async (PbImapClient        *self,
                                                   guint32              uid,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* Removes the one message uid: UID STORE uid +FLAGS.SILENT (\Deleted), then UID EXPUNGE uid.
 * Without UIDPLUS, or on a mailbox not open read-write, nothing is sent and the operation
 * fails with PB_IMAP_ERROR_NOT_OFFERED. */
void            pb_imap_client_delete_uid_async   (PbImapClient        *self,
                                                   guint32              uid,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* Whether the open mailbox takes changes (SELECT answered with [READ-WRITE]). */
gboolean        pb_imap_client_get_read_write     (PbImapClient        *self);
/* Whether one message can be removed: UIDPLUS is offered. */
gboolean        pb_imap_client_can_delete_uid     (PbImapClient        *self);
/* The UIDs of the last search, *n of them; NULL before any search. */
const guint32  *pb_imap_client_get_found_uids     (PbImapClient        *self,
                                                   guint               *n);
/* The header of uid as the last FETCH brought it (bytes as sent), or NULL. */
GBytes         *pb_imap_client_get_header         (PbImapClient        *self,
                                                   guint32              uid);

G_END_DECLS
