/* test-discovery-failures.c: discovery sources that fail, stall or answer too much, in the lab
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run (records: tests/lab/dns.d/discovery-failures.conf, web:
 * tests/lab/nginx.d/discovery-failures.conf, the ispdb.test server of nginx.d/discovery.conf
 * and services.d/60-discovery.sh). Each case asserts what the source's state and reason
 * say, so that a failure is neither taken for "nothing here" nor hidden behind a timeout.
 */
#include "config.h"

#include <locale.h>

#include "pb-discovery.h"
#include "pb-test-util.h"

#define ONLY(source) PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_##source)

/* The source ended in state, and its reason holds reason_part. */
static void
assert_outcome (PbDiscoveryResult *result,
                PbDiscoverySource  source,
                PbSourceState      state,
                const char        *reason_part)
{
  const char *reason = pb_discovery_result_get_reason (result, source);

  g_assert_cmpstr (pb_source_state_to_string (pb_discovery_result_get_outcome (result, source)),
                   ==, pb_source_state_to_string (state));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, reason_part));
}

/* A run of the sources in mask with nothing found: source says state and reason_part. */
static void
assert_nothing_found (const char        *address,
                      guint              mask,
                      PbDiscoverySource  source,
                      PbSourceState      state,
                      const char        *reason_part)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover (address, mask, 0);

  g_assert_null (pb_discovery_result_get_config (result));
  assert_outcome (result, source, state, reason_part);
}

/* source stalls: the run ends at its deadline with nothing, the source timed out. Here the
 * behaviour is the deadline: not before it, and not more than a third of it after it
 * (scaled for slow builds), as in test-discovery's /discovery/stall/deadline. The deadline
 * stays below the lab's own timeouts, or the source would fail on them first: libsoup's
 * (the deadline rounded up to whole seconds) and the resolver's (2 s, lab-run). */
static void
assert_stalls_until_deadline (const char        *address,
                              PbDiscoverySource  source,
                              guint              deadline_ms,
                              const char        *reason)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover (address,
                                                          PB_DISCOVERY_SOURCE_MASK (source),
                                                          deadline_ms);
  guint elapsed = pb_discovery_result_get_elapsed_ms (result);

  g_assert_null (pb_discovery_result_get_config (result));
  assert_outcome (result, source, PB_SOURCE_STATE_TIMEOUT, reason);
  g_assert_cmpuint (elapsed, >=, deadline_ms - 2);
  g_assert_cmpuint (elapsed, <, deadline_ms + pb_test_scaled_ms (deadline_ms / 3));
}

/* RFC 7505: "MX 0 ." says the domain accepts no mail. The root is no host: the MX source
 * says so and asks no one about a server named ".". */
static void
test_null_mx (void)
{
  assert_nothing_found ("nina@nullmx.test", ONLY (MX), PB_DISCOVERY_SOURCE_MX,
                        PB_SOURCE_STATE_NOTHING, "The domain accepts no mail (null MX record)");
}

/* A null MX beside a real one is a misconfiguration (RFC 7505 forbids it): the real MX is
 * still the hint at the hoster, whichever comes first in the answer (dnsmasq's order for
 * mixedmx.test, the other for mixedmx-last.test). */
static void
test_null_mx_beside_real (void)
{
  static const char * const addresses[] = { "nina@mixedmx.test", "nina@mixedmx-last.test" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autoptr(PbDiscoveryResult) result = pb_test_discover (addresses[i], ONLY (MX), 0);
      PbServerConfig *smtp;

      g_assert_nonnull (pb_discovery_result_get_config (result));
      assert_outcome (result, PB_DISCOVERY_SOURCE_MX, PB_SOURCE_STATE_FOUND,
                      "MX mx01.hoster-example.de, then " PB_TEST_LAB_ISPDB "hoster-example.de");
      smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
      g_assert_cmpstr (smtp->host, ==, "smtp.hoster-example.de");
    }
}

/* The ISPDB is down: a failure with the status, not "the ISPDB does not know the domain". */
static void
test_ispdb_down (void)
{
  assert_nothing_found ("olga@ispdb-down.test", ONLY (ISPDB), PB_DISCOVERY_SOURCE_ISPDB,
                        PB_SOURCE_STATE_FAILED,
                        PB_TEST_LAB_ISPDB "ispdb-down.test: HTTP status 503");
}

static void
test_ispdb_stall_deadline (void)
{
  assert_stalls_until_deadline ("olga@ispdb-stall.test", PB_DISCOVERY_SOURCE_ISPDB, 1500,
                                "No answer within the deadline of 1.5 s");
}

/* The stalled ISPDB ranks above SRV, which answers: the run waits a grace period for the
 * ISPDB, not the whole deadline, and ends with SRV's answer, by the deadline at the latest
 * (scaled for slow builds). */
