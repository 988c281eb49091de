/* test-provider-db.c: the compiled-in preset database and its agreement with the ISPDB
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-autoconfig.h"
#include "pb-provider-db.h"
#include "pb-test-util.h"

/* The providers every release must know (README.md, data/providers/README.md), by preset id. */
static const char * const required_ids[] = {
  "aol", "all-inkl", "fastmail", "freenet", "gmail", "google-workspace", "gmx", "gmx-com",
  "hosteurope", "icloud", "ionos", "mail-de", "mailbox-org", "mailcom", "mailru",
  "microsoft365", "outlook", "posteo", "proton", "strato", "t-online", "united-domains",
  "vodafone", "web-de", "yahoo", "yandex", "zoho",
};

/* Their domains and alias domains as the providers name them. */
static const struct {
  const char *domain;
  const char *id;
} required_domains[] = {
  { "gmail.com", "gmail" }, { "googlemail.com", "gmail" },
  { "gmx.de", "gmx" }, { "gmx.net", "gmx" }, { "gmx.at", "gmx" }, { "gmx.ch", "gmx" },
  { "gmx.com", "gmx-com" }, { "mail.com", "mailcom" },
  { "mail.de", "mail-de" },
  { "outlook.com", "outlook" }, { "hotmail.com", "outlook" }, { "live.com", "outlook" },
  { "outlook.de", "outlook" }, { "hotmail.de", "outlook" }, { "live.de", "outlook" },
  { "msn.com", "outlook" },
  { "t-online.de", "t-online" }, { "magenta.de", "t-online" },
  { "vodafone.de", "vodafone" }, { "arcor.de", "vodafone" },
  { "web.de", "web-de" },
  { "yahoo.com", "yahoo" }, { "yahoo.de", "yahoo" },
  { "icloud.com", "icloud" }, { "me.com", "icloud" }, { "mac.com", "icloud" },
  { "aol.com", "aol" }, { "aol.de", "aol" },
  { "posteo.de", "posteo" }, { "mailbox.org", "mailbox-org" }, { "freenet.de", "freenet" },
  { "proton.me", "proton" }, { "protonmail.com", "proton" }, { "pm.me", "proton" },
  { "zoho.com", "zoho" }, { "fastmail.com", "fastmail" },
  { "yandex.ru", "yandex" }, { "yandex.com", "yandex" }, { "mail.ru", "mailru" },
};

static PbProviderDb *
db (void)
{
  return pb_provider_db_get_default ();
}

static void
test_loads_cleanly (void)
{
  const char * const *errors = pb_provider_db_get_load_errors (db ());

  for (guint i = 0; errors[i] != NULL; i++)
    g_test_message ("load error: %s", errors[i]);
  g_assert_cmpuint (g_strv_length ((char **) errors), ==, 0);
}

