/* test-discovery-sources.c: each discovery source against the lab's real DNS, web and mail
 * servers: the presets, autoconfig (its subdomain, .well-known, an IDN, hostile files, plain
 * HTTP), the ISPDB, MX, SRV and the guess, and whose word vouches for a foreign host
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run (records: tests/lab/dns.d/discovery.conf, web:
 * tests/lab/nginx.d/discovery.conf and services.d/60-discovery.sh).
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-discovery.h"
#include "pb-test-discovery.h"
#include "pb-test-util.h"

static void
test_preset (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("someone@gmx.de", 0, 0);
  PbServerConfig *smtp;

  assert_source (result, PB_DISCOVERY_SOURCE_PRESET);
  g_assert_cmpstr (pb_account_config_get_provider_id (pb_discovery_result_get_config (result)),
                   ==, "gmx");
  g_assert_true (pb_discovery_result_get_trusted (result));
  g_assert_false (pb_discovery_result_get_needs_confirmation (result));
  /* Nothing else was asked: a preset hit ends the run before any network source starts. */
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_CANCELLED);
  smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
  g_assert_cmpstr (smtp->username, ==, "someone@gmx.de");
}

static void
test_autoconfig_subdomain (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("alice@acme.test", ONLY (AUTOCONFIG), 0);
  GPtrArray *out = pb_discovery_result_get_outgoing (result);

  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  assert_server (out, 0, "smtp.acme.test", 465, PB_SECURITY_TLS);
  assert_server (out, 1, "smtp.acme.test", 587, PB_SECURITY_STARTTLS);
  assert_server (pb_discovery_result_get_incoming (result), 0, "imap.acme.test", 993,
                 PB_SECURITY_TLS);
  /* Placeholders are expanded for the address. */
  g_assert_cmpstr (((PbServerConfig *) g_ptr_array_index (out, 0))->username, ==,
                   "alice@acme.test");
  g_assert_cmpstr (((PbServerConfig *) g_ptr_array_index (out, 1))->username, ==, "alice");
  g_assert_true (pb_discovery_result_get_trusted (result));
  g_assert_false (pb_discovery_result_get_needs_confirmation (result));
  g_assert_true (g_str_has_prefix (pb_discovery_result_get_reason (result,
                                                                   PB_DISCOVERY_SOURCE_AUTOCONFIG),
                                   "https://autoconfig.acme.test/mail/config-v1.1.xml?"
                                   "emailaddress=alice%40acme.test"));
}

static void
test_autoconfig_idn (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("anna@müller.test", ONLY (AUTOCONFIG), 0);

  /* The DNS name and the query carry the ASCII (punycode) form. */
  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  g_assert_cmpstr (pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   "https://autoconfig.xn--mller-kva.test/mail/config-v1.1.xml"
                   "?emailaddress=anna%40xn--mller-kva.test");
}

static void
test_autoconfig_well_known (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("bob@wellknown.test",
                                                          ONLY (AUTOCONFIG), 0);

  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  g_assert_cmpstr (pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   "https://wellknown.test/.well-known/autoconfig/mail/config-v1.1.xml");
  /* The file lists plain, STARTTLS, TLS: implicit TLS comes first, plain last. */
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.wellknown.test", 465,
                 PB_SECURITY_TLS);
  assert_server (pb_discovery_result_get_outgoing (result), 1, "smtp.wellknown.test", 587,
                 PB_SECURITY_STARTTLS);
  assert_server (pb_discovery_result_get_outgoing (result), 2, "smtp.wellknown.test", 25,
                 PB_SECURITY_NONE);
  assert_server (pb_discovery_result_get_incoming (result), 0, "imap.wellknown.test", 993,
                 PB_SECURITY_TLS);
}

/* Quirks, their links and notes, MX suffixes and corrections come only from the presets:
 * the same pb: elements in a remote autoconfig are ignored, its servers still count. */
