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
                const char              **problem_hint,
                GError                  **error)
{
  const char * const *mechanisms = caps != NULL ? (const char * const *) caps->auth_mechanisms
                                                 : NULL;
  PbSaslMechanism mechanism;
  g_autofree char *offered = NULL;

  *problem_hint = NULL;
  if (mechanisms == NULL || mechanisms[0] == NULL)
    {
      *problem_hint = "auth-not-offered";
      g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                   _("The server does not offer authentication"));
      return PB_SASL_NONE;
    }
  mechanism = pb_sasl_pick (mechanisms, method);
  if (mechanism != PB_SASL_NONE)
    return mechanism;

  offered = g_strjoinv (" ", caps->auth_mechanisms);
  *problem_hint = "auth-mechanism-unsupported";
  if (pb_sasl_offers_oauth (mechanisms) && method != PB_AUTH_OAUTH2)
    g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                 _("The server offers no password sign-in, only OAuth2 (%s)"), offered);
  else
    g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                 /* Translators: the first %s is a method like "password-cleartext", the
                  * second the list of offered SASL mechanisms: keep it last, in parentheses
                  * (the diagnosis reads it from there) */
                 _("No usable authentication mechanism for %s among those offered (%s)"),
                 pb_auth_method_to_string (method), offered);
  return PB_SASL_NONE;
}

