/* pb-trust.h: certificates a user trusted explicitly, each for one host and port
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *pb_trust_lookup (const char *host,
                           guint16     port);
gboolean  pb_trust_add    (const char *host,
                           guint16     port,
                           const char *sha256);

G_END_DECLS
