/* test-domain-records.c: the DMARC, DKIM, MTA-STS and TLS-RPT records of a domain looked
 * up in DNS answers from a table (pb-test-resolver.c): lookups that fail, several records
 * where one is allowed, and what the lab's dnsmasq does not publish
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-resolver.h"
#include "pb-test-util.h"
#include "pb-dkim-check.h"
#include "pb-dmarc-check.h"
#include "pb-mta-sts.h"
#include "pb-tls-rpt.h"

#define TXT(name, value)  { PB_DOMAIN_DNS_TXT, name, value }
#define MX(name, value)   { PB_DOMAIN_DNS_MX, name, value }

static const PbTestDnsRecord zone[] = {
  /* DMARC */
  TXT ("_dmarc.fails.test", NULL),
  TXT ("_dmarc.two.test", "v=DMARC1; p=none"),
  TXT ("_dmarc.two.test", "some-verification=1"),
  TXT ("_dmarc.two.test", "v=DMARC1; p=reject"),
  TXT ("_dmarc.example.com", "v=DMARC1; p=quarantine; rua=mailto:d@example.com"),
  TXT ("_dmarc.example.org", NULL),
  /* DKIM */
  TXT ("s1._domainkey.fails.test", NULL),
  /* MTA-STS */
  TXT ("_mta-sts.fails.test", NULL),
  TXT ("_mta-sts.two.test", "v=STSv1; id=1"),
  TXT ("_mta-sts.two.test", "v=STSv1; id=2"),
  TXT ("_mta-sts.other.test", "v=spf1 -all"),
  TXT ("_mta-sts.pairs.test", "some-verification=1"),
  TXT ("_mta-sts.pairs.test", "v=STSv1; id"),
  TXT ("_mta-sts.noid.test", "v=STSv1; id=2024-01-01"),
  TXT ("_mta-sts.longid.test", "v=STSv1; id=123456789012345678901234567890123"),
  TXT ("_mta-sts.emptyid.test", "v=STSv1; id="),
  /* TLS-RPT */
  TXT ("_smtp._tls.fails.test", NULL),
  TXT ("_smtp._tls.two.test", "v=TLSRPTv1; rua=mailto:a@two.test"),
  TXT ("_smtp._tls.two.test", "v=TLSRPTv1; rua=mailto:b@two.test"),
  TXT ("_smtp._tls.pairs.test", "v=TLSRPTv1; rua"),
  TXT ("_smtp._tls.other.test", "v=spf1 -all"),
  /* MX by preference */
  MX ("mx.test", "30 C.MX.TEST."),
  MX ("mx.test", "10 b.mx.test"),
  MX ("mx.test", "20 a.mx.test"),
  MX ("mx.test", "10 a.mx.test"),
  PB_TEST_DNS_END
};

static PbDomainDns *
dns_new (void)
{
  return pb_test_domain_dns_new (zone);
}

static void
test_dmarc (void)
{
  g_autoptr(PbDomainDns) dns = dns_new ();
  g_autoptr(PbDmarcReport) fails = pb_dmarc_check_run (dns, "fails.test");
  g_autoptr(PbDmarcReport) two = pb_dmarc_check_run (dns, "two.test");
  g_autoptr(PbDmarcReport) sub = pb_dmarc_check_run (dns, "mail.example.com");
  g_autoptr(PbDmarcReport) sub_fails = pb_dmarc_check_run (dns, "mail.example.org");

  g_assert_cmpint (fails->status, ==, PB_DMARC_STATUS_DNS_ERROR);
  g_assert_cmpstr (fails->detail, ==, "_dmarc.fails.test");
  g_assert_null (fails->publish);
  /* Two DMARC records: receivers apply none; the first is shown, a single one proposed. */
  g_assert_cmpint (two->status, ==, PB_DMARC_STATUS_INVALID);
  g_assert_cmpstr (two->detail, ==, "several");
  g_assert_cmpstr (two->record, ==, "v=DMARC1; p=none");
  g_assert_cmpstr (two->publish, ==, "v=DMARC1; p=none; rua=mailto:postmaster@two.test");
  /* A subdomain without a record of its own: its organizational domain's record counts. */
  g_assert_cmpint (sub->status, ==, PB_DMARC_STATUS_OK);
  g_assert_cmpstr (sub->found_at, ==, "_dmarc.example.com");
  g_assert_cmpint (sub->policy, ==, PB_DMARC_POLICY_QUARANTINE);
  g_assert_true (sub->reports);
  g_assert_cmpint (sub_fails->status, ==, PB_DMARC_STATUS_DNS_ERROR);
  g_assert_cmpstr (sub_fails->detail, ==, "_dmarc.example.org");
}

