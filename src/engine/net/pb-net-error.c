/* pb-net-error.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-net-error.h"

G_DEFINE_QUARK (pb-net-error-quark, pb_net_error)
