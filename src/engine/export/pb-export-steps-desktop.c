/* pb-export-steps-desktop.c: the steps in Thunderbird, Outlook and Apple Mail
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Menu, button and field names are the program's own in the current language; their
 * translations carry the program as context ("Thunderbird", "Outlook", "Apple Mail"), so
 * that each says what that program shows (German Thunderbird: "Manuelle Einrichtung").
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-steps-desktop.h"

/* Thunderbird's names for the login methods. */
static const char *
thunderbird_auth (PbAuthMethod auth)
{
  switch (auth)
    {
    case PB_AUTH_PASSWORD_ENCRYPTED:
      return C_("Thunderbird", "Encrypted password");
    case PB_AUTH_NTLM:
      return "NTLM";
    case PB_AUTH_GSSAPI:
      return "Kerberos / GSSAPI";
    case PB_AUTH_NONE:
    case PB_AUTH_CLIENT_IP:
      return C_("Thunderbird", "No Authentication");
    case PB_AUTH_PASSWORD_CLEARTEXT:
    case PB_AUTH_SMTP_AFTER_POP:
    /* An account that signs in gets no manual steps (pb_export_instructions_check_sign_in). */
    case PB_AUTH_OAUTH2:
    default:
      return C_("Thunderbird", "Normal password");
    }
}

static void
thunderbird_server (PbExportSteps        *steps,
                    const char           *text,
                    const PbServerConfig *server)
{
  PbExportStep *step = pb_export_steps_add (steps, text);

  if (server->protocol != PB_PROTOCOL_SMTP)
    pb_export_step_add_field (step, C_("Thunderbird", "Protocol"),
                              pb_protocol_get_label (server->protocol));
  pb_export_step_add_field (step, C_("Thunderbird", "Hostname"), server->host);
  pb_export_step_add_port (step, C_("Thunderbird", "Port"), server->port);
  pb_export_step_add_field (step, C_("Thunderbird", "Connection security"),
                            pb_export_security_choice (server->security));
  pb_export_step_add_field (step, C_("Thunderbird", "Authentication method"),
                            thunderbird_auth (server->auth));
  pb_export_step_add_field (step, C_("Thunderbird", "Username"), server->username);
}

PbExportSteps *
pb_export_steps_thunderbird (const PbExportAccount *account)
{
  PbExportSteps *steps = pb_export_steps_new ("Thunderbird", account->address);
  PbExportStep *step;

  /* Thunderbird's Account Hub (Debian 12's Thunderbird 153 ESR): name and address first,
   * the servers on pages of their own, the password after them. */
  pb_export_steps_add (steps, _("Open Thunderbird’s menu ≡ and choose “Add Account” › "
                                "“Email”. Without any account yet, Thunderbird opens this "
                                "by itself."));
  step = pb_export_steps_add (steps, _("Enter your name and the address, then click "
                                       "“Manual configuration”."));
  if (account->display_name != NULL)
    pb_export_step_add_field (step, C_("Thunderbird", "Full name"), account->display_name);
  pb_export_step_add_field (step, C_("Thunderbird", "Email address"), account->address);
  thunderbird_server (steps, _("On the page “Incoming server settings”, set the following, "
                               "then click “Continue”:"), account->incoming);
  thunderbird_server (steps, _("On the page “Outgoing server settings”, set:"),
                      account->outgoing);
  pb_export_steps_add (steps, _("Click “Test” to have Thunderbird check the settings, then "
                                "“Continue”. Enter the account’s password, click "
                                "“Continue”, then “Skip” and finally “Finish”."));
  return steps;
}

static void
outlook_server (PbExportSteps        *steps,
                const char           *text,
                const PbServerConfig *server)
{
  PbExportStep *step = pb_export_steps_add (steps, text);

  pb_export_step_add_field (step, C_("Outlook", "Server"), server->host);
  pb_export_step_add_port (step, C_("Outlook", "Port"), server->port);
  pb_export_step_add_field (step, C_("Outlook", "Encryption method"),
                            pb_export_security_choice (server->security));
  pb_export_step_add_field (step, C_("Outlook", "User name"), server->username);
}

