/* pb-discovery-guess.h: probe common server names, the last resort
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery-source.h"

G_BEGIN_DECLS

void pb_discovery_guess_async (PbDiscoveryContext  *ctx,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

G_END_DECLS
