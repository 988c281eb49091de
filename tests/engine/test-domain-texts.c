/* test-domain-texts.c: what the domain report says for each state of SPF, DMARC, DKIM,
 * MTA-STS and TLS-RPT that the lab's DNS cannot produce (a failing lookup, an include
 * without a policy, two DMARC records, ...), and the status words of the text report
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-util.h"
#include "pb-domain-texts.h"

#define DNS_FAILED(name) "The DNS lookup of " name " failed; try again later."
#define CHECK_AGAIN "Check again later; if it keeps failing, ask the domain's DNS provider."

/* Compares and frees a sentence. */
static void
assert_text (char       *text,
             const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_spf (void)
{
  PbSpfReport report = { .status = PB_SPF_STATUS_DNS_ERROR, .detail = (char *) "a.test" };
  char *failing[] = { (char *) "192.0.2.26", NULL };

  assert_text (pb_domain_texts_spf_explanation (&report, "Provider"), DNS_FAILED ("a.test"));
  assert_text (pb_domain_texts_spf_fix (&report), CHECK_AGAIN);
  report = (PbSpfReport) { .status = PB_SPF_STATUS_INVALID,
                           .reason = PB_SPF_REASON_INCLUDE_MISSING,
                           .detail = (char *) "gone.test" };
  assert_text (pb_domain_texts_spf_explanation (&report, NULL),
               "The SPF record includes gone.test, which has no single valid SPF record: "
               "receivers reject the whole policy as a permanent error.");
  report = (PbSpfReport) { .status = PB_SPF_STATUS_OK, .reason = PB_SPF_REASON_NO_SERVER };
  assert_text (pb_domain_texts_spf_explanation (&report, NULL),
               "The SPF record is valid. No sending server was known, so whether it covers "
               "yours was not checked.");
  assert_text (pb_domain_texts_spf_fix (&report), NULL);
  report = (PbSpfReport) { .status = PB_SPF_STATUS_NOT_AUTHORIZED,
                           .server_host = (char *) "smtp.own.test", .failing = failing,
                           .publish = (char *) "v=spf1 a:smtp.own.test -all" };
  assert_text (pb_domain_texts_spf_explanation (&report, NULL),
               "The SPF record does not allow the outgoing server smtp.own.test (192.0.2.26): "
               "its mail fails SPF and lands in spam or is rejected.");
  assert_text (pb_domain_texts_spf_fix (&report),
               "Replace the SPF record with this one (the same record with the sending servers "
               "added; do not add a second one): v=spf1 a:smtp.own.test -all");
}

static void
test_dmarc (void)
{
  PbDmarcReport report = { .status = PB_DMARC_STATUS_DNS_ERROR,
                           .detail = (char *) "_dmarc.a.test" };

  assert_text (pb_domain_texts_dmarc_explanation (&report), DNS_FAILED ("_dmarc.a.test"));
  assert_text (pb_domain_texts_dmarc_fix (&report), CHECK_AGAIN);
  report = (PbDmarcReport) { .status = PB_DMARC_STATUS_INVALID, .detail = (char *) "several",
                             .publish = (char *) "v=DMARC1; p=none" };
  assert_text (pb_domain_texts_dmarc_explanation (&report),
               "The domain has more than one DMARC record; receivers then apply none.");
  assert_text (pb_domain_texts_dmarc_fix (&report),
               "Publish one TXT record named “_dmarc” with this text: v=DMARC1; p=none. Read "
               "the reports for a few weeks; when all your own mail passes, tighten it to "
               "p=quarantine and later p=reject.");
  report = (PbDmarcReport) { .status = PB_DMARC_STATUS_OK, .policy = PB_DMARC_POLICY_NONE };
  assert_text (pb_domain_texts_dmarc_fix (&report),
               "Add rua=mailto:… to receive reports, and when they show that all your own "
               "mail passes, tighten the policy to p=quarantine.");
  report.policy = PB_DMARC_POLICY_REJECT;
  assert_text (pb_domain_texts_dmarc_fix (&report), NULL);
}

static void
test_dkim (void)
{
  PbDkimReport report = { .status = PB_DKIM_STATUS_DNS_ERROR,
                          .detail = (char *) "s1._domainkey.a.test" };

  assert_text (pb_domain_texts_dkim_explanation (&report),
               DNS_FAILED ("s1._domainkey.a.test"));
  assert_text (pb_domain_texts_dkim_fix (&report), CHECK_AGAIN);
}

static void
test_mta_sts_tls_rpt (void)
{
  PbMtaStsReport sts = { .status = PB_MTA_STS_STATUS_DNS_ERROR,
                         .detail = (char *) "_mta-sts.a.test" };
  PbTlsRptReport rpt = { .status = PB_TLS_RPT_STATUS_DNS_ERROR,
                         .detail = (char *) "_smtp._tls.a.test" };

  assert_text (pb_domain_texts_mta_sts_explanation (&sts), DNS_FAILED ("_mta-sts.a.test"));
  assert_text (pb_domain_texts_mta_sts_fix (&sts), CHECK_AGAIN);
  sts = (PbMtaStsReport) { .status = PB_MTA_STS_STATUS_OK };
  assert_text (pb_domain_texts_mta_sts_fix (&sts), NULL);
  assert_text (pb_domain_texts_tls_rpt_explanation (&rpt), DNS_FAILED ("_smtp._tls.a.test"));
  rpt = (PbTlsRptReport) { .status = PB_TLS_RPT_STATUS_INVALID,
                           .detail = (char *) "it is not a list of tag=value pairs" };
  assert_text (pb_domain_texts_tls_rpt_explanation (&rpt),
               "The TLS-RPT record is not usable: it is not a list of tag=value pairs.");
}

/* The status words of `postbote domain`'s text report, one for each status. */
static void
test_status_words (void)
{
  const char *spf[] = { "ok", "missing", "server not allowed", "invalid", "too many lookups",
                        "more than one record", "DNS lookup failed" };
  const char *dmarc[] = { "ok", "missing", "invalid", "DNS lookup failed" };
  const char *dkim[] = { "ok", "missing", "signed for another domain", "key too short",
                         "not checked", "invalid", "DNS lookup failed" };
  const char *sts[] = { "not published", "ok", "testing only", "mail server not named",
                        "invalid", "DNS lookup failed" };
  const char *rpt[] = { "not published", "ok", "invalid", "DNS lookup failed" };

  G_STATIC_ASSERT (G_N_ELEMENTS (spf) == PB_SPF_STATUS_DNS_ERROR + 1);
  G_STATIC_ASSERT (G_N_ELEMENTS (dmarc) == PB_DMARC_STATUS_DNS_ERROR + 1);
  G_STATIC_ASSERT (G_N_ELEMENTS (dkim) == PB_DKIM_STATUS_DNS_ERROR + 1);
  G_STATIC_ASSERT (G_N_ELEMENTS (sts) == PB_MTA_STS_STATUS_DNS_ERROR + 1);
  G_STATIC_ASSERT (G_N_ELEMENTS (rpt) == PB_TLS_RPT_STATUS_DNS_ERROR + 1);
  for (guint i = 0; i < G_N_ELEMENTS (spf); i++)
    g_assert_cmpstr (pb_domain_texts_spf_status (i), ==, spf[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dmarc); i++)
    g_assert_cmpstr (pb_domain_texts_dmarc_status (i), ==, dmarc[i]);
  for (guint i = 0; i < G_N_ELEMENTS (dkim); i++)
    g_assert_cmpstr (pb_domain_texts_dkim_status (i), ==, dkim[i]);
  for (guint i = 0; i < G_N_ELEMENTS (sts); i++)
    g_assert_cmpstr (pb_domain_texts_mta_sts_status (i), ==, sts[i]);
  for (guint i = 0; i < G_N_ELEMENTS (rpt); i++)
    g_assert_cmpstr (pb_domain_texts_tls_rpt_status (i), ==, rpt[i]);
}

/* The failed lookup in German: translated, with the name in it. */
static void
test_german (void)
{
  PbDkimReport report = { .status = PB_DKIM_STATUS_DNS_ERROR,
                          .detail = (char *) "s1._domainkey.a.test" };

  pb_test_set_language ("de");
  assert_text (pb_domain_texts_dkim_explanation (&report),
               "Die DNS-Abfrage von s1._domainkey.a.test ist fehlgeschlagen; versuchen Sie es "
               "später noch einmal.");
  g_assert_cmpstr (pb_domain_texts_dkim_status (PB_DKIM_STATUS_DNS_ERROR), ==,
                   "DNS-Abfrage fehlgeschlagen");
  pb_test_set_language ("en");
}

int
main (int    argc,
      char **argv)
{
  /* English, with German at hand (gettext ignores LANGUAGE in the plain C locale). */
  g_setenv ("LANGUAGE", "en", TRUE);
  pb_test_init_language (&argc, &argv);

  g_test_add_func ("/domain-texts/spf", test_spf);
  g_test_add_func ("/domain-texts/dmarc", test_dmarc);
  g_test_add_func ("/domain-texts/dkim", test_dkim);
  g_test_add_func ("/domain-texts/mta-sts-tls-rpt", test_mta_sts_tls_rpt);
  g_test_add_func ("/domain-texts/status-words", test_status_words);
  g_test_add_func ("/domain-texts/german", test_german);

  return g_test_run ();
}
