/* test-diagnosis-classify.c: the classification (pb-diagnosis-classify.c) of realistic
 * failures, as the SMTP check records them (resolve, connect, TLS, certificates, STARTTLS,
 * the login, sending, the server's state), to their problem ids and text variants; every id
 * of the catalogue but the keyring's, detection's and the incoming-only ones is produced.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-diagnosis.h"
#include "pb-diagnosis-catalogue.h"
#include "pb-diagnosis-variants.h"
#include "pb-smtp-reply.h"
#include "pb-test-diagnosis.h"
#include "pb-test-util.h"

typedef struct {
  const char          *expect;
  PbStage              stage;
  GQuark             (*domain) (void);
  int                  code;
  GTlsCertificateFlags cert;
  guint                smtp;
  const char          *enhanced;
  const char          *reply;
  const char          *host;
  guint16              port;
  PbSecurity           security;
  const char          *provider;
  const char          *hint;
  const char          *variant;  /* the text set explain() must pick, or NULL */
  gboolean             no_login; /* the check had no password to log in with */
} Case;

#define TLS PB_SECURITY_TLS
#define STARTTLS PB_SECURITY_STARTTLS
#define NONE PB_SECURITY_NONE
#define IO g_io_error_quark
#define RESOLVER g_resolver_error_quark
#define TLSERR g_tls_error_quark
#define SMTPERR pb_smtp_error_quark

