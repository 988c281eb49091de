/* test-autoconfig.c: the autoconfig format (pb-autoconfig.c, pb-autoconfig-provider.c): a
 * config-v1.1 file into a PbAccountConfig, its texts in the user's language, the Postbote
 * extensions of trusted and untrusted files, several providers in one file, files of the
 * wrong structure, and errors that name their source and exist in German
 *
 * The reader underneath, on broken and hostile bytes: test-autoconfig-reader.c.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-test-util.h"
#include "pb-autoconfig.h"
#include "pb-i18n.h"
#include "pb-test-autoconfig.h"

static void
test_full (void)
{
  g_autoptr(PbAccountConfig) config = parse_ok (full_sample);
  const char * const *domains = pb_account_config_get_domains (config);
  GPtrArray *in = pb_account_config_get_incoming (config);
  GPtrArray *out = pb_account_config_get_outgoing (config);
  PbServerConfig *s;

  g_assert_cmpstr (pb_account_config_get_provider_id (config), ==, "example.com");
  g_assert_cmpstr (pb_account_config_get_display_name (config), ==, "Example Mail Service");
  g_assert_cmpstr (pb_account_config_get_short_name (config), ==, "Example");
  g_assert_cmpstr (pb_account_config_get_source_url (config), ==, "https://test/");

  g_assert_cmpuint (g_strv_length ((char **) domains), ==, 3);
  g_assert_cmpstr (domains[0], ==, "example.com");
  g_assert_cmpstr (domains[1], ==, "example.net");
  g_assert_cmpstr (domains[2], ==, "xn--bcher-kva.example");
  g_assert_true (pb_account_config_has_domain (config, "EXAMPLE.net"));

  g_assert_cmpuint (in->len, ==, 2);
  s = g_ptr_array_index (in, 0);
  g_assert_cmpint (s->protocol, ==, PB_PROTOCOL_IMAP);
  g_assert_cmpstr (s->host, ==, "imap.example.com");
  g_assert_cmpuint (s->port, ==, 993);
  g_assert_cmpint (s->security, ==, PB_SECURITY_TLS);
  g_assert_cmpstr (s->username, ==, "%EMAILADDRESS%");
  /* OAuth2 is listed first, but Postbote logs in with a password. */
  g_assert_cmpint (s->auth, ==, PB_AUTH_PASSWORD_CLEARTEXT);
  g_assert_cmpuint (pb_account_config_get_auth_methods (config, s), ==,
                    PB_AUTH_MASK (PB_AUTH_OAUTH2) | PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));

  s = g_ptr_array_index (in, 1);
  g_assert_cmpint (s->protocol, ==, PB_PROTOCOL_POP3);
  g_assert_cmpint (s->security, ==, PB_SECURITY_NONE);
  g_assert_cmpstr (s->username, ==, "%EMAILLOCALPART%");
  /* Without encryption, challenge-response beats a clear-text password. */
  g_assert_cmpint (s->auth, ==, PB_AUTH_PASSWORD_ENCRYPTED);
  g_assert_true (pb_account_config_get_first (config, PB_PROTOCOL_POP3) == s);

  g_assert_cmpuint (out->len, ==, 4);
  s = g_ptr_array_index (out, 0);
  g_assert_cmpstr (s->host, ==, "smtp.example.com");
  g_assert_cmpuint (s->port, ==, 465);
  g_assert_cmpint (s->auth, ==, PB_AUTH_PASSWORD_ENCRYPTED);
  g_assert_cmpuint (pb_account_config_get_auth_methods (config, s), ==,
                    PB_AUTH_MASK (PB_AUTH_NTLM) | PB_AUTH_MASK (PB_AUTH_GSSAPI) |
                    PB_AUTH_MASK (PB_AUTH_PASSWORD_ENCRYPTED) |
                    PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));
  g_assert_true (pb_account_config_get_first (config, PB_PROTOCOL_SMTP) == s);

  s = g_ptr_array_index (out, 1);
  g_assert_cmpstr (s->host, ==, "mail.%EMAILDOMAIN%");
  g_assert_cmpint (s->security, ==, PB_SECURITY_STARTTLS);
  g_assert_null (s->username);
  g_assert_cmpint (s->auth, ==, PB_AUTH_CLIENT_IP);

  s = g_ptr_array_index (out, 2);
  g_assert_cmpint (s->auth, ==, PB_AUTH_NONE);
  g_assert_cmpuint (pb_account_config_get_auth_methods (config, s), ==,
                    PB_AUTH_MASK (PB_AUTH_SMTP_AFTER_POP) | PB_AUTH_MASK (PB_AUTH_NONE));

  /* A server we cannot log in to keeps its method, so the caller can say why. */
  s = g_ptr_array_index (out, 3);
  g_assert_cmpint (s->auth, ==, PB_AUTH_OAUTH2);
  g_assert_true (pb_account_config_offers_oauth2 (config));

  /* exchange, ews, bad host, bad port, bad socketType, no host */
  g_assert_cmpuint (pb_account_config_get_n_skipped (config), ==, 6);

  g_assert_cmpuint (pb_account_config_get_n_documentation (config), ==, 2);
  g_assert_cmpstr (pb_account_config_get_documentation_url (config, 0), ==,
                   "https://example.com/help");
  g_assert_cmpstr (pb_account_config_get_documentation_text (config, 0), ==,
                   "Help on the settings");
  g_assert_cmpstr (pb_account_config_get_documentation_text (config, 1), ==, "Only one");
  g_assert_cmpstr (pb_account_config_get_enable_url (config), ==, "https://example.com/settings");
  g_assert_cmpstr (pb_account_config_get_enable_instruction (config), ==, "Switch IMAP on.");

  g_assert_false (pb_account_config_has_quirk (config, PB_QUIRK_APP_PASSWORD));
  g_assert_cmpint (pb_account_config_get_app_password (config), ==, PB_APP_PASSWORD_NO);
  g_assert_null (pb_account_config_get_note (config));
}

