/* pb-smtp-auth.c: which SASL mechanism an SMTP login uses
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-smtp-auth.h"

PbSaslMechanism
pb_smtp_auth_choose (const PbSmtpCapabilities *caps,
                PbAuthMethod              method,
                PbProblem               *problem_hint,
                GError                  **error)
{
  const char * const *mechanisms = caps != NULL ? (const char * const *) caps->auth_mechanisms
                                                 : NULL;
  PbSaslMechanism mechanism;

  *problem_hint = PB_PROBLEM_NONE;
  if (mechanisms == NULL || mechanisms[0] == NULL)
    {
      *problem_hint = PB_PROBLEM_AUTH_NOT_OFFERED;
      g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                   _("The server does not offer authentication"));
      return PB_SASL_NONE;
    }
  mechanism = pb_sasl_pick (mechanisms, method);
  if (mechanism != PB_SASL_NONE)
    return mechanism;

  *problem_hint = PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED;
  pb_sasl_set_unusable_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED, mechanisms,
                              method);
  return PB_SASL_NONE;
}

