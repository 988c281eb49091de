/* pb-window-asker.h: the setup flow's questions, answered by the window's pages and dialogs
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A host to confirm is answered at once by the settings page, whose Test button is
 * sensitive only once the user checked the confirmation. A certificate to trust stays an
 * open question, offered on the result page, until the user trusts it in the certificate
 * dialog or the flow cancels it; questions asked meanwhile (both halves of an account may
 * ask) wait in turn, each offered when those before it are answered. The asker alone
 * decides whether the result page offers a certificate.
 * The window builds its pages when first needed and hands each one over as it does; it
 * drives the asker, the asker never calls the window.
 */
#pragma once

#include <adwaita.h>

#include "pb-check.h"
#include "pb-result-page.h"
#include "pb-settings-page.h"
#include "pb-setup-asker.h"

G_BEGIN_DECLS

#define PB_TYPE_WINDOW_ASKER (pb_window_asker_get_type ())

G_DECLARE_FINAL_TYPE (PbWindowAsker, pb_window_asker, PB, WINDOW_ASKER, GObject)

PbWindowAsker *pb_window_asker_new                 (void);
/* Not owned: each page is forgotten when it goes. */
void           pb_window_asker_set_settings_page   (PbWindowAsker  *self,
                                                    PbSettingsPage *page);
void           pb_window_asker_set_result_page     (PbWindowAsker  *self,
                                                    PbResultPage   *page);
/* Shows result's certificate over parent (NULL: that of the first open question's check;
 * nothing without one); "Trust" answers the open question yes. */
void           pb_window_asker_inspect_certificate (PbWindowAsker  *self,
                                                    GtkWindow      *parent,
                                                    PbCheckResult  *result);
/* Whether a certificate question is open (:asking, notified when that changes). */
gboolean       pb_window_asker_get_asking          (PbWindowAsker  *self);

G_END_DECLS
