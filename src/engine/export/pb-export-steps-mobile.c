/* pb-export-steps-mobile.c: the steps in iOS Mail and Thunderbird for Android (K-9 Mail)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in pb-export-steps-desktop.c, the program's own names, translated with the program as
 * context ("iOS", "Android").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-steps-mobile.h"

static void
ios_host (PbExportStep         *step,
          const PbServerConfig *server)
{
  pb_export_step_add_field (step, C_("iOS", "Host Name"), server->host);
  pb_export_step_add_field (step, C_("iOS", "User Name"), server->username);
}

static void
ios_port (PbExportSteps        *steps,
          const char           *text,
          const PbServerConfig *server)
{
  PbExportStep *step = pb_export_steps_add (steps, text);

  pb_export_step_add_field (step, C_("iOS", "Use SSL"),
                            pb_export_switch_value (server->security != PB_SECURITY_NONE));
  pb_export_step_add_port (step, C_("iOS", "Server Port"), server->port);
}

PbExportSteps *
pb_export_steps_ios (const PbExportAccount *account)
{
  PbExportSteps *steps = pb_export_steps_new (_("iPhone and iPad"), account->address);
  const char *type = account->incoming->protocol == PB_PROTOCOL_POP3 ? "POP" : "IMAP";
  g_autofree char *incoming = NULL;
  PbExportStep *step;

  pb_export_steps_add (steps, _("Open “Settings” › “Apps” › “Mail” › “Mail Accounts” › “Add "
                                "Account” › “Other” › “Add Mail Account”. Before iOS 18: "
                                "“Settings” › “Mail” › “Accounts”."));
  step = pb_export_steps_add (steps, _("Enter your name, the address and the account’s "
                                       "password, and tap “Next”."));
  if (account->display_name != NULL)
    pb_export_step_add_field (step, C_("iOS", "Name"), account->display_name);
  pb_export_step_add_field (step, C_("iOS", "Email"), account->address);
  /* Translators: %s is the account type iOS offers at the top, "IMAP" or "POP" */
  incoming = g_strdup_printf (_("Tap “%s” at the top and under “Incoming Mail Server” "
                                "enter:"), type);
  ios_host (pb_export_steps_add (steps, incoming), account->incoming);
  ios_host (pb_export_steps_add (steps, _("Under “Outgoing Mail Server”, enter the following, "
                                          "then tap “Next” and “Save”:")),
            account->outgoing);
  ios_port (steps, _("Open the new account, tap “Account” › “Advanced” and set for the "
                     "incoming server:"), account->incoming);
  ios_port (steps, _("Back in “Account”, tap “SMTP” › the primary server and set:"),
            account->outgoing);
  return steps;
}

/* Thunderbird for Android's names for the login methods. */
static const char *
android_auth (PbAuthMethod auth)
{
  switch (auth)
    {
    case PB_AUTH_PASSWORD_ENCRYPTED:
      return C_("Android", "Encrypted password");
    case PB_AUTH_NONE:
    case PB_AUTH_CLIENT_IP:
      return C_("Android", "No authentication");
    case PB_AUTH_PASSWORD_CLEARTEXT:
    case PB_AUTH_NTLM:
    case PB_AUTH_GSSAPI:
    case PB_AUTH_SMTP_AFTER_POP:
    /* An account that signs in gets no manual steps (pb_export_instructions_check_sign_in). */
    case PB_AUTH_OAUTH2:
    default:
      return C_("Android", "Normal password");
    }
}

static void
android_server (PbExportSteps        *steps,
                const char           *text,
                const PbServerConfig *server)
{
  PbExportStep *step = pb_export_steps_add (steps, text);

  if (server->protocol != PB_PROTOCOL_SMTP)
    pb_export_step_add_field (step, C_("Android", "Protocol"),
                              pb_protocol_get_label (server->protocol));
  pb_export_step_add_field (step, C_("Android", "Server"), server->host);
  pb_export_step_add_field (step, C_("Android", "Security"),
                            pb_export_security_choice (server->security));
  pb_export_step_add_port (step, C_("Android", "Port"), server->port);
  pb_export_step_add_field (step, C_("Android", "Username"), server->username);
  pb_export_step_add_field (step, C_("Android", "Authentication"), android_auth (server->auth));
}

PbExportSteps *
pb_export_steps_android (const PbExportAccount *account)
{
  PbExportSteps *steps = pb_export_steps_new (_("Thunderbird for Android"), account->address);
  PbExportStep *step;

  step = pb_export_steps_add (steps, _("In Thunderbird for Android (or K-9 Mail), open the "
                                       "menu and choose “Settings” › “Add account” (on the "
                                       "first start the app asks by itself). Enter the address "
                                       "and tap “Next”."));
  pb_export_step_add_field (step, C_("Android", "Email address"), account->address);
  android_server (steps, _("When the app shows the settings it found, tap “Edit "
                           "configuration” (or “Manual setup”) and set under “Incoming "
                           "server”:"), account->incoming);
  android_server (steps, _("Enter the account’s password, tap “Next” and set under "
                           "“Outgoing server”:"), account->outgoing);
  step = pb_export_steps_add (steps, _("Tap “Next” until the app has checked both servers, "
                                       "enter your name for the messages you send and tap "
                                       "“Done”."));
  if (account->display_name != NULL)
    pb_export_step_add_field (step, C_("Android", "Your name"), account->display_name);
  return steps;
}
