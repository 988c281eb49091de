/* test-discovery.c: the discovery run against the lab's real DNS, web and mail servers
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run (records: tests/lab/dns.d/discovery.conf, web:
 * tests/lab/nginx.d/discovery.conf and services.d/60-discovery.sh).
 */
#include "config.h"

#include <locale.h>

#include "pb-discovery.h"
#include "pb-discovery-sync.h"
#include "pb-discovery-private.h"
#include "pb-test-util.h"

#define ONLY(source) PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_##source)

static void
assert_server (GPtrArray  *servers,
               guint       index,
               const char *host,
               guint16     port,
               PbSecurity  security)
{
  PbServerConfig *s;

  g_assert_cmpuint (servers->len, >, index);
  s = g_ptr_array_index (servers, index);
  g_assert_cmpstr (s->host, ==, host);
  g_assert_cmpuint (s->port, ==, port);
  g_assert_cmpint (s->security, ==, security);
}

static void
assert_source (PbDiscoveryResult *result,
               PbDiscoverySource  source)
{
  g_assert_nonnull (pb_discovery_result_get_config (result));
  g_assert_cmpstr (pb_discovery_source_to_string (pb_discovery_result_get_source (result)), ==,
                   pb_discovery_source_to_string (source));
}

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
test_all_at_once (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("ivan@all.test", 0, 8000);
  g_autoptr(GArray) alternatives = pb_discovery_result_get_alternatives (result);
  guint ac_ms = pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);

  /* autoconfig answers after a second; ISPDB and MX long before. The rank wins. */
  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.autoconfig-wins.all.test",
                 465, PB_SECURITY_TLS);
  g_assert_cmpuint (ac_ms, >=, 1000);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_ISPDB), ==,
                   PB_SOURCE_STATE_FOUND);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_MX), ==,
                   PB_SOURCE_STATE_FOUND);
  g_assert_cmpuint (pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_ISPDB), <, ac_ms);
  g_assert_cmpuint (pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_MX), <, ac_ms);
  /* Lower-ranked than a find: stopped, unless they had already finished. */
  g_assert_true (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_SRV) ==
                 PB_SOURCE_STATE_CANCELLED ||
                 pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_SRV) ==
                 PB_SOURCE_STATE_FOUND);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_GUESS), !=,
                   PB_SOURCE_STATE_FOUND);
  g_assert_cmpuint (alternatives->len, >=, 2);
  g_assert_cmpint (g_array_index (alternatives, PbDiscoverySource, 0), ==,
                   PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpint (g_array_index (alternatives, PbDiscoverySource, 1), ==,
                   PB_DISCOVERY_SOURCE_MX);
}

static void
test_stall_grace (void)
{
  const guint deadline_ms = 3000, grace_ms = deadline_ms / 3;
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("judy@stall.test", 0, deadline_ms);
  guint elapsed = pb_discovery_result_get_elapsed_ms (result);
  guint ispdb = pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_ISPDB);

  /* Both autoconfig addresses accept and never answer; the ISPDB knows the domain. The
   * stalled source gets a third of the deadline after the ISPDB answered, not the whole
   * deadline: the margin is half the grace, scaled for slow builds (unscaled, the run ends
   * a whole grace before the deadline). */
  assert_source (result, PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_TIMEOUT);
  g_assert_cmpuint (elapsed, >=, ispdb + grace_ms - 2);
  g_assert_cmpuint (elapsed, <, ispdb + grace_ms + pb_test_scaled_ms (grace_ms / 2));
}

/* The deadline is a promise to the user: not before it, and not much after it (a third of
 * it, scaled for slow builds). */
static void
test_stall_deadline (void)
{
  const guint deadline_ms = 1500;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("judy@stall.test",
                                                          ONLY (AUTOCONFIG), deadline_ms);
  gint64 ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_TIMEOUT);
  g_assert_cmpint (ms, >=, deadline_ms - 2);
  g_assert_cmpint (ms, <, deadline_ms + pb_test_scaled_ms (deadline_ms / 3));
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

static void
test_nothing (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("max@nothing.test", 0, 8000);

  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_false (pb_discovery_result_get_trusted (result));
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      PbSourceState state = pb_discovery_result_get_outcome (result, i);

      g_assert_true (state == PB_SOURCE_STATE_NOTHING || state == PB_SOURCE_STATE_DISABLED);
    }
  /* Every source says "nothing"; none waited for the deadline (that would be "timeout"). */
}

static void
test_public_suffix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = pb_test_run_discovery ("nobody@co.uk", 0, 0, FALSE,
                                                               &error);

  g_assert_null (result);
  g_assert_error (error, PB_DISCOVERY_ERROR, PB_DISCOVERY_ERROR_NOT_DISCOVERABLE);
}

static void
cancel_soon (PbDiscovery *discovery,
             guint        source,
             gpointer     user_data)
{
  if (pb_discovery_get_state (discovery, source) == PB_SOURCE_STATE_WORKING)
    g_cancellable_cancel (user_data);
}

/* Cancelled as its first source starts: without the cancel the run would end when the
 * stalled autoconfig's grace runs out after the ISPDB's answer, a third of the deadline at
 * the soonest, so it must be over before that. */
static void
test_cancel (void)
{
  const guint deadline_ms = 8000;
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new ("judy@stall.test", 0, deadline_ms);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  g_signal_connect (discovery, "source-changed", G_CALLBACK (cancel_soon), cancellable);
  result = pb_discovery_run_sync (discovery, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  /* Cancelled right after the first source changed: far sooner than the deadline. */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, pb_test_scaled_ms (deadline_ms / 3));
}

