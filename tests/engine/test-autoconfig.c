/* test-autoconfig.c: the config-v1.1 parser on hand-written and hostile samples
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-test-util.h"
#include "pb-autoconfig.h"
#include "pb-i18n.h"

static PbAccountConfig *
parse_ok (const char *xml)
{
  g_autoptr(GError) error = NULL;
  PbAccountConfig *config = pb_autoconfig_parse (xml, strlen (xml), "https://test/", &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static void
assert_fails (const char        *data,
              gsize              len,
              PbAutoconfigError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccountConfig) config = pb_autoconfig_parse (data, len, NULL, &error);

  if (config != NULL || error == NULL || error->code != (int) code)
    g_test_message ("expected error %d, got %s", code,
                    error != NULL ? error->message : "a configuration");
  g_assert_null (config);
  g_assert_error (error, PB_AUTOCONFIG_ERROR, (int) code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static const char full_sample[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<clientConfig version=\"1.1\">\n"
  "  <emailProvider id=\"example.com\">\n"
  "    <domain>example.com</domain>\n"
  "    <domain>Example.NET</domain>\n"
  "    <domain>bücher.example</domain>\n"
  "    <domain>not a domain</domain>\n"
  "    <displayName>Example   Mail\n  Service</displayName>\n"
  "    <displayShortName>Example</displayShortName>\n"
  "    <incomingServer type=\"imap\">\n"
  "      <hostname>imap.example.com</hostname>\n"
  "      <port>993</port>\n"
  "      <socketType>SSL</socketType>\n"
  "      <username>%EMAILADDRESS%</username>\n"
  "      <authentication>OAuth2</authentication>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"pop3\">\n"
  "      <hostname>pop.example.com</hostname>\n"
  "      <port>110</port>\n"
  "      <socketType>plain</socketType>\n"
  "      <username>%EMAILLOCALPART%</username>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "      <authentication>password-encrypted</authentication>\n"
  "      <pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"exchange\">\n"
  "      <hostname>outlook.example.com</hostname>\n"
  "      <owaURL>https://outlook.example.com/owa/</owaURL>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"ews\"><hostname>ews.example.com</hostname></incomingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>smtp.example.com</hostname>\n"
  "      <port>465</port>\n"
  "      <socketType>SSL</socketType>\n"
  "      <username>%EMAILADDRESS%</username>\n"
  "      <authentication>NTLM</authentication>\n"
  "      <authentication>GSSAPI</authentication>\n"
  "      <authentication>password-encrypted</authentication>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>mail.%EMAILDOMAIN%</hostname>\n"
  "      <port>587</port>\n"
  "      <socketType>STARTTLS</socketType>\n"
  "      <authentication>client-IP-address</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>relay.example.com</hostname>\n"
  "      <port>25</port>\n"
  "      <socketType>plain</socketType>\n"
  "      <authentication>smtp-after-pop</authentication>\n"
  "      <authentication>none</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>oauth.example.com</hostname>\n"
  "      <port>587</port>\n"
  "      <socketType>STARTTLS</socketType>\n"
  "      <authentication>OAuth2</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><hostname>bad host</hostname><port>25</port></outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><hostname>x.example.com</hostname><port>99999</port></outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><hostname>y.example.com</hostname><socketType>SSLv2</socketType></outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><port>25</port></outgoingServer>\n"
  "    <documentation url=\"https://example.com/help\">\n"
  "      <descr lang=\"de\">Hilfe zu den   Einstellungen</descr>\n"
  "      <descr lang=\"en\">Help on the settings</descr>\n"
  "    </documentation>\n"
  "    <documentation url=\"https://example.com/more\"><descr>Only one</descr></documentation>\n"
  "    <enable visiturl=\"https://example.com/settings\">\n"
  "      <instruction lang=\"en\">Switch IMAP on.</instruction>\n"
  "      <instruction lang=\"de\">Schalten Sie IMAP ein.</instruction>\n"
  "    </enable>\n"
  "    <webMail><loginPage url=\"https://example.com/\"/></webMail>\n"
  "    <unknownFutureElement attr=\"x\"><deeper/></unknownFutureElement>\n"
  "  </emailProvider>\n"
  "  <oAuth2>\n"
  "    <issuer>accounts.example.com</issuer>\n"
  "  </oAuth2>\n"
  "</clientConfig>\n";

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
test_empty_and_broken (void)
{
  static const char truncated[] =
    "<clientConfig><emailProvider id='x'><outgoingServer type='smtp'><hostname>smtp.x";
  static const char prose[] = "This is not XML at all.";
  static const char two_roots[] = "<clientConfig/><clientConfig/>";
  static const char undefined_entity[] = "<clientConfig>&foo;</clientConfig>";
  static const char binary[] = "\x00\x01\x02\x03<clientConfig/>";

  assert_fails ("", 0, PB_AUTOCONFIG_ERROR_EMPTY);
  assert_fails (NULL, 0, PB_AUTOCONFIG_ERROR_EMPTY);
  assert_fails (" \n\t ", 4, PB_AUTOCONFIG_ERROR_EMPTY);
  assert_fails (truncated, strlen (truncated), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (prose, strlen (prose), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (two_roots, strlen (two_roots), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (undefined_entity, strlen (undefined_entity), PB_AUTOCONFIG_ERROR_NOT_XML);
  assert_fails (binary, sizeof binary - 1, PB_AUTOCONFIG_ERROR_NOT_XML);
}

/* What libxml2 hands over in pieces (references, CDATA, text around comments and nested
 * elements) arrives as the tree builder would have joined it. */
