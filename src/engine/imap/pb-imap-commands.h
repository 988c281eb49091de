/* pb-imap-commands.h: ID, EXAMINE, SELECT and LOGOUT on a connected client
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each finishes with pb_imap_client_command_finish().
 */
#pragma once

#include "pb-imap-client.h"

G_BEGIN_DECLS

/* RFC 2971: tells the server who we are (some providers refuse mailbox access without it),
 * when it offers ID; finishes at once, with no stage, when it does not. The answer is in
 * pb_imap_client_get_server_id(). */
void pb_imap_client_id_async      (PbImapClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Opens the mailbox read-only (a 7-bit name such as "INBOX"): proves mailbox access; the
 * message count is in pb_imap_client_get_messages(). */
void pb_imap_client_examine_async (PbImapClient        *self,
                                   const char          *mailbox,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Opens the mailbox for changes: pb_imap_client_get_read_write() says whether the server
 * allows them. Only for a session that will change nothing but its own message. */
void pb_imap_client_select_async  (PbImapClient        *self,
                                   const char          *mailbox,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
void pb_imap_client_logout_async  (PbImapClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);

G_END_DECLS
