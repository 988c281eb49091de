/* test-diagnosis-providers.c: the providers behind a failure (pb-diagnosis-providers.c):
 * which preset a server's host name belongs to, how the presets' quirks make a rejected
 * login precise and link the provider's page, and the provider's words in the language of
 * the run.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-check-result.h"
#include "pb-diagnosis.h"
#include "pb-diagnosis-catalogue.h"
#include "pb-diagnosis-providers.h"
#include "pb-oauth-sign-in.h"
#include "pb-provider-db.h"
#include "pb-test-diagnosis.h"
#include "pb-test-util.h"

static gboolean german;

static void
test_provider_from_host (void)
{
  struct { const char *host; const char *expect; } t[] = {
    { "smtp.gmail.com", "gmail" }, { "SMTP.GoogleMail.com.", "gmail" },
    { "aspmx.l.google.com", "gmail" }, { "smtp-mail.outlook.com", "outlook" },
    { "smtp.office365.com", "microsoft365" }, { "smtp.mail.yahoo.com", "yahoo" },
    { "smtp.aol.com", "aol" }, { "smtp.mail.me.com", "icloud" }, { "mail.gmx.net", "gmx" },
    { "smtp.web.de", "web-de" }, { "securesmtp.t-online.de", "t-online" },
    { "smtp.ionos.de", "ionos" }, { "smtp.1und1.de", "1und1" },
    { "smtp.kundenserver.de", "ionos" }, { "smtp.strato.de", "strato" },
    { "mail.gmx.com", "gmx-com" }, { "smtp.gmx.com", "gmx-com" }, { "mx00.gmx.net", "gmx" },
    { "notgmail.com", NULL }, { "gmail.com.evil.test", NULL }, { "mail.lab.test", NULL },
    { "", NULL }, { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    g_assert_cmpstr (pb_diagnosis_provider_from_host (t[i].host), ==, t[i].expect);
}

/* The link of a provider quirk, as data/providers/<id>.xml has it. */
static const char *
preset_url (const char *provider_id,
            PbQuirk     quirk)
{
  g_autoptr(PbAccountConfig) preset =
    pb_provider_db_lookup_id (pb_provider_db_get_default (), provider_id);

  g_assert_nonnull (preset);
  g_assert_nonnull (pb_account_config_get_quirk_url (preset, quirk));
  return pb_account_config_get_quirk_url (preset, quirk);
}

/* The preset database's quirks turn a plain rejected login into its reason, and give the
 * page to fix it, for providers this file has no words of its own for. */