static const Case cases[] = {
  /* resolve and connect: the codes GSocketClient reports */
  { "dns-not-found", PB_STAGE_RESOLVE, RESOLVER, G_RESOLVER_ERROR_NOT_FOUND, 0, 0, NULL, NULL,
    "nxdomain.smtp.test", 587, STARTTLS },
  { "dns-not-found", PB_STAGE_CONNECT, RESOLVER, G_RESOLVER_ERROR_TEMPORARY_FAILURE, 0, 0,
    NULL, NULL, "smtp.example.com", 465, TLS },
  { "network-unreachable", PB_STAGE_CONNECT, IO, G_IO_ERROR_NETWORK_UNREACHABLE, 0, 0, NULL,
    NULL, "10.255.255.1", 587, STARTTLS },
  { "connect-refused", PB_STAGE_CONNECT, IO, G_IO_ERROR_CONNECTION_REFUSED, 0, 0, NULL, NULL,
    "refused.smtp.test", 587, STARTTLS },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 25, STARTTLS, NULL, NULL, "port-25" },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 465, TLS, NULL, NULL, "port-465" },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 587, STARTTLS, NULL, NULL, "port-587" },
  { "connect-timeout", PB_STAGE_CONNECT, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "dropped.smtp.test", 2525, STARTTLS },

  /* TLS: a wrong port only where the server spoke plain text (GnuTLS's words for it). */
  { "tls-wrong-port", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_NOT_TLS, 0, 0, NULL,
    "Peer failed to perform TLS handshake: A TLS packet with unexpected length was received.",
    "plain-on-465.smtp.test", 465, TLS, NULL, NULL, "security-tls" },
  { "tls-wrong-port", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "An unexpected TLS packet was received.", "mail.lab.test", 587, TLS, NULL,
    "tls-wrong-port", "security-tls" },
  /* A fatal alert on 465 is no wrong port, whatever the caller guessed. */
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL, NULL,
    "smtp.example.com", 465, TLS, NULL, "tls-wrong-port" },
  /* Nor is a handshake refused with an old version, or cut off, on any port. */
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_NOT_TLS, 0, 0, NULL,
    "Peer failed to perform TLS handshake: A packet with illegal or unsupported version was "
    "received.", "tls-refuse.smtp.test", 465, TLS },
  { "tls-handshake-failed", PB_STAGE_TLS, IO, G_IO_ERROR_CONNECTION_CLOSED, 0, 0, NULL, NULL,
    "mail.lab.test", 25, TLS },
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "A TLS fatal alert has been received.", "tls-refuse.smtp.test", 587, TLS },
  /* After the handshake, a TLS error is the server closing: not the encryption. */
  { "protocol-error", PB_STAGE_EHLO, TLSERR, G_TLS_ERROR_EOF, 0, 0, NULL,
    "TLS connection closed unexpectedly", "tls-close-ehlo.smtp.test", 465, TLS, NULL, NULL,
    "connection-closed" },
  { "protocol-error", PB_STAGE_MAIL_FROM, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "The TLS connection was non-properly terminated.", "mail.lab.test", 587, STARTTLS, NULL,
    NULL, "connection-closed" },
  /* Plain text after the 220 to STARTTLS, arriving after the ClientHello went out. */
  { "starttls-injection", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_MISC, 0, 0, NULL,
    "An unexpected TLS packet was received.", "starttls-inject-late.smtp.test", 587,
    STARTTLS },
  { "tls-wrong-port", PB_STAGE_GREETING, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "smtp.example.com", 465, STARTTLS, NULL, NULL, "security-starttls" },
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_HANDSHAKE, 0, 0, NULL, NULL,
    "old.example.com", 465, TLS },
  { "tls-handshake-failed", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_EOF, 0, 0, NULL,
    NULL, "old.example.com", 587, STARTTLS },
  { "cert-untrusted", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_UNKNOWN_CA, 0, NULL, NULL, "badcert-selfsigned.smtp.test", 465, TLS },
  { "cert-untrusted", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_BAD_IDENTITY, 0, NULL, NULL,
    "badcert-unknownca.smtp.test", 587, STARTTLS },
  { "cert-expired", PB_STAGE_STARTTLS_HANDSHAKE, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_EXPIRED, 0, NULL, NULL, "badcert-expired.smtp.test", 587, STARTTLS },
  { "cert-not-yet-valid", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_NOT_ACTIVATED, 0, NULL, NULL, "badcert-notyet.smtp.test", 465, TLS },
  { "cert-hostname-mismatch", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_BAD_IDENTITY, 0, NULL, NULL, "badcert-wronghost.smtp.test", 465, TLS },
  { "cert-revoked", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_REVOKED | G_TLS_CERTIFICATE_EXPIRED, 0, NULL, NULL,
    "smtp.example.com", 465, TLS },
  { "cert-insecure", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_INSECURE, 0, NULL, NULL, "badcert-insecure.smtp.test", 465, TLS },
  /* The client's own TLS policy, after a handshake that GnuTLS let through. */
  { "cert-insecure", PB_STAGE_STARTTLS_HANDSHAKE, SMTPERR, PB_SMTP_ERROR_POLICY,
    G_TLS_CERTIFICATE_INSECURE, 0, NULL, NULL, "weakkey.smtp.test", 587, STARTTLS, NULL,
    "cert-insecure" },
  { "tls-outdated", PB_STAGE_TLS, SMTPERR, PB_SMTP_ERROR_POLICY, 0, 0, NULL, NULL,
    "tls10.smtp.test", 465, TLS, NULL, "tls-outdated" },
  { "tls-outdated", PB_STAGE_STARTTLS_HANDSHAKE, SMTPERR, PB_SMTP_ERROR_POLICY,
    G_TLS_CERTIFICATE_INSECURE, 0, NULL, NULL, "tls11.smtp.test", 587, STARTTLS, NULL,
    "tls-outdated" },

  /* STARTTLS */
  { "starttls-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 0, NULL, NULL,
    "nostarttls.smtp.test", 587, STARTTLS, NULL, "starttls-not-offered" },
  { "starttls-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 502, "5.5.2",
    "Error: command not recognized", "ehlo-refused.smtp.test", 587, STARTTLS },
  { "starttls-refused", PB_STAGE_STARTTLS, NULL, 0, 0, 454, "4.7.0",
    "TLS not available due to local problem", "starttls-454.smtp.test", 587, STARTTLS },
  { "starttls-refused", PB_STAGE_STARTTLS, NULL, 0, 0, 502, "5.5.1",
    "Error: command not implemented", "starttls-502.smtp.test", 25, STARTTLS },
  { "starttls-injection", PB_STAGE_STARTTLS, NULL, 0, 0, 220, NULL, "Ready to start TLS",
    "starttls-inject.smtp.test", 587, STARTTLS, NULL, "starttls-injection" },

  /* AUTH, generic */
  { "auth-not-offered", PB_STAGE_AUTH, NULL, 0, 0, 503, "5.5.1",
    "Error: authentication not enabled", "auth-none.smtp.test", 587, STARTTLS },
  { "auth-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 502, "5.5.2",
    "Error: command not recognized", "ehlo-refused.smtp.test", 465, TLS },
  { "auth-mechanism-unsupported", PB_STAGE_AUTH, NULL, 0, 0, 504, "5.5.4",
    "Unrecognized authentication type", "auth-xoauth2-only.smtp.test", 587, STARTTLS },
  { "auth-oauth-required", PB_STAGE_AUTH, NULL, 0, 0, 0, NULL, NULL,
    "auth-xoauth2-only.smtp.test", 587, STARTTLS, NULL, "auth-oauth-required" },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Error: authentication failed: authentication failure", "mail.lab.test", 465, TLS },
  /* A token the server refused (the check's hint from the error document): no wrong
   * password, but a provider's own words still say more. */
  { "auth-token-refused", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Error: authentication failed: (reason unavailable)", "mail.lab.test", 465, TLS, NULL,
    "auth-token-refused" },
  { "auth-token-scope", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Error: authentication failed: (reason unavailable)", "mail.lab.test", 465, TLS, NULL,
    "auth-token-scope" },
  { "auth-smtp-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
    "https://aka.ms/smtp_auth_disabled for more information.", "smtp.office365.com", 587,
    STARTTLS, NULL, "auth-token-refused", "microsoft" },
  /* An enhanced code in the text of a server that does not announce ENHANCEDSTATUSCODES. */
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, NULL,
    "5.7.9 Application-specific password required. https://support.google.com/mail/?p="
    "InvalidSecondFactor - gsmtp", "smtp.gmail.com", 587, STARTTLS, NULL, NULL, "google" },
  { "auth-web-login-required", PB_STAGE_AUTH, NULL, 0, 0, 534, NULL,
    "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1> Please log in\n"
    "534 5.7.14 then try again. - gsmtp", "smtp.gmail.com", 587, STARTTLS, NULL, NULL,
    "google" },
  /* Google's signature "gsmtp" names the provider behind a custom host name. */
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.9",
    "Application-specific password required. Learn more at\n"
    "https://support.google.com/mail/?p=InvalidSecondFactor a640c23a62f3a-ab67626ed31sm1234 - "
    "gsmtp", "mail.my-company.example", 587, STARTTLS, NULL, NULL, "google" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0",
    "(#AUTH005) Too many bad auth attempts.", "mail.my-company.example", 465, TLS, NULL, NULL,
    "yahoo-aol" },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Username and Password not accepted. For more information, go to\n"
    "https://support.google.com/mail/?p=BadCredentials a640c23a62f3a-ab67626ed31sm12345666b.52"
    " - gsmtp", "gmail-badcreds.smtp.test", 587, STARTTLS, "gmail", NULL, "google" },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0", "authentication failed",
    "securesmtp.t-online.de", 465, TLS, NULL, NULL, "telekom" },
  /* A caller's generic hint does not hide what the reply says. */
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.9",
    "Application-specific password required. Learn more at\n"
    "https://support.google.com/mail/?p=InvalidSecondFactor a640c23a62f3a-ab67626ed31sm12345666b"
    ".52 - gsmtp", "smtp.gmail.com", 465, TLS, NULL, "auth-failed", "google" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.9",
    "Application-specific password required.", "gmail-apppw.smtp.test", 587, STARTTLS,
    "gmail", NULL, "google" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0",
    "(#AUTH005) Too many bad auth attempts.", "smtp.mail.yahoo.com", 465, TLS, NULL, NULL,
    "yahoo-aol" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.0",
    "(#AUTH005) Too many bad auth attempts.", "yahoo.smtp.test", 465, TLS, "aol", NULL,
    "yahoo-aol" },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.8",
    "Error: authentication failed", "smtp.mail.me.com", 587, STARTTLS, NULL, NULL, "apple" },
  { "auth-basic-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, basic authentication is disabled. "
    "[AM0PR10CA0087.EURPRD10.PROD.OUTLOOK.COM 2026-11-23T03:27:26.123Z 08DD2B6A5C3E9F41]",
    "smtp-mail.outlook.com", 587, STARTTLS, NULL, NULL, "microsoft" },
  { "auth-smtp-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit "
    "https://aka.ms/smtp_auth_disabled for more information. "
    "[AM0PR10CA0087.EURPRD10.PROD.OUTLOOK.COM 2026-11-23T03:27:26.123Z 08DD2B6A5C3E9F41]",
    "ms-smtpauth-disabled.smtp.test", 587, STARTTLS, "microsoft365", NULL, "microsoft" },
  { "auth-web-login-required", PB_STAGE_AUTH, NULL, 0, 0, 534, "5.7.14",
    "<https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbsK4\n"
    "o0N6qhk2Xw8yJ3S0Ck9NRm7pZ5cLrFvT2uEaWq1IxDgY> Please log in via your web browser and\n"
    "then try again.\n Learn more at\n https://support.google.com/mail/answer/78754 "
    "a640c23a62f3a-ab67626ed31sm12345666b.52 - gsmtp", "gmail-weblogin.smtp.test", 587,
    STARTTLS, "gmail", NULL, "google" },
  { "auth-access-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, NULL,
    "Authentication credentials invalid", "mail.gmx.net", 587, STARTTLS, NULL, NULL,
    "gmx-webde" },
  { "auth-access-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, NULL,
    "Authentication credentials invalid", "gmx.smtp.test", 587, STARTTLS, "web-de", NULL,
    "gmx-webde" },
  { "auth-too-many-attempts", PB_STAGE_AUTH, NULL, 0, 0, 454, "4.7.0",
    "Too many login attempts, please try again later.", "too-many.smtp.test", 587, STARTTLS },
  { "auth-too-many-attempts", PB_STAGE_AUTH, NULL, 0, 0, 454, "4.7.0",
    "Too many login attempts, please try again later. a640c23a62f3a - gsmtp",
    "smtp.gmail.com", 587, STARTTLS, NULL, NULL, "google" },
  /* Without a password, "530 Must issue a STARTTLS" still wants encryption, not a login. */
  { "auth-encryption-required", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.0",
    "Must issue a STARTTLS command first", "mail.lab.test", 25, NONE, NULL, NULL, NULL,
    TRUE },
  { "auth-required", PB_STAGE_RCPT_TO, NULL, 0, 0, 553, "5.7.1",
    "<user@rcpt-notloggedin.smtp.test>: Sender address rejected: not logged in",
    "rcpt-notloggedin.smtp.test", 587, STARTTLS, NULL, NULL, NULL, TRUE },
  { "auth-encryption-required", PB_STAGE_AUTH, NULL, 0, 0, 538, "5.7.11",
    "Encryption required for requested authentication mechanism",
    "auth-encryption-required.smtp.test", 25, NONE },
  { "auth-encryption-required", PB_STAGE_AUTH, NULL, 0, 0, 530, "5.7.0",
    "Must issue a STARTTLS command first", "ok.smtp.test", 25, NONE },

  /* sending */
  { "sender-not-allowed", PB_STAGE_RCPT_TO, NULL, 0, 0, 553, "5.7.1",
    "<bob@lab.test>: Sender address rejected: not owned by user alice@lab.test",
    "mail.lab.test", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, "5.7.1",
    "Sender address not allowed", "code-550.smtp.test", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, "5.7.60",
    "SMTP; Client does not have permissions to send as this sender", "smtp.office365.com",
    587, STARTTLS, NULL, NULL, "microsoft" },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, NULL,
    "Requested action not taken: mailbox unavailable\ninvalid DNS MX or A/AAAA resource record",
    "smtp.ionos.de", 587, STARTTLS, NULL, NULL, "ionos-strato" },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 553, NULL,
    "sorry, that sender is not allowed", "smtp.strato.de", 465, TLS, NULL, NULL,
    "ionos-strato" },
  { "sender-not-allowed", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, NULL,
    "Your FROM address ( bob@example.org ) must match your authenticated email user ( "
    "alice@example.com ). Treating this as a spoofed email.", "mail.example.com", 465, TLS },
  { "sender-invalid", PB_STAGE_MAIL_FROM, NULL, 0, 0, 553, "5.1.7",
    "The sender address <user@code-553.smtp.test> is not a valid RFC-5321 address.",
    "code-553.smtp.test", 587, STARTTLS },
  { "sender-invalid", PB_STAGE_RCPT_TO, NULL, 0, 0, 450, "4.1.8",
    "<a@nowhere.invalid>: Sender address rejected: Domain not found", "mail.lab.test", 587,
    STARTTLS, NULL, NULL, NULL },
  { "sender-invalid", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, NULL,
    "Verification failed for <a@nowhere.invalid>\nUnrouteable address\nSender verify failed",
    "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 554, "5.7.1",
    "<bob@example.org>: Relay access denied", "code-554.smtp.test", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.7.54",
    "SMTP; Unable to relay recipient in non-accepted domain", "mail.example.com", 25, NONE },
  { "relay-denied", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.0", "Authentication required",
    "ok.smtp.test", 587, STARTTLS },
  { "relay-denied", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.57",
    "Client not authenticated to send mail", "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, NULL, "relay not permitted",
    "mail.example.com", 25, NONE },
  { "recipient-rejected", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.1.1",
    "<bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
    "rcpt-550.smtp.test", 587, STARTTLS },
  { "message-too-large", PB_STAGE_DATA, NULL, 0, 0, 552, "5.3.4",
    "Message size exceeds fixed maximum message size", "code-552.smtp.test", 587, STARTTLS },
  { "message-too-large", PB_STAGE_MAIL_FROM, NULL, 0, 0, 552, "5.3.4",
    "Message size exceeds fixed limit", "mail.lab.test", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_DATA, NULL, 0, 0, 554, "5.2.252",
    "SendAsDenied; user@example.com not allowed to send as boss@example.com; STOREDRV.Submit",
    "smtp.office365.com", 587, STARTTLS, NULL, NULL, "microsoft" },
  { "auth-encryption-required", PB_STAGE_MAIL_FROM, NULL, 0, 0, 530, "5.7.0",
    "Must issue a STARTTLS command first", "mail.example.com", 25, NONE },
  { "temporary-failure", PB_STAGE_AUTH, NULL, 0, 0, 454, "4.7.0",
    "Temporary authentication failure, try again later", "mail.example.com", 587, STARTTLS },
  { "auth-failed", PB_STAGE_AUTH, NULL, 0, 0, 535, "5.7.139",
    "Authentication unsuccessful, the user credentials were incorrect. [BN6PR11CA0011.namprd11"
    ".prod.outlook.com]", "smtp.office365.com", 587, STARTTLS },
  { "auth-not-offered", PB_STAGE_AUTH, NULL, 0, 0, 503, NULL,
    "AUTH command used when not advertised", "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 454, "4.7.1",
    "<bob@example.org>: Relay access denied", "mail.example.com", 587, STARTTLS },
  { "message-rejected", PB_STAGE_DATA, NULL, 0, 0, 552, "5.7.0",
    "This message was blocked because its content presents a potential\nsecurity issue. "
    "Please visit https://support.google.com/mail/?p=BlockedMessage - gsmtp", "smtp.gmail.com",
    465, TLS },
  { "message-rejected", PB_STAGE_DATA, NULL, 0, 0, 554, "5.7.1",
    "Message rejected as spam by Content Filtering.", "mail.example.com", 587, STARTTLS },

  { "client-blocked", PB_STAGE_GREETING, NULL, 0, 0, 554, "5.7.1",
    "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/query/ip/192.0.2.1", "mx.example.com", 25, STARTTLS },
  { "client-blocked", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.7.1",
    "<unknown[192.0.2.1]>: Client host rejected: cannot find your hostname, [192.0.2.1]",
    "mail.example.com", 25, STARTTLS },
  { "relay-denied", PB_STAGE_RCPT_TO, NULL, 0, 0, 554, "5.7.1",
    "<dsl-192-0-2-1.example.net[192.0.2.1]>: Client host rejected: Access denied",
    "mail.example.com", 587, STARTTLS },
  { "client-blocked", PB_STAGE_MAIL_FROM, NULL, 0, 0, 550, "5.7.606",
    "Access denied, banned sending IP [192.0.2.1]. To request removal from this list please "
    "visit https://sender.office.com/", "smtp.office365.com", 587, STARTTLS },
  /* the server's state; 421 at any stage is the server closing the session */
  { "service-unavailable", PB_STAGE_GREETING, NULL, 0, 0, 421, "4.3.2",
    "Service not available, closing transmission channel", "code-421.smtp.test", 587,
    STARTTLS },
  { "service-unavailable", PB_STAGE_AUTH, NULL, 0, 0, 421, "4.7.0",
    "Try again later, closing connection. (AUTH) a640c23a62f3a - gsmtp", "smtp.gmail.com",
    587, STARTTLS },
  { "service-unavailable", PB_STAGE_AUTH, NULL, 0, 0, 421, "4.7.0",
    "Too many concurrent SMTP connections; please try again later.", "mail.lab.test", 465,
    TLS },
  { "auth-too-many-attempts", PB_STAGE_AUTH, NULL, 0, 0, 421, "4.7.0",
    "Too many login attempts, closing connection", "mail.lab.test", 465, TLS },
  { "service-unavailable", PB_STAGE_RCPT_TO, NULL, 0, 0, 421, "4.4.2",
    "mail.lab.test Error: timeout exceeded", "mail.lab.test", 587, STARTTLS },
  { "service-unavailable", PB_STAGE_EHLO, NULL, 0, 0, 421, "4.7.0",
    "mail.lab.test Too many connections, closing", "mail.lab.test", 587, STARTTLS },
  /* RFC 5321 3.2: only 500, 501, 502 and 550 to EHLO mean "no ESMTP"; 554 answers nothing */
  { "protocol-error", PB_STAGE_EHLO, NULL, 0, 0, 554, "5.5.0", "Go away",
    "ehlo-nonsense.smtp.test", 587, STARTTLS },
  { "protocol-error", PB_STAGE_EHLO, NULL, 0, 0, 220, NULL, "mail.lab.test ESMTP",
    "ehlo-nonsense.smtp.test", 465, TLS },
  { "auth-not-offered", PB_STAGE_EHLO, NULL, 0, 0, 550, "5.7.1", "Access denied",
    "ehlo-refused.smtp.test", 25, NONE },
  { "client-blocked", PB_STAGE_EHLO, NULL, 0, 0, 554, "5.7.1",
    "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
    "mail.lab.test", 465, TLS },
  /* ... also where the stage's own hint would say otherwise */
  { "service-unavailable", PB_STAGE_STARTTLS, NULL, 0, 0, 421, "4.7.0",
    "TLS not available, closing connection", "starttls-421.smtp.test", 587, STARTTLS, NULL,
    "starttls-refused" },
  { "temporary-failure", PB_STAGE_MAIL_FROM, NULL, 0, 0, 451, "4.3.0",
    "Temporary local problem - please try later", "code-451.smtp.test", 587, STARTTLS },
  { "greylisted", PB_STAGE_RCPT_TO, NULL, 0, 0, 450, "4.2.0",
    "<bob@example.org>: Recipient address rejected: Greylisted, see "
    "http://postgrey.schweikert.ch/help/example.org.html", "greylist.smtp.test", 587,
    STARTTLS },
  { "protocol-error", PB_STAGE_GREETING, IO, G_IO_ERROR_CONNECTION_CLOSED, 0, 0, NULL, NULL,
    "closemid.smtp.test", 587, STARTTLS, NULL, NULL, "connection-closed" },
  { "protocol-error", PB_STAGE_GREETING, IO, G_IO_ERROR_INVALID_DATA, 0, 0, NULL, NULL,
    "garbage.smtp.test", 25, STARTTLS, NULL, "protocol-error" },
  { "protocol-error", PB_STAGE_NONE, NULL, 0, 0, 0, NULL, NULL, NULL, 0, STARTTLS },
  { "protocol-error", PB_STAGE_AUTH, pb_smtp_error_quark, PB_SMTP_ERROR_OUT_OF_TURN, 0, 0, NULL,
    "The server sent an answer nobody asked for", "extra-reply.smtp.test", 465, TLS, NULL,
    "protocol-error", "out-of-turn" },
  { "timeout", PB_STAGE_GREETING, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "stall.smtp.test", 587, STARTTLS },
  { "timeout", PB_STAGE_EHLO, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "slow-ehlo.smtp.test", 465, TLS },
  { "cancelled", PB_STAGE_AUTH, IO, G_IO_ERROR_CANCELLED, 0, 0, NULL, NULL,
    "ok.smtp.test", 587, STARTTLS },
  { "test-message-not-received", PB_STAGE_MAILBOX, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "mail.lab.test", 993, TLS, NULL, "test-message-not-received" },

  /* errors without a hint: the name, the connection, the handshake */
  { "dns-not-found", PB_STAGE_CONNECT, IO, G_IO_ERROR_HOST_NOT_FOUND, 0, 0, NULL, NULL,
    "nxdomain.smtp.test", 587, STARTTLS },
  { "dns-not-found", PB_STAGE_RESOLVE, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "slow-dns.smtp.test", 587, STARTTLS },
  { "connect-refused", PB_STAGE_CONNECT, IO, G_IO_ERROR_FAILED, 0, 0, NULL, NULL,
    "mail.example.com", 587, STARTTLS },
  { "tls-handshake-failed", PB_STAGE_TLS, IO, G_IO_ERROR_FAILED, 0, 0, NULL, NULL,
    "mail.example.com", 465, TLS },
  { "protocol-error", PB_STAGE_EHLO, IO, G_IO_ERROR_FAILED, 0, 0, NULL, NULL,
    "mail.example.com", 587, STARTTLS },
  { "tls-handshake-failed", PB_STAGE_STARTTLS_HANDSHAKE, IO, G_IO_ERROR_INVALID_DATA, 0, 0,
    NULL, NULL, "mail.example.com", 587, STARTTLS },
  { "protocol-error", PB_STAGE_GREETING, IO, G_IO_ERROR_MESSAGE_TOO_LARGE, 0, 0, NULL, NULL,
    "mail.example.com", 587, STARTTLS },
  { "tls-handshake-failed", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_UNAVAILABLE, 0, 0, NULL, NULL,
    "mail.example.com", 465, TLS },
  /* the other domains: the SMTP client's own errors */
  { "tls-handshake-failed", PB_STAGE_TLS, SMTPERR, PB_SMTP_ERROR_PROTOCOL, 0, 0, NULL, NULL,
    "mail.example.com", 465, TLS },
  { "connect-refused", PB_STAGE_CONNECT, SMTPERR, PB_SMTP_ERROR_PROTOCOL, 0, 0, NULL, NULL,
    "mail.example.com", 465, TLS },
  { "protocol-error", PB_STAGE_GREETING, SMTPERR, PB_SMTP_ERROR_PROTOCOL, 0, 0, NULL, NULL,
    "mail.example.com", 587, STARTTLS },
  /* plain text to port 465: cut off or left waiting after the greeting, too */
  { "tls-wrong-port", PB_STAGE_STARTTLS, IO, G_IO_ERROR_TIMED_OUT, 0, 0, NULL, NULL,
    "smtp.example.com", 465, STARTTLS, NULL, NULL, "security-starttls" },
  { "tls-wrong-port", PB_STAGE_EHLO, IO, G_IO_ERROR_CONNECTION_CLOSED, 0, 0, NULL, NULL,
    "smtp.example.com", 465, NONE },
  /* certificates: a flag of no known meaning, and flags without an error */
  { "cert-untrusted", PB_STAGE_TLS, TLSERR, G_TLS_ERROR_BAD_CERTIFICATE,
    G_TLS_CERTIFICATE_GENERIC_ERROR, 0, NULL, NULL, "mail.example.com", 465, TLS },
  { "cert-expired", PB_STAGE_TLS, NULL, 0, G_TLS_CERTIFICATE_EXPIRED, 0, NULL, NULL,
    "mail.example.com", 465, TLS },
  /* replies without a provider's words */
  { "auth-basic-disabled", PB_STAGE_AUTH, NULL, 0, 0, 535, NULL,
    "Authentication unsuccessful, basic authentication is disabled.", "mail.example.com",
    587, STARTTLS },
  { "auth-app-password-required", PB_STAGE_AUTH, NULL, 0, 0, 535, NULL,
    "Please use an app password", "mail.example.com", 587, STARTTLS },
  { "recipient-rejected", PB_STAGE_RCPT_TO, NULL, 0, 0, 552, "5.2.2", "Mailbox full",
    "mail.example.com", 587, STARTTLS },
  { "sender-invalid", PB_STAGE_MAIL_FROM, NULL, 0, 0, 553, NULL,
    "Requested action not taken", "mail.example.com", 587, STARTTLS },
  { "relay-denied", PB_STAGE_MAIL_FROM, NULL, 0, 0, 554, NULL, "Transaction failed",
    "mail.example.com", 587, STARTTLS },
  { "sender-not-allowed", PB_STAGE_RCPT_TO, NULL, 0, 0, 550, "5.7.1",
    "You are not permitted to send from this account", "mail.example.com", 587, STARTTLS },
  { "temporary-failure", PB_STAGE_NONE, NULL, 0, 0, 454, NULL, NULL, NULL, 0, STARTTLS },
  { "temporary-failure", PB_STAGE_EHLO, NULL, 0, 0, 451, "4.3.0", "Try again later",
    "mail.example.com", 587, STARTTLS },
};