static void
test_autoconfig_extensions_ignored (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("quinn@quirky.test",
                                                          ONLY (AUTOCONFIG), 0);
  g_autoptr(PbDiscoveryResult) preset = pb_test_discover ("someone@gmx.de", ONLY (PRESET), 0);
  PbAccountConfig *config;
  const char * const *mx;

  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  config = pb_discovery_result_get_config (result);
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.quirky.test", 465,
                 PB_SECURITY_TLS);
  for (PbQuirk q = 0; q < PB_N_QUIRKS; q++)
    {
      g_assert_false (pb_account_config_has_quirk (config, q));
      g_assert_null (pb_account_config_get_quirk_url (config, q));
    }
  g_assert_cmpint (pb_account_config_get_app_password (config), ==, PB_APP_PASSWORD_NO);
  g_assert_null (pb_account_config_get_note (config));
  mx = pb_account_config_get_mx_suffixes (config);
  g_assert_true (mx == NULL || mx[0] == NULL);
  g_assert_cmpuint (pb_account_config_get_corrections (config)->len, ==, 0);

  /* The preset's own elements of the same kind are kept. */
  config = pb_discovery_result_get_config (preset);
  g_assert_true (pb_account_config_has_quirk (config, PB_QUIRK_ENABLE_ACCESS));
  g_assert_nonnull (pb_account_config_get_quirk_url (config, PB_QUIRK_ENABLE_ACCESS));
}

static void
test_ispdb (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("carol@ispdb-only.test", ONLY (ISPDB), 0);

  assert_source (result, PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpstr (pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_ISPDB), ==,
                   PB_TEST_LAB_ISPDB "ispdb-only.test");
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.ispdb-only.test", 465,
                 PB_SECURITY_TLS);
}

static void
test_mx_known_provider (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("dave@custom-google.test", ONLY (MX), 0);
  PbServerConfig *smtp;

  assert_source (result, PB_DISCOVERY_SOURCE_MX);
  g_assert_cmpstr (pb_account_config_get_provider_id (pb_discovery_result_get_config (result)),
                   ==, "google-workspace");
  smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
  g_assert_cmpstr (smtp->host, ==, "smtp.gmail.com");
  g_assert_cmpstr (smtp->username, ==, "dave@custom-google.test");
  /* The preset is our own reviewed data: no confirmation for Google's hosts. */
  g_assert_false (pb_discovery_result_get_needs_confirmation (result));
}

/* %MXHOST% is expanded with the others, in one pass: in an address whose local part is
 * "%MXHOST%" the user name stays the address, while the host name becomes the MX. */
static void
test_mx_host_placeholder (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("%MXHOST%@custom-kas.test", ONLY (MX), 0);
  PbServerConfig *smtp;

  assert_source (result, PB_DISCOVERY_SOURCE_MX);
  g_assert_cmpstr (pb_account_config_get_provider_id (pb_discovery_result_get_config (result)),
                   ==, "all-inkl");
  smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
  g_assert_cmpstr (smtp->host, ==, "w0123456.kasserver.com");
  g_assert_cmpstr (smtp->username, ==, "%MXHOST%@custom-kas.test");
}

static void
test_mx_ispdb (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("erin@custom-hoster.test", ONLY (MX), 0);
  const char *reason;

  assert_source (result, PB_DISCOVERY_SOURCE_MX);
  reason = pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_MX);
  g_assert_nonnull (strstr (reason, "mx01.hoster-example.de"));
  g_assert_nonnull (strstr (reason, PB_TEST_LAB_ISPDB "hoster-example.de"));
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.hoster-example.de", 465,
                 PB_SECURITY_TLS);
  /* The ISPDB's entry for the MX's domain vouches for the hoster's servers. */
  g_assert_false (pb_discovery_result_get_needs_confirmation (result));
}

/* A file from the domain's own web space lists evil.test among its domains to vouch for
 * smtp.evil.test: whoever controls that space controls the list too, so it counts for
 * nothing, over HTTPS as well. */
static void
assert_self_vouched (const char *address,
                     const char *url)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover (address, ONLY (AUTOCONFIG), 0);
  const char * const *foreign = pb_discovery_result_get_foreign_hosts (result);

  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  g_assert_true (g_str_has_prefix (pb_discovery_result_get_reason (result,
                                                                   PB_DISCOVERY_SOURCE_AUTOCONFIG),
                                   url));
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.evil.test", 465,
                 PB_SECURITY_TLS);
  g_assert_true (pb_discovery_result_get_trusted (result));
  g_assert_true (pb_discovery_result_get_needs_confirmation (result));
  /* The incoming server is inside the address's domain: only the foreign one is listed. */
  g_assert_cmpstr (foreign[0], ==, "smtp.evil.test");
  g_assert_null (foreign[1]);
}

static void
test_autoconfig_vouches_for_itself (void)
{
  assert_self_vouched ("alice@self-vouched.test", "https://autoconfig.self-vouched.test/");
  assert_self_vouched ("alice@wk-vouched.test", "https://wk-vouched.test/.well-known/");
}

