/* pb-diagnosis-providers.c: what providers mean by their replies, and their own fixes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-diagnosis-private.h"
#include "pb-provider-db.h"

typedef struct {
  const char *id;        /* preset id (data/providers/<id>.xml) */
  const char *name;      /* shown in texts; brand names stay untranslated */
  const char *family;    /* providers that share replies and fixes */
  const char *suffixes;  /* server host-name suffixes, space-separated */
} PbProviderInfo;

static const PbProviderInfo providers[] = {
  { "gmail", "Google", "google", "gmail.com googlemail.com google.com" },
  { "google-workspace", "Google Workspace", "google", "" },
  { "outlook", "Microsoft", "microsoft", "outlook.com hotmail.com live.com" },
  { "microsoft365", "Microsoft 365", "microsoft", "office365.com protection.outlook.com" },
  { "yahoo", "Yahoo", "yahoo-aol", "yahoo.com yahoo.de yahoo.co.uk yahoodns.net" },
  { "aol", "AOL", "yahoo-aol", "aol.com" },
  { "icloud", "iCloud", "apple", "icloud.com me.com mac.com" },
  { "gmx", "GMX", "gmx-webde", "gmx.net gmx.de gmx.at gmx.ch" },
  /* GMX.com and mail.com: English web settings, so the generic texts with their links. */
  { "gmx-com", "GMX", NULL, "gmx.com" },
  { "web-de", "WEB.DE", "gmx-webde", "web.de" },
  { "t-online", "Telekom", "telekom", "t-online.de" },
  { "ionos", "IONOS", "ionos-strato",
    "ionos.de ionos.com ionos.co.uk ionos.fr ionos.es ionos.it 1and1.com kundenserver.de "
    "perfora.net" },
  { "1und1", "1&1", "ionos-strato", "1und1.de" },
  { "strato", "STRATO", "ionos-strato", "strato.de strato.com rzone.de" },
  { "mailcom", "mail.com", NULL, "mail.com" },
  { "freenet", "freenet", NULL, "freenet.de" },
  { "mail-de", "Mail.de", NULL, "mail.de" },
  { "posteo", "Posteo", NULL, "posteo.de" },
  { "mailbox-org", "mailbox.org", NULL, "mailbox.org" },
  { "vodafone", "Vodafone", NULL, "vodafonemail.de arcor.de" },
};

static const PbProviderInfo *
find_provider (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (g_str_equal (providers[i].id, id))
      return &providers[i];
  return NULL;
}

static gboolean
host_has_suffix (const char *host,
                 const char *suffix,
                 gsize       suffix_len)
{
  gsize len = strlen (host);

  if (len < suffix_len || g_ascii_strncasecmp (host + len - suffix_len, suffix, suffix_len) != 0)
    return FALSE;
  return len == suffix_len || host[len - suffix_len - 1] == '.';
}

/* A preset whose outgoing or incoming server is exactly host: the provider id (owned by the
 * default database, which lives as long as the program) or NULL. */
static const char *
provider_from_presets (const char *host)
{
  GPtrArray *presets = pb_provider_db_list (pb_provider_db_get_default ());

  for (guint i = 0; presets != NULL && i < presets->len; i++)
    {
      PbAccountConfig *config = g_ptr_array_index (presets, i);
      GPtrArray *lists[] = { pb_account_config_get_outgoing (config),
                             pb_account_config_get_incoming (config) };

      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint j = 0; lists[l] != NULL && j < lists[l]->len; j++)
          {
            const PbServerConfig *server = g_ptr_array_index (lists[l], j);

            if (server->host != NULL && g_ascii_strcasecmp (server->host, host) == 0)
              return pb_account_config_get_provider_id (config);
          }
    }
  return NULL;
}

const char *
pb_diagnosis_provider_from_host (const char *host)
{
  g_autofree char *name = NULL;
  const char *preset;

  if (host == NULL || *host == '\0')
    return NULL;
  name = g_strdup (host);
  if (g_str_has_suffix (name, "."))
    name[strlen (name) - 1] = '\0';

  /* A preset's own server name is the most precise answer (smtp.gmx.com is GMX.com, not
   * the German GMX); the suffixes catch the providers' other servers. */
  if ((preset = provider_from_presets (name)) != NULL)
    return preset;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      const char *p = providers[i].suffixes;

      while (*p != '\0')
        {
          gsize n = strcspn (p, " ");

          if (n > 0 && host_has_suffix (name, p, n))
            return providers[i].id;
          p += n;
          while (*p == ' ')
            p++;
        }
    }
  return NULL;
}

