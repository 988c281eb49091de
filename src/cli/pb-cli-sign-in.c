/* pb-cli-sign-in.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pb-cli-sign-in.h"
#include "pb-credentials.h"
#include "pb-oauth-sign-in.h"

static void
on_open_uri (PbOAuthSignIn *sign_in,
             const char    *uri,
             gpointer       user_data)
{
  const PbOAuthIssuer *issuer = pb_oauth_sign_in_get_issuer (sign_in);

  /* Translators: %s is the provider's sign-in server, e.g. "login.microsoftonline.com" */
  fprintf (stderr, _("Open this address in a browser on this computer to sign in at %s:"),
           issuer->issuer);
  fprintf (stderr, "\n\n  %s\n\n%s\n", uri,
           _("Waiting for the sign-in in the browser…"));
  fflush (stderr);
}

static void
on_show_code (PbOAuthSignIn *sign_in,
              const char    *user_code,
              const char    *verification_uri,
              const char    *verification_uri_complete,
              gpointer       user_data)
{
  /* Translators: the first %s is a web address, the second a short code such as
   * "WDJB-MJHT" */
  fprintf (stderr, _("On any device (a phone, another computer), open %s and enter the "
                     "code %s"), verification_uri, user_code);
  fputc ('\n', stderr);
  if (verification_uri_complete != NULL)
    fprintf (stderr, "%s %s\n", _("Or open this address, with the code in it:"),
             verification_uri_complete);
  fprintf (stderr, "%s\n", _("Waiting for the code to be entered…"));
  fflush (stderr);
}

static void
on_stage (PbOAuthSignIn *sign_in,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  const GError *error = pb_oauth_sign_in_get_save_error (sign_in);

  if (pb_oauth_sign_in_get_stage (sign_in) != PB_OAUTH_SIGN_IN_STAGE_DONE)
    return;
  if (pb_oauth_sign_in_used_saved (sign_in))
    fprintf (stderr, "%s\n", _("Signed in with the sign-in saved in the keyring."));
  if (error != NULL)
    /* Translators: %s is the keyring's error message, %s a problem id such as keyring-locked */
    fprintf (stderr, _("The sign-in was not saved: %s (%s)"), error->message,
             pb_problem_to_string (pb_credentials_error_to_problem (error)));
  if (error != NULL)
    fputc ('\n', stderr);
}

static void
on_sign_in_started (PbSetup       *setup,
                    PbOAuthSignIn *sign_in,
                    gpointer       user_data)
{
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), NULL);
  g_signal_connect (sign_in, "show-code", G_CALLBACK (on_show_code), NULL);
  g_signal_connect (sign_in, "notify::stage", G_CALLBACK (on_stage), NULL);
}

void
pb_cli_sign_in_follow (PbSetup *setup)
{
  g_return_if_fail (PB_IS_SETUP (setup));
  g_signal_connect (setup, "sign-in-started", G_CALLBACK (on_sign_in_started), NULL);
}
