/* pb-sign-in-group.h: the choice to sign in at the provider instead of typing a password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the settings page of found settings whose provider has a sign-in server Postbote
 * knows (pb_setup_get_oauth_issuer()): a switch to test the account with the provider's
 * sign-in in the browser (OAuth 2.0), and, while it is on, whether to stay signed in (the
 * refresh token in the keyring).
 *
 * Properties (read-write, with notify): active (sign in at the provider), keep (stay signed
 * in).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_SIGN_IN_GROUP (pb_sign_in_group_get_type ())

G_DECLARE_FINAL_TYPE (PbSignInGroup, pb_sign_in_group, PB, SIGN_IN_GROUP, AdwPreferencesGroup)

/* Offers the sign-in at the provider named name (its short name, e.g. "Outlook.com"), or
 * nothing: NULL hides the group. */
void     pb_sign_in_group_set_provider (PbSignInGroup *self,
                                        const char    *name);
/* Whether the group is offered and its switch is on: the test signs in at the provider. */
gboolean pb_sign_in_group_get_chosen   (PbSignInGroup *self);
gboolean pb_sign_in_group_get_active   (PbSignInGroup *self);
void     pb_sign_in_group_set_active   (PbSignInGroup *self,
                                        gboolean       active);
gboolean pb_sign_in_group_get_keep     (PbSignInGroup *self);
void     pb_sign_in_group_set_keep     (PbSignInGroup *self,
                                        gboolean       keep);

G_END_DECLS
