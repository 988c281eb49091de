/* pb-oauth-http.h: one HTTPS request to an authorization server, its answer capped
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the metadata and the registration endpoint (the token endpoint has its own reader,
 * which wipes what it read). Certificates are always checked (libsoup's default).
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Sends msg (whose URL must be https: PB_OAUTH_ERROR_PROTOCOL otherwise) and reads at
 * most max bytes of the answer (PB_OAUTH_ERROR_PROTOCOL beyond). Finishes with the body;
 * the status is msg's. */
void    pb_oauth_http_send_async  (SoupSession         *session,
                                   SoupMessage         *msg,
                                   gsize                max,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GBytes *pb_oauth_http_send_finish (GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
