/* pb-smtp-connect.h: an SMTP session up to where commands can go: greeting, EHLO, STARTTLS
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-smtp-client.h"

G_BEGIN_DECLS

/* Resolve, connect and TLS (the connection core), then greeting, EHLO, STARTTLS, the
 * handshake and EHLO again. */
void     pb_smtp_client_connect_async               (PbSmtpClient        *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean pb_smtp_client_connect_finish              (PbSmtpClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* For tests and the fuzzer: the same over a connection that already exists. */
void     pb_smtp_client_connect_on_connection_async (PbSmtpClient        *self,
                                                     GSocketConnection   *connection,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);

G_END_DECLS