/* The ISPDB is reviewed data: an entry for one of a hoster's domains with servers under
 * another domain of its list needs no confirmation. */
static void
test_ispdb_domain_list_vouches (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("carl@alias-hoster.test",
                                                          ONLY (ISPDB), 0);

  assert_source (result, PB_DISCOVERY_SOURCE_ISPDB);
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.hoster-example.de", 465,
                 PB_SECURITY_TLS);
  g_assert_false (pb_discovery_result_get_needs_confirmation (result));
}

static void
assert_mx_nothing (const char *address,
                   const char *reason)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover (address, ONLY (MX), 0);

  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_MX), ==,
                   PB_SOURCE_STATE_NOTHING);
  g_assert_cmpstr (pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_MX), ==, reason);
}

/* The MX's registrable domain is the address's own (.de is a public suffix): there is no
 * provider to learn from, so the MX source says so instead of asking the ISPDB. */
static void
test_mx_own_server (void)
{
  assert_mx_nothing ("frank@own-mx-example.de",
                     "MX mx.own-mx-example.de is the domain’s own server");
}

/* .test is no public suffix: the MX host has no registrable domain to look up. */
static void
test_mx_no_registrable_domain (void)
{
  assert_mx_nothing ("frank@ownmx.test", "MX mx.ownmx.test has no registrable domain");
}

static void
test_srv_only (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("gina@srv-only.test", 0, 0);
  GPtrArray *out = pb_discovery_result_get_outgoing (result);
  GPtrArray *in = pb_discovery_result_get_incoming (result);
  const char * const *foreign = pb_discovery_result_get_foreign_hosts (result);

  assert_source (result, PB_DISCOVERY_SOURCE_SRV);
  /* _submissions (implicit TLS) before _submission (STARTTLS). */
  assert_server (out, 0, "smtp.mail-elsewhere.test", 465, PB_SECURITY_TLS);
  assert_server (out, 1, "smtp.srv-only.test", 587, PB_SECURITY_STARTTLS);
  /* Priority 5 before priority 10; POP3 is "decidedly not offered" (target "."). */
  g_assert_cmpuint (in->len, ==, 2);
  assert_server (in, 0, "imap2.srv-only.test", 993, PB_SECURITY_TLS);
  assert_server (in, 1, "imap.srv-only.test", 993, PB_SECURITY_TLS);
  /* A target outside the address's domain must be confirmed. */
  g_assert_true (pb_discovery_result_get_needs_confirmation (result));
  g_assert_cmpstr (foreign[0], ==, "smtp.mail-elsewhere.test");
  g_assert_null (foreign[1]);
}

static void
assert_no_auth_in_log (const char *scenario)
{
  g_autofree char *path = g_build_filename (g_getenv ("PB_LAB_DIR"), "scripted",
                                            scenario, NULL);
  g_autofree char *log = NULL;
  g_autofree char *log_path = g_strconcat (path, ".log", NULL);

  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "EHLO"));
  g_assert_null (strstr (log, "AUTH"));
}

static void
test_guess_scripted (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("henry@ok.smtp.test", 0, 0);
  GPtrArray *out = pb_discovery_result_get_outgoing (result);
  const char *reason;

  assert_source (result, PB_DISCOVERY_SOURCE_GUESS);
  /* smtp.ok.smtp.test resolves too, but its certificate names ok.smtp.test only. */
  assert_server (out, 0, "ok.smtp.test", 465, PB_SECURITY_TLS);
  g_assert_cmpint (((PbServerConfig *) g_ptr_array_index (out, 0))->auth, ==,
                   PB_AUTH_PASSWORD_CLEARTEXT);
  reason = pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_GUESS);
  g_assert_cmpstr (reason, ==, "ok.smtp.test answered on port 465");
  assert_no_auth_in_log ("ok");
}

static void
test_guess_postfix (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("alice@lab.test", ONLY (GUESS), 0);
  GPtrArray *out = pb_discovery_result_get_outgoing (result);
  gboolean seen_relay = FALSE;

  assert_source (result, PB_DISCOVERY_SOURCE_GUESS);
  /* The best-ranked candidate offers AUTH: settled without waiting for the others. */
  assert_server (out, 0, "smtp.lab.test", 465, PB_SECURITY_TLS);
  g_assert_cmpint (((PbServerConfig *) g_ptr_array_index (out, 0))->auth, ==,
                   PB_AUTH_PASSWORD_CLEARTEXT);
  /* Port 25 offers no AUTH at the lab Postfix: a relay, never before a submission port. */
  for (guint i = 0; i < out->len; i++)
    {
      PbServerConfig *s = g_ptr_array_index (out, i);

      if (s->auth == PB_AUTH_NONE)
        seen_relay = TRUE;
      else
        g_assert_false (seen_relay);
    }
}