/* Big providers sign their replies: Google ends every reply with "gsmtp", Microsoft with
 * the name of the front-end server, Yahoo numbers its errors "#AUTH005". A custom host name
 * (a CNAME, Google Workspace's smtp-relay) still gets the provider's own fix this way. */
static const char *
provider_from_reply (const char *reply)
{
  g_autofree char *text = NULL;

  if (reply == NULL)
    return NULL;
  text = g_utf8_strdown (reply, -1);
  if (HAS ("- gsmtp", " gsmtp\n") || g_str_has_suffix (text, " gsmtp"))
    return "gmail";
  if (HAS ("smtpclientauthentication is disabled for the tenant"))
    return "microsoft365";
  if (HAS (".prod.outlook.com", "outlook.office365.com", ".outlook.com "))
    return "outlook";
  if (HAS ("(#auth0", "(#mbr", "(#dnr"))
    return "yahoo";
  return NULL;
}

/* The provider of a failure: the caller's preset id, else a guess from the host name, else
 * from the reply's signature. */
const char *
pb_diagnosis_failure_provider (const PbFailure *failure)
{
  const char *provider;

  if (failure->provider_id != NULL)
    return failure->provider_id;
  if ((provider = pb_diagnosis_provider_from_host (failure->host)) != NULL)
    return provider;
  return provider_from_reply (failure->reply_text);
}

const char *
pb_diagnosis_provider_family (const char *provider_id)
{
  const PbProviderInfo *info = find_provider (provider_id);

  return info != NULL ? info->family : NULL;
}

const char *
pb_diagnosis_provider_name (const char *provider_id)
{
  const PbProviderInfo *info = find_provider (provider_id);

  if (info != NULL)
    return info->name;
  return provider_id != NULL ? provider_id : "";
}

static PbAccountConfig *
preset_for (const char *provider_id)
{
  if (provider_id == NULL)
    return NULL;
  return pb_provider_db_lookup_id (pb_provider_db_get_default (), provider_id);
}

/* The page where the user fixes the problem, from the provider's preset (data/providers):
 * the provider facts live there, not here. */
const char *
pb_diagnosis_provider_link (const char *provider_id,
                            const char *problem_id)
{
  g_autoptr(PbAccountConfig) preset = preset_for (provider_id);
  const char *url = NULL;

  if (preset != NULL)
    {
      if (g_str_equal (problem_id, "auth-app-password-required"))
        url = pb_account_config_get_quirk_url (preset, PB_QUIRK_APP_PASSWORD);
      else if (g_str_equal (problem_id, "auth-access-disabled"))
        {
          url = pb_account_config_get_quirk_url (preset, PB_QUIRK_ENABLE_ACCESS);
          if (url == NULL)
            url = pb_account_config_get_enable_url (preset);
        }
      else if (g_str_equal (problem_id, "auth-failed"))
        {
          url = pb_account_config_get_quirk_url (preset, PB_QUIRK_SEPARATE_PASSWORD);
          if (url == NULL)
            url = pb_account_config_get_quirk_url (preset, PB_QUIRK_APP_PASSWORD);
        }
      /* The preset stays alive in the default database; its strings with it. */
      if (url != NULL)
        return url;
    }

  return NULL;
}

static const char *
classify_auth (const PbFailure *f,
               const char      *family,
               const char      *text)
{
  guint code = f->smtp_code;
  char buffer[16];
  const char *enhanced = pb_diagnosis_enhanced_code (f, buffer) ?: "";
  gboolean rejected = code == 534 || code == 535;

  if (g_str_equal (family, "google"))
    {
      if (g_str_equal (enhanced, "5.7.9"))
        return "auth-app-password-required";
      if (g_str_equal (enhanced, "5.7.14"))
        return "auth-web-login-required";
      if (code == 454 && g_str_equal (enhanced, "4.7.0")
          && pb_diagnosis_says_too_many_attempts (text))
        return "auth-too-many-attempts";
    }
  else if (g_str_equal (family, "microsoft"))
    {
      if (HAS ("smtpclientauthentication is disabled", "smtp_auth_disabled"))
        return "auth-smtp-disabled";
      if (g_str_equal (enhanced, "5.7.139") && !HAS ("credentials were incorrect"))
        return "auth-basic-disabled";
    }
  else if (g_str_equal (family, "yahoo-aol") || g_str_equal (family, "apple"))
    {
      /* Yahoo answers a normal password with "(#AUTH005) Too many bad auth attempts" even
       * on the first try; only an app password helps. */
      if (rejected || (code == 554 && HAS ("auth")))
        return "auth-app-password-required";
    }
  else if (g_str_equal (family, "gmx-webde"))
    {
      if (rejected)
        return "auth-access-disabled";
    }
  return NULL;
}

