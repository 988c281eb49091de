/* pb-use-in-group.h: after a successful account test, the hand-offs available here
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-export-account.h"

G_BEGIN_DECLS

#define PB_TYPE_USE_IN_GROUP (pb_use_in_group_get_type ())

G_DECLARE_FINAL_TYPE (PbUseInGroup, pb_use_in_group, PB, USE_IN_GROUP, AdwPreferencesGroup)

/* Offers the hand-offs of account (taken; NULL hides the group): GNOME Online Accounts
 * when goa-daemon is on the session bus and can take the account, msmtp when the program is
 * installed, the instructions for each mail program and the files. */
void pb_use_in_group_set_account (PbUseInGroup    *self,
                                  PbExportAccount *account);

G_END_DECLS