static void
test_dkim (void)
{
  g_autoptr(PbDomainDns) dns = dns_new ();
  g_autoptr(PbDkimReport) fails = pb_dkim_check_run (dns, "fails.test", "s1", NULL);
  const char * const guesses[] = { "s0", "s1", NULL };
  g_autoptr(PbDkimReport) guessed = pb_dkim_check_run_known (dns, "fails.test", guesses);

  g_assert_cmpint (fails->status, ==, PB_DKIM_STATUS_DNS_ERROR);
  g_assert_cmpstr (fails->detail, ==, "s1._domainkey.fails.test");
  /* A failing lookup is no wrong guess: the provider's selector is reported with it. */
  g_assert_cmpint (guessed->status, ==, PB_DKIM_STATUS_DNS_ERROR);
  g_assert_cmpstr (guessed->selector, ==, "s1");
  g_assert_true (guessed->from_provider);
}

static void
test_dkim_names (void)
{
  g_autofree char *label63 = g_strnfill (63, 'a');
  g_autofree char *label64 = g_strnfill (64, 'a');

  g_assert_true (pb_dkim_name_is_valid ("google"));
  g_assert_true (pb_dkim_name_is_valid ("s1._domainkey-2.example"));
  g_assert_true (pb_dkim_name_is_valid (label63));
  g_assert_false (pb_dkim_name_is_valid (label64));
  g_assert_false (pb_dkim_name_is_valid ("-s1"));
  g_assert_false (pb_dkim_name_is_valid ("s1..example"));
  g_assert_false (pb_dkim_name_is_valid (""));
  g_assert_false (pb_dkim_name_is_valid ("s 1"));
  g_assert_false (pb_dkim_name_is_valid ("s1/../x"));
}

static PbMtaStsReport *
mta_sts (PbDomainDns *dns,
         const char  *domain)
{
  PbMtaStsReport *report = pb_mta_sts_check_run (dns, domain);
  g_autofree char *url = g_strdup_printf ("https://mta-sts.%s/.well-known/mta-sts.txt",
                                          domain);

  g_assert_cmpstr (report->url, ==, url);
  return report;
}

