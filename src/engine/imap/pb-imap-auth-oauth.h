/* pb-imap-auth-oauth.h: the IMAP login with an OAuth 2.0 bearer token
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-imap-client.h"
#include "pb-sasl-oauth.h"

G_BEGIN_DECLS

/* AUTHENTICATE OAUTHBEARER (RFC 7628) where the server offers it, else XOAUTH2; with SASL-IR
 * in one round trip. Only inside TLS. A refused token's error document is answered as the
 * mechanism asks and kept (pb_imap_client_get_oauth_error()); the login then fails with
 * PB_IMAP_ERROR_AUTH_FAILED. The token never reaches the transcript. Finishes with
 * pb_imap_client_command_finish(). */
void                    pb_imap_client_login_token_async (PbImapClient        *self,
                                                          const char          *username,
                                                          const char          *token,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* What the server said about the refused token, or NULL. */
const PbSaslOAuthError *pb_imap_client_get_oauth_error   (PbImapClient        *self);

G_END_DECLS
