/* pb-settings-notes.h: what a provider asks of mail programs, as rows of the settings page
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-account-config.h"
#include "pb-discovery-result.h"

G_BEGIN_DECLS

/* Adds a row to group for each of config's notes (an app password, access to switch on,
 * ...), each also to rows (the page's to remove again); TRUE when there was any. */
gboolean pb_settings_notes_add (AdwPreferencesGroup *group,
                                GPtrArray           *rows,
                                PbAccountConfig     *config);
/* Where result's settings came from, with a warning where that source is not protected
 * against forgery. */
char    *pb_settings_notes_source (PbDiscoveryResult  *result);

G_END_DECLS