/* pb_discovery_run_sync returns only once every source task it started has completed,
 * cancelled ones too: one completing after the private main context is popped would never
 * be dispatched, and its task (with the connection and the context it holds) would leak. */
static void
assert_sync_waits (const char *address_text,
                   guint       timeout_ms,
                   gboolean    cancel)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new (address_text, 0, timeout_ms);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbDiscoveryResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (cancel)
    g_signal_connect (discovery, "source-changed", G_CALLBACK (cancel_soon), cancellable);
  result = pb_discovery_run_sync (discovery, cancellable, &error);
  g_test_message ("%s%s: %s", address_text, cancel ? " (cancelled)" : "",
                  error ? error->message : "result");
  g_assert_true ((result != NULL) == !cancel);
  g_assert_cmpuint (pb_discovery_get_n_running (discovery), ==, 0);
}

static void
test_sync_waits_for_sources (void)
{
  /* Stalled HTTP, a stalled TLS handshake, slow and fast answers; cancelled and not. */
  static const char * const addresses[] = { "judy@stall.test", "kim@tls-stall.test",
                                            "alice@all.test", "gina@srv-only.test" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      assert_sync_waits (addresses[i], 1500, FALSE);
      assert_sync_waits (addresses[i], 1500, TRUE);
    }
  /* At the deadline the handshake is cancelled in GIO's worker thread, which completes
   * it a moment later: often enough after a non-blocking look at the context. */
  for (guint i = 0; i < 8; i++)
    assert_sync_waits ("kim@tls-stall.test", 300, FALSE);
}

/* A GUI's main loop is never idle while it animates: when a frame takes longer than the
 * refresh interval (software GL on a loaded machine), GTK's frame clock is due again at
 * once, at GDK_PRIORITY_REDRAW. Nothing the run needs may wait for priorities below that,
 * or SRV and guessing never start and time out (the window test failed that way). */
#define FRAME_CLOCK_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

static gboolean
slow_frame (gpointer user_data)
{
  g_usleep (20 * 1000);
  return G_SOURCE_CONTINUE;
}

static void
on_busy_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_busy_main_loop (void)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new ("gina@srv-only.test", 0, 4000);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) frames = g_idle_source_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  g_source_set_priority (frames, FRAME_CLOCK_PRIORITY);
  g_source_set_callback (frames, slow_frame, NULL, NULL);
  g_source_attach (frames, context);

  pb_discovery_run_async (discovery, NULL, on_busy_done, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (context, TRUE);
  result = pb_discovery_run_finish (discovery, async_result, &error);
  g_source_destroy (frames);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  /* A starved SRV lookup would have timed out, and the result would be another source's. */
  g_assert_no_error (error);
  assert_source (result, PB_DISCOVERY_SOURCE_SRV);
}

/* The same object run again while the first run's cancelled sources are still completing:
 * their late answers ("cancelled") belong to the first run and must not become the second
 * run's outcome. */
typedef struct {
  GAsyncResult *first;
  GAsyncResult *second;
} Rerun;

static void
on_first_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Rerun *rerun = user_data;

  rerun->first = g_object_ref (result);
  /* At once, while the first run's HTTP sources are still being cancelled. */
  g_assert_cmpuint (pb_discovery_get_n_running (PB_DISCOVERY (object)), >, 0);
  pb_discovery_run_async (PB_DISCOVERY (object), NULL, on_busy_done, &rerun->second);
}

static void
test_rerun_same_object (void)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new ("judy@stall.test", 0, 3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbDiscoveryResult) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  Rerun rerun = { NULL, NULL };

  g_signal_connect (discovery, "source-changed", G_CALLBACK (cancel_soon), cancellable);
  pb_discovery_run_async (discovery, cancellable, on_first_done, &rerun);
  while (rerun.second == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (pb_discovery_get_n_running (discovery) > 0)
    g_main_context_iteration (NULL, TRUE);

  first = pb_discovery_run_finish (discovery, rerun.first, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  second = pb_discovery_run_finish (discovery, rerun.second, &error);
  g_assert_no_error (error);
  /* As in a run of its own (/discovery/stall/grace): the stalled autoconfig timed out. */
  assert_source (second, PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpint (pb_discovery_result_get_outcome (second, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_TIMEOUT);
  g_clear_object (&rerun.first);
  g_clear_object (&rerun.second);
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
  g_test_add_func ("/discovery/all-at-once", test_all_at_once);
  g_test_add_func ("/discovery/stall/grace", test_stall_grace);
  g_test_add_func ("/discovery/stall/deadline", test_stall_deadline);
  g_test_add_func ("/discovery/hostile", test_hostile);
  g_test_add_func ("/discovery/plain-http", test_plain_http);
  g_test_add_func ("/discovery/nothing", test_nothing);
  g_test_add_func ("/discovery/public-suffix", test_public_suffix);
  g_test_add_func ("/discovery/cancel", test_cancel);
  g_test_add_func ("/discovery/sync-waits-for-sources", test_sync_waits_for_sources);
  g_test_add_func ("/discovery/busy-main-loop", test_busy_main_loop);
  g_test_add_func ("/discovery/rerun-same-object", test_rerun_same_object);

  return g_test_run ();
}