static void
fill_failure (const Case *c,
              PbFailure  *f)
{
  memset (f, 0, sizeof *f);
  f->stage = c->stage;
  /* Without a reply code, the reply column is the error's own message. */
  if (c->domain != NULL && c->smtp == 0 && c->reply != NULL)
    f->error = g_error_new_literal (c->domain (), c->code, c->reply);
  else if (c->domain != NULL)
    f->error = g_error_new (c->domain (), c->code, "error %d of %s", c->code,
                            g_quark_to_string (c->domain ()));
  f->cert_errors = c->cert;
  pb_failure_set_smtp_reply (f, c->smtp, c->enhanced, c->reply);
  f->host = g_strdup (c->host);
  f->port = c->port;
  f->security = c->security;
  f->provider_id = g_strdup (c->provider);
  f->login_skipped = c->no_login;
  f->problem_hint = pb_problem_from_string (c->hint);
}

/* The catalogue's text set for id with this qualifier (NULL: the generic entry). */
static const PbProblemEntry *
entry_of (const char *id,
          const char *qualifier)
{
  if (qualifier == NULL)
    return pb_test_catalogue_entry (id);
  for (guint i = 0; i < pb_problem_variants_len; i++)
    if (g_str_equal (pb_problem_to_string (pb_problem_variants[i].problem), id) &&
        g_str_equal (pb_problem_variants[i].qualifier, qualifier))
      return &pb_problem_variants[i];
  g_error ("no variant “%s” of %s", qualifier, id);
}