static void
test_required (void)
{
  GPtrArray *all = pb_provider_db_list (db ());

  for (guint i = 0; i < G_N_ELEMENTS (required_ids); i++)
    {
      g_autoptr(PbAccountConfig) c = pb_provider_db_lookup_id (db (), required_ids[i]);

      if (c == NULL)
        g_test_message ("missing provider %s", required_ids[i]);
      g_assert_nonnull (c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (required_domains); i++)
    {
      g_autoptr(PbAccountConfig) c = pb_provider_db_lookup_domain (db (), required_domains[i].domain);

      if (c == NULL || g_strcmp0 (pb_account_config_get_provider_id (c), required_domains[i].id))
        g_test_message ("domain %s: expected %s, found %s", required_domains[i].domain,
                        required_domains[i].id,
                        c != NULL ? pb_account_config_get_provider_id (c) : "nothing");
      g_assert_nonnull (c);
      g_assert_cmpstr (pb_account_config_get_provider_id (c), ==, required_domains[i].id);
    }

  g_test_message ("%u providers, %u domains", all->len, pb_provider_db_get_n_domains (db ()));
  g_assert_cmpuint (all->len, >=, 25);
  g_assert_cmpuint (pb_provider_db_get_n_domains (db ()), >=, 120);
}

/* %MXHOST% only where an MX match can supply it, %PBPACKAGE%/%PBMAILBOX% only in files
 * that say their servers are per-customer templates. */
static void
check_placeholders (PbAccountConfig      *c,
                    const PbServerConfig *server)
{
  const char *id = pb_account_config_get_provider_id (c);
  gboolean has_mx = pb_account_config_get_mx_suffixes (c)[0] != NULL;
  gboolean specific = pb_account_config_has_quirk (c, PB_QUIRK_ACCOUNT_SPECIFIC);
  const char *texts[] = { server->host, server->username };

  if (strstr (server->host, "%MXHOST%") != NULL && !has_mx)
    g_test_message ("%s: %%MXHOST%% without pb:mxSuffix", id);
  g_assert_true (strstr (server->host, "%MXHOST%") == NULL || has_mx);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gboolean templ = texts[i] != NULL && (strstr (texts[i], "%PBPACKAGE%") != NULL ||
                                            strstr (texts[i], "%PBMAILBOX%") != NULL);

      if (templ && !specific)
        g_test_message ("%s: %s is a template but the file lacks pb:accountSpecific", id,
                        texts[i]);
      g_assert_true (!templ || specific);
    }
}

/* What every preset promises (data/providers/README.md). */
static void
test_presets_are_sound (void)
{
  GPtrArray *all = pb_provider_db_list (db ());

  for (guint i = 0; i < all->len; i++)
    {
      PbAccountConfig *c = g_ptr_array_index (all, i);
      const char *id = pb_account_config_get_provider_id (c);
      GPtrArray *lists[] = { pb_account_config_get_incoming (c), pb_account_config_get_outgoing (c) };

      g_assert_true (g_regex_match_simple ("^[a-z0-9-]+$", id, 0, 0));
      if (i > 0)
        g_assert_cmpstr (pb_account_config_get_provider_id (g_ptr_array_index (all, i - 1)), <, id);
      g_assert_cmpuint (pb_account_config_get_outgoing (c)->len, >, 0);
      g_assert_cmpuint (pb_account_config_get_n_documentation (c), >, 0);
      g_assert_true (g_str_has_prefix (pb_account_config_get_documentation_url (c, 0), "https://"));
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          for (guint s = 0; s < lists[l]->len; s++)
            {
              PbServerConfig *server = g_ptr_array_index (lists[l], s);

              if (server->security == PB_SECURITY_NONE)
                g_test_message ("%s: %s uses no encryption", id, server->host);
              g_assert_cmpint (server->security, !=, PB_SECURITY_NONE);
              check_placeholders (c, server);
              /* Implicit TLS first wherever the provider offers it for that protocol. */
              if (server->security == PB_SECURITY_TLS)
                {
                  PbServerConfig *first = pb_account_config_get_first (c, server->protocol);

                  if (first->security != PB_SECURITY_TLS)
                    g_test_message ("%s: %s %s:%u comes before implicit TLS %s:%u", id,
                                    pb_protocol_to_string (server->protocol), first->host,
                                    first->port, server->host, server->port);
                  g_assert_cmpint (first->security, ==, PB_SECURITY_TLS);
                }
            }
        }
      /* Files without domains are found by their MX. */
      if (pb_account_config_get_domains (c)[0] == NULL)
        g_assert_nonnull (pb_account_config_get_mx_suffixes (c)[0]);
    }
}