static void
test_languages (void)
{
  g_autoptr(PbAccountConfig) config = parse_ok (full_sample);
  g_autoptr(PbLangTexts) texts = pb_lang_texts_new ();
  const char *old = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (old);

  g_setenv ("LANGUAGE", "de_AT:de", TRUE);
  g_assert_cmpstr (pb_current_language (), ==, "de");
  g_assert_cmpstr (pb_account_config_get_documentation_text (config, 0), ==,
                   "Hilfe zu den Einstellungen");
  g_assert_cmpstr (pb_account_config_get_enable_instruction (config), ==,
                   "Schalten Sie IMAP ein.");
  /* No German text: English */
  g_assert_cmpstr (pb_account_config_get_documentation_text (config, 1), ==, "Only one");

  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpstr (pb_account_config_get_enable_instruction (config), ==, "Switch IMAP on.");

  g_assert_true (pb_lang_texts_is_empty (texts));
  g_assert_null (pb_lang_texts_get (texts));
  pb_lang_texts_add (texts, "de", "Eins");
  pb_lang_texts_add (texts, "de", "Zwei");
  /* Neither French nor English: the first there is. */
  g_assert_cmpstr (pb_lang_texts_get (texts), ==, "Eins\n\nZwei");
  g_assert_null (pb_lang_texts_lookup (texts, "en"));

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* A preset with every extension element (and some that are not valid). */
static const char extensions_xml[] =
  "<clientConfig version='1.1' xmlns:pb='" PB_PROVIDER_NS "'>"
  " <emailProvider id='gmx'>"
  "  <domain>gmx.de</domain>"
  "  <outgoingServer type='smtp'><hostname>mail.gmx.net</hostname><port>465</port>"
  "   <socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
  "   <authentication>password-cleartext</authentication></outgoingServer>"
  "  <pb:appPassword required='if-2fa' url='https://gmx.example/app'>"
  "   <pb:note lang='de'>Mit Zwei-Faktor: App-Passwort.</pb:note>"
  "   <pb:note lang='en'>With two-factor: app password.</pb:note></pb:appPassword>"
  "  <pb:enableAccess url='https://gmx.example/imap'/>"
  "  <pb:oauth2Only/><pb:basicAuthDisabled/><pb:senderMustMatchLogin/>"
  "  <pb:separatePassword url='https://gmx.example/pw'/>"
  "  <pb:bridge url='https://gmx.example/bridge'/><pb:accountSpecific/>"
  "  <pb:mxSuffix>MX.GMX.net</pb:mxSuffix><pb:mxSuffix>gmx.net</pb:mxSuffix>"
  "  <pb:mxSuffix>bad suffix</pb:mxSuffix>"
  "  <pb:correction domain='gmx.de' field='outgoing' ispdb='mail.gmx.net:587:STARTTLS'"
  "   reason='Implicit TLS.'/>"
  "  <pb:correction domain='*' field='username' against='article' reason='Article.'/>"
  "  <pb:correction domain='gmx.de' field='nonsense' reason='x'/>"
  "  <pb:note lang='en'>General hint.</pb:note>"
  "  <pb:futureElement/>"
  "  <appPassword/>"
  " </emailProvider>"
  "</clientConfig>";

static void
test_extensions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccountConfig) config = pb_autoconfig_parse_full (extensions_xml,
                                                                strlen (extensions_xml), NULL,
                                                                PB_AUTOCONFIG_FLAGS_EXTENSIONS,
                                                                &error);
  const char * const *mx = pb_account_config_get_mx_suffixes (config);
  GPtrArray *corrections = pb_account_config_get_corrections (config);
  PbCorrection *c;

  g_assert_no_error (error);
  for (PbQuirk q = 0; q < PB_N_QUIRKS; q++)
    g_assert_true (pb_account_config_has_quirk (config, q));
  g_assert_cmpint (pb_account_config_get_app_password (config), ==, PB_APP_PASSWORD_IF_2FA);
  g_assert_cmpstr (pb_account_config_get_quirk_url (config, PB_QUIRK_APP_PASSWORD), ==,
                   "https://gmx.example/app");
  g_assert_cmpstr (pb_account_config_get_quirk_note (config, PB_QUIRK_APP_PASSWORD), ==,
                   "With two-factor: app password.");
  g_assert_cmpstr (pb_account_config_get_quirk_url (config, PB_QUIRK_ENABLE_ACCESS), ==,
                   "https://gmx.example/imap");
  g_assert_null (pb_account_config_get_quirk_note (config, PB_QUIRK_ENABLE_ACCESS));
  g_assert_null (pb_account_config_get_quirk_url (config, PB_QUIRK_OAUTH2_ONLY));
  g_assert_cmpstr (pb_account_config_get_quirk_url (config, PB_QUIRK_BRIDGE), ==,
                   "https://gmx.example/bridge");
  g_assert_cmpstr (pb_account_config_get_note (config), ==, "General hint.");

  g_assert_cmpuint (g_strv_length ((char **) mx), ==, 2);
  g_assert_cmpstr (mx[0], ==, "mx.gmx.net");
  g_assert_cmpstr (mx[1], ==, "gmx.net");

  g_assert_cmpuint (corrections->len, ==, 2);
  c = g_ptr_array_index (corrections, 0);
  g_assert_cmpint (c->field, ==, PB_CORRECTION_OUTGOING);
  g_assert_cmpstr (c->ispdb, ==, "mail.gmx.net:587:STARTTLS");
  g_assert_false (c->against_article);
  g_assert_true (pb_account_config_has_correction (config, "GMX.de", PB_CORRECTION_OUTGOING));
  g_assert_false (pb_account_config_has_correction (config, "gmx.de", PB_CORRECTION_INCOMING));
  /* Corrections against an article excuse nothing. */
  g_assert_false (pb_account_config_has_correction (config, "gmx.de", PB_CORRECTION_USERNAME));
  c = g_ptr_array_index (corrections, 1);
  g_assert_true (c->against_article);
}

