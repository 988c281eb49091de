/* pb-autoconfig-format.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-autoconfig-format.h"

G_DEFINE_QUARK (pb-autoconfig-error-quark, pb_autoconfig_error)
