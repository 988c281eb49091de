/* pb-check-session.h: what every protocol's check shares, below the protocols' drivers
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check (pb-check.c) hands one session to the driver of its server's protocol
 * (pb-check-smtp.c, pb-check-imap.c, pb-check-pop3.c). The driver runs its client and uses
 * these functions for what is the same in every protocol: the connection's timeouts, pin
 * and steps, the TLS and certificate facts, the failure and its problem id, whether to try
 * the login, and the end. Drivers call down into this file, never back into the check.
 */
#pragma once

#include <gio/gio.h>

#include "pb-check-options.h"
#include "pb-check-result.h"
#include "pb-connection.h"
#include "pb-sasl-oauth.h"

G_BEGIN_DECLS

typedef struct {
  GObject               *owner;      /* the check: its ::step is emitted for each step */
  const PbServerConfig  *config;
  const char            *address;
  PbCheckOptions         options;    /* every string member set, owned by the check */
  char                  *password;   /* wiped once the login was tried */
  char                  *token;      /* an OAuth 2.0 access token instead: the same */
  gboolean               token_login; /* the login was tried with the token */
  const PbSaslOAuthError *oauth_error; /* the server's word on the refused token, or NULL;
                                         * the client's, valid until the failure is recorded */
  PbProblem              password_problem;
  PbCheckResult         *result;
  GTask                 *task;
  PbConnection          *connection;
  gulong                 step_id;
} PbCheckSession;

/* Takes the client's connection: the timeouts, the pinned certificate and the steps; the
 * steps of a connection attached before are no longer followed. */
void      pb_check_session_attach         (PbCheckSession   *session,
                                           PbConnection     *connection);
/* The TLS version, cipher and certificate as far as the session got. */
void      pb_check_session_collect_tls    (PbCheckSession   *session);
/* The failure becomes the result's, with the provider, the session's protocol and its
 * problem id. */
void      pb_check_session_record_failure (PbCheckSession   *session,
                                           const PbFailure  *failure);
/* Does the server's configured method want a login at all? */
gboolean  pb_check_session_wants_login    (PbCheckSession   *session);
/* TRUE when the login is to be tried (a login is wanted and there is a password or a
 * token); else notes in the result that and why it is not tested. */
gboolean  pb_check_session_will_login     (PbCheckSession   *session);
/* Wipes the password and the token: the login was tried. */
void      pb_check_session_forget_password (PbCheckSession  *session);
/* Ends the check: the transcript, the total time, and the result to the caller. */
void      pb_check_session_finish         (PbCheckSession   *session);

G_END_DECLS
