/* pb-diagnosis-providers.c: what providers mean by their replies, and their own fixes
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-diagnosis-providers.h"
#include "pb-diagnosis-text.h"
#include "pb-diagnosis-variants.h"
#include "pb-oauth-sign-in.h"
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
  return provider_from_reply (failure->reply.text);
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
                            PbProblem   problem)
{
  g_autoptr(PbAccountConfig) preset = preset_for (provider_id);
  const char *url = NULL;

  if (preset != NULL)
    {
      if (problem == PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED)
        url = pb_account_config_get_quirk_url (preset, PB_QUIRK_APP_PASSWORD);
      else if (problem == PB_PROBLEM_AUTH_ACCESS_DISABLED)
        {
          url = pb_account_config_get_quirk_url (preset, PB_QUIRK_ENABLE_ACCESS);
          if (url == NULL)
            url = pb_account_config_get_enable_url (preset);
        }
      else if (problem == PB_PROBLEM_AUTH_FAILED)
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

static PbProblem
classify_auth (const PbFailure *f,
               const char      *family,
               const char      *text)
{
  guint code = pb_failure_get_smtp_code (f);
  char buffer[16];
  const char *enhanced = pb_diagnosis_enhanced_code (f, buffer) ?: "";
  gboolean rejected = code == 534 || code == 535;

  if (g_str_equal (family, "google"))
    {
      if (g_str_equal (enhanced, "5.7.9"))
        return PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED;
      if (g_str_equal (enhanced, "5.7.14"))
        return PB_PROBLEM_AUTH_WEB_LOGIN_REQUIRED;
      if (code == 454 && g_str_equal (enhanced, "4.7.0")
          && pb_diagnosis_says_too_many_attempts (text))
        return PB_PROBLEM_AUTH_TOO_MANY_ATTEMPTS;
    }
  else if (g_str_equal (family, "microsoft"))
    {
      if (HAS ("smtpclientauthentication is disabled", "smtp_auth_disabled"))
        return PB_PROBLEM_AUTH_SMTP_DISABLED;
      if (g_str_equal (enhanced, "5.7.139") && !HAS ("credentials were incorrect"))
        return PB_PROBLEM_AUTH_BASIC_DISABLED;
    }
  else if (g_str_equal (family, "yahoo-aol") || g_str_equal (family, "apple"))
    {
      /* Yahoo answers a normal password with "(#AUTH005) Too many bad auth attempts" even
       * on the first try; only an app password helps. */
      if (rejected || (code == 554 && HAS ("auth")))
        return PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED;
    }
  else if (g_str_equal (family, "gmx-webde"))
    {
      if (rejected)
        return PB_PROBLEM_AUTH_ACCESS_DISABLED;
    }
  return PB_PROBLEM_NONE;
}

/* The preset's own words on a quirk (pb:note, in the current language), for the problem
 * that quirk explains; NULL when there are none. */
const char *
pb_diagnosis_provider_note (const char *provider_id,
                            PbProblem   problem)
{
  static const struct { PbProblem problem; PbQuirk quirk; } notes[] = {
    { PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED, PB_QUIRK_APP_PASSWORD },
    { PB_PROBLEM_AUTH_ACCESS_DISABLED, PB_QUIRK_ENABLE_ACCESS },
    { PB_PROBLEM_AUTH_OAUTH_REQUIRED, PB_QUIRK_OAUTH2_ONLY },
    { PB_PROBLEM_AUTH_BASIC_DISABLED, PB_QUIRK_BASIC_AUTH_DISABLED },
  };
  g_autoptr(PbAccountConfig) preset = preset_for (provider_id);

  for (guint i = 0; preset != NULL && i < G_N_ELEMENTS (notes); i++)
    if (notes[i].problem == problem)
      return pb_account_config_get_quirk_note (preset, notes[i].quirk);
  return NULL;
}

char *
pb_diagnosis_provider_notice (const char *provider_id,
                              PbProtocol  protocol,
                              const char *mechanism)
{
  g_autoptr(PbAccountConfig) preset = NULL;
  g_autofree char *sign_in = NULL;

  /* Exchange Online retires SMTP AUTH with a password (the preset's documentation links
   * Microsoft's timeline); the provider's sign-in keeps working. */
  if (g_strcmp0 (provider_id, "microsoft365") != 0 || protocol != PB_PROTOCOL_SMTP ||
      mechanism == NULL || g_ascii_strcasecmp (mechanism, "XOAUTH2") == 0 ||
      g_ascii_strcasecmp (mechanism, "OAUTHBEARER") == 0)
    return NULL;
  /* The window's switch says the same words (pb_oauth_sign_in_title). */
  preset = preset_for (provider_id);
  sign_in = pb_oauth_sign_in_title (preset != NULL ? pb_account_config_get_short_name (preset)
                                                   : pb_diagnosis_provider_name (provider_id));
  /* Translators: %s is the switch that signs in, "Sign in with Microsoft 365" */
  return g_strdup_printf (_("Microsoft is switching off sending with a password for Microsoft "
                            "365: from the end of December 2026 for existing organizations by "
                            "default, later for good. Then this account sends from mail "
                            "programs only with the Microsoft sign-in (OAuth2). Choose that "
                            "sign-in in your mail program now, and test it here with “%s” (on "
                            "the command line: --oauth)."), sign_in);
}

/* What the preset database knows about a provider turns a plain rejected login into its
 * reason (data/providers/README.md, "The pb namespace"), unless this file already has the
 * provider's own words for it. */
PbProblem
pb_diagnosis_preset_refine (PbProblem   problem,
                            const char *provider_id)
{
  const char *family = pb_diagnosis_provider_family (provider_id);
  g_autoptr(PbAccountConfig) preset = NULL;

  if (problem != PB_PROBLEM_AUTH_FAILED || pb_diagnosis_variant_lookup (problem, family) != NULL
      || (preset = preset_for (provider_id)) == NULL)
    return problem;

  if (pb_account_config_has_quirk (preset, PB_QUIRK_BASIC_AUTH_DISABLED))
    return PB_PROBLEM_AUTH_BASIC_DISABLED;
  if (pb_account_config_has_quirk (preset, PB_QUIRK_OAUTH2_ONLY))
    return PB_PROBLEM_AUTH_OAUTH_REQUIRED;
  if (pb_account_config_get_app_password (preset) == PB_APP_PASSWORD_REQUIRED)
    return PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED;
  if (pb_account_config_has_quirk (preset, PB_QUIRK_ENABLE_ACCESS))
    return PB_PROBLEM_AUTH_ACCESS_DISABLED;
  return problem;
}

PbProblem
pb_diagnosis_provider_classify (const PbFailure *f,
                                const char      *family,
                                const char      *text)
{
  guint code = pb_failure_get_smtp_code (f);

  if (f->stage == PB_STAGE_AUTH)
    return classify_auth (f, family, text);

  /* IONOS and STRATO accept only the mailbox's own address as sender; their rejections say
   * little more than "550"/"553". */
  if (g_str_equal (family, "ionos-strato") && (code == 550 || code == 553)
      && (f->stage == PB_STAGE_MAIL_FROM || (f->stage == PB_STAGE_RCPT_TO && HAS ("sender"))))
    return PB_PROBLEM_SENDER_NOT_ALLOWED;
  return PB_PROBLEM_NONE;
}
