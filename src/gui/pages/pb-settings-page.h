/* pb-settings-page.h: the found (or hand-entered) settings, editable before the test
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-discovery-result.h"
#include "pb-server-config.h"
#include "pb-setup-asker.h"

G_BEGIN_DECLS

#define PB_TYPE_SETTINGS_PAGE (pb_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (PbSettingsPage, pb_settings_page, PB, SETTINGS_PAGE, AdwBin)

/* confirmation: what the user must confirm before the test (the flow's question), or NULL. */
void            pb_settings_page_set_result    (PbSettingsPage        *self,
                                                PbDiscoveryResult     *result,
                                                const PbSetupQuestion *confirmation);
/* A form for a server entered by hand. address and password (each may be NULL) are the
 * current address's, carried over as user name, sender and password; nothing of an
 * earlier form stays. */
void            pb_settings_page_set_manual    (PbSettingsPage    *self,
                                                const char        *address,
                                                const char        *password);
/* Start over: the form empty, nothing found or typed kept. */
void            pb_settings_page_clear         (PbSettingsPage    *self);
void            pb_settings_page_set_password_given (PbSettingsPage *self,
                                                     gboolean        given);
/* For found settings whose provider has a sign-in server: offers to sign in at provider
 * (its name; NULL: no offer) instead of a password, switched on or not (active), and to
 * stay signed in (keep). pb_settings_page_set_result() withdraws the offer. */
void            pb_settings_page_offer_sign_in (PbSettingsPage    *self,
                                                const char        *provider,
                                                gboolean           active,
                                                gboolean           keep);
/* Whether the test signs in at the provider (offered and switched on); *keep (may be NULL):
 * whether it stays signed in. */
gboolean        pb_settings_page_get_sign_in   (PbSettingsPage    *self,
                                                gboolean          *keep);
void            pb_settings_page_focus         (PbSettingsPage    *self);
/* Focuses the field that caused problem (a failure's), else as pb_settings_page_focus(). */
void            pb_settings_page_focus_problem (PbSettingsPage    *self,
                                                PbProblem          problem);
/* The "Remember password" switch beside the page's password. */
gboolean        pb_settings_page_get_remember  (PbSettingsPage    *self);
void            pb_settings_page_set_remember  (PbSettingsPage    *self,
                                                gboolean           remember);
/* The password of a server entered by hand, replaced (Try Again with a new one). */
void            pb_settings_page_set_password  (PbSettingsPage    *self,
                                                const char        *password);
gboolean        pb_settings_page_get_confirmed (PbSettingsPage    *self);
gboolean        pb_settings_page_get_manual    (PbSettingsPage    *self);
PbServerConfig *pb_settings_page_dup_server    (PbSettingsPage    *self);
const char     *pb_settings_page_get_password  (PbSettingsPage    *self);
const char     *pb_settings_page_get_sender    (PbSettingsPage    *self);
const char     *pb_settings_page_get_recipient (PbSettingsPage    *self);
PbAccountConfig *pb_settings_page_get_config   (PbSettingsPage    *self);

G_END_DECLS
