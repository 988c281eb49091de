/* pb-secret.h: a string that holds a password or token, wiped before it is freed
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef char PbSecret;   /* g_autoptr(PbSecret) wipes on scope exit */

/* Zeroes the string's bytes in place (NULL: nothing). */
void pb_secret_wipe (char *secret);
void pb_secret_free (char *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSecret, pb_secret_free)

G_END_DECLS
