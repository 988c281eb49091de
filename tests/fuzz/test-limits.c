/* test-limits.c: the limits on what a hostile network can make discovery do
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run (tests/lab/nginx.d/limits.conf, tests/lab/dns.d/limits.conf).
 * The other limits have their tests next to their code: reply line and reply size
 * (test-smtp-reply, check-lab: endless, longline), XML size (test-autoconfig-reader, discovery:
 * huge.test), the total time of a check (check-engine /overall-deadline) and of a discovery
 * run (discovery /stall/deadline).
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pb-discovery.h"
#include "pb-test-util.h"
#include "pb-discovery-dns.h"

#define ONLY(source) PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_##source)

/* A chain of 3 redirects is followed to its end, one of 4 is refused: the two lab chains
 * pin the limit at 3 from both sides. */
static void
test_redirect_count (void)
{
  g_autoptr(PbDiscoveryResult) three = pb_test_discover ("kim@redirect3.test", ONLY (AUTOCONFIG), 0);
  g_autoptr(PbDiscoveryResult) four = pb_test_discover ("kim@redirect4.test", ONLY (AUTOCONFIG), 0);
  PbAccountConfig *config = pb_discovery_result_get_source_config (three,
                                                                   PB_DISCOVERY_SOURCE_AUTOCONFIG);
  const char *reason;

  /* The last hop serves acme.test's configuration. */
  g_assert_nonnull (config);
  g_assert_cmpstr (((PbServerConfig *) g_ptr_array_index (pb_account_config_get_outgoing (config),
                                                          0))->host, ==, "smtp.acme.test");

  g_assert_null (pb_discovery_result_get_config (four));
  g_assert_cmpint (pb_discovery_result_get_outcome (four, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_FAILED);
  reason = pb_discovery_result_get_reason (four, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  g_assert_nonnull (strstr (reason, "More than 3 redirects"));
}

/* 40 SRV records for _submissions: only PB_DISCOVERY_MAX_RECORDS become servers, the best
 * (priority 1 to 16: smtp01 to smtp16). */
static void
test_dns_answer_count (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("kim@manysrv.test", ONLY (SRV), 0);
  PbAccountConfig *config = pb_discovery_result_get_source_config (result,
                                                                   PB_DISCOVERY_SOURCE_SRV);

  g_assert_nonnull (config);
  /* Fewer than the 40 the lab's dnsmasq serves (tests/lab/dns.d/limits.conf). */
  g_assert_cmpuint (pb_account_config_get_outgoing (config)->len, <, 40);
  g_assert_cmpuint (pb_account_config_get_outgoing (config)->len, ==, PB_DISCOVERY_MAX_RECORDS);
  for (guint i = 0; i < PB_DISCOVERY_MAX_RECORDS; i++)
    {
      PbServerConfig *server = g_ptr_array_index (pb_account_config_get_outgoing (config), i);
      g_autofree char *want = g_strdup_printf ("smtp%02u.manysrv.test", i + 1);

      g_assert_cmpstr (server->host, ==, want);
    }
}

/* 40 MX records (dns.d/best-records.conf): the one with the lowest preference is used
 * although it stands 20th, beyond the first 16 in either order of the answer. */
static void
test_dns_best_mx (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("kim@bestmx.test", ONLY (MX), 0);
  PbAccountConfig *config = pb_discovery_result_get_source_config (result,
                                                                   PB_DISCOVERY_SOURCE_MX);
  const char *reason = pb_discovery_result_get_reason (result, PB_DISCOVERY_SOURCE_MX);

  g_assert_nonnull (strstr (reason, "aspmx.l.google.com"));
  g_assert_nonnull (config);
  g_assert_cmpstr (pb_account_config_get_provider_id (config), ==, "google-workspace");
}

/* 20 SRV records for _submissions (dns.d/best-records.conf): the 16 kept are the best by
 * priority and then weight, in that order, although four worse records stand among the
 * first 16 of the answer in either order. Robust to the order dnsmasq answers in: only the
 * kept set and its ranking are compared. */
static void
test_dns_best_srv (void)
{
  static const char * const want[] = {
    /* priority 5, heavier weight first */
    "win08", "win07", "win06", "win05", "win04", "win03", "win02", "win01",
    /* priority 10, weight 57 down to 50; lose1/lose2 (weight 1) are dropped */
    "win16", "win15", "win14", "win13", "win12", "win11", "win10", "win09",
  };
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("kim@bestsrv.test", ONLY (SRV), 0);
  PbAccountConfig *config = pb_discovery_result_get_source_config (result,
                                                                   PB_DISCOVERY_SOURCE_SRV);
  GPtrArray *outgoing;

  G_STATIC_ASSERT (G_N_ELEMENTS (want) == PB_DISCOVERY_MAX_RECORDS);
  g_assert_nonnull (config);
  outgoing = pb_account_config_get_outgoing (config);
  g_assert_cmpuint (outgoing->len, ==, PB_DISCOVERY_MAX_RECORDS);
  for (guint i = 0; i < outgoing->len; i++)
    {
      PbServerConfig *server = g_ptr_array_index (outgoing, i);
      g_autofree char *host = g_strdup_printf ("%s.bestsrv.test", want[i]);

      g_assert_cmpstr (server->host, ==, host);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/limits/redirect-count", test_redirect_count);
  g_test_add_func ("/limits/dns-answer-count", test_dns_answer_count);
  g_test_add_func ("/limits/dns-best-mx", test_dns_best_mx);
  g_test_add_func ("/limits/dns-best-srv", test_dns_best_srv);

  return g_test_run ();
}