static void
test_escapes_and_pieces (void)
{
  static const char xml[] =
    "<clientConfig><emailProvider id=\"a&amp;b&#38;c&lt;d&#x41;&amp;#38;\">"
    "<displayName><![CDATA[A & <B>]]> &#x4D;&amp;&gt; <i>in</i>ner</displayName>"
    "<outgoingServer type='smtp'><hostname>smtp.<!-- c -->ex<?pi x?>ample.com</hostname>"
    "<port>\n 5<b/>87\t</port></outgoingServer>"
    "<documentation url='https://example.com/help?a=1&amp;b=2&#9;'>"
    "<descr lang='en'>Tab\tand\nnewline</descr></documentation>"
    "</emailProvider></clientConfig>";
  g_autoptr(PbAccountConfig) config = parse_ok (xml);
  PbServerConfig *smtp = g_ptr_array_index (pb_account_config_get_outgoing (config), 0);

  g_assert_cmpstr (pb_account_config_get_provider_id (config), ==, "a&b&c<dA&#38;");
  g_assert_cmpstr (pb_account_config_get_display_name (config), ==, "A & <B> M&> inner");
  g_assert_cmpstr (smtp->host, ==, "smtp.example.com");
  g_assert_cmpuint (smtp->port, ==, 587);
  /* An attribute's tab is a space (XML attribute normalization), then stripped. */
  g_assert_cmpstr (pb_account_config_get_documentation_url (config, 0), ==,
                   "https://example.com/help?a=1&b=2");
  g_assert_cmpstr (pb_account_config_get_documentation_text (config, 0), ==,
                   "Tab and newline");
}

static void
test_error_names_source (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_autoconfig_parse ("<x", 2, "https://autoconfig.example.com/mail", &error));
  g_assert_error (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML);
  g_assert_true (g_str_has_prefix (error->message, "https://autoconfig.example.com/mail: "));
}

static void
test_billion_laughs (void)
{
  static const char xml[] =
    "<?xml version='1.0'?>\n"
    "<!DOCTYPE clientConfig [\n"
    " <!ENTITY a '0123456789'>\n"
    " <!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>\n"
    " <!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>\n"
    " <!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>\n"
    " <!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'>\n"
    " <!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>\n"
    " <!ENTITY g '&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;'>\n"
    " <!ENTITY h '&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;'>\n"
    " <!ENTITY i '&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;'>\n"
    "]>\n"
    "<clientConfig><emailProvider id='x'><displayName>&i;</displayName>"
    "<outgoingServer type='smtp'><hostname>smtp.x.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  gint64 start = g_get_monotonic_time ();

  /* Expanding the entities (a gigabyte of text) would take minutes; refusing them takes
   * microseconds: a second, scaled for Valgrind, tells the two apart. */
  assert_fails (xml, strlen (xml), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, pb_test_scaled_ms (1000));
}

