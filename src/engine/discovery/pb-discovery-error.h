/* pb-discovery-error.h: the discovery's own errors, below the discovery and its sources
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_DISCOVERY_ERROR (pb_discovery_error_quark ())

typedef enum {
  PB_DISCOVERY_ERROR_NOT_DISCOVERABLE,  /* address literal, public suffix, single label */
} PbDiscoveryError;

GQuark pb_discovery_error_quark (void);

G_END_DECLS
