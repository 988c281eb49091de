/* pb-diagnosis-variants.c: the texts that replace an id's generic ones for a provider, a
 * port, the chosen security or what the error says
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-diagnosis-variants.h"

const PbProblemEntry pb_problem_variants[] = {
  /* dns-not-found for a server that came with the provider's settings: nobody mistyped it. */
  { PB_PROBLEM_DNS_NOT_FOUND, "provider-settings",
    N_("Server name not found"),
    /* Translators: {host} is the server name. Keep the braces. */
    N_("The name {host} from your provider’s settings could not be found (DNS). The internet "
       "connection or name service does not work right now, or the provider has changed its "
       "server names."),
    N_("Check your internet connection and try again. If other websites work, your "
       "provider’s help pages list its current server names."),
    NULL, TRUE,
    "Error resolving “smtp.example.com”: Name or service not known" },
  /* connect-timeout, by port: the common port table (25 often blocked, 465 implicit TLS,
   * 587 STARTTLS). */
  { PB_PROBLEM_CONNECT_TIMEOUT, "port-25",
    N_("Port 25 is probably blocked"),
    /* Translators: {host} is the server name. Keep the braces. */
    N_("The server {host} did not answer on port 25. Internet providers, public Wi-Fi "
       "networks and firewalls often block port 25, the original port that mail servers use "
       "among themselves."),
    N_("Use port 465 with SSL/TLS or port 587 with STARTTLS instead; mail programs should "
       "send through one of these. Your provider’s help pages say which one it offers."),
    NULL, FALSE,
    "Connecting to smtp.example.com:25 timed out (ETIMEDOUT)" },
  { PB_PROBLEM_CONNECT_TIMEOUT, "port-465",
    N_("No answer on port 465"),
    N_("The server {host} did not answer on port 465 (SSL/TLS). A firewall on the way may "
       "block this port, or the server does not offer it."),
    N_("Try port 587 with STARTTLS instead. If that does not answer either, check your "
       "firewall or network, or try again later."),
    NULL, TRUE,
    "Connecting to smtp.example.com:465 timed out (ETIMEDOUT)" },
  { PB_PROBLEM_CONNECT_TIMEOUT, "port-587",
    N_("No answer on port 587"),
    N_("The server {host} did not answer on port 587 (STARTTLS). A firewall on the way may "
       "block this port, or the server does not offer it."),
    N_("Try port 465 with SSL/TLS instead. If that does not answer either, check your "
       "firewall or network, or try again later."),
    NULL, TRUE,
    "Connecting to smtp.example.com:587 timed out (ETIMEDOUT)" },

  /* protocol-error, by what went wrong in the dialogue. */
  { PB_PROBLEM_PROTOCOL_ERROR, "out-of-turn",
    N_("The server answered out of turn"),
    N_("The server {host} sent an answer before Postbote had asked anything. Every later "
       "answer would then belong to the wrong question, so the check stopped there: the "
       "login does not count and no password was saved."),
    N_("Try again later. If it keeps happening, tell the provider: the server, or something "
       "between you and it, does not follow the mail protocol."),
    NULL, TRUE,
    "250 smtp.example.com … 235 2.7.0 Authentication successful (before AUTH was sent)" },
  { PB_PROBLEM_PROTOCOL_ERROR, "connection-closed",
    N_("The server closed the connection"),
    N_("The server {host} ended the connection in the middle of the conversation, without "
       "saying why."),
    N_("Try again later. If it keeps happening, the server may be overloaded or may refuse "
       "connections from your network; ask your provider."),
    NULL, TRUE,
    "TLS connection closed unexpectedly (while reading the reply to EHLO)" },

  /* IMAP: a tagged answer under a tag that was never sent, or a response where none may
   * come; the client took none of it for an answer. */
  { PB_PROBLEM_PROTOCOL_ERROR, "unexpected-reply",
    N_("The server answered a question that was not asked"),
    N_("The server {host} sent an answer that belongs to no command Postbote sent (for "
       "example under a command tag it never used). A mail program could take it for the "
       "answer to its own question, so the check stopped there: the login does not count and "
       "no password was saved."),
    N_("Try again later. If it keeps happening, tell the provider: the server, or something "
       "between you and it, does not follow the mail protocol."),
    NULL, TRUE,
    "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready … X999 OK LOGIN completed (tag never sent)" },

  /* starttls-not-offered, when the IMAP server logged the session in before TLS. */
  { PB_PROBLEM_STARTTLS_NOT_OFFERED, "preauth",
    N_("The server skipped the encryption"),
    N_("STARTTLS was chosen, but the server {host} logged this connection in before any "
       "encryption (PREAUTH), so STARTTLS can no longer start. Postbote stopped before the "
       "mailbox could be read unencrypted. This is a known attack on STARTTLS, or a server "
       "that trusts this network."),
    N_("Use port {tls_port} with SSL/TLS, which is encrypted from the first byte. If it "
       "happens only in one network, avoid that network, and tell the provider."),
    NULL, FALSE,
    "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] Logged in as alice" },

  /* connect-refused at a server to fetch mail from: its ports, not the sending ones. */
  { PB_PROBLEM_CONNECT_REFUSED, "incoming",
    N_("Connection refused"),
    N_("The server {host} refused the connection on port {port}: no mail service is "
       "listening on this port."),
    N_("Check the port. Mail programs fetch mail through port {tls_port} (SSL/TLS) or "
       "{starttls_port} (STARTTLS); your provider’s help pages say which one to use."),
    NULL, FALSE,
    "Could not connect to imap.example.com: Connection refused" },

  /* sender-invalid, when the client did not send the address at all. */
  { PB_PROBLEM_SENDER_INVALID, "smtputf8-not-offered",
    N_("The server does not take international addresses"),
    N_("The server {host} does not accept mail addresses with characters beyond plain Latin "
       "letters (it does not offer SMTPUTF8), so Postbote did not send it your sender "
       "address. The server rejected nothing: the address itself may be right."),
    N_("Send through a server that accepts international addresses, or use an address of "
       "plain Latin letters, digits and dots with this server if your provider gives you one."),
    NULL, FALSE,
    "250 smtp.example.com … (no SMTPUTF8 offered; sender jürgen@example.com)" },

  /* tls-wrong-port, by the chosen security. */
  { PB_PROBLEM_TLS_WRONG_PORT, "security-tls",
    N_("Port {port} expects STARTTLS"),
    /* Translators: {host} is the server name, {port} the port number. */
    N_("SSL/TLS (encryption from the start) was chosen, but the server {host} starts "
       "without encryption on port {port} and expects STARTTLS."),
    N_("Choose STARTTLS for this port, or use SSL/TLS on the port your provider names for it "
       "(usually {tls_port})."),
    NULL, FALSE,
    "220 smtp.example.com ESMTP Postfix (received as TLS data: unexpected record)" },
  { PB_PROBLEM_TLS_WRONG_PORT, "security-starttls",
    N_("Port {port} expects SSL/TLS"),
    N_("STARTTLS was chosen, but the server {host} expects encryption from the very start "
       "on port {port} (SSL/TLS) and does not answer unencrypted."),
    N_("Choose SSL/TLS for this port, or use STARTTLS on the port your provider names for it "
       "(usually {starttls_port})."),
    NULL, FALSE,
    "(no greeting: the server waits for a TLS handshake)" },

  /* Google */
  { PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED, "google",
    N_("Google wants an app password"),
    N_("Google does not accept your normal Google password from mail programs. With 2-Step "
       "Verification switched on, it needs an app password."),
    N_("Switch on 2-Step Verification in your Google Account if it is not on yet, create an "
       "app password at myaccount.google.com/apppasswords and enter it here instead of your "
       "normal password."),
    "https://myaccount.google.com/apppasswords", FALSE,
    "534-5.7.9 Application-specific password required. Learn more at\n"
    "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp" },
  { PB_PROBLEM_AUTH_FAILED, "google",
    N_("Google did not accept the login"),
    N_("Google rejected the user name and password. Google no longer accepts the normal "
       "account password from mail programs like this one."),
    N_("Check that the user name is your full Google address. Then switch on 2-Step "
       "Verification, create an app password at myaccount.google.com/apppasswords and enter "
       "it here instead of your normal password."),
    "https://myaccount.google.com/apppasswords", FALSE,
    "535-5.7.8 Username and Password not accepted. For more information, go to\n"
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp" },
  { PB_PROBLEM_AUTH_WEB_LOGIN_REQUIRED, "google",
    N_("Google wants you to sign in on the web"),
    N_("Google blocked this login and wants you to sign in once in a web browser, for "
       "example to confirm that it is really you."),
    N_("Sign in at mail.google.com in a web browser and confirm any security check. Then try "
       "again here with an app password."),
    "https://support.google.com/mail/answer/78754", TRUE,
    "534-5.7.14 <https://accounts.google.com/signin/continue?...> Please log in via your web "
    "browser and\n534-5.7.14 then try again.\n"
    "534 5.7.14  https://support.google.com/mail/answer/78754 - gsmtp" },
  { PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS, "google",
    N_("Google: too many login attempts"),
    N_("Google has temporarily blocked logins after too many attempts."),
    N_("Wait about an hour before you try again. Make sure you enter an app password, not "
       "your normal Google password."),
    "https://myaccount.google.com/apppasswords", TRUE,
    "454 4.7.0 Too many login attempts, please try again later. - gsmtp" },

  /* Microsoft */
  { PB_PROBLEM_AUTH_BASIC_DISABLED, "microsoft",
    N_("Microsoft has switched off password login"),
    N_("Microsoft no longer accepts a password (basic authentication) from mail programs "
       "for this account. An app password will not help either."),
    N_("Use a mail program that signs in through Microsoft’s web sign-in (OAuth, “modern "
       "authentication”), for example GNOME Online Accounts with Evolution, or "
       "Thunderbird."),
    NULL, FALSE,
    "535 5.7.139 Authentication unsuccessful, basic authentication is disabled." },
  { PB_PROBLEM_AUTH_SMTP_DISABLED, "microsoft",
    N_("Sending by mail programs is switched off for your organisation"),
    N_("Your organisation’s Microsoft 365 has switched off sending from mail programs with "
       "a password (SMTP AUTH) for this mailbox."),
    N_("Ask your administrator to enable “Authenticated SMTP” for your mailbox in the "
       "Microsoft 365 admin center, or use a mail program with Microsoft’s web sign-in "
       "(OAuth)."),
    "https://aka.ms/smtp_auth_disabled", FALSE,
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
    "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information." },
  { PB_PROBLEM_SENDER_NOT_ALLOWED, "microsoft",
    N_("Microsoft: no permission to send as this address"),
    N_("Microsoft sends only with the mailbox’s own address or an address you have “Send "
       "As” permission for."),
    N_("Use your own mailbox address as the sender, or ask the administrator for “Send As” "
       "permission for the other address."),
    NULL, FALSE,
    "550 5.7.60 SMTP; Client does not have permissions to send as this sender" },

  /* Yahoo, AOL, iCloud */
  { PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED, "yahoo-aol",
    /* Translators: {provider} is Yahoo or AOL. */
    N_("{provider} wants an app password"),
    N_("{provider} does not accept your normal password from mail programs; it needs an app "
       "password. {provider} often reports this as too many bad login attempts."),
    N_("Open the security settings of your {provider} account, choose “Generate app "
       "password”, and enter that password here instead of your normal one."),
    "https://login.yahoo.com/account/security", FALSE,
    "535 5.7.0 (#AUTH005) Too many bad auth attempts." },
  { PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED, "apple",
    N_("iCloud wants an app-specific password"),
    N_("iCloud Mail does not accept your Apple Account password from other mail programs. It "
       "needs an app-specific password."),
    N_("Sign in at account.apple.com (formerly appleid.apple.com), choose “Sign-In and "
       "Security” → “App-Specific Passwords”, create one and enter it here. The user name is "
       "your iCloud email address."),
    "https://account.apple.com/account/manage", FALSE,
    "535 5.7.8 Error: authentication failed" },

  /* GMX and WEB.DE */
  { PB_PROBLEM_AUTH_ACCESS_DISABLED, "gmx-webde",
    /* Translators: {provider} is GMX or WEB.DE. */
    N_("{provider}: access for mail programs is switched off"),
    N_("{provider} rejected the login. Mail programs may only log in once “POP3/IMAP "
       "Abruf” (POP3/IMAP access) is switched on in the {provider} web settings; otherwise "
       "the password is wrong."),
    N_("Log in to {provider} in a web browser, open E-Mail → Einstellungen → “POP3/IMAP "
       "Abruf”, tick “POP3 und IMAP Zugriff erlauben” and save. Then try again. If it is "
       "already on, check the password."),
    NULL, FALSE,
    "535 Authentication credentials invalid" },

  /* Telekom */
  { PB_PROBLEM_AUTH_FAILED, "telekom",
    N_("Telekom: use your password for mail programs"),
    N_("Telekom rejected the login. Mail programs need the separate password for mail "
       "programs (“Passwort für E-Mail-Programme”, formerly “E-Mail-Passwort”), not the "
       "password of your Telekom login."),
    N_("Set up or reset the password for mail programs in the Telekom Kundencenter or E-Mail "
       "Center and enter it here. The user name is your full t-online.de address."),
    NULL, FALSE,
    "535 5.7.0 authentication failed" },

  /* IONOS and STRATO */
  { PB_PROBLEM_SENDER_NOT_ALLOWED, "ionos-strato",
    /* Translators: {provider} is IONOS or STRATO. */
    N_("{provider}: the sender must be your mailbox address"),
    N_("{provider} only accepts mail whose sender is the address of the mailbox you are "
       "logged in with."),
    N_("Use the mailbox address you log in with as the sender. To send as another address, "
       "set it up as a mailbox or alias in your {provider} control panel."),
    NULL, FALSE,
    "550 5.7.1 Sender address is not allowed" },
  { PB_PROBLEM_SENDER_NOT_ALLOWED, "google",
    N_("Google: sender address not allowed"),
    N_("Google sends only with your Google address or an address you have added under "
       "“Send mail as” in the Gmail settings."),
    N_("Use your Google address as the sender, or add the other address in Gmail under "
       "Settings → Accounts → “Send mail as”."),
    NULL, FALSE,
    "550 5.7.1 Sender address not allowed - gsmtp" },
};

const guint pb_problem_variants_len = G_N_ELEMENTS (pb_problem_variants);

const PbProblemEntry *
pb_diagnosis_variant_lookup (PbProblem   problem,
                             const char *qualifier)
{
  for (guint i = 0; qualifier != NULL && i < pb_problem_variants_len; i++)
    if (pb_problem_variants[i].problem == problem
        && g_str_equal (pb_problem_variants[i].qualifier, qualifier))
      return &pb_problem_variants[i];
  return NULL;
}