PbExportSteps *
pb_export_steps_outlook (const PbExportAccount *account)
{
  PbExportSteps *steps = pb_export_steps_new ("Outlook", account->address);
  const char *type = account->incoming->protocol == PB_PROTOCOL_POP3 ? "POP" : "IMAP";
  g_autofree char *choose = NULL;
  PbExportStep *step;

  step = pb_export_steps_add (steps, _("Classic Outlook: choose “File” › “Add Account”. New "
                                       "Outlook: open “Settings” › “Accounts” › “Email "
                                       "accounts” and click “Add account”. Enter the address."));
  pb_export_step_add_field (step, C_("Outlook", "Email address"), account->address);
  /* Translators: both %s are the account type Outlook offers, "IMAP" or "POP" */
  choose = g_strdup_printf (_("Classic Outlook: open “Advanced options”, tick “Let me set up "
                              "my account manually”, click “Connect” and choose “%s”. New "
                              "Outlook: click “Continue” and choose “%s”."), type, type);
  pb_export_steps_add (steps, choose);
  outlook_server (steps, _("Under “Incoming mail”, enter:"), account->incoming);
  outlook_server (steps, _("Under “Outgoing mail”, enter:"), account->outgoing);
  pb_export_steps_add (steps, _("Click “Next” (new Outlook: “Continue”), enter the account’s "
                                "password when Outlook asks for it, and finish with “Done”."));
  return steps;
}

static void
apple_mail_port (PbExportSteps        *steps,
                 const char           *text,
                 const PbServerConfig *server)
{
  PbExportStep *step = pb_export_steps_add (steps, text);

  pb_export_step_add_field (step, C_("Apple Mail", "User Name"), server->username);
  pb_export_step_add_field (step, C_("Apple Mail", "Automatically manage connection settings"),
                            pb_export_switch_value (FALSE));
  pb_export_step_add_port (step, C_("Apple Mail", "Port"), server->port);
  pb_export_step_add_field (step, C_("Apple Mail", "Use TLS/SSL"),
                            pb_export_switch_value (server->security != PB_SECURITY_NONE));
}

PbExportSteps *
pb_export_steps_apple_mail (const PbExportAccount *account)
{
  PbExportSteps *steps = pb_export_steps_new ("Apple Mail", account->address);
  PbExportStep *step;

  pb_export_steps_add (steps, _("In Mail, choose “Mail” › “Add Account”, select “Other Mail "
                                "Account” and click “Continue”."));
  step = pb_export_steps_add (steps, _("Enter your name, the address and the account’s "
                                       "password and click “Sign In”."));
  if (account->display_name != NULL)
    pb_export_step_add_field (step, C_("Apple Mail", "Name"), account->display_name);
  pb_export_step_add_field (step, C_("Apple Mail", "Email Address"), account->address);
  step = pb_export_steps_add (steps, _("When Mail says that it cannot verify the account, "
                                       "enter the servers and click “Sign In” again:"));
  pb_export_step_add_field (step, C_("Apple Mail", "Account Type"),
                            account->incoming->protocol == PB_PROTOCOL_POP3 ? "POP" : "IMAP");
  pb_export_step_add_field (step, C_("Apple Mail", "User Name"), account->incoming->username);
  pb_export_step_add_field (step, C_("Apple Mail", "Incoming Mail Server"),
                            account->incoming->host);
  pb_export_step_add_field (step, C_("Apple Mail", "Outgoing Mail Server"),
                            account->outgoing->host);
  apple_mail_port (steps, _("Choose “Mail” › “Settings” › “Accounts”, select the account and "
                            "open “Server Settings”. Under “Incoming Mail Server”, set:"),
                   account->incoming);
  apple_mail_port (steps, _("Under “Outgoing Mail Server”, set the following and click "
                            "“Save”:"), account->outgoing);
  return steps;
}
