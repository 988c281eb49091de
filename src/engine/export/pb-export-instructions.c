/* pb-export-instructions.c: step-by-step instructions for a mail program, by program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-instructions.h"
#include "pb-export-steps-desktop.h"
#include "pb-export-steps-mobile.h"

static const struct {
  const char *label;
  PbExportSteps *(*write) (const PbExportAccount *account);
} programs[] = {
  [PB_EXPORT_PROGRAM_THUNDERBIRD] = { "Thunderbird", pb_export_steps_thunderbird },
  [PB_EXPORT_PROGRAM_OUTLOOK] = { "Outlook", pb_export_steps_outlook },
  [PB_EXPORT_PROGRAM_APPLE_MAIL] = { "Apple Mail", pb_export_steps_apple_mail },
  [PB_EXPORT_PROGRAM_IOS] = { N_("iPhone and iPad"), pb_export_steps_ios },
  [PB_EXPORT_PROGRAM_ANDROID] = { N_("Thunderbird for Android"), pb_export_steps_android },
};
G_STATIC_ASSERT (G_N_ELEMENTS (programs) == PB_EXPORT_N_PROGRAMS);

const char *
pb_export_program_get_label (PbExportProgram program)
{
  g_return_val_if_fail (program < PB_EXPORT_N_PROGRAMS, NULL);
  return _(programs[program].label);
}

PbExportSteps *
pb_export_instructions_new (PbExportProgram        program,
                            const PbExportAccount *account,
                            GError               **error)
{
  g_return_val_if_fail (program < PB_EXPORT_N_PROGRAMS, NULL);

  if (!pb_export_account_require (account, TRUE, TRUE, error))
    return NULL;
  return programs[program].write (account);
}
