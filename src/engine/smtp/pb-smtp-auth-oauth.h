/* pb-smtp-auth-oauth.h: the SMTP login with an OAuth 2.0 bearer token
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-sasl-oauth.h"
#include "pb-smtp-client.h"

G_BEGIN_DECLS

/* AUTH OAUTHBEARER (RFC 7628) where the server offers it, else XOAUTH2, with the initial
 * response; only inside TLS. A refused token's error document (334) is answered as the
 * mechanism asks and kept (pb_smtp_client_get_oauth_error()); the login then fails with the
 * server's 535. The token never reaches the transcript. Finishes with
 * pb_smtp_client_command_finish(). */
void                    pb_smtp_client_authenticate_token_async (PbSmtpClient        *self,
                                                                 const char          *username,
                                                                 const char          *token,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
/* What the server said about the refused token, or NULL. */
const PbSaslOAuthError *pb_smtp_client_get_oauth_error          (PbSmtpClient        *self);

G_END_DECLS
