/* pb-oauth-token.h: the authorization request and the token endpoint (RFC 6749 4.1, 6)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person signs in at the authorization URL in the browser; the code that comes back to
 * the loopback listener is exchanged here for tokens, with the PKCE verifier; a refresh
 * token gets new ones. Only over HTTPS with a valid certificate (RFC 6749 3.2). The tokens
 * are secrets: they go into the keyring and into SASL, nowhere else.
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-oauth-client.h"
#include "pb-oauth-error.h"
#include "pb-secret.h"

G_BEGIN_DECLS

/* A token response is a few kilobytes; more is not one. */
#define PB_OAUTH_MAX_TOKEN_RESPONSE 65536

typedef struct {
  char   *access_token;   /* wiped on free */
  char   *refresh_token;  /* wiped on free; NULL when the server gave none */
  gint64  expires_at;     /* real time in seconds; 0: the server did not say */
  char   *scope;          /* as granted, or NULL when the server did not say */
} PbOAuthTokens;

void           pb_oauth_tokens_free       (PbOAuthTokens *tokens);
/* A token endpoint's answer (RFC 6749 5.1, or 5.2 as an error): the tokens, or
 * PB_OAUTH_ERROR_INVALID_GRANT for a code or refresh token the server no longer takes,
 * PB_OAUTH_ERROR_DENIED with its error and description for another refusal,
 * PB_OAUTH_ERROR_PROTOCOL for what is neither. now: real time in seconds. */
PbOAuthTokens *pb_oauth_tokens_parse      (const char    *json,
                                           gsize          len,
                                           gint64         now,
                                           GError       **error);
/* The URL the browser opens: response_type=code, PKCE S256, the state; login_hint may be
 * NULL. NULL when auth_url is not an https URL or has a fragment. */
char          *pb_oauth_authorization_url (const char    *auth_url,
                                           const char    *client_id,
                                           const char    *redirect_uri,
                                           const char    *scope,
                                           const char    *state,
                                           const char    *code_challenge,
                                           const char    *login_hint);
/* The code for tokens (grant_type=authorization_code with the code_verifier); the
 * client's id, and its secret where it has one. */
void           pb_oauth_token_exchange_async (SoupSession        *session,
                                              const char         *token_url,
                                              const PbOAuthClient *client,
                                              const char         *code,
                                              const char         *redirect_uri,
                                              const char         *code_verifier,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* A refresh token for new tokens; a response without a refresh token keeps the old one. */
void           pb_oauth_token_refresh_async  (SoupSession        *session,
                                              const char         *token_url,
                                              const PbOAuthClient *client,
                                              const char         *refresh_token,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* A device grant's poll (RFC 8628 3.4): the tokens, or PB_OAUTH_ERROR_PENDING or
 * _SLOW_DOWN while the person has not answered, _TIMED_OUT when the grant expired,
 * _DENIED when the person said no. */
void           pb_oauth_token_device_poll_async (SoupSession        *session,
                                                 const char         *token_url,
                                                 const PbOAuthClient *client,
                                                 const char         *device_code,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
PbOAuthTokens *pb_oauth_token_finish         (GAsyncResult       *result,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOAuthTokens, pb_oauth_tokens_free)

G_END_DECLS