static void
assert_autoconfig_fails (const char *address,
                         const char *reason_part)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover (address, ONLY (AUTOCONFIG), 0);
  const char *reason = pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);

  g_test_message ("%s: %s", address, reason);
  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_FAILED);
  g_assert_nonnull (strstr (reason, reason_part));
  g_assert_null (strstr (reason, "root:"));
}

static void
test_hostile (void)
{
  /* Truncated XML. */
  assert_autoconfig_fails ("kim@broken.test", "not valid XML");
  /* An entity-expansion bomb with an external entity (file:///etc/passwd). */
  assert_autoconfig_fails ("kim@bomb.test", "entities");
  /* 2 MiB without a Content-Length: the cap holds while reading. */
  assert_autoconfig_fails ("kim@huge.test", "KiB");
  /* A certificate for other names: validated, refused, said so. */
  assert_autoconfig_fails ("kim@badcert.test", "Certificate is for a different server");
  /* HTTPS redirecting to HTTP is refused. */
  assert_autoconfig_fails ("kim@downgrade.test", "unencrypted");
}

static void
test_plain_http (void)
{
  guint mask = ONLY (AUTOCONFIG) | ONLY (AUTOCONFIG_HTTP);
  g_autoptr(PbDiscoveryResult) ignored = pb_test_run_discovery ("lea@http-only.test", mask, 0,
                                                                FALSE, NULL);
  g_autoptr(PbDiscoveryResult) used = pb_test_run_discovery ("lea@http-only.test", mask, 0, TRUE,
                                                             NULL);

  g_assert_null (pb_discovery_result_get_config (ignored));
  g_assert_cmpint (pb_discovery_result_get_outcome (ignored, PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP),
                   ==, PB_SOURCE_STATE_DISABLED);

  assert_source (used, PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP);
  g_assert_false (pb_discovery_result_get_trusted (used));
  g_assert_true (pb_discovery_result_get_needs_confirmation (used));
  assert_server (pb_discovery_result_get_outgoing (used), 0, "smtp.http-only.test", 465,
                 PB_SECURITY_TLS);
  /* The file lists rewritten-on-the-way.test as its own domain: from plain HTTP that
   * proves nothing, so the host is still to be confirmed. */
  g_assert_cmpstr (pb_discovery_result_get_foreign_hosts (used)[0], ==,
                   "smtp.rewritten-on-the-way.test");
  g_assert_null (pb_discovery_result_get_foreign_hosts (used)[1]);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/discovery/preset", test_preset);
  g_test_add_func ("/discovery/autoconfig/subdomain", test_autoconfig_subdomain);
  g_test_add_func ("/discovery/autoconfig/well-known", test_autoconfig_well_known);
  g_test_add_func ("/discovery/autoconfig/idn", test_autoconfig_idn);
  g_test_add_func ("/discovery/autoconfig/extensions-ignored",
                   test_autoconfig_extensions_ignored);
  g_test_add_func ("/discovery/ispdb", test_ispdb);
  g_test_add_func ("/discovery/mx/known-provider", test_mx_known_provider);
  g_test_add_func ("/discovery/mx/ispdb", test_mx_ispdb);
  g_test_add_func ("/discovery/mx/host-placeholder", test_mx_host_placeholder);
  g_test_add_func ("/discovery/mx/own-server", test_mx_own_server);
  g_test_add_func ("/discovery/mx/no-registrable-domain", test_mx_no_registrable_domain);
  g_test_add_func ("/discovery/confirm/autoconfig-vouches-for-itself",
                   test_autoconfig_vouches_for_itself);
  g_test_add_func ("/discovery/confirm/ispdb-domain-list-vouches",
                   test_ispdb_domain_list_vouches);
  g_test_add_func ("/discovery/srv-only", test_srv_only);
  g_test_add_func ("/discovery/guess/scripted", test_guess_scripted);
  g_test_add_func ("/discovery/guess/postfix", test_guess_postfix);
  g_test_add_func ("/discovery/hostile", test_hostile);
  g_test_add_func ("/discovery/plain-http", test_plain_http);

  return g_test_run ();
}
