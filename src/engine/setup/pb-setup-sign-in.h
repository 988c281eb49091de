/* pb-setup-sign-in.h: the setup flow's login with the provider's sign-in (OAuth 2.0)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With oauth on, a test signs in before its halves start (after the confirmation, so that
 * nothing goes to a host the person did not confirm) and both halves log in with the same
 * access token instead of a password. The issuer is the found settings' own, from a
 * preset only (pb-oauth-issuer.h); the client is Postbote's registration there
 * (pb-oauth-client.h). The sign-in uses a refresh token saved in the keyring first; it
 * saves a new one when remembering passwords is on. A sign-in that fails is the halves'
 * failure: each still connects and checks its encryption, and says why the login was not
 * tested (PB_PROBLEM_OAUTH_*).
 *
 * The flow keeps the newest sign-in's tokens in memory (never in a file) for as long as it
 * lives: a later test of the same address, issuer and client logs in with the access token
 * while it is valid, and refreshes with the kept refresh token after that, without the
 * browser and whether or not the refresh token was saved. A kept access token the servers
 * refuse (revoked, or expired early) is refreshed once and the test run again
 * (pb-setup-run.c).
 */
#pragma once

#include "pb-oauth-issuer.h"
#include "pb-oauth-sign-in.h"
#include "pb-secret.h"
#include "pb-setup.h"

G_BEGIN_DECLS

/* Log in with the provider's sign-in instead of a password (default FALSE). */
void                 pb_setup_set_oauth             (PbSetup       *self,
                                                     gboolean       oauth);
/* May the sign-in open the browser (default TRUE)? Without it, only a saved sign-in
 * works (the command line's --no-browser). */
void                 pb_setup_set_oauth_interactive (PbSetup       *self,
                                                     gboolean       interactive);
/* Sign in with a code the person enters on any device (RFC 8628) instead of the browser
 * on this one (the command line's --oauth-device); default FALSE. */
void                 pb_setup_set_oauth_device      (PbSetup       *self,
                                                     gboolean       device);
/* How long the browser may take; 0: PB_OAUTH_SIGN_IN_DEFAULT_TIMEOUT_MS. */
void                 pb_setup_set_oauth_timeout     (PbSetup       *self,
                                                     guint          timeout_ms);
/* The found settings' sign-in server, or NULL: the provider has none Postbote knows. */
const PbOAuthIssuer *pb_setup_get_oauth_issuer      (PbSetup       *self);

/* Drops the kept tokens (signing out; forgetting the account). */
void                 pb_setup_forget_sign_in        (PbSetup       *self);

/* For the test (pb-setup-run.c): signs in for address, with ::sign-in-started once a
 * sign-in runs (not for a kept access token). Finishes with the access token and whether
 * it was the kept one, or NULL and *problem says why (also PB_PROBLEM_CANCELLED). */
void                 pb_setup_sign_in_async         (PbSetup             *self,
                                                     const char          *address,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
PbSecret            *pb_setup_sign_in_finish        (PbSetup             *self,
                                                     GAsyncResult        *result,
                                                     PbProblem           *problem,
                                                     gboolean            *kept);
/* The kept access token was refused: the next sign-in refreshes. */
void                 pb_setup_drop_access_token     (PbSetup             *self);

G_END_DECLS
