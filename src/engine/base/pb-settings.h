/* pb-settings.h: GSettings that also work uninstalled
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *pb_settings_new        (void);
char      *pb_settings_get_string (const char *key,
                                   const char *fallback);
gboolean   pb_settings_get_boolean (const char *key,
                                    gboolean    fallback);
guint      pb_settings_get_uint   (const char *key,
                                   guint       fallback);

G_END_DECLS
