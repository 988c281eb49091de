/* pb-pop3-connect.h: a POP3 session up to where a login can go: greeting, CAPA, STLS
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-pop3-client.h"

G_BEGIN_DECLS

/* Resolve, connect and TLS (the connection core), then the greeting, CAPA, and for
 * STARTTLS the STLS command, the handshake and CAPA again. Finish with
 * pb_pop3_client_finish(). */
void pb_pop3_client_connect_async               (PbPop3Client        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* For tests and the fuzzer: the same over a connection that already exists. */
void pb_pop3_client_connect_on_connection_async (PbPop3Client        *self,
                                                 GSocketConnection   *connection,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

G_END_DECLS
