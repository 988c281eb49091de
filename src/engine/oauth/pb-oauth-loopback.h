/* pb-oauth-loopback.h: the loopback redirect of a native app's sign-in (RFC 8252 7.3)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listens on 127.0.0.1 at a port the system picks, for as long as the object lives. The
 * browser comes back to the redirect URI with the code (or the server's error) and the
 * state; the request is answered with a short page that sends the person back to Postbote.
 * A request that is not the redirect (a favicon), or carries another state, is answered
 * and ignored: a stray or forged request can neither end nor hijack the sign-in.
 */
#pragma once

#include <gio/gio.h>

#include "pb-oauth-error.h"

G_BEGIN_DECLS

/* A request's head larger than this is not a browser's redirect. */
#define PB_OAUTH_LOOPBACK_MAX_REQUEST 16384
/* Connections open at once: a new one beyond drops the oldest, so that silent connections
 * of another local program cannot keep the browser's redirect out. */
#define PB_OAUTH_LOOPBACK_MAX_CONNECTIONS 16
/* A connection that neither sends nor reads for this long is closed. */
#define PB_OAUTH_LOOPBACK_IDLE_TIMEOUT_S 10

#define PB_TYPE_OAUTH_LOOPBACK (pb_oauth_loopback_get_type ())

G_DECLARE_FINAL_TYPE (PbOAuthLoopback, pb_oauth_loopback, PB, OAUTH_LOOPBACK, GObject)

/* On a port the system picks (what RFC 8252 7.3 asks servers to allow). */
PbOAuthLoopback *pb_oauth_loopback_new              (GError          **error);
/* On the first free port of a list, for an authorization server that matches redirect URIs
 * exactly (n_ports 0: as pb_oauth_loopback_new()). The last port's error when none is free. */
PbOAuthLoopback *pb_oauth_loopback_new_on_ports     (const guint16    *ports,
                                                     guint             n_ports,
                                                     GError          **error);
/* "http://127.0.0.1:PORT/" */
const char      *pb_oauth_loopback_get_redirect_uri (PbOAuthLoopback  *self);
/* How long a wait may take (0, the default: no limit). */
void             pb_oauth_loopback_set_timeout      (PbOAuthLoopback  *self,
                                                     guint             timeout_ms);
/* Waits for the redirect that carries state. Its code, or PB_OAUTH_ERROR_DENIED with the
 * server's error, PB_OAUTH_ERROR_TIMED_OUT after the timeout, or G_IO_ERROR_CANCELLED. One
 * wait at a time. */
void             pb_oauth_loopback_wait_async       (PbOAuthLoopback  *self,
                                                     const char       *state,
                                                     GCancellable     *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer          user_data);
char            *pb_oauth_loopback_wait_finish      (PbOAuthLoopback  *self,
                                                     GAsyncResult     *result,
                                                     GError          **error);

G_END_DECLS
