/* pb-oauth-store.h: a refresh token in the desktop keyring
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The refresh token is the only token that is kept (RFC 8252 8.6: in the platform's secure
 * storage); access tokens live in memory for their few minutes. Schema
 * "io.github.postbote.Postbote.OAuth": issuer, client (the client id), user.
 *
 * Postbote's own registrations at issuers (pb-oauth-registration.h) belong to the
 * installation, not to an account: schema "io.github.postbote.Postbote.OAuthClient",
 * attribute issuer (the identifier URL); the secret is the entry, printed as a GVariant.
 */
#pragma once

#include <libsecret/secret.h>

#include "pb-credentials.h"

G_BEGIN_DECLS

const SecretSchema *pb_oauth_store_get_schema (void);
/* The attributes of every sign-in saved for user, at any issuer and client (for
 * pb_credentials_clear_foreign()). */
GHashTable         *pb_oauth_store_user_attributes (const char *user);
/* Saves (replaces) the refresh token; finished with pb_credentials_store_finish(). */
void pb_oauth_store_save   (const char          *issuer,
                            const char          *client_id,
                            const char          *user,
                            const char          *refresh_token,
                            PbCredentialsFlags   flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
/* The saved refresh token, or NULL without an error when there is none; finished with
 * pb_credentials_lookup_finish(). */
void pb_oauth_store_lookup (const char          *issuer,
                            const char          *client_id,
                            const char          *user,
                            PbCredentialsFlags   flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);

/* Saves (replaces) the registration entry (type a{ss}) at issuer; finished with
 * pb_credentials_store_finish(). */
void      pb_oauth_store_save_client   (const char          *issuer,
                                        GVariant            *entry,
                                        PbCredentialsFlags   flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The saved registration at issuer, finished with pb_oauth_store_lookup_client_finish(). */
void      pb_oauth_store_lookup_client (const char          *issuer,
                                        PbCredentialsFlags   flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The entry (type a{ss}), or NULL: none saved (no error), a keyring error, or an item that
 * is no entry (no error: as none). */
GVariant *pb_oauth_store_lookup_client_finish (GAsyncResult *result,
                                               GError      **error);
/* Removes the registration at issuer; finished with pb_credentials_clear_finish(). */
void      pb_oauth_store_forget_client (const char          *issuer,
                                        PbCredentialsFlags   flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);

G_END_DECLS