static void
test_lookup_normalizes (void)
{
  static const char * const spellings[] = { "gmx.de", "GMX.DE", "Gmx.De.", "gmx.de." };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(PbAccountConfig) c = pb_provider_db_lookup_domain (db (), spellings[i]);

      g_assert_nonnull (c);
      g_assert_cmpstr (pb_account_config_get_provider_id (c), ==, "gmx");
    }
  g_assert_null (pb_provider_db_lookup_domain (db (), "example.org"));
  g_assert_null (pb_provider_db_lookup_domain (db (), "bücher.example"));
  g_assert_null (pb_provider_db_lookup_domain (db (), "de"));
  g_assert_null (pb_provider_db_lookup_domain (db (), ""));
  g_assert_null (pb_provider_db_lookup_domain (db (), NULL));
  /* A subdomain is not the domain: no walking up the tree. */
  g_assert_null (pb_provider_db_lookup_domain (db (), "mail.gmx.de"));
  g_assert_null (pb_provider_db_lookup_id (db (), "no-such-provider"));
}

static void
test_lookup_mx (void)
{
  static const struct {
    const char *mx;
    const char *id;
  } cases[] = {
    { "aspmx.l.google.com", "google-workspace" },
    { "ALT1.ASPMX.L.GOOGLE.COM.", "google-workspace" },
    { "example-com.mail.protection.outlook.com", "microsoft365" },
    { "eur.olc.protection.outlook.com", "outlook" },
    { "mx00.ionos.de", "ionos" },
    { "smtpin.rzone.de", "strato" },
    { "w0123456.kasserver.com", "all-inkl" },
    { "mx01.emig.gmx.net", "gmx" },
    { "mx1.udag.de", "united-domains" },
    { "in1-smtp.messagingengine.com", "fastmail" },
    { "mx.zoho.com", "zoho-business" },
    { "mx.zoho.eu", "zoho-eu-business" },
  };
  static const char * const no_match[] = {
    "notgoogle.com", "mx.example.org", "google.com.evil.example", "rzone.de.example", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbAccountConfig) c = pb_provider_db_lookup_mx (db (), cases[i].mx);

      if (c == NULL || g_strcmp0 (pb_account_config_get_provider_id (c), cases[i].id))
        g_test_message ("MX %s: expected %s, found %s", cases[i].mx, cases[i].id,
                        c != NULL ? pb_account_config_get_provider_id (c) : "nothing");
      g_assert_nonnull (c);
      g_assert_cmpstr (pb_account_config_get_provider_id (c), ==, cases[i].id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no_match); i++)
    {
      g_autoptr(PbAccountConfig) c = pb_provider_db_lookup_mx (db (), no_match[i]);

      g_assert_null (c);
    }
}

static void
test_bad_resource_path (void)
{
  g_autoptr(PbProviderDb) empty = pb_provider_db_new_from_resource ("/no/such/path");

  g_assert_cmpuint (pb_provider_db_list (empty)->len, ==, 0);
  g_assert_true (g_str_has_prefix (pb_provider_db_get_load_errors (empty)[0],
                                   "/no/such/path/: "));
  /* Nothing to look up is found: no id, a domain with no international form. */
  g_assert_null (pb_provider_db_lookup_id (empty, NULL));
  g_assert_null (pb_provider_db_lookup_domain (empty, "a\u037Ab.example"));
}

/* ---- agreement with the public ISPDB ---- */

static char *
describe (const PbServerConfig *s)
{
  static const char * const socket_names[] = { "SSL", "STARTTLS", "plain" };

  return g_strdup_printf ("%s:%s:%u:%s user=%s", pb_protocol_to_string (s->protocol), s->host,
                          s->port, socket_names[s->security],
                          s->username != NULL ? s->username : "(none)");
}

static gboolean
same_server (const PbServerConfig *a,
             const PbServerConfig *b,
             gboolean              compare_protocol)
{
  return (!compare_protocol || a->protocol == b->protocol) &&
         g_ascii_strcasecmp (a->host, b->host) == 0 && a->port == b->port &&
         a->security == b->security;
}

/* One field of the agreement rule: P's first server must be one of I's, with the same
 * user name. */
