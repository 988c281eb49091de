/* pb-oauth-error.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-oauth-error.h"

G_DEFINE_QUARK (pb-oauth-error-quark, pb_oauth_error)