/* The same document from anywhere else (remote autoconfig, ISPDB, plain HTTP) is not ours:
 * its servers count, its pb: quirks, links and notes do not. */
static void
test_extensions_untrusted (void)
{
  g_autoptr(PbAccountConfig) config = parse_ok (extensions_xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pb_autoconfig_parse_all (extensions_xml, strlen (extensions_xml),
                                                      NULL, &error);
  g_autoptr(PbAccountConfig) none = pb_autoconfig_parse_full (extensions_xml,
                                                              strlen (extensions_xml), NULL,
                                                              PB_AUTOCONFIG_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  for (guint i = 0; i < 3; i++)
    {
      PbAccountConfig *c = i == 0 ? config : i == 1 ? g_ptr_array_index (all, 0) : none;
      const char * const *mx = pb_account_config_get_mx_suffixes (c);

      g_assert_cmpuint (pb_account_config_get_outgoing (c)->len, ==, 1);
      for (PbQuirk q = 0; q < PB_N_QUIRKS; q++)
        {
          g_assert_false (pb_account_config_has_quirk (c, q));
          g_assert_null (pb_account_config_get_quirk_url (c, q));
          g_assert_null (pb_account_config_get_quirk_note (c, q));
        }
      g_assert_cmpint (pb_account_config_get_app_password (c), ==, PB_APP_PASSWORD_NO);
      g_assert_null (pb_account_config_get_note (c));
      g_assert_true (mx == NULL || mx[0] == NULL);
      g_assert_cmpuint (pb_account_config_get_corrections (c)->len, ==, 0);
    }
}

static void
test_several_providers (void)
{
  static const char xml[] =
    "<clientConfig>"
    " <emailProvider id='one'><domain>one.example</domain>"
    "  <outgoingServer type='smtp'><hostname>smtp.one.example</hostname><port>587</port>"
    "  <socketType>STARTTLS</socketType></outgoingServer></emailProvider>"
    " <emailProvider><domain>two.example</domain>"
    "  <incomingServer type='imap'><hostname>imap.two.example</hostname>"
    "  <socketType>SSL</socketType></incomingServer></emailProvider>"
    "</clientConfig>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = pb_autoconfig_parse_all (xml, strlen (xml), NULL, &error);
  PbAccountConfig *two;
  PbServerConfig *imap;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (pb_account_config_get_provider_id (g_ptr_array_index (all, 0)), ==, "one");
  two = g_ptr_array_index (all, 1);
  /* Without id, the first domain names it; without port, the default for the security. */
  g_assert_cmpstr (pb_account_config_get_provider_id (two), ==, "two.example");
  imap = g_ptr_array_index (pb_account_config_get_incoming (two), 0);
  g_assert_cmpuint (imap->port, ==, 993);
  g_assert_cmpint (imap->auth, ==, PB_AUTH_PASSWORD_CLEARTEXT);
}

static void
test_structure_errors (void)
{
  static const char not_client_config[] = "<html><body>Not found</body></html>";
  static const char namespaced_root[] = "<clientConfig xmlns='urn:x'><emailProvider/></clientConfig>";
  static const char no_provider[] = "<clientConfig version='1.1'></clientConfig>";
  static const char exchange_only[] =
    "<clientConfig><emailProvider id='x'><domain>x.example</domain>"
    "<incomingServer type='exchange'><hostname>x</hostname></incomingServer>"
    "</emailProvider></clientConfig>";

  assert_fails (not_client_config, strlen (not_client_config), PB_AUTOCONFIG_ERROR_WRONG_ROOT);
  assert_fails (namespaced_root, strlen (namespaced_root), PB_AUTOCONFIG_ERROR_WRONG_ROOT);
  assert_fails (no_provider, strlen (no_provider), PB_AUTOCONFIG_ERROR_NO_PROVIDER);
  assert_fails (exchange_only, strlen (exchange_only), PB_AUTOCONFIG_ERROR_NO_SERVERS);
}

static void
test_error_names_source (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_autoconfig_parse ("<x", 2, "https://autoconfig.example.com/mail", &error));
  g_assert_error (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML);
  g_assert_true (g_str_has_prefix (error->message, "https://autoconfig.example.com/mail: "));
}

static PbAccountConfig *
parse_oauth2_as (const char        *block,
                 PbAutoconfigFlags  flags)
{
  g_autofree char *xml = g_strdup_printf (
    "<clientConfig version=\"1.1\"><emailProvider id=\"example.com\">"
    "<domain>example.com</domain><outgoingServer type=\"smtp\"><hostname>smtp.example.com"
    "</hostname><port>465</port><socketType>SSL</socketType><authentication>OAuth2"
    "</authentication></outgoingServer></emailProvider>%s</clientConfig>", block);
  g_autoptr(GError) error = NULL;
  PbAccountConfig *config = pb_autoconfig_parse_full (xml, strlen (xml), NULL, flags, &error);

  g_assert_no_error (error);
  return config;
}

/* As Postbote's own presets are read. */
static PbAccountConfig *
parse_oauth2 (const char *block)
{
  return parse_oauth2_as (block, PB_AUTOCONFIG_FLAGS_EXTENSIONS);
}

/* <oAuth2>: the authorization server for every provider of the file, when it is complete
 * and both endpoints are https, and only in Postbote's own presets (a domain's file could
 * send the sign-in's code elsewhere); else only that OAuth2 is offered. */
static void
test_oauth2 (void)
{
  g_autoptr(PbAccountConfig) full = parse_oauth2 (
    "<oAuth2><issuer>auth.example.com</issuer><scope>mail  offline_access</scope>"
    "<authURL>https://auth.example.com/authorize</authURL>"
    "<tokenURL>https://auth.example.com/token</tokenURL></oAuth2>");
  g_autoptr(PbAccountConfig) plain = parse_oauth2 (
    "<oAuth2><issuer>auth.example.com</issuer><scope>mail</scope>"
    "<authURL>http://auth.example.com/authorize</authURL>"
    "<tokenURL>https://auth.example.com/token</tokenURL></oAuth2>");
  g_autoptr(PbAccountConfig) partial = parse_oauth2 (
    "<oAuth2><issuer>auth.example.com</issuer></oAuth2>");
  g_autoptr(PbAccountConfig) none = parse_oauth2 ("");
  g_autoptr(PbAccountConfig) remote = parse_oauth2_as (
    "<oAuth2><issuer>accounts.google.com</issuer><scope>https://mail.google.com/</scope>"
    "<authURL>https://accounts.google.com/o/oauth2/v2/auth</authURL>"
    "<tokenURL>https://attacker.example/token</tokenURL></oAuth2>", PB_AUTOCONFIG_FLAGS_NONE);
  const PbOAuthIssuer *issuer = pb_account_config_get_oauth_issuer (full);

  g_assert_nonnull (issuer);
  g_assert_cmpstr (issuer->issuer, ==, "auth.example.com");
  g_assert_cmpstr (issuer->scope, ==, "mail offline_access");
  g_assert_true (pb_oauth_issuer_has_scope (issuer, "offline_access"));
  g_assert_false (pb_oauth_issuer_has_scope (issuer, "mai"));
  g_assert_cmpstr (issuer->auth_url, ==, "https://auth.example.com/authorize");
  g_assert_cmpstr (issuer->token_url, ==, "https://auth.example.com/token");
  g_assert_null (pb_account_config_get_oauth_issuer (plain));
  g_assert_null (pb_account_config_get_oauth_issuer (partial));
  g_assert_true (pb_account_config_offers_oauth2 (partial));
  g_assert_null (pb_account_config_get_oauth_issuer (none));
  g_assert_null (pb_account_config_get_oauth_issuer (remote));
  g_assert_true (pb_account_config_offers_oauth2 (remote));
}

/* The errors reach the user through the discovery progress: they exist in German. */
static void
test_german (void)
{
  static const char * const inputs[] = {
    "", "<x", "<html/>", "<clientConfig/>", "<!DOCTYPE c [<!ENTITY e 'x'>]><c/>",
  };
  g_autoptr(GPtrArray) english = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (pb_autoconfig_parse (inputs[i], strlen (inputs[i]), NULL, &error));
      g_ptr_array_add (english, g_strdup (error->message));
    }

  pb_test_set_language ("de");
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (pb_autoconfig_parse (inputs[i], strlen (inputs[i]), NULL, &error));
      g_assert_cmpstr (error->message, !=, g_ptr_array_index (english, i));
      if (i == 0)
        g_assert_cmpstr (error->message, ==, "Die Konfigurationsdatei ist leer.");
    }
  pb_test_set_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autoconfig/full", test_full);
  g_test_add_func ("/autoconfig/languages", test_languages);
  g_test_add_func ("/autoconfig/extensions", test_extensions);
  g_test_add_func ("/autoconfig/extensions-untrusted", test_extensions_untrusted);
  g_test_add_func ("/autoconfig/several-providers", test_several_providers);
  g_test_add_func ("/autoconfig/structure-errors", test_structure_errors);
  g_test_add_func ("/autoconfig/error-names-source", test_error_names_source);
  g_test_add_func ("/autoconfig/german", test_german);
  g_test_add_func ("/autoconfig/oauth2", test_oauth2);

  return g_test_run ();
}
