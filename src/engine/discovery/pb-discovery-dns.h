/* pb-discovery-dns.h: the MX and SRV sources
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery-source.h"

G_BEGIN_DECLS

/* Bounds on what a hostile DNS server can make us hold: SRV targets kept per service, the
 * best by priority and weight, from all the answer's records. */
#define PB_DISCOVERY_MAX_RECORDS  16

void pb_discovery_mx_async  (PbDiscoveryContext  *ctx,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
void pb_discovery_srv_async (PbDiscoveryContext  *ctx,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

G_END_DECLS
