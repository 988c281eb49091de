/* pb-export-steps-mobile.h: the steps in iOS Mail and Thunderbird for Android (K-9 Mail)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"
#include "pb-export-steps.h"

G_BEGIN_DECLS

/* Each takes an account with both halves (pb_export_account_require). */
PbExportSteps *pb_export_steps_ios     (const PbExportAccount *account);
/* Thunderbird for Android, and K-9 Mail, which it grew from and which looks the same. */
PbExportSteps *pb_export_steps_android (const PbExportAccount *account);

G_END_DECLS