/* The preset's own words on a quirk (pb:note, in the current language), for the problem
 * that quirk explains; NULL when there are none. */
const char *
pb_diagnosis_provider_note (const char *provider_id,
                            const char *problem_id)
{
  static const struct { const char *problem_id; PbQuirk quirk; } notes[] = {
    { "auth-app-password-required", PB_QUIRK_APP_PASSWORD },
    { "auth-access-disabled", PB_QUIRK_ENABLE_ACCESS },
    { "auth-oauth-required", PB_QUIRK_OAUTH2_ONLY },
    { "auth-basic-disabled", PB_QUIRK_BASIC_AUTH_DISABLED },
  };
  g_autoptr(PbAccountConfig) preset = preset_for (provider_id);

  for (guint i = 0; preset != NULL && i < G_N_ELEMENTS (notes); i++)
    if (g_str_equal (notes[i].problem_id, problem_id))
      return pb_account_config_get_quirk_note (preset, notes[i].quirk);
  return NULL;
}

static gboolean
family_has_variant (const char *family,
                    const char *problem_id)
{
  for (guint i = 0; family != NULL && i < pb_problem_variants_len; i++)
    if (g_str_equal (pb_problem_variants[i].id, problem_id)
        && g_str_equal (pb_problem_variants[i].qualifier, family))
      return TRUE;
  return FALSE;
}

/* What the preset database knows about a provider turns a plain rejected login into its
 * reason (data/providers/README.md, "The pb namespace"), unless this file already has the
 * provider's own words for it. */
const char *
pb_diagnosis_preset_refine (const char *problem_id,
                            const char *provider_id)
{
  g_autoptr(PbAccountConfig) preset = NULL;

  if (!g_str_equal (problem_id, "auth-failed")
      || family_has_variant (pb_diagnosis_provider_family (provider_id), problem_id)
      || (preset = preset_for (provider_id)) == NULL)
    return problem_id;

  if (pb_account_config_has_quirk (preset, PB_QUIRK_BASIC_AUTH_DISABLED))
    return "auth-basic-disabled";
  if (pb_account_config_has_quirk (preset, PB_QUIRK_OAUTH2_ONLY))
    return "auth-oauth-required";
  if (pb_account_config_get_app_password (preset) == PB_APP_PASSWORD_REQUIRED)
    return "auth-app-password-required";
  if (pb_account_config_has_quirk (preset, PB_QUIRK_ENABLE_ACCESS))
    return "auth-access-disabled";
  return problem_id;
}

const char *
pb_diagnosis_provider_classify (const PbFailure *f,
                                const char      *family,
                                const char      *text)
{
  guint code = f->smtp_code;

  if (f->stage == PB_STAGE_AUTH)
    return classify_auth (f, family, text);

  /* IONOS and STRATO accept only the mailbox's own address as sender; their rejections say
   * little more than "550"/"553". */
  if (g_str_equal (family, "ionos-strato") && (code == 550 || code == 553)
      && (f->stage == PB_STAGE_MAIL_FROM || (f->stage == PB_STAGE_RCPT_TO && HAS ("sender"))))
    return "sender-not-allowed";
  return NULL;
}

/* ---- variants of the texts ------------------------------------------------------------- */

