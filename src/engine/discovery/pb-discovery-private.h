/* pb-discovery-private.h: what the tests and the synchronous run may ask a discovery run
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery.h"

G_BEGIN_DECLS

/* Source tasks of the run not yet completed (they still may after the result). */
guint pb_discovery_get_n_running (PbDiscovery *self);

G_END_DECLS