/* Found by fuzz-autoconfig (crashes/autoconfig/leak-91b3441f...): in SAX mode libxml2 still
 * makes a document of its own to hold an entity declaration, after the callback that stops
 * the parse; it leaked. The sanitizer and Valgrind runs of this test report the leak. */
static void
test_entity_stray_document (void)
{
  static const char xml[] = "<!DOCTYPE c[<!ENTITY e \"e\">\xe6";
  static const char complete[] = "<!DOCTYPE c [<!ENTITY e 'e'>]><clientConfig>&e;</clientConfig>";

  assert_fails (xml, strlen (xml), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (complete, strlen (complete), PB_AUTOCONFIG_ERROR_FORBIDDEN);
}

static void
test_external_entity (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-autoconfig-XXXXXX", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *system_entity = NULL;
  g_autofree char *external_dtd = NULL;
  static const char parameter_entity[] =
    "<!DOCTYPE clientConfig [<!ENTITY % p SYSTEM 'http://127.0.0.1:9/evil.dtd'> %p;]>"
    "<clientConfig/>";
  static const char public_dtd[] =
    "<!DOCTYPE clientConfig PUBLIC '-//X//Y' 'http://127.0.0.1:9/x.dtd'><clientConfig/>";
  static const char bare_doctype[] =
    "<!DOCTYPE clientConfig><clientConfig><emailProvider id='x'>"
    "<outgoingServer type='smtp'><hostname>smtp.x.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  g_autoptr(PbAccountConfig) bare = NULL;

  g_assert_true (g_file_set_contents (secret, "TOPSECRET", -1, NULL));
  system_entity = g_strdup_printf ("<!DOCTYPE clientConfig [<!ENTITY s SYSTEM 'file://%s'>]>"
                                   "<clientConfig><emailProvider id='x'>"
                                   "<displayName>&s;</displayName>"
                                   "<outgoingServer type='smtp'><hostname>h.example</hostname>"
                                   "</outgoingServer></emailProvider></clientConfig>", secret);
  external_dtd = g_strdup_printf ("<!DOCTYPE clientConfig SYSTEM 'file://%s'><clientConfig/>",
                                  secret);

  assert_fails (system_entity, strlen (system_entity), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (external_dtd, strlen (external_dtd), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (parameter_entity, strlen (parameter_entity), PB_AUTOCONFIG_ERROR_FORBIDDEN);
  assert_fails (public_dtd, strlen (public_dtd), PB_AUTOCONFIG_ERROR_FORBIDDEN);

  /* A DOCTYPE without entities or external ids is harmless. */
  bare = parse_ok (bare_doctype);
  g_assert_cmpuint (pb_account_config_get_outgoing (bare)->len, ==, 1);

  g_unlink (secret);
  g_rmdir (dir);
}

static void
test_xinclude (void)
{
  static const char xml[] =
    "<clientConfig xmlns:xi='http://www.w3.org/2001/XInclude'><emailProvider id='x'>"
    "<displayName><xi:include href='file:///etc/passwd' parse='text'/></displayName>"
    "<outgoingServer type='smtp'><hostname>smtp.x.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";

  assert_fails (xml, strlen (xml), PB_AUTOCONFIG_ERROR_FORBIDDEN);
}

static void
test_oversize (void)
{
  const char *head = "<clientConfig><emailProvider id='x'><displayName>";
  const char *tail = "</displayName><outgoingServer type='smtp'><hostname>h.example</hostname>"
                     "</outgoingServer></emailProvider></clientConfig>";
  gsize filler = PB_AUTOCONFIG_MAX_SIZE - strlen (head) - strlen (tail);
  g_autoptr(GString) xml = g_string_new (head);
  g_autoptr(PbAccountConfig) exact = NULL;

  /* Exactly at the cap: fine. One byte more: refused before parsing. */
  for (gsize i = 0; i < filler; i++)
    g_string_append_c (xml, 'x');
  g_string_append (xml, tail);
  g_assert_cmpuint (xml->len, ==, PB_AUTOCONFIG_MAX_SIZE);
  exact = parse_ok (xml->str);
  g_assert_nonnull (exact);

  g_string_insert_c (xml, strlen (head), 'y');
  assert_fails (xml->str, xml->len, PB_AUTOCONFIG_ERROR_TOO_LARGE);
}

static void
test_encodings (void)
{
  static const char latin1_undeclared[] =
    "<clientConfig><emailProvider id='x'><displayName>M\xfcller</displayName>"
    "<outgoingServer type='smtp'><hostname>h.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  static const char latin1_declared[] =
    "<?xml version='1.0' encoding='ISO-8859-1'?>"
    "<clientConfig><emailProvider id='x'><displayName>M\xfcller</displayName>"
    "<outgoingServer type='smtp'><hostname>h.example</hostname></outgoingServer>"
    "</emailProvider></clientConfig>";
  static const char unknown_encoding[] =
    "<?xml version='1.0' encoding='x-no-such-charset'?><clientConfig/>";
  static const char utf16_declared_ascii[] =
    "<?xml version='1.0' encoding='UTF-16'?><clientConfig/>";
  g_autoptr(PbAccountConfig) latin1 = NULL;

  assert_fails (latin1_undeclared, strlen (latin1_undeclared), PB_AUTOCONFIG_ERROR_ENCODING);
  assert_fails (unknown_encoding, strlen (unknown_encoding), PB_AUTOCONFIG_ERROR_ENCODING);
  assert_fails (utf16_declared_ascii, strlen (utf16_declared_ascii),
                PB_AUTOCONFIG_ERROR_ENCODING);

  /* A correctly declared legacy encoding is read and converted. */
  latin1 = parse_ok (latin1_declared);
  g_assert_cmpstr (pb_account_config_get_display_name (latin1), ==, "Müller");
}

/* Nesting deep enough to exhaust a recursive reader's stack is refused by the parser. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) xml = g_string_new ("<clientConfig><emailProvider id='x'>");

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<a>");
  assert_fails (xml->str, xml->len, PB_AUTOCONFIG_ERROR_NOT_XML);
}

/* Mutations of a valid file must never crash: every prefix of the full sample, and the
 * sample with each byte replaced by markup characters. */
static void
test_mutations (void)
{
  gsize len = strlen (full_sample);
  g_autofree char *copy = g_memdup2 (full_sample, len);
  guint n_ok = 0;

  for (gsize i = 0; i < len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbAccountConfig) c = pb_autoconfig_parse (full_sample, i, NULL, &error);

      g_assert_true ((c == NULL) != (error == NULL));
    }
  for (gsize i = 0; i < len; i += 3)
    {
      char saved = copy[i];

      copy[i] = "<&>\"'\0%"[i % 7];
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(PbAccountConfig) c = pb_autoconfig_parse (copy, len, NULL, &error);

        g_assert_true ((c == NULL) != (error == NULL));
        n_ok += c != NULL;
      }
      copy[i] = saved;
    }
  /* Many single-byte changes hit text or attributes and still parse. */
  g_assert_cmpuint (n_ok, >, 0);
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
  g_test_add_func ("/autoconfig/empty-and-broken", test_empty_and_broken);
  g_test_add_func ("/autoconfig/escapes-and-pieces", test_escapes_and_pieces);
  g_test_add_func ("/autoconfig/error-names-source", test_error_names_source);
  g_test_add_func ("/autoconfig/german", test_german);
  g_test_add_func ("/autoconfig/hostile/billion-laughs", test_billion_laughs);
  g_test_add_func ("/autoconfig/hostile/entity-stray-document", test_entity_stray_document);
  g_test_add_func ("/autoconfig/hostile/external-entity", test_external_entity);
  g_test_add_func ("/autoconfig/hostile/xinclude", test_xinclude);
  g_test_add_func ("/autoconfig/hostile/oversize", test_oversize);
  g_test_add_func ("/autoconfig/hostile/encodings", test_encodings);
  g_test_add_func ("/autoconfig/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/autoconfig/hostile/mutations", test_mutations);

  return g_test_run ();
}
