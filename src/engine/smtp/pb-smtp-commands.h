/* pb-smtp-commands.h: AUTH and QUIT on a connected client, and the pieces of a mail
 * transaction (pb-smtp-envelope.h sends it)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each operation finishes with pb_smtp_client_command_finish().
 */
#pragma once

#include "pb-smtp-client.h"

G_BEGIN_DECLS

/* The password is copied and the copy wiped when the exchange ends. */
void      pb_smtp_client_authenticate_async (PbSmtpClient        *self,
                                             PbAuthMethod         method,
                                             const char          *username,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void      pb_smtp_client_quit_async         (PbSmtpClient        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/* CRLF line ends, dot-stuffing and the final ".\r\n" (RFC 5321 4.5.2). */
GBytes   *pb_smtp_data_encode               (const char          *message,
                                             gsize                len);
/* An address goes between < and > on a command line: nothing may break out of it. */
gboolean  pb_smtp_address_is_safe           (const char          *address);
/* The MAIL FROM line for the server's capabilities, or NULL when it cannot be sent. */
char     *pb_smtp_client_mail_from_line     (PbSmtpClient        *self,
                                             const char          *sender,
                                             PbSmtpMailFlags      flags,
                                             gsize                size,
                                             GError             **error);

G_END_DECLS
