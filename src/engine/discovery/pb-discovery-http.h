/* pb-discovery-http.h: the sources that fetch a configuration file over HTTP(S)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery-source.h"

G_BEGIN_DECLS

/* Bounds on what a hostile HTTP server can make us hold. */
#define PB_DISCOVERY_MAX_BODY     (1024 * 1024)
#define PB_DISCOVERY_MAX_REDIRECTS 3

SoupSession *pb_discovery_http_session_new (guint timeout_ms);
/* GET url: HTTPS unless allow_plain; at most PB_DISCOVERY_MAX_REDIRECTS redirects, never
 * from HTTPS to HTTP; the body capped at PB_DISCOVERY_MAX_BODY. Returns the parsed
 * configuration; a 404/410 or a failed name lookup is "nothing". Only the ISPDB's
 * answers (pb_discovery_ispdb_async) are marked reviewed. */
void pb_discovery_fetch_config_async (PbDiscoveryContext  *ctx,
                                      const char          *url,
                                      gboolean             allow_plain,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void pb_discovery_autoconfig_async   (PbDiscoveryContext  *ctx,
                                      gboolean             plain_http,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void pb_discovery_ispdb_async        (PbDiscoveryContext  *ctx,
                                      const char          *domain,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The same as a discovery run's sources: autoconfig over HTTPS, over plain HTTP, and the
 * ISPDB entry of the address's domain. */
void pb_discovery_autoconfig_source_async      (PbDiscoveryContext  *ctx,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void pb_discovery_autoconfig_http_source_async (PbDiscoveryContext  *ctx,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void pb_discovery_ispdb_source_async           (PbDiscoveryContext  *ctx,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char *pb_discovery_ispdb_url         (const char          *base_url,
                                      const char          *domain);

G_END_DECLS
