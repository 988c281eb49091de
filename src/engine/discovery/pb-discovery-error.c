/* pb-discovery-error.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-discovery-error.h"

G_DEFINE_QUARK (pb-discovery-error-quark, pb_discovery_error)