static void
test_classify_presets (void)
{
  struct {
    const char *host; const char *reply; const char *expect; const char *provider;
    PbQuirk quirk;
  } t[] = {
    { "smtp-mail.outlook.com", "5.7.3 Authentication unsuccessful", "auth-basic-disabled",
      "outlook", PB_N_QUIRKS },
    { "smtp.mail.ru", "5.7.8 Error: authentication failed", "auth-app-password-required",
      "mailru", PB_QUIRK_APP_PASSWORD },
    { "smtp.fastmail.com", "5.7.8 Authentication failed", "auth-app-password-required",
      "fastmail", PB_QUIRK_APP_PASSWORD },
    { "smtp.zoho.com", "5.7.8 Authentication Failed", "auth-access-disabled", "zoho",
      PB_QUIRK_ENABLE_ACCESS },
    /* Telekom's own words stay (a variant here), the page comes from the preset. */
    { "securesmtp.t-online.de", "5.7.0 authentication failed", "auth-failed", "t-online",
      PB_QUIRK_SEPARATE_PASSWORD },
    /* No quirk: the plain explanation. */
    { "posteo.de", "5.7.8 Error: authentication failed", "auth-failed", "posteo",
      PB_N_QUIRKS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      PbFailure f = { .stage = PB_STAGE_AUTH, SMTP_REPLY (535, NULL, t[i].reply),
                      .host = (char *) t[i].host,
                      .port = 465, .security = PB_SECURITY_TLS };
      g_autoptr(PbExplanation) e = NULL;

      g_test_message ("%s", t[i].host);
      g_assert_cmpstr (pb_diagnosis_provider_from_host (t[i].host), ==, t[i].provider);
      g_assert_cmpstr (pb_test_classify_id (&f), ==, t[i].expect);
      e = pb_test_explain_id (t[i].expect, &f);
      g_test_message ("%s: %s / %s", pb_problem_to_string (e->problem), e->title, e->fix);
      if (t[i].quirk != PB_N_QUIRKS)
        g_assert_cmpstr (e->link, ==, preset_url (t[i].provider, t[i].quirk));
      if (e->variant == NULL && t[i].quirk != PB_N_QUIRKS
          && t[i].quirk != PB_QUIRK_SEPARATE_PASSWORD)
        {
          /* The preset's note, in the language of the run, completes the general fix. */
          g_autoptr(PbAccountConfig) preset =
            pb_provider_db_lookup_id (pb_provider_db_get_default (), t[i].provider);
          const char *note = pb_account_config_get_quirk_note (preset, t[i].quirk);

          g_assert_nonnull (note);
          g_assert_true (g_str_has_suffix (e->fix, note));
          g_assert_true (g_str_has_prefix (e->fix,
                                           _(pb_test_catalogue_entry (t[i].expect)->fix)));
          if (german)
            g_assert_null (strstr (note, " the "));
        }
    }
}

/* What the user reads for the lab's Gmail-like server, in the language of the run. */
static void
test_explain_language (void)
{
  PbFailure f = { .stage = PB_STAGE_AUTH,
                  SMTP_REPLY (534, "5.7.9", "Application-specific password required."),
                  .host = (char *) "smtp.gmail.com", .port = 465 };
  g_autoptr(PbExplanation) e = pb_test_explain_id (pb_test_classify_id (&f), &f);

  g_assert_cmpstr (pb_problem_to_string (e->problem), ==, "auth-app-password-required");
  g_assert_cmpstr (e->link, ==, "https://myaccount.google.com/apppasswords");
  if (german)
    {
      g_assert_cmpstr (e->title, ==, "Google verlangt ein App-Passwort");
      g_assert_nonnull (strstr (e->fix, "Bestätigung in zwei Schritten"));
    }
  else
    {
      g_assert_cmpstr (e->title, ==, "Google wants an app password");
      g_assert_nonnull (strstr (e->fix, "2-Step Verification"));
    }

  {
    /* {provider} and {host} are filled in; the server's text never is. */
    PbFailure g = { .stage = PB_STAGE_AUTH,
                    SMTP_REPLY (535, NULL, "Authentication credentials invalid <b>x</b>"),
                    .host = (char *) "smtp.web.de", .port = 587 };
    g_autoptr(PbExplanation) w = pb_test_explain_id (pb_test_classify_id (&g), &g);

    g_assert_cmpstr (pb_problem_to_string (w->problem), ==, "auth-access-disabled");
    g_assert_nonnull (strstr (w->title, "WEB.DE"));
    g_assert_cmpstr (w->link, ==, preset_url ("web-de", PB_QUIRK_ENABLE_ACCESS));
    g_assert_null (strstr (w->explanation, "credentials invalid"));
    g_assert_null (strstr (w->fix, "<b>"));
  }
}

/* A Microsoft 365 login for sending with a password works today, and the result says that
 * it will not for long; the sign-in, reading mail and other providers get no such word. */
static void
test_notice (void)
{
  g_autofree char *notice = pb_diagnosis_provider_notice ("microsoft365", PB_PROTOCOL_SMTP,
                                                          "LOGIN");
  g_autofree char *title = pb_oauth_sign_in_title ("Microsoft 365");
  g_autofree char *quoted = NULL;
  g_autofree char *from_result = NULL;
  g_autoptr(PbCheckResult) r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, german ? "Dezember 2026" : "December 2026"));
  g_assert_nonnull (strstr (notice, "--oauth"));
  /* It names the window's switch in the switch's own words (the preset's short name). */
  g_assert_cmpstr (title, ==, german ? "Bei Microsoft 365 anmelden"
                                     : "Sign in with Microsoft 365");
  quoted = g_strdup_printf (german ? "„%s“" : "“%s”", title);
  g_assert_nonnull (strstr (notice, quoted));
  g_assert_null (pb_diagnosis_provider_notice ("microsoft365", PB_PROTOCOL_SMTP, "XOAUTH2"));
  g_assert_null (pb_diagnosis_provider_notice ("microsoft365", PB_PROTOCOL_SMTP,
                                               "OAUTHBEARER"));
  g_assert_null (pb_diagnosis_provider_notice ("microsoft365", PB_PROTOCOL_IMAP, "PLAIN"));
  g_assert_null (pb_diagnosis_provider_notice ("gmail", PB_PROTOCOL_SMTP, "PLAIN"));
  g_assert_null (pb_diagnosis_provider_notice (NULL, PB_PROTOCOL_SMTP, "PLAIN"));

  /* The result's notice: only for a login that was accepted. */
  r->provider_id = g_strdup ("microsoft365");
  r->protocol = PB_PROTOCOL_SMTP;
  r->auth_mechanism = g_strdup ("PLAIN");
  g_assert_null (pb_check_result_get_notice (r));
  r->authenticated = TRUE;
  from_result = pb_check_result_get_notice (r);
  g_assert_cmpstr (from_result, ==, notice);
}

int
main (int    argc,
      char **argv)
{
  german = pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis/classify/presets", test_classify_presets);
  g_test_add_func ("/diagnosis/provider-from-host", test_provider_from_host);
  g_test_add_func ("/diagnosis/explain-language", test_explain_language);
  g_test_add_func ("/diagnosis/notice", test_notice);
  return g_test_run ();
}