static void
compare_field (const char        *domain,
               PbAccountConfig   *preset,
               PbAccountConfig   *ispdb,
               GPtrArray         *preset_servers,
               GPtrArray         *ispdb_servers,
               PbCorrectionField  field,
               GPtrArray         *problems)
{
  PbServerConfig *first;
  PbServerConfig *match = NULL;
  g_autoptr(GString) listed = g_string_new (NULL);
  g_autofree char *mine = NULL;

  if (preset_servers->len == 0)
    return;
  first = g_ptr_array_index (preset_servers, 0);

  for (guint i = 0; i < ispdb_servers->len; i++)
    {
      PbServerConfig *s = g_ptr_array_index (ispdb_servers, i);
      g_autofree char *d = describe (s);

      g_string_append_printf (listed, "%s%s", i > 0 ? ", " : "", d);
      if (match == NULL && same_server (first, s, field == PB_CORRECTION_INCOMING))
        match = s;
    }

  mine = describe (first);
  if (match == NULL)
    {
      if (!pb_account_config_has_correction (preset, domain, field))
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s (%s.xml vs ISPDB %s): %s server %s is not in the ISPDB [%s]",
                                          domain, pb_account_config_get_provider_id (preset),
                                          pb_account_config_get_provider_id (ispdb),
                                          pb_correction_field_to_string (field), mine,
                                          listed->str));
    }
  else if (g_strcmp0 (first->username, match->username) != 0 &&
           !pb_account_config_has_correction (preset, domain, PB_CORRECTION_USERNAME))
    {
      g_ptr_array_add (problems,
                       g_strdup_printf ("%s (%s.xml vs ISPDB %s): username of %s: preset “%s”, ISPDB “%s”",
                                        domain, pb_account_config_get_provider_id (preset),
                                        pb_account_config_get_provider_id (ispdb), first->host,
                                        first->username != NULL ? first->username : "(none)",
                                        match->username != NULL ? match->username : "(none)"));
    }
}

static GHashTable *
load_corpus (const char *dir_path)
{
  GHashTable *by_domain = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".xml"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint n = 0; n < names->len; n++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, n), NULL);
      g_autofree char *data = NULL;
      g_autoptr(GPtrArray) configs = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      configs = pb_autoconfig_parse_all (data, len, path, NULL);
      for (guint i = 0; configs != NULL && i < configs->len; i++)
        {
          PbAccountConfig *c = g_ptr_array_index (configs, i);
          const char * const *domains = pb_account_config_get_domains (c);

          for (guint d = 0; domains[d] != NULL; d++)
            {
              if (!g_hash_table_contains (by_domain, domains[d]))
                g_hash_table_insert (by_domain, g_strdup (domains[d]), g_object_ref (c));
            }
        }
    }
  return by_domain;
}

static void
test_agreement_with_ispdb (void)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GHashTable) ispdb = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *all = pb_provider_db_list (db ());
  guint n_compared = 0;

  dir_path = pb_test_ispdb_corpus_dir ();
  if (dir_path == NULL)
    return;
  ispdb = load_corpus (dir_path);

  for (guint i = 0; i < all->len; i++)
    {
      PbAccountConfig *preset = g_ptr_array_index (all, i);
      const char * const *domains = pb_account_config_get_domains (preset);

      for (guint d = 0; domains[d] != NULL; d++)
        {
          PbAccountConfig *other = g_hash_table_lookup (ispdb, domains[d]);

          if (other == NULL || pb_account_config_has_correction (preset, domains[d],
                                                                 PB_CORRECTION_DOMAIN))
            continue;
          n_compared++;
          compare_field (domains[d], preset, other, pb_account_config_get_incoming (preset),
                         pb_account_config_get_incoming (other), PB_CORRECTION_INCOMING,
                         problems);
          compare_field (domains[d], preset, other, pb_account_config_get_outgoing (preset),
                         pb_account_config_get_outgoing (other), PB_CORRECTION_OUTGOING,
                         problems);
        }
    }

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("DIFFERENCE %s", (char *) g_ptr_array_index (problems, i));
  g_test_message ("%u preset domains compared with the ISPDB, %u differences", n_compared,
                  problems->len);
  g_assert_cmpuint (n_compared, >, 0);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The providers that sign in with OAuth name their authorization server, with the scope
 * that reaches mail; a provider that switched password sign-in off has one. */
