/* pb-export-instructions.h: step-by-step instructions for a mail program, by program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"
#include "pb-export-steps.h"

G_BEGIN_DECLS

/* The programs there are instructions for. Registered (pb-engine-enums.h): the nicks are
 * the names of `postbote export --format instructions --program`. */
typedef enum {
  PB_EXPORT_PROGRAM_THUNDERBIRD,  /* Thunderbird on the desktop */
  PB_EXPORT_PROGRAM_OUTLOOK,      /* classic and new Outlook */
  PB_EXPORT_PROGRAM_APPLE_MAIL,   /* Apple Mail on a Mac */
  PB_EXPORT_PROGRAM_IOS,          /* Mail on an iPhone or iPad */
  PB_EXPORT_PROGRAM_ANDROID,      /* Thunderbird for Android, K-9 Mail */
  PB_EXPORT_N_PROGRAMS            /*< skip >*/
} PbExportProgram;

/* The program's name as people know it: "Thunderbird", "Outlook", … */
const char    *pb_export_program_get_label (PbExportProgram        program);

/* The steps in program, in the current language, with account's values filled in; NULL
 * with PB_EXPORT_ERROR_NO_SERVER unless the account has both halves. */
PbExportSteps *pb_export_instructions_new  (PbExportProgram        program,
                                            const PbExportAccount *account,
                                            GError               **error);

/* FALSE with PB_EXPORT_ERROR_UNSUPPORTED, saying what to do instead, for an account that
 * signs in at the provider: every program's manual setup enters a password. */
gboolean         pb_export_instructions_check_sign_in (const PbExportAccount  *account,
                                                       GError                **error);

G_END_DECLS
