/* pb-sign-in-settings-dialog.h: how Postbote is registered at each sign-in server (the
 * setting "oauth-clients"), as the person sets it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-provider-db.h"

G_BEGIN_DECLS

#define PB_TYPE_SIGN_IN_SETTINGS_DIALOG (pb_sign_in_settings_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbSignInSettingsDialog, pb_sign_in_settings_dialog, PB,
                      SIGN_IN_SETTINGS_DIALOG, AdwPreferencesWindow)

/* A group for every issuer the presets of db name; settings: Postbote's (NULL: nothing
 * can be saved, the rows are insensitive). */
PbSignInSettingsDialog *pb_sign_in_settings_dialog_new   (GtkWindow    *parent,
                                                          PbProviderDb *db,
                                                          GSettings    *settings);
/* Puts the focus into the first row of issuer's group, if it has one. */
void                    pb_sign_in_settings_dialog_focus (PbSignInSettingsDialog *self,
                                                          const char             *issuer);

G_END_DECLS
