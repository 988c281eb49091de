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

gboolean
pb_export_instructions_check_sign_in (const PbExportAccount  *account,
                                      GError                **error)
{
  const char *provider = pb_export_account_sign_in_provider (account);

  /* The manual setup of every program enters a password: an account that signs in at the
   * provider is added through the program's own sign-in instead. */
  if (!pb_export_account_signs_in (account))
    return TRUE;
  if (provider != NULL)
    g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED,
                 /* Translators: %s is "Microsoft" or "Google" */
                 _("This account signs in at the provider, and a manual setup enters a "
                   "password. Add it in the mail program through its own %s account type "
                   "instead, which signs in at the provider."), provider);
  else
    g_set_error_literal (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED,
                         _("This account signs in at the provider, and a manual setup enters "
                           "a password. Add it in a mail program that offers this provider’s "
                           "sign-in."));
  return FALSE;
}

PbExportSteps *
pb_export_instructions_new (PbExportProgram        program,
                            const PbExportAccount *account,
                            GError               **error)
{
  g_return_val_if_fail (program < PB_EXPORT_N_PROGRAMS, NULL);

  if (!pb_export_account_require (account, TRUE, TRUE, error) ||
      !pb_export_instructions_check_sign_in (account, error))
    return NULL;
  return programs[program].write (account);
}
