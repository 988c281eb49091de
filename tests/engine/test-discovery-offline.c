/* test-discovery-offline.c: the discovery run's rules that need no network
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lab test (test-discovery.c) covers the network sources; this one runs everywhere.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pb-account-config-extensions.h"
#include "pb-discovery.h"
#include "pb-discovery-http.h"
#include "pb-provider-db.h"
#include "pb-test-util.h"

/* The presets only (the built-in ones and the administrator's, as postbote detect
 * --offline): no network source starts. */
static PbDiscoveryResult *
run_offline (const char  *text,
             GError     **error)
{
  return pb_test_run_discovery (text, PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_PRESET)
                                      | PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_ADMIN),
                                0, FALSE, error);
}

/* main() puts the lab's administrator's preset (lab.test) into $XDG_DATA_DIRS: its
 * settings have a source of their own, "admin", and say so; a built-in domain is still the
 * built-in list's. */
static void
test_admin_hit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = run_offline ("alice@lab.test", &error);
  g_autoptr(PbDiscoveryResult) built_in = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (pb_discovery_result_get_source (result), ==, PB_DISCOVERY_SOURCE_ADMIN);
  g_assert_cmpstr (pb_discovery_source_to_string (pb_discovery_result_get_source (result)), ==,
                   "admin");
  g_assert_cmpstr (pb_account_config_get_provider_id (pb_discovery_result_get_config (result)),
                   ==, "lab-oauth");
  g_assert_true (pb_discovery_result_get_trusted (result));
  g_assert_cmpstr (pb_discovery_result_get_origin (result), ==,
                   _("Settings from your organization’s provider list."));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_PRESET), ==,
                   PB_SOURCE_STATE_NOTHING);

  built_in = run_offline ("someone@web.de", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_discovery_result_get_source (built_in), ==, PB_DISCOVERY_SOURCE_PRESET);
  g_assert_cmpstr (pb_discovery_result_get_origin (built_in), ==,
                   _("Settings from the built-in provider list."));
  g_assert_cmpint (pb_discovery_result_get_outcome (built_in, PB_DISCOVERY_SOURCE_ADMIN), ==,
                   PB_SOURCE_STATE_NOTHING);
}

/* $XDG_DATA_DIRS with the lab's presets in postbote/providers, before the database loads. */
static char *
install_admin_presets (void)
{
  g_autofree char *lab = g_test_build_filename (G_TEST_DIST, "lab", "providers", NULL);
  char *root = g_dir_make_tmp ("pb-admin-XXXXXX", NULL);
  g_autofree char *postbote = g_build_filename (root, "postbote", NULL);
  g_autofree char *link = g_build_filename (postbote, "providers", NULL);

  g_assert_cmpint (g_mkdir_with_parents (postbote, 0700), ==, 0);
  g_assert_cmpint (symlink (lab, link), ==, 0);
  g_setenv ("XDG_DATA_DIRS", root, TRUE);
  return root;
}

static void
remove_admin_presets (const char *root)
{
  g_autofree char *postbote = g_build_filename (root, "postbote", NULL);
  g_autofree char *link = g_build_filename (postbote, "providers", NULL);

  g_unlink (link);
  g_rmdir (postbote);
  g_rmdir (root);
}

static void
test_preset_hit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = run_offline ("Someone@WEB.de", &error);
  PbServerConfig *smtp;

  g_assert_no_error (error);
  g_assert_cmpint (pb_discovery_result_get_source (result), ==, PB_DISCOVERY_SOURCE_PRESET);
  g_assert_cmpstr (pb_account_config_get_provider_id (pb_discovery_result_get_config (result)),
                   ==, "web-de");
  g_assert_true (pb_discovery_result_get_trusted (result));
  g_assert_false (pb_discovery_result_get_needs_confirmation (result));
  smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
  /* Implicit TLS first (docs/discovery.md), the user name expanded for this address. */
  g_assert_cmpint (smtp->security, ==, PB_SECURITY_TLS);
  g_assert_false (pb_has_placeholder (smtp->username));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_DISABLED);
}

/* An address whose local part reads like a placeholder: its servers stay, and its user
 * name is the address itself, not expanded a second time. */
static void
test_preset_placeholder_local_part (void)
{
  static const char * const addresses[] = {
    "%EMAILDOMAIN%@web.de", "%MXHOST%@web.de", "\"%EMAILADDRESS%\"@web.de",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbDiscoveryResult) result = run_offline (addresses[i], &error);
      GPtrArray *outgoing;
      PbServerConfig *smtp;

      g_assert_no_error (error);
      outgoing = pb_discovery_result_get_outgoing (result);
      g_assert_cmpuint (outgoing->len, >, 0);
      smtp = g_ptr_array_index (outgoing, 0);
      g_assert_cmpstr (smtp->host, ==, "smtp.web.de");
      g_assert_cmpstr (smtp->username, ==, addresses[i]);
    }
}

static void
test_preset_miss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = run_offline ("someone@no-provider.example", &error);

  g_assert_no_error (error);
  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_cmpuint (pb_discovery_result_get_incoming (result)->len, ==, 0);
  g_assert_cmpuint (pb_discovery_result_get_outgoing (result)->len, ==, 0);
  g_assert_false (pb_discovery_result_get_trusted (result));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_PRESET), ==,
                   PB_SOURCE_STATE_NOTHING);
  g_assert_nonnull (pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_PRESET));
}