static void
test_ispdb_stall_other_source (void)
{
  const guint deadline_ms = 3000;
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("olga@ispdb-stall.test", 0, deadline_ms);
  PbServerConfig *smtp;

  g_assert_nonnull (pb_discovery_result_get_config (result));
  g_assert_cmpint (pb_discovery_result_get_source (result), ==, PB_DISCOVERY_SOURCE_SRV);
  smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
  g_assert_cmpstr (smtp->host, ==, "smtp.ispdb-stall.test");
  assert_outcome (result, PB_DISCOVERY_SOURCE_ISPDB, PB_SOURCE_STATE_TIMEOUT,
                  "Stopped waiting: a lower-ranked source had already answered");
  g_assert_cmpuint (pb_discovery_result_get_elapsed_ms (result), <,
                    deadline_ms + pb_test_scaled_ms (deadline_ms / 3));
}

/* Every SRV lookup gets SERVFAIL: a failure that names the lookup, not "no SRV records". */
static void
test_srv_servfail (void)
{
  assert_nothing_found ("pia@srv-fail.test", ONLY (SRV), PB_DISCOVERY_SOURCE_SRV,
                        PB_SOURCE_STATE_FAILED, "._tcp.srv-fail.test");
}

/* One service's lookup fails, another's answers: the answer counts. */
static void
test_srv_servfail_partial (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("pia@srv-partial.test", ONLY (SRV), 0);
  GPtrArray *out = pb_discovery_result_get_outgoing (result);
  PbServerConfig *smtp;

  g_assert_nonnull (pb_discovery_result_get_config (result));
  assert_outcome (result, PB_DISCOVERY_SOURCE_SRV, PB_SOURCE_STATE_FOUND, "_submission._tcp");
  g_assert_cmpuint (out->len, ==, 1);
  smtp = g_ptr_array_index (out, 0);
  g_assert_cmpstr (smtp->host, ==, "smtp.srv-partial.test");
  g_assert_cmpuint (smtp->port, ==, 587);
}

static void
test_srv_stall (void)
{
  assert_stalls_until_deadline ("pia@srv-stall.test", PB_DISCOVERY_SOURCE_SRV, 1000,
                                "No answer within the deadline of 1.0 s");
}

/* The provider's autoconfig server is down (503 and nginx's usual reason phrase): a failure
 * worth showing, with the status and the phrase. */
static void
test_autoconfig_unavailable (void)
{
  assert_nothing_found ("quentin@down.test", ONLY (AUTOCONFIG), PB_DISCOVERY_SOURCE_AUTOCONFIG,
                        PB_SOURCE_STATE_FAILED,
                        "https://autoconfig.down.test/mail/config-v1.1.xml?emailaddress="
                        "quentin%40down.test: HTTP status 503 Service Temporarily Unavailable");
}

/* A Content-Length beyond the body limit is refused on the header: the server sends a few
 * bytes and stalls, so a client that read the body would wait for the deadline instead
 * ("timeout"), and the cap while reading would never be reached. */
static void
test_content_length_too_large (void)
{
  assert_nothing_found ("rosa@biglength.test", ONLY (AUTOCONFIG),
                        PB_DISCOVERY_SOURCE_AUTOCONFIG, PB_SOURCE_STATE_FAILED,
                        "https://autoconfig.biglength.test/mail/config-v1.1.xml?emailaddress="
                        "rosa%40biglength.test: The answer is larger than");
}

/* A valid document as long as announced, then 2 MiB more: only the announced bytes are the
 * answer, so it parses (the rest would make it invalid XML and larger than the limit). */
static void
test_body_longer_than_announced (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("rosa@overlong.test",
                                                          ONLY (AUTOCONFIG), 0);
  PbServerConfig *smtp;

  g_assert_nonnull (pb_discovery_result_get_config (result));
  assert_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG, PB_SOURCE_STATE_FOUND,
                  "https://autoconfig.overlong.test/");
  smtp = g_ptr_array_index (pb_discovery_result_get_outgoing (result), 0);
  g_assert_cmpstr (smtp->host, ==, "smtp.overlong.test");
  g_assert_cmpuint (smtp->port, ==, 465);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/discovery-failures/null-mx/alone", test_null_mx);
  g_test_add_func ("/discovery-failures/null-mx/beside-real", test_null_mx_beside_real);
  g_test_add_func ("/discovery-failures/ispdb/down", test_ispdb_down);
  g_test_add_func ("/discovery-failures/ispdb/stall-deadline", test_ispdb_stall_deadline);
  g_test_add_func ("/discovery-failures/ispdb/stall-other-source",
                   test_ispdb_stall_other_source);
  g_test_add_func ("/discovery-failures/srv/servfail", test_srv_servfail);
  g_test_add_func ("/discovery-failures/srv/servfail-partial", test_srv_servfail_partial);
  g_test_add_func ("/discovery-failures/srv/stall", test_srv_stall);
  g_test_add_func ("/discovery-failures/autoconfig/unavailable", test_autoconfig_unavailable);
  g_test_add_func ("/discovery-failures/content-length/too-large",
                   test_content_length_too_large);
  g_test_add_func ("/discovery-failures/content-length/body-longer",
                   test_body_longer_than_announced);

  return g_test_run ();
}