const PbProblemEntry pb_problem_variants[] = {
  /* connect-timeout, by port: the common port table (25 often blocked, 465 implicit TLS,
   * 587 STARTTLS). */
  { "connect-timeout", "port-25",
    N_("Port 25 is probably blocked"),
    /* Translators: {host} is the server name. Keep the braces. */
    N_("The server {host} did not answer on port 25. Internet providers, public Wi-Fi "
       "networks and firewalls often block port 25, the original port that mail servers use "
       "among themselves."),
    N_("Use port 465 with SSL/TLS or port 587 with STARTTLS instead; mail programs should "
       "send through one of these. Your provider’s help pages say which one it offers."),
    NULL, FALSE,
    "Connecting to smtp.example.com:25 timed out (ETIMEDOUT)" },
  { "connect-timeout", "port-465",
    N_("No answer on port 465"),
    N_("The server {host} did not answer on port 465 (SSL/TLS). A firewall on the way may "
       "block this port, or the server does not offer it."),
    N_("Try port 587 with STARTTLS instead. If that does not answer either, check your "
       "firewall or network, or try again later."),
    NULL, TRUE,
    "Connecting to smtp.example.com:465 timed out (ETIMEDOUT)" },
  { "connect-timeout", "port-587",
    N_("No answer on port 587"),
    N_("The server {host} did not answer on port 587 (STARTTLS). A firewall on the way may "
       "block this port, or the server does not offer it."),
    N_("Try port 465 with SSL/TLS instead. If that does not answer either, check your "
       "firewall or network, or try again later."),
    NULL, TRUE,
    "Connecting to smtp.example.com:587 timed out (ETIMEDOUT)" },

  /* protocol-error, by what went wrong in the dialogue. */
  { "protocol-error", "out-of-turn",
    N_("The server answered out of turn"),
    N_("The server {host} sent an answer before Postbote had asked anything. Every later "
       "answer would then belong to the wrong question, so the check stopped there: the "
       "login does not count and no password was saved."),
    N_("Try again later. If it keeps happening, tell the provider: the server, or something "
       "between you and it, does not follow the mail protocol."),
    NULL, TRUE,
    "250 smtp.example.com … 235 2.7.0 Authentication successful (before AUTH was sent)" },
  { "protocol-error", "connection-closed",
    N_("The server closed the connection"),
    N_("The server {host} ended the connection in the middle of the conversation, without "
       "saying why."),
    N_("Try again later. If it keeps happening, the server may be overloaded or may refuse "
       "connections from your network; ask your provider."),
    NULL, TRUE,
    "TLS connection closed unexpectedly (while reading the reply to EHLO)" },

  /* tls-wrong-port, by the chosen security. */
  { "tls-wrong-port", "security-tls",
    N_("Port {port} expects STARTTLS"),
    /* Translators: {host} is the server name, {port} the port number. */
    N_("SSL/TLS (encryption from the start) was chosen, but the server {host} starts "
       "without encryption on port {port} and expects STARTTLS."),
    N_("Choose STARTTLS for this port, or use SSL/TLS on the port your provider names for it "
       "(usually 465)."),
    NULL, FALSE,
    "220 smtp.example.com ESMTP Postfix (received as TLS data: unexpected record)" },
  { "tls-wrong-port", "security-starttls",
    N_("Port {port} expects SSL/TLS"),
    N_("STARTTLS was chosen, but the server {host} expects encryption from the very start "
       "on port {port} (SSL/TLS) and does not answer unencrypted."),
    N_("Choose SSL/TLS for this port, or use STARTTLS on the port your provider names for it "
       "(usually 587)."),
    NULL, FALSE,
    "(no greeting: the server waits for a TLS handshake)" },

  /* Google */
  { "auth-app-password-required", "google",
    N_("Google wants an app password"),
    N_("Google does not accept your normal Google password from mail programs. With 2-Step "
       "Verification switched on, it needs an app password."),
    N_("Switch on 2-Step Verification in your Google Account if it is not on yet, create an "
       "app password at myaccount.google.com/apppasswords and enter it here instead of your "
       "normal password."),
    "https://myaccount.google.com/apppasswords", FALSE,
    "534-5.7.9 Application-specific password required. Learn more at\n"
    "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp" },
  { "auth-failed", "google",
    N_("Google did not accept the login"),
    N_("Google rejected the user name and password. Google no longer accepts the normal "
       "account password from mail programs like this one."),
    N_("Check that the user name is your full Google address. Then switch on 2-Step "
       "Verification, create an app password at myaccount.google.com/apppasswords and enter "
       "it here instead of your normal password."),
    "https://myaccount.google.com/apppasswords", FALSE,
    "535-5.7.8 Username and Password not accepted. For more information, go to\n"
    "535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp" },
  { "auth-web-login-required", "google",
    N_("Google wants you to sign in on the web"),
    N_("Google blocked this login and wants you to sign in once in a web browser, for "
       "example to confirm that it is really you."),
    N_("Sign in at mail.google.com in a web browser and confirm any security check. Then try "
       "again here with an app password."),
    "https://support.google.com/mail/answer/78754", TRUE,
    "534-5.7.14 <https://accounts.google.com/signin/continue?...> Please log in via your web "
    "browser and\n534-5.7.14 then try again.\n"
    "534 5.7.14  https://support.google.com/mail/answer/78754 - gsmtp" },
  { "auth-too-many-attempts", "google",
    N_("Google: too many login attempts"),
    N_("Google has temporarily blocked logins after too many attempts."),
    N_("Wait about an hour before you try again. Make sure you enter an app password, not "
       "your normal Google password."),
    "https://myaccount.google.com/apppasswords", TRUE,
    "454 4.7.0 Too many login attempts, please try again later. - gsmtp" },

  /* Microsoft */
  { "auth-basic-disabled", "microsoft",
    N_("Microsoft has switched off password login"),
    N_("Microsoft no longer accepts a password (basic authentication) from mail programs "
       "for this account. An app password will not help either."),
    N_("Use a mail program that signs in through Microsoft’s web sign-in (OAuth, “modern "
       "authentication”), for example GNOME Online Accounts with Evolution, or "
       "Thunderbird."),
    NULL, FALSE,
    "535 5.7.139 Authentication unsuccessful, basic authentication is disabled." },
  { "auth-smtp-disabled", "microsoft",
    N_("Sending by mail programs is switched off for your organisation"),
    N_("Your organisation’s Microsoft 365 has switched off sending from mail programs with "
       "a password (SMTP AUTH) for this mailbox."),
    N_("Ask your administrator to enable “Authenticated SMTP” for your mailbox in the "
       "Microsoft 365 admin center, or use a mail program with Microsoft’s web sign-in "
       "(OAuth)."),
    "https://aka.ms/smtp_auth_disabled", FALSE,
    "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
    "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information." },
  { "sender-not-allowed", "microsoft",
    N_("Microsoft: no permission to send as this address"),
    N_("Microsoft sends only with the mailbox’s own address or an address you have “Send "
       "As” permission for."),
    N_("Use your own mailbox address as the sender, or ask the administrator for “Send As” "
       "permission for the other address."),
    NULL, FALSE,
    "550 5.7.60 SMTP; Client does not have permissions to send as this sender" },

  /* Yahoo, AOL, iCloud */
  { "auth-app-password-required", "yahoo-aol",
    /* Translators: {provider} is Yahoo or AOL. */
    N_("{provider} wants an app password"),
    N_("{provider} does not accept your normal password from mail programs; it needs an app "
       "password. {provider} often reports this as too many bad login attempts."),
    N_("Open the security settings of your {provider} account, choose “Generate app "
       "password”, and enter that password here instead of your normal one."),
    "https://login.yahoo.com/account/security", FALSE,
    "535 5.7.0 (#AUTH005) Too many bad auth attempts." },
  { "auth-app-password-required", "apple",
    N_("iCloud wants an app-specific password"),
    N_("iCloud Mail does not accept your Apple Account password from other mail programs. It "
       "needs an app-specific password."),
    N_("Sign in at account.apple.com (formerly appleid.apple.com), choose “Sign-In and "
       "Security” → “App-Specific Passwords”, create one and enter it here. The user name is "
       "your iCloud e-mail address."),
    "https://account.apple.com/account/manage", FALSE,
    "535 5.7.8 Error: authentication failed" },

  /* GMX and WEB.DE */
  { "auth-access-disabled", "gmx-webde",
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
  { "auth-failed", "telekom",
    N_("Telekom: use your password for mail programs"),
    N_("Telekom rejected the login. Mail programs need the separate password for mail "
       "programs (“Passwort für E-Mail-Programme”, formerly “E-Mail-Passwort”), not the "
       "password of your Telekom login."),
    N_("Set up or reset the password for mail programs in the Telekom Kundencenter or E-Mail "
       "Center and enter it here. The user name is your full t-online.de address."),
    NULL, FALSE,
    "535 5.7.0 authentication failed" },

  /* IONOS and STRATO */
  { "sender-not-allowed", "ionos-strato",
    /* Translators: {provider} is IONOS or STRATO. */
    N_("{provider}: the sender must be your mailbox address"),
    N_("{provider} only accepts mail whose sender is the address of the mailbox you are "
       "logged in with."),
    N_("Use the mailbox address you log in with as the sender. To send as another address, "
       "set it up as a mailbox or alias in your {provider} control panel."),
    NULL, FALSE,
    "550 5.7.1 Sender address is not allowed" },
  { "sender-not-allowed", "google",
    N_("Google: sender address not allowed"),
    N_("Google sends only with your Google address or an address you have added under "
       "“Send mail as” in the Gmail settings."),
    N_("Use your Google address as the sender, or add the other address in Gmail under "
       "Settings → Accounts → “Send mail as”."),
    NULL, FALSE,
    "550 5.7.1 Sender address not allowed - gsmtp" },
};

const guint pb_problem_variants_len = G_N_ELEMENTS (pb_problem_variants);