static void
test_mta_sts_record (void)
{
  g_autoptr(PbDomainDns) dns = dns_new ();
  g_autoptr(PbMtaStsReport) fails = mta_sts (dns, "fails.test");
  g_autoptr(PbMtaStsReport) two = mta_sts (dns, "two.test");
  g_autoptr(PbMtaStsReport) other = mta_sts (dns, "other.test");
  g_autoptr(PbMtaStsReport) pairs = mta_sts (dns, "pairs.test");
  g_autoptr(PbMtaStsReport) noid = mta_sts (dns, "noid.test");
  g_autoptr(PbMtaStsReport) longid = mta_sts (dns, "longid.test");
  g_autoptr(PbMtaStsReport) emptyid = mta_sts (dns, "emptyid.test");

  g_assert_cmpint (fails->status, ==, PB_MTA_STS_STATUS_DNS_ERROR);
  g_assert_cmpstr (fails->detail, ==, "_mta-sts.fails.test");
  g_assert_cmpint (two->status, ==, PB_MTA_STS_STATUS_INVALID);
  g_assert_cmpstr (two->detail, ==, "there is more than one _mta-sts record");
  /* A TXT record that is not MTA-STS's is no policy. */
  g_assert_cmpint (other->status, ==, PB_MTA_STS_STATUS_NONE);
  g_assert_null (other->record);
  g_assert_cmpint (pairs->status, ==, PB_MTA_STS_STATUS_INVALID);
  g_assert_cmpstr (pairs->record, ==, "v=STSv1; id");
  g_assert_cmpstr (pairs->detail, ==, "the _mta-sts record is not a list of tag=value pairs");
  /* The id is 1 to 32 letters and digits (RFC 8461 3.1). */
  g_assert_cmpint (noid->status, ==, PB_MTA_STS_STATUS_INVALID);
  g_assert_cmpstr (noid->detail, ==, "the _mta-sts record has no valid id");
  g_assert_cmpint (longid->status, ==, PB_MTA_STS_STATUS_INVALID);
  g_assert_cmpint (emptyid->status, ==, PB_MTA_STS_STATUS_INVALID);
}

static void
test_tls_rpt (void)
{
  g_autoptr(PbDomainDns) dns = dns_new ();
  g_autoptr(PbTlsRptReport) fails = pb_tls_rpt_check_run (dns, "fails.test");
  g_autoptr(PbTlsRptReport) two = pb_tls_rpt_check_run (dns, "two.test");
  g_autoptr(PbTlsRptReport) pairs = pb_tls_rpt_check_run (dns, "pairs.test");
  g_autoptr(PbTlsRptReport) other = pb_tls_rpt_check_run (dns, "other.test");

  g_assert_cmpint (fails->status, ==, PB_TLS_RPT_STATUS_DNS_ERROR);
  g_assert_cmpstr (fails->detail, ==, "_smtp._tls.fails.test");
  g_assert_cmpint (two->status, ==, PB_TLS_RPT_STATUS_INVALID);
  g_assert_cmpstr (two->detail, ==, "there is more than one TLS-RPT record");
  g_assert_cmpint (pairs->status, ==, PB_TLS_RPT_STATUS_INVALID);
  g_assert_cmpstr (pairs->detail, ==, "it is not a list of tag=value pairs");
  g_assert_cmpint (other->status, ==, PB_TLS_RPT_STATUS_NONE);
  g_assert_null (other->record);
}

static void
test_mx_order (void)
{
  g_autoptr(PbDomainDns) dns = dns_new ();
  const char * const *hosts;
  const char * const *again;

  /* By preference, then by name; lower case, without the final dot. */
  g_assert_cmpint (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_MX, "mx.test", &hosts), ==,
                   PB_DOMAIN_DNS_FOUND);
  g_assert_cmpstr (hosts[0], ==, "a.mx.test");
  g_assert_cmpstr (hosts[1], ==, "b.mx.test");
  g_assert_cmpstr (hosts[2], ==, "a.mx.test");
  g_assert_cmpstr (hosts[3], ==, "c.mx.test");
  g_assert_null (hosts[4]);
  /* Asked again: the same answer, from the cache. */
  g_assert_cmpint (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_MX, "MX.test.", &again), ==,
                   PB_DOMAIN_DNS_FOUND);
  g_assert_true (again == hosts);
  /* The root holds nothing that is asked for. */
  g_assert_cmpint (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, ".", &hosts), ==,
                   PB_DOMAIN_DNS_VOID);
  g_assert_null (hosts[0]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain-records/dmarc", test_dmarc);
  g_test_add_func ("/domain-records/dkim", test_dkim);
  g_test_add_func ("/domain-records/dkim-names", test_dkim_names);
  g_test_add_func ("/domain-records/mta-sts-record", test_mta_sts_record);
  g_test_add_func ("/domain-records/tls-rpt", test_tls_rpt);
  g_test_add_func ("/domain-records/mx-order", test_mx_order);

  return g_test_run ();
}
