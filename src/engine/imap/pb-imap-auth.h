/* pb-imap-auth.h: the IMAP login: AUTHENTICATE PLAIN, CRAM-MD5 or LOGIN
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-imap-client.h"

G_BEGIN_DECLS

/* For a password that may travel (inside TLS): AUTHENTICATE PLAIN where the server offers
 * it (with SASL-IR, in one round trip, where it offers that too), else LOGIN, whose user name
 * and password go as quoted strings or, where they hold a line break or 8-bit characters, as
 * literals; CRAM-MD5 for the "encrypted password" method. A PREAUTH session finishes at once.
 * Finishes with pb_imap_client_command_finish(). The password is copied and the copy wiped
 * when the exchange ends. */
void pb_imap_client_login_async (PbImapClient        *self,
                                 PbAuthMethod         method,
                                 const char          *username,
                                 const char          *password,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);

G_END_DECLS
