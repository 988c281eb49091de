/* pb-discovery-sync.h: a discovery run without a main loop of the caller's (command line)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery.h"

G_BEGIN_DECLS

/* Runs the loop of a private main context until the run is over (command line). */
PbDiscoveryResult *pb_discovery_run_sync  (PbDiscovery   *self,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
