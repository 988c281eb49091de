/* pb-export-steps-desktop.h: the steps in Thunderbird, Outlook and Apple Mail
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"
#include "pb-export-steps.h"

G_BEGIN_DECLS

/* Each takes an account with both halves (pb_export_account_require). */
PbExportSteps *pb_export_steps_thunderbird (const PbExportAccount *account);
/* Classic and new Outlook, side by side where they differ. */
PbExportSteps *pb_export_steps_outlook     (const PbExportAccount *account);
/* Apple Mail on a Mac. */
PbExportSteps *pb_export_steps_apple_mail  (const PbExportAccount *account);

G_END_DECLS
