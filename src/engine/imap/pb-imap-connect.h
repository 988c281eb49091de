/* pb-imap-connect.h: an IMAP session up to where a login can go: greeting, CAPABILITY,
 * STARTTLS, CAPABILITY again
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-imap-client.h"

G_BEGIN_DECLS

/* Resolve, connect and TLS (the connection core), then the greeting, the capabilities (from
 * the greeting's response code or asked), STARTTLS, the handshake and CAPABILITY again. */
void     pb_imap_client_connect_async               (PbImapClient        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean pb_imap_client_connect_finish              (PbImapClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* For tests and the fuzzer: the same over a connection that already exists. */
void     pb_imap_client_connect_on_connection_async (PbImapClient        *self,
                                                     GSocketConnection   *connection,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);

G_END_DECLS