static void
test_oauth_issuers (void)
{
  static const struct { const char *id, *issuer, *scope; } expected[] = {
    { "gmail", "accounts.google.com", "https://mail.google.com/" },
    { "google-workspace", "accounts.google.com", "https://mail.google.com/" },
    { "outlook", "login.microsoftonline.com", "https://outlook.office.com/SMTP.Send" },
    { "microsoft365", "login.microsoftonline.com",
      "https://outlook.office.com/IMAP.AccessAsUser.All" },
    { "yahoo", "login.yahoo.com", "mail-w" },
    { "aol", "login.aol.com", "mail-w" },
  };
  GPtrArray *all = pb_provider_db_list (db ());

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PbAccountConfig) c = pb_provider_db_lookup_id (db (), expected[i].id);
      const PbOAuthIssuer *issuer = pb_account_config_get_oauth_issuer (c);

      g_assert_nonnull (issuer);
      g_assert_cmpstr (issuer->issuer, ==, expected[i].issuer);
      g_assert_true (pb_oauth_issuer_has_scope (issuer, expected[i].scope));
      /* Microsoft's device code endpoint (RFC 8628); Google's grant covers no mail scope. */
      if (g_str_equal (expected[i].issuer, "login.microsoftonline.com"))
        g_assert_cmpstr (issuer->device_url, ==,
                         "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode");
      else
        g_assert_null (issuer->device_url);
    }
  for (guint i = 0; i < all->len; i++)
    {
      PbAccountConfig *c = g_ptr_array_index (all, i);

      if (pb_account_config_has_quirk (c, PB_QUIRK_OAUTH2_ONLY))
        g_assert_nonnull (pb_account_config_get_oauth_issuer (c));
    }
}

/* An administrator's directory: its presets join the built-in ones, with their sign-in
 * server; a file that clashes with a built-in id or domain and a broken one are load
 * errors, and the built-in preset stays. */