static void
test_not_discoverable (void)
{
  /* A public suffix, and an address literal: nothing may be asked for them, and the error
   * says which, so that the window and the CLI can explain it. */
  const struct {
    const char *address;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "someone@co.uk", PB_DISCOVERY_ERROR, PB_DISCOVERY_ERROR_NOT_DISCOVERABLE },
    { "someone@github.io", PB_DISCOVERY_ERROR, PB_DISCOVERY_ERROR_NOT_DISCOVERABLE },
    { "someone@[192.0.2.1]", PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbDiscoveryResult) result = run_offline (cases[i].address, &error);

      g_test_message ("%s: %s", cases[i].address, error ? error->message : "no error");
      g_assert_null (result);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }
}

/* Every domain of the preset list is found offline, with at least one usable server
 * (or is an account-specific template), and none is refused as a public suffix. */
static void
test_every_preset_domain (void)
{
  GPtrArray *providers = pb_provider_db_list (pb_provider_db_get_default ());
  guint n = 0;

  for (guint i = 0; i < providers->len; i++)
    {
      PbAccountConfig *config = g_ptr_array_index (providers, i);
      const char * const *domains = pb_account_config_get_domains (config);
      gboolean templates = pb_account_config_has_quirk (config, PB_QUIRK_ACCOUNT_SPECIFIC);

      for (guint j = 0; domains != NULL && domains[j] != NULL; j++, n++)
        {
          g_autofree char *text = g_strconcat ("someone@", domains[j], NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(PbDiscoveryResult) result = run_offline (text, &error);

          g_assert_no_error (error);
          if (templates)
            continue;
          if (pb_discovery_result_get_config (result) == NULL)
            g_error ("%s: %s", text,
                     pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_PRESET));
          g_assert_cmpstr (pb_account_config_get_provider_id (pb_discovery_result_get_config (result)),
                           ==, pb_account_config_get_provider_id (config));
          g_assert_cmpuint (pb_discovery_result_get_outgoing (result)->len, >, 0);
        }
    }
  g_assert_cmpuint (n, >=, 120);
}

static void
test_names (void)
{
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      PbDiscoverySource back;

      g_assert_true (pb_discovery_source_from_string (pb_discovery_source_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (pb_discovery_source_get_label (i));
    }
  g_assert_false (pb_discovery_source_from_string ("nonsense", &(PbDiscoverySource) { 0 }));
  g_assert_false (pb_discovery_source_from_string (NULL, &(PbDiscoverySource) { 0 }));
  /* The names of the JSON and docs/discovery.md, in rank order. */
  {
    static const char * const names[] = {
      "preset", "admin", "autoconfig", "ispdb", "mx", "autoconfig-http", "srv", "guess"
    };

    G_STATIC_ASSERT (G_N_ELEMENTS (names) == PB_DISCOVERY_N_SOURCES);
    for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
      {
        g_assert_cmpstr (pb_discovery_source_to_string (i), ==, names[i]);
        g_assert_cmpstr (pb_discovery_source_get_label (i), !=, "");
      }
  }
  g_assert_cmpstr (pb_source_state_to_string (PB_SOURCE_STATE_TIMEOUT), ==, "timeout");
  g_assert_cmpstr (pb_source_state_to_string (PB_SOURCE_STATE_WAITING), ==, "waiting");
  g_assert_cmpstr (pb_source_state_to_string (PB_SOURCE_STATE_DISABLED), ==, "disabled");
  g_assert_false (pb_source_state_is_final (PB_SOURCE_STATE_WORKING));
  g_assert_true (pb_source_state_is_final (PB_SOURCE_STATE_CANCELLED));
}

static void
test_host_in_domain (void)
{
  g_assert_true (pb_discovery_host_in_domain ("smtp.example.com", "example.com"));
  g_assert_true (pb_discovery_host_in_domain ("EXAMPLE.com", "example.COM"));
  g_assert_false (pb_discovery_host_in_domain ("smtp.badexample.com", "example.com"));
  g_assert_false (pb_discovery_host_in_domain ("example.com.evil.test", "example.com"));
  g_assert_false (pb_discovery_host_in_domain ("com", "example.com"));
  g_assert_false (pb_discovery_host_in_domain ("smtp.example.com", ""));
}

static void
test_ispdb_url (void)
{
  g_autofree char *a = pb_discovery_ispdb_url ("https://autoconfig.thunderbird.net/v1.1/",
                                               "example.com");
  g_autofree char *b = pb_discovery_ispdb_url ("https://ispdb.test/v1.1", "example.com");

  g_assert_cmpstr (a, ==, "https://autoconfig.thunderbird.net/v1.1/example.com");
  g_assert_cmpstr (b, ==, "https://ispdb.test/v1.1/example.com");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *admin = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  admin = install_admin_presets ();
  g_test_add_func ("/discovery-offline/preset-hit", test_preset_hit);
  g_test_add_func ("/discovery-offline/admin-hit", test_admin_hit);
  g_test_add_func ("/discovery-offline/preset-placeholder-local-part",
                   test_preset_placeholder_local_part);
  g_test_add_func ("/discovery-offline/preset-miss", test_preset_miss);
  g_test_add_func ("/discovery-offline/not-discoverable", test_not_discoverable);
  g_test_add_func ("/discovery-offline/every-preset-domain", test_every_preset_domain);
  g_test_add_func ("/discovery-offline/names", test_names);
  g_test_add_func ("/discovery-offline/host-in-domain", test_host_in_domain);
  g_test_add_func ("/discovery-offline/ispdb-url", test_ispdb_url);
  status = g_test_run ();
  remove_admin_presets (admin);
  return status;
}