static void
test_classify_cases (void)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *ids = pb_diagnosis_problem_ids ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      PbFailure f;
      const char *id;

      fill_failure (c, &f);
      id = pb_test_classify_id (&f);
      g_test_message ("case %u: %s:%u %s -> %s", i, c->host, c->port,
                      pb_stage_to_string (c->stage), id);
      if (g_strcmp0 (id, c->expect) != 0)
        g_error ("case %u (%s:%u): %s, expected %s", i, c->host, c->port, id, c->expect);
      g_assert_true (pb_diagnosis_is_problem_id (id));

      {
        g_autoptr(PbExplanation) e = pb_test_explain_id (id, &f);

        if (g_strcmp0 (e->variant, c->variant) != 0)
          g_error ("case %u (%s:%u): variant %s, expected %s", i, c->host, c->port,
                   e->variant, c->variant);
        /* The host is filled into the text that was chosen (variant or generic entry). */
        if (c->host != NULL && strstr (entry_of (id, e->variant)->explanation, "{host}"))
          {
            g_assert_nonnull (strstr (e->explanation, c->host));
            g_assert_null (strstr (e->explanation, "{host}"));
          }
      }
      g_hash_table_add (covered, (gpointer) id);
      pb_failure_clear (&f);
    }

  /* Every id of the catalogue is produced by at least one realistic input, except the
   * keyring, the sign-in (oauth-*: pb_oauth_error_to_problem, test-oauth-token) and the
   * detection ones, which have their own tests, and those only IMAP and
   * POP3 produce (test-diagnosis-incoming); a failed check is never one of detection's. */
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strv_contains (pb_test_detection_ids, ids[i])
        || g_strv_contains (pb_test_incoming_ids, ids[i]))
      g_assert_false (g_hash_table_contains (covered, ids[i]));
    else if (!g_str_has_prefix (ids[i], "keyring-") && !g_str_has_prefix (ids[i], "oauth-") &&
             !g_hash_table_contains (covered, ids[i]))
      g_error ("no classification case produces %s", ids[i]);
}

int
main (int    argc,
      char **argv)
{
  pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis/classify/cases", test_classify_cases);
  return g_test_run ();
}
