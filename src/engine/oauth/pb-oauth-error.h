/* pb-oauth-error.h: the errors of an OAuth 2.0 sign-in
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pb-problem.h"

G_BEGIN_DECLS

#define PB_OAUTH_ERROR (pb_oauth_error_quark ())

typedef enum {
  PB_OAUTH_ERROR_DENIED,     /* the authorization server said no (error=access_denied, …);
                              * the message holds its error and description */
  PB_OAUTH_ERROR_PROTOCOL,   /* an answer that breaks RFC 6749 */
  PB_OAUTH_ERROR_INVALID_GRANT, /* a code or refresh token the server no longer takes */
  PB_OAUTH_ERROR_TIMED_OUT,  /* the browser did not come back in time */
  PB_OAUTH_ERROR_NO_CLIENT,  /* Postbote is not registered at this issuer (pb-oauth-client.h) */
  PB_OAUTH_ERROR_PENDING,    /* a device grant's person has not answered yet (RFC 8628 3.5) */
  PB_OAUTH_ERROR_SLOW_DOWN,  /* the same, and poll less often */
  PB_OAUTH_ERROR_NO_DEVICE,  /* the issuer offers no device authorization grant */
  PB_OAUTH_ERROR_INVALID_CLIENT, /* the server does not know the client (error=invalid_client) */
  PB_OAUTH_ERROR_METADATA,   /* the issuer's metadata (RFC 8414) is unusable or contradicts
                              * the preset */
  PB_OAUTH_ERROR_REGISTRATION_REFUSED, /* the registration endpoint said no (RFC 7591 3.2.2) */
} PbOAuthError;

GQuark    pb_oauth_error_quark      (void);
/* The problem id of a sign-in that failed with error (PB_OAUTH_ERROR, a keyring error, a
 * network error, G_IO_ERROR_CANCELLED). */
PbProblem pb_oauth_error_to_problem (const GError *error);
/* Whether problem is one of a sign-in's (PB_PROBLEM_OAUTH_*). */
gboolean  pb_oauth_problem_is_sign_in (PbProblem problem);

G_END_DECLS
