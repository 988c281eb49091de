/* pb-diagnosis-catalogue.c: the generic text set of every problem id (docs/problems.md)
 *
 * English plain and short, and true for every protocol a check speaks (SMTP, IMAP, POP3);
 * {host}, {port}, {provider}, {tls_version}, {tls_port} and {starttls_port} are filled in
 * after translation.
 * The server's own words are never part of these texts: the UI shows them beneath.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-diagnosis-catalogue.h"

const PbProblemEntry pb_problem_catalogue[] = {
  /* ---- finding the settings ---- */
  { PB_PROBLEM_NOT_DISCOVERABLE, NULL,
    N_("Settings cannot be looked up for this domain"),
    N_("The part after the @ is not a mail domain that settings can be looked up for: it is "
       "a public suffix (such as a country ending) or a name without a dot. Its records would "
       "speak for everybody under it, so Postbote does not ask."),
    N_("Check the address for typing errors. If it is right, enter the outgoing server by "
       "hand (on the command line: --server HOST); your provider’s help pages name it."),
    NULL, FALSE,
    "“co.uk” is a public suffix, not a mail domain: settings cannot be looked up for it" },
  { PB_PROBLEM_NOT_FOUND, NULL,
    N_("No settings found"),
    N_("None of the sources knew an outgoing server for this address: not the built-in "
       "provider list, the provider’s configuration server, the Thunderbird database, the "
       "domain’s DNS records, nor the common server names."),
    N_("Enter the outgoing server by hand (on the command line: --server HOST); your "
       "provider’s help pages name it."),
    NULL, FALSE,
    "No outgoing server found for this address." },
  { PB_PROBLEM_CONFIRMATION_NEEDED, NULL,
    N_("The detected server needs your confirmation"),
    N_("The detected outgoing server {host} lies outside the domain of your address, and no "
       "reviewed source (the built-in provider list or the Thunderbird database) vouches for "
       "it. Postbote sends your password there only after you confirm it."),
    N_("Check that {host} belongs to your provider: its help pages name the outgoing server. "
       "Then confirm it in the window, or on the command line with --server {host}."),
    NULL, FALSE,
    "The detected server smtp.example.net is outside example.com." },
  { PB_PROBLEM_DETECT_FAILED, NULL,
    N_("Settings could not be looked up"),
    N_("Looking up the settings stopped with an error before any source was asked, for "
       "example because the address names its server by an IP address instead of a "
       "domain."),
    N_("Enter the outgoing server by hand (on the command line: --server HOST). If the "
       "address should have a domain, check it for typing errors."),
    NULL, FALSE,
    "The address names a server by its IP address, so there is no domain to look up settings "
    "for. Please enter the server settings by hand." },

  /* ---- finding and reaching the server ---- */
  { PB_PROBLEM_DNS_NOT_FOUND, NULL,
    N_("Server name not found"),
    /* Translators: {host} is the server name. Keep the braces. */
    N_("The name {host} could not be found (DNS). Either it is misspelled, or the internet "
       "connection or name service does not work right now."),
    N_("Check the spelling of the server name; your provider’s help pages list the correct "
       "server names. If the name is right, check your internet connection and try again."),
    NULL, TRUE,
    "Error resolving “smtp.exmaple.com”: Name or service not known" },
  { PB_PROBLEM_NETWORK_UNREACHABLE, NULL,
    N_("No network connection"),
    N_("This computer has no route to {host}: the network or the internet connection is not "
       "available."),
    N_("Check that you are connected to the internet (Wi-Fi, cable, VPN), then try again."),
    NULL, TRUE,
    "Could not connect to 192.0.2.25: Network is unreachable" },
  { PB_PROBLEM_CONNECT_REFUSED, NULL,
    N_("Connection refused"),
    /* Translators: {host} is the server name, {port} the port number. */
    N_("The server {host} refused the connection on port {port}: no mail service is "
       "listening on this port."),
    N_("Check the port. Mail programs send through port 465 (SSL/TLS) or 587 (STARTTLS); port "
       "25 is meant for mail servers among themselves. Your provider’s help pages say which "
       "one to use."),
    NULL, FALSE,
    "Could not connect to smtp.example.com: Connection refused" },
  { PB_PROBLEM_CONNECT_TIMEOUT, NULL,
    N_("No answer from the server"),
    N_("The server {host} did not answer on port {port}. A firewall on the way probably "
       "blocks this port, or the server is down."),
    /* Translators: {tls_port} and {starttls_port} are the protocol's usual ports (465 and
     * 587 for sending, 993 and 143 for IMAP, 995 and 110 for POP3). Keep the braces. */
    N_("Try the mail ports: {tls_port} with SSL/TLS or {starttls_port} with STARTTLS. If "
       "neither answers, check your firewall or network, or try again later."),
    NULL, TRUE,
    "Connecting to smtp.example.com:2525 timed out" },

  /* ---- encryption and certificates ---- */
  { PB_PROBLEM_TLS_WRONG_PORT, NULL,
    N_("Wrong encryption for this port"),
    N_("The server {host} does not use the chosen kind of encryption on port {port}: SSL/TLS "
       "and STARTTLS were mixed up."),
    N_("Use port {tls_port} with SSL/TLS or port {starttls_port} with STARTTLS. Do not choose "
       "SSL/TLS for port {starttls_port}, nor STARTTLS for port {tls_port}."),
    NULL, FALSE,
    "TLS handshake: Peer failed to perform TLS handshake" },
  { PB_PROBLEM_TLS_HANDSHAKE_FAILED, NULL,
    N_("Encryption could not be set up"),
    N_("The secure connection (TLS) to {host} failed before anything was sent: the server "
       "and Postbote could not agree on the encryption."),
    N_("Check the port and the encryption ({tls_port} with SSL/TLS, {starttls_port} with "
       "STARTTLS). If they are right, the server may offer only outdated encryption; tell your "
       "provider or administrator."),
    NULL, FALSE,
    "TLS handshake: A TLS fatal alert has been received" },
  { PB_PROBLEM_TLS_OUTDATED, NULL,
    N_("Server uses outdated encryption"),
    /* Translators: {tls_version} is a protocol version such as "TLS 1.0". Keep the braces. */
    N_("The server {host} offered only {tls_version}, an encryption protocol that is no longer "
       "considered safe (TLS 1.2 or later is required). Postbote stopped before logging in, "
       "so your password was not sent."),
    N_("Ask your provider or administrator for a server with current encryption. Providers "
       "often have a newer server name for this: use the server name from their help pages."),
    NULL, FALSE,
    "smtp.example.com offered only TLS 1.0, an outdated encryption protocol (TLS 1.2 or "
    "later is required)" },
  { PB_PROBLEM_CERT_UNTRUSTED, NULL,
    N_("Certificate not trusted"),
    N_("The server {host} showed a certificate that no trusted authority has signed "
       "(self-signed or from an unknown authority). Someone could be listening in, so "
       "nothing was sent."),
    N_("Check the server name: the official name from your provider’s help pages has a valid "
       "certificate. If it is your own server, give it a certificate from a recognised "
       "authority (for example Let’s Encrypt)."),
    NULL, FALSE,
    "Unacceptable TLS certificate: signed by an unknown authority" },
  { PB_PROBLEM_CERT_EXPIRED, NULL,
    N_("Certificate expired"),
    N_("The certificate of {host} has expired, so the connection cannot be trusted. Nothing "
       "was sent."),
    N_("Check that the date and time of this computer are correct. If they are, the provider "
       "must renew the certificate: tell them."),
    NULL, FALSE,
    "Unacceptable TLS certificate: expired" },
  { PB_PROBLEM_CERT_NOT_YET_VALID, NULL,
    N_("Certificate not yet valid"),
    N_("The certificate of {host} is valid only from a date in the future. Often the clock "
       "of this computer is wrong."),
    N_("Check the date, time and time zone of this computer. If they are correct, tell the "
       "provider."),
    NULL, FALSE,
    "Unacceptable TLS certificate: not yet valid" },
  { PB_PROBLEM_CERT_HOSTNAME_MISMATCH, NULL,
    N_("Certificate is for a different server"),
    N_("The certificate of {host} was issued for another name. Either the server name is not "
       "the provider’s official one, or someone is intercepting the connection."),
    N_("Use the server name from your provider’s help pages. With web hosting this is often "
       "the hoster’s server name, not your own domain."),
    NULL, FALSE,
    "Unacceptable TLS certificate: does not match the host name" },
  { PB_PROBLEM_CERT_REVOKED, NULL,
    N_("Certificate revoked"),
    N_("The certificate of {host} has been revoked by the authority that issued it and must "
       "not be used."),
    N_("Do not use this server until the provider has a new certificate. Tell the provider."),
    NULL, FALSE,
    "Unacceptable TLS certificate: revoked" },
  { PB_PROBLEM_CERT_INSECURE, NULL,
    N_("Insecure certificate"),
    N_("The certificate of {host} uses an algorithm that is no longer considered safe, for "
       "example a weak signature or a short key."),
    N_("The provider must replace the certificate. Until then, use another server of the "
       "provider if there is one."),
    NULL, FALSE,
    "Unacceptable TLS certificate: insecure algorithm" },

  /* ---- STARTTLS ---- */
  { PB_PROBLEM_STARTTLS_NOT_OFFERED, NULL,
    N_("Server does not offer encryption (STARTTLS)"),
    N_("STARTTLS was chosen, but the server {host} does not offer it on port {port}. Postbote "
       "stopped so that your password is not sent unencrypted."),
    N_("Use port {tls_port} with SSL/TLS instead. If the server normally offers STARTTLS, "
       "something in this network may be removing it: try another network."),
    NULL, FALSE,
    "250-smtp.example.com\n250-PIPELINING\n250-SIZE 10240000\n250 AUTH PLAIN LOGIN" },
  { PB_PROBLEM_STARTTLS_REFUSED, NULL,
    N_("Server refused encryption (STARTTLS)"),
    N_("The server {host} offers STARTTLS but refused it when asked. Postbote stopped and "
       "did not send your password unencrypted."),
    N_("Try again later, or use port {tls_port} with SSL/TLS. If it keeps happening, tell the "
       "provider."),
    NULL, TRUE,
    "454 4.7.0 TLS not available due to local problem" },
  { PB_PROBLEM_STARTTLS_INJECTION, NULL,
    N_("Unexpected data before encryption"),
    N_("Extra data arrived right after the server agreed to STARTTLS, before the encryption "
       "started. This is a known attack on STARTTLS (or a broken server), so Postbote "
       "stopped."),
    N_("Use port {tls_port} with SSL/TLS, which is encrypted from the first byte. If it "
       "happens only in one network, avoid that network, and tell the provider."),
    NULL, FALSE,
    "220 Ready to start TLS\n250-injected" },

  /* ---- login ---- */
  { PB_PROBLEM_AUTH_NOT_OFFERED, NULL,
    N_("Server does not accept a login"),
    N_("The server {host} offers no login on port {port}. It may be meant for other servers "
       "only, or login works only on another port."),
    N_("Use the server and port from your provider’s help pages, usually port {tls_port} "
       "(SSL/TLS) or {starttls_port} (STARTTLS)."),
    NULL, FALSE,
    "503 5.5.1 Error: authentication not enabled" },
  { PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED, NULL,
    N_("No suitable login method"),
    N_("The server {host} offers only login methods that Postbote cannot use with a "
       "password."),
    N_("Check the server and port in your provider’s help pages. If the provider allows "
       "sign-in only through its own web page (OAuth), use a mail program that supports it."),
    NULL, FALSE,
    "504 5.5.4 Unrecognized authentication type" },
  { PB_PROBLEM_AUTH_OAUTH_REQUIRED, NULL,
    N_("Sign-in only through the provider’s web page"),
    N_("The server {host} accepts no password, only a sign-in through the provider’s web page "
       "(OAuth). An app password does not help."),
    N_("Test the account with the provider’s sign-in instead of a password (on the command "
       "line: --oauth). In your mail program, choose the provider’s sign-in (OAuth2) as the "
       "login method."),
    NULL, FALSE,
    "250 AUTH XOAUTH2 OAUTHBEARER" },
  { PB_PROBLEM_AUTH_TOKEN_REFUSED, NULL,
    N_("The server did not accept the sign-in"),
    N_("You signed in at the provider, but the server {host} did not accept that sign-in "
       "for mail. Mail access may be switched off for this account, or the account may not "
       "be allowed to use mail programs."),
    N_("Check in your account’s settings that access for mail programs (IMAP, SMTP) is on. "
       "In an organization, the administrator decides this for each account."),
    NULL, FALSE,
    "a1 NO [AUTHENTICATIONFAILED] {\"status\":\"invalid_token\"}" },
  { PB_PROBLEM_AUTH_TOKEN_SCOPE, NULL,
    N_("The sign-in does not include mail"),
    N_("You signed in at the provider, but without permission for mail: the server {host} "
       "wants a sign-in that allows reading and sending mail."),
    N_("Sign in again and allow access to your mail when the provider’s page asks."),
    NULL, FALSE,
    "{\"status\":\"insufficient_scope\",\"scope\":\"mail\"}" },
  { PB_PROBLEM_AUTH_FAILED, NULL,
    N_("User name or password wrong"),
    N_("The server {host} rejected the login: the user name or the password was not "
       "accepted."),
    N_("Check the password and the user name (usually your full email address). If two-step "
       "verification (2FA) is on for your account, the provider may want an app password "
       "instead of your normal password."),
    NULL, FALSE,
    "535 5.7.8 Error: authentication failed: authentication failure" },
  { PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED, NULL,
    N_("App password required"),
    N_("The server {host} does not accept your normal password from mail programs. It wants "
       "an app password: a separate password just for mail programs."),
    N_("Create an app password in the security settings of your account and enter it here "
       "instead of your normal password."),
    NULL, FALSE,
    "534 5.7.9 Application-specific password required." },
  { PB_PROBLEM_AUTH_BASIC_DISABLED, NULL,
    N_("Password login switched off"),
    N_("The provider has switched off login with a password (basic authentication) for mail "
       "programs. An app password will not help either."),
    N_("Use a mail program that signs in through the provider’s web page (OAuth, “modern "
       "authentication”), for example GNOME Online Accounts with Evolution, or "
       "Thunderbird."),
    NULL, FALSE,
    "535 5.7.139 Authentication unsuccessful, basic authentication is disabled." },
  { PB_PROBLEM_AUTH_SMTP_DISABLED, NULL,
    N_("Sending by mail programs is switched off"),
    N_("Your organisation has switched off sending with a password from mail programs (SMTP "
       "AUTH) for this account."),
    N_("Ask your administrator to enable authenticated SMTP (SMTP AUTH) for your mailbox, or "
       "use a mail program with your organisation’s web sign-in (OAuth)."),
    NULL, FALSE,
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
    "Tenant." },
  { PB_PROBLEM_AUTH_WEB_LOGIN_REQUIRED, NULL,
    N_("Sign in on the web first"),
    N_("The provider blocked the login from a mail program and wants you to sign in through "
       "its web page first, for example to confirm that it is really you."),
    N_("Sign in to your account in a web browser and answer any security check, then try "
       "again here."),
    NULL, TRUE,
    "534 5.7.14 Please log in via your web browser and then try again." },
  { PB_PROBLEM_AUTH_ACCESS_DISABLED, NULL,
    N_("Access for mail programs switched off"),
    N_("The login was rejected. With this provider, access for mail programs (POP3/IMAP/SMTP) "
       "must first be switched on in the web settings."),
    N_("Switch on access for mail programs in the web settings of your account, then try "
       "again. If it is on, check the password."),
    NULL, FALSE,
    "535 Authentication credentials invalid" },
  { PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS, NULL,
    N_("Too many login attempts"),
    N_("The server {host} has temporarily blocked logins after too many attempts."),
    N_("Wait a while (often 15 minutes to an hour) before you try again. Check the password "
       "first, so that the next attempt succeeds."),
    NULL, TRUE,
    "454 4.7.0 Too many login attempts, please try again later." },
  { PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED, NULL,
    N_("Login requires encryption"),
    N_("The server {host} accepts a login only over an encrypted connection."),
    N_("Choose SSL/TLS with port {tls_port}, or STARTTLS with port {starttls_port}."),
    NULL, FALSE,
    "530 5.7.0 Must issue a STARTTLS command first" },

  { PB_PROBLEM_PASSWORD_EXPIRED, NULL,
    N_("Password expired"),
    N_("The server {host} knows the password, but it has expired: the provider wants a new "
       "one before mail programs may log in again."),
    N_("Log in to your account in a web browser and set a new password, then enter the new "
       "password here."),
    NULL, FALSE,
    "a2 NO [EXPIRED] Password expired" },
  { PB_PROBLEM_LOGIN_DELAY, NULL,
    N_("Logged in too recently"),
    N_("The server {host} allows a new login only some time after the last one (a POP3 login "
       "delay). Another mail program or device has probably just fetched the mail of this "
       "account."),
    N_("Wait a few minutes, then try again. If a phone or another program fetches this "
       "mailbox, let it check less often, or use IMAP, which has no such delay."),
    NULL, TRUE,
    "-ERR [LOGIN-DELAY] Minimum time between logins is 15 minutes" },

  /* ---- the mailbox (IMAP, POP3) ---- */
  { PB_PROBLEM_MAILBOX_IN_USE, NULL,
    N_("Mailbox in use"),
    N_("The server {host} turned this session away because the mailbox is in use: another "
       "mail program or device holds it, or has too many connections open."),
    N_("Close the other mail programs that use this mailbox (on this computer, a phone or a "
       "tablet), or wait a few minutes, then try again."),
    NULL, TRUE,
    "-ERR [IN-USE] Unable to lock maildrop: mailbox is in use" },
  { PB_PROBLEM_MAILBOX_NOT_FOUND, NULL,
    N_("Inbox cannot be opened"),
    N_("The server {host} accepted the login but could not open the inbox: it does not exist, "
       "or this account may not read it."),
    N_("Check the user name: it may belong to another mailbox than the one you mean. If it is "
       "right, ask your provider or administrator why the inbox cannot be opened."),
    NULL, FALSE,
    "a4 NO [NONEXISTENT] Mailbox doesn't exist: INBOX" },

  /* ---- sending ---- */
  { PB_PROBLEM_AUTH_REQUIRED, NULL,
    N_("Login required"),
    N_("The server {host} accepts mail only after a login, and this check did not log in "
       "because no password was given."),
    N_("Enter your password and test again."),
    NULL, FALSE,
    "553 5.7.1 <alice@example.com>: Sender address rejected: not logged in" },
  { PB_PROBLEM_SENDER_NOT_ALLOWED, NULL,
    N_("Sender address not allowed"),
    N_("The server {host} does not allow this sender address: the sender is not authorised. "
       "Usually it must be the address you log in with, or one registered with your "
       "account."),
    N_("Use the email address you log in with as the sender, or register the other address "
       "with your provider as an allowed sender (alias)."),
    NULL, FALSE,
    "553 5.7.1 <other@example.com>: Sender address rejected: not owned by user "
    "alice@example.com" },
  { PB_PROBLEM_SENDER_INVALID, NULL,
    N_("Invalid sender address"),
    N_("The server {host} rejected the sender address as invalid: it is misspelled, or its "
       "domain does not exist or is faulty."),
    N_("Check the sender address for typing errors and make sure its domain exists."),
    NULL, FALSE,
    "553 5.1.7 The sender address <alice@example> is not a valid RFC-5321 address." },
  { PB_PROBLEM_RELAY_DENIED, NULL,
    N_("Server refuses to pass the message on"),
    N_("The server {host} refused to pass the message on (relaying), usually because you are "
       "not logged in."),
    N_("Switch on login (authentication) for the outgoing server, with your user name and "
       "password, and use port 465 or 587."),
    NULL, FALSE,
    "554 5.7.1 <bob@example.org>: Relay access denied" },
  { PB_PROBLEM_RECIPIENT_REJECTED, NULL,
    N_("Recipient rejected"),
    N_("The server {host} rejected the recipient address: the mailbox does not exist, is "
       "full, or does not accept mail."),
    N_("Check the recipient address for typing errors. The check sends to your own address: "
       "if that is rejected, check the address you entered."),
    NULL, FALSE,
    "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown" },
  { PB_PROBLEM_MESSAGE_TOO_LARGE, NULL,
    N_("Message too large"),
    N_("The message is larger than the server {host} accepts."),
    N_("Make the message smaller: shrink or split the attachments, or share large files "
       "through a download link."),
    NULL, FALSE,
    "552 5.3.4 Message size exceeds fixed maximum message size" },
  { PB_PROBLEM_MESSAGE_REJECTED, NULL,
    N_("Message refused"),
    N_("The server {host} refused the content of the message, for example as suspected spam "
       "or because of its rules."),
    N_("Check the message and its attachments. If a plain test message is refused as well, "
       "contact your provider."),
    NULL, FALSE,
    "554 5.7.1 Message rejected as spam" },

  { PB_PROBLEM_CLIENT_BLOCKED, NULL,
    N_("Your internet connection is turned away"),
    N_("The server {host} refuses mail from the internet address of your connection, for "
       "example because that address is on a spam block list (DNSBL). Home connections often "
       "are, because servers expect mail programs to log in."),
    N_("Use port 465 with SSL/TLS or port 587 with STARTTLS and log in with your user name "
       "and password; block lists do not apply there. If it persists, contact your "
       "provider."),
    NULL, FALSE,
    "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org" },

  /* ---- the server's state ---- */
  { PB_PROBLEM_SERVICE_UNAVAILABLE, NULL,
    N_("Service not available"),
    N_("The server {host} is not available at the moment, for example because of "
       "maintenance, a firewall or a DNS error."),
    N_("Try again later. If it lasts, check the server name and your provider’s status "
       "page."),
    NULL, TRUE,
    "421 4.3.2 Service not available, closing transmission channel" },
  { PB_PROBLEM_TEMPORARY_FAILURE, NULL,
    N_("Temporary problem at the server"),
    N_("The server {host} has a temporary local problem, for example it is overloaded."),
    N_("Try again later; your settings do not need to change."),
    NULL, TRUE,
    "451 4.3.0 Temporary local problem - please try later" },
  { PB_PROBLEM_CONTACT_PROVIDER, NULL,
    N_("The provider has to look at this account"),
    N_("The server {host} refused access to this account for a reason that only the provider "
       "can resolve, for example a locked account or a fault in the mailbox."),
    N_("Contact your provider’s support or your administrator, and quote the server’s own "
       "words that are shown with this message."),
    NULL, FALSE,
    "a2 NO [CONTACTADMIN] Account locked, please contact support" },
  { PB_PROBLEM_GREYLISTED, NULL,
    N_("Delayed on purpose (greylisting)"),
    N_("The server {host} turns away mail from unknown senders on the first attempt to fend "
       "off spam (greylisting). A second attempt a few minutes later is normally accepted."),
    N_("Try again in a few minutes. Mail programs do this by themselves."),
    NULL, TRUE,
    "450 4.2.0 <bob@example.org>: Recipient address rejected: Greylisted" },
  { PB_PROBLEM_PROTOCOL_ERROR, NULL,
    N_("Unexpected answer from the server"),
    N_("The server {host} answered something Postbote did not expect, or ended the "
       "connection. It may not be a mail server, or something in between interferes."),
    N_("Check the server name and the port. If they are right, try again later, and tell the "
       "provider if it keeps happening."),
    NULL, TRUE,
    "SSH-2.0-OpenSSH_9.2p1" },
  { PB_PROBLEM_TIMEOUT, NULL,
    N_("The server stopped answering"),
    N_("The server {host} did not answer in time. It may be overloaded, or the connection is "
       "very slow."),
    N_("Try again later. If it keeps happening, try the other mail port: {tls_port} with "
       "SSL/TLS or {starttls_port} with STARTTLS."),
    NULL, TRUE,
    "Socket I/O timed out" },
  { PB_PROBLEM_CANCELLED, NULL,
    N_("Cancelled"),
    N_("The check was cancelled before it finished."),
    N_("Start the check again when you are ready."),
    NULL, TRUE,
    "Operation was cancelled" },

  /* ---- signing in at the provider (OAuth 2.0) ---- */
  { PB_PROBLEM_OAUTH_NO_CLIENT, NULL,
    N_("Postbote is not registered with this provider"),
    N_("The provider wants you to sign in on its web page, and it lets only programs do that "
       "which were registered with it. No registration for this provider is set up in "
       "Postbote."),
    N_("Register an app with the provider (Microsoft 365: in the Microsoft Entra admin "
       "center) and enter its client ID in Postbote’s Sign-in Settings (main menu), or ask "
       "your administrator to set it up (the setting “oauth-clients”). Where the provider "
       "allows app passwords, you can test with an app password instead."),
    NULL, FALSE,
    "No client ID for login.microsoftonline.com" },
  { PB_PROBLEM_OAUTH_NO_DEVICE, NULL,
    N_("No sign-in with a code on another device"),
    N_("This provider does not let you sign in by entering a code on another device, or "
       "Postbote does not know where it offers that."),
    N_("Sign in on a computer with a browser instead (on the command line: --oauth instead "
       "of --oauth-device)."),
    NULL, FALSE,
    "no device authorization endpoint for accounts.google.com" },
  { PB_PROBLEM_OAUTH_METADATA_INVALID, NULL,
    N_("The sign-in server describes itself wrongly"),
    N_("The provider’s sign-in server publishes a description of itself that does not match "
       "what Postbote knows about the provider: another server name, an address without "
       "encryption, or other sign-in addresses. Postbote does not register itself there."),
    N_("Tell the provider or your administrator: the server’s metadata must name the same "
       "issuer and sign-in addresses as the provider settings, all with https. Until then, "
       "your administrator can set up a client ID in Postbote (the setting “oauth-clients”)."),
    NULL, FALSE,
    "The sign-in server's metadata cannot be used (the issuer is another one)" },
  { PB_PROBLEM_OAUTH_REGISTRATION_REFUSED, NULL,
    N_("The provider refused to register Postbote"),
    N_("The provider’s sign-in server lets programs register themselves, but it did not "
       "accept Postbote’s registration."),
    N_("Ask your administrator whether the server allows this kind of app (a program on "
       "your computer that signs in in the browser), or to register Postbote and set up its "
       "client ID in Postbote (the setting “oauth-clients”)."),
    NULL, FALSE,
    "The sign-in server did not register Postbote (invalid_redirect_uri: ...)" },
  { PB_PROBLEM_OAUTH_DENIED, NULL,
    N_("Sign-in refused"),
    N_("The provider’s sign-in page did not give access: the permission was declined, or "
       "the provider does not allow this app for your account."),
    N_("Sign in again and allow access. In an organization, your administrator may have to "
       "allow the app first."),
    NULL, FALSE,
    "error=access_denied" },
  { PB_PROBLEM_OAUTH_TIMED_OUT, NULL,
    N_("The sign-in was not finished"),
    N_("Postbote waited for the sign-in in the browser, but it was not completed in time."),
    N_("Start again and finish the sign-in in the browser. If no browser window opened, open "
       "the address Postbote shows yourself."),
    NULL, TRUE,
    "The sign-in in the browser did not finish in time" },
  { PB_PROBLEM_OAUTH_SIGN_IN_EXPIRED, NULL,
    N_("The saved sign-in no longer works"),
    N_("The sign-in saved for this account was withdrawn or has expired, for example "
       "because the password was changed or access was revoked."),
    N_("Sign in again at the provider (on the command line: --oauth without --no-browser)."),
    NULL, FALSE,
    "error=invalid_grant" },
  { PB_PROBLEM_OAUTH_SIGN_IN_FAILED, NULL,
    N_("The sign-in server gave an unexpected answer"),
    N_("The provider’s sign-in server could not be reached, or answered in a way Postbote "
       "does not understand."),
    N_("Check your internet connection and try again later. If it keeps happening, tell "
       "the provider."),
    NULL, TRUE,
    "HTTP 500" },

  /* ---- the keyring ---- */
  { PB_PROBLEM_KEYRING_UNAVAILABLE, NULL,
    N_("No keyring available"),
    N_("The password could not be stored or read because no keyring service (Secret Service) "
       "is running."),
    N_("Start or install a keyring, for example GNOME Keyring, KWallet or KeePassXC with "
       "Secret Service switched on, then try again."),
    NULL, FALSE,
    "The name org.freedesktop.secrets was not provided by any .service files" },
  { PB_PROBLEM_KEYRING_LOCKED, NULL,
    N_("Keyring is locked"),
    N_("The keyring is locked, so the password could not be stored or read."),
    N_("Unlock the keyring, for example in the “Passwords and Keys” app, then try again."),
    NULL, TRUE,
    "Cannot create an item in a locked collection" },
  { PB_PROBLEM_KEYRING_DISMISSED, NULL,
    N_("Keyring prompt closed"),
    N_("The keyring asked for confirmation or for its password, and the prompt was closed."),
    N_("Try again and confirm the keyring prompt."),
    NULL, TRUE,
    "Prompt was dismissed" },

  /* ---- the round trip of a test message ---- */
  { PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED, NULL,
    N_("The test message did not arrive"),
    N_("The outgoing server accepted the test message, but it did not appear in your inbox "
       "in time. A spam filter, a filter rule that moves it to another folder, or a slow "
       "queue at the provider can hold it back."),
    N_("Look for “Postbote test message” in your spam folder and your other folders, and "
       "check your filter rules. If it arrives later, sending and receiving work."),
    NULL, TRUE,
    "No message with this Message-ID in INBOX after 60 seconds" },
  { PB_PROBLEM_POP3_NO_TOP, NULL,
    N_("The incoming server cannot show message headers"),
    N_("The POP3 server does not offer TOP, the command that reads a message’s header "
       "without downloading the whole message. Postbote finds its test message that way, so "
       "it cannot tell whether the message arrived. Fetching mail in your mail program is "
       "not affected."),
    N_("Look for “Postbote test message” in your inbox yourself. If your provider also "
       "offers IMAP, test with IMAP: it can find the message."),
    NULL, FALSE,
    "CAPA without TOP; TOP 1 0: -ERR Unknown command" },
  { PB_PROBLEM_POP3_BUSY, NULL,
    N_("The incoming server did not let Postbote look again"),
    N_("The outgoing server accepted the test message, and Postbote logged in to {host} to "
       "look for it, but from then on the POP3 server refused every new login for the time "
       "being: another mail program or device was using the mailbox, the logins came too "
       "soon one after another, or the server had a passing problem. So Postbote could not "
       "see whether the message arrived."),
    N_("Close the other mail programs that fetch this mailbox (on this computer, a phone or "
       "a tablet), or wait a few minutes, then test again. Look for “Postbote test message” "
       "in your inbox yourself."),
    NULL, TRUE,
    "-ERR [IN-USE] Mailbox is locked by another session" },
};

const guint pb_problem_catalogue_len = G_N_ELEMENTS (pb_problem_catalogue);

const PbProblemEntry *
pb_diagnosis_catalogue_lookup (PbProblem problem)
{
  for (guint i = 0; i < pb_problem_catalogue_len; i++)
    if (pb_problem_catalogue[i].problem == problem)
      return &pb_problem_catalogue[i];
  return NULL;
}