static void
test_admin_directory (void)
{
  g_autoptr(PbProviderDb) own = pb_provider_db_new_from_resource (PB_PROVIDER_RESOURCE_PATH);
  g_autofree char *lab = g_test_build_filename (G_TEST_DIST, "lab", "providers", NULL);
  g_autofree char *work = g_dir_make_tmp ("pb-presets-XXXXXX", NULL);
  g_autofree char *clash = g_build_filename (work, "gmail.xml", NULL);
  g_autofree char *broken = g_build_filename (work, "broken.xml", NULL);
  g_autofree char *renamed = g_build_filename (work, "renamed.xml", NULL);
  g_autofree char *shared = g_build_filename (work, "shared.xml", NULL);
  g_autoptr(PbAccountConfig) shared_config = NULL;
  g_autofree char *renamed_error = g_strconcat (renamed, ": the id “other” does not match the "
                                                "file name", NULL);
  g_autofree char *shared_error = g_strconcat (shared, ": domain gmail.com is already listed "
                                               "by gmail", NULL);
  const char * const *load_errors = NULL;
  g_autoptr(PbAccountConfig) config = NULL;
  g_autoptr(PbAccountConfig) gmail = NULL;
  guint errors = g_strv_length ((char **) pb_provider_db_get_load_errors (own));
  guint n = pb_provider_db_list (own)->len;

  g_assert_nonnull (work);
  pb_provider_db_add_directory (own, "/nonexistent/postbote/providers");
  g_assert_cmpuint (pb_provider_db_list (own)->len, ==, n);
  g_assert_false (pb_provider_db_has_admin (own));
  pb_provider_db_add_directory (own, lab);
  g_assert_true (pb_provider_db_has_admin (own));
  config = pb_provider_db_lookup_domain (own, "lab.test");
  g_assert_nonnull (config);
  g_assert_cmpstr (pb_account_config_get_provider_id (config), ==, "lab-oauth");
  g_assert_cmpstr (pb_account_config_get_oauth_issuer (config)->issuer, ==, "auth.lab.test");
  g_assert_cmpuint (pb_provider_db_list (own)->len, ==, n + 1);
  /* Its source is the administrator's, not the built-in list (discovery source "admin"). */
  g_assert_true (pb_provider_db_is_admin (own, config));

  g_assert_true (g_file_set_contents (clash, "<clientConfig version=\"1.1\"><emailProvider "
                                      "id=\"gmail\"><domain>gmail.com</domain>"
                                      "<outgoingServer type=\"smtp\"><hostname>evil.example"
                                      "</hostname><port>465</port><socketType>SSL</socketType>"
                                      "</outgoingServer></emailProvider></clientConfig>", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (broken, "<clientConfig", -1, NULL));
  /* Another id than the file's name; a new provider for a domain that is listed already. */
  g_assert_true (g_file_set_contents (renamed, "<clientConfig version=\"1.1\"><emailProvider "
                                      "id=\"other\"><domain>other.example</domain>"
                                      "<outgoingServer type=\"smtp\"><hostname>smtp.other.example"
                                      "</hostname><port>465</port><socketType>SSL</socketType>"
                                      "</outgoingServer></emailProvider></clientConfig>", -1,
                                      NULL));
  g_assert_true (g_file_set_contents (shared, "<clientConfig version=\"1.1\"><emailProvider "
                                      "id=\"shared\"><domain>gmail.com</domain>"
                                      "<domain>shared.example</domain>"
                                      "<outgoingServer type=\"smtp\"><hostname>smtp.shared.example"
                                      "</hostname><port>465</port><socketType>SSL</socketType>"
                                      "</outgoingServer></emailProvider></clientConfig>", -1,
                                      NULL));
  pb_provider_db_add_directory (own, work);
  load_errors = pb_provider_db_get_load_errors (own);
  g_assert_cmpuint (g_strv_length ((char **) load_errors), ==, errors + 4);
  g_assert_true (g_strv_contains (load_errors, renamed_error));
  g_assert_true (g_strv_contains (load_errors, shared_error));
  g_assert_null (pb_provider_db_lookup_id (own, "other"));
  /* The new provider keeps its other domain. */
  shared_config = pb_provider_db_lookup_domain (own, "shared.example");
  g_assert_cmpstr (pb_account_config_get_provider_id (shared_config), ==, "shared");
  gmail = pb_provider_db_lookup_domain (own, "gmail.com");
  g_assert_cmpstr (((PbServerConfig *) pb_account_config_get_outgoing (gmail)->pdata[0])->host,
                   ==, "smtp.gmail.com");
  g_assert_false (pb_provider_db_is_admin (own, gmail));
  g_unlink (clash);
  g_unlink (broken);
  g_unlink (renamed);
  g_unlink (shared);
  g_rmdir (work);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provider-db/loads-cleanly", test_loads_cleanly);
  g_test_add_func ("/provider-db/required", test_required);
  g_test_add_func ("/provider-db/presets-are-sound", test_presets_are_sound);
  g_test_add_func ("/provider-db/lookup-normalizes", test_lookup_normalizes);
  g_test_add_func ("/provider-db/lookup-mx", test_lookup_mx);
  g_test_add_func ("/provider-db/bad-resource-path", test_bad_resource_path);
  g_test_add_func ("/provider-db/agreement-with-ispdb", test_agreement_with_ispdb);
  g_test_add_func ("/provider-db/oauth-issuers", test_oauth_issuers);
  g_test_add_func ("/provider-db/admin-directory", test_admin_directory);

  return g_test_run ();
}
