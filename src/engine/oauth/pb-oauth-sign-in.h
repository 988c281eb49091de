/* pb-oauth-sign-in.h: one OAuth 2.0 sign-in of a native app (RFC 8252), start to tokens
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With a refresh token saved for this issuer, client and user, new tokens come from it
 * without the browser. Otherwise (or when the server no longer takes the saved one) the
 * person signs in in the browser: the sign-in listens on 127.0.0.1 (pb-oauth-loopback.h),
 * emits ::open-uri with the authorization URL (PKCE S256, a fresh state), waits for the
 * redirect within the timeout, and exchanges the code. A refresh token the caller still
 * holds from an earlier run comes before the saved one. With remember, the refresh token
 * goes into the keyring (pb-oauth-store.h); the access token stays in memory.
 */
#pragma once

#include <gio/gio.h>

#include "pb-credentials.h"
#include "pb-oauth-client.h"
#include "pb-oauth-issuer.h"
#include "pb-oauth-token.h"

G_BEGIN_DECLS

/* How long the browser may take by default: the person may have to find a password. */
#define PB_OAUTH_SIGN_IN_DEFAULT_TIMEOUT_MS (5 * 60 * 1000)

typedef enum {
  PB_OAUTH_SIGN_IN_STAGE_IDLE,
  PB_OAUTH_SIGN_IN_STAGE_LOOKING_UP,  /* a saved refresh token in the keyring */
  PB_OAUTH_SIGN_IN_STAGE_REFRESHING,  /* new tokens from the saved refresh token */
  PB_OAUTH_SIGN_IN_STAGE_BROWSER,     /* waiting for the person in the browser */
  PB_OAUTH_SIGN_IN_STAGE_EXCHANGING,  /* the code for tokens */
  PB_OAUTH_SIGN_IN_STAGE_SAVING,      /* the refresh token into the keyring */
  PB_OAUTH_SIGN_IN_STAGE_DONE,
} PbOAuthSignInStage;

/* Signals:
 *   ::open-uri (const char *uri)   the person must open uri in the browser now; emitted
 *                                  once the loopback listens
 *   ::show-code (const char *user_code, const char *verification_uri,
 *                const char *verification_uri_complete)   with device: the person enters
 *                                  user_code at verification_uri on any device (the last may
 *                                  be NULL: the same with the code in it)
 *   notify::stage
 */
#define PB_TYPE_OAUTH_SIGN_IN (pb_oauth_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (PbOAuthSignIn, pb_oauth_sign_in, PB, OAUTH_SIGN_IN, GObject)

/* What the window's switch and the texts that mention it call the sign-in: "Sign in with
 * Microsoft 365", for the provider's short name; transfer full. */
char               *pb_oauth_sign_in_title        (const char          *provider);

/* user: the address, the login hint and the keyring item's user. */
PbOAuthSignIn      *pb_oauth_sign_in_new          (const PbOAuthIssuer *issuer,
                                                   const PbOAuthClient *client,
                                                   const char          *user);
/* Use a saved refresh token first (default TRUE). */
void                pb_oauth_sign_in_set_use_saved (PbOAuthSignIn      *self,
                                                    gboolean            use_saved);
/* A refresh token the caller holds in memory from an earlier run (NULL: none), tried
 * before the saved one; when the server no longer takes it, the run goes on as without. */
void                pb_oauth_sign_in_set_refresh_token (PbOAuthSignIn  *self,
                                                        const char     *refresh_token);
/* Save the refresh token (default FALSE). */
void                pb_oauth_sign_in_set_remember (PbOAuthSignIn       *self,
                                                   gboolean             remember);
/* May the browser be asked (default TRUE)? Without it, only a saved token signs in. */
void                pb_oauth_sign_in_set_interactive (PbOAuthSignIn    *self,
                                                      gboolean          interactive);
/* Sign in with a code the person enters on another device (RFC 8628) instead of the
 * browser on this one (default FALSE): ::show-code instead of ::open-uri. */
void                pb_oauth_sign_in_set_device   (PbOAuthSignIn       *self,
                                                   gboolean             device);
/* 0: PB_OAUTH_SIGN_IN_DEFAULT_TIMEOUT_MS. */
void                pb_oauth_sign_in_set_timeout  (PbOAuthSignIn       *self,
                                                   guint                timeout_ms);
PbOAuthSignInStage  pb_oauth_sign_in_get_stage    (PbOAuthSignIn       *self);
const PbOAuthIssuer *pb_oauth_sign_in_get_issuer  (PbOAuthSignIn       *self);
/* After the run: whether the tokens came from a saved refresh token, and why the refresh
 * token could not be saved (NULL: saved, or not asked to). */
gboolean            pb_oauth_sign_in_used_saved   (PbOAuthSignIn       *self);
const GError       *pb_oauth_sign_in_get_save_error (PbOAuthSignIn     *self);

/* The tokens, or PB_OAUTH_ERROR (TIMED_OUT, DENIED, INVALID_GRANT, PROTOCOL), a network
 * error, or G_IO_ERROR_CANCELLED. One run at a time. */
void                pb_oauth_sign_in_run_async    (PbOAuthSignIn       *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
PbOAuthTokens      *pb_oauth_sign_in_run_finish   (PbOAuthSignIn       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
