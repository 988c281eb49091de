/* test-dmarc-record.c: DMARC policy records (RFC 7489 6.3) parsed and refused
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-util.h"
#include "pb-dmarc-record.h"

static PbDmarcRecord *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbDmarcRecord *record = pb_dmarc_record_parse (text, &error);

  if (error != NULL)
    g_test_message ("refused: %s: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_nonnull (record->rua);
  return record;
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDmarcRecord) record = pb_dmarc_record_parse (text, &error);

  if (record != NULL)
    g_test_message ("accepted: %s", text);
  g_assert_null (record);
  g_assert_error (error, PB_DMARC_RECORD_ERROR, PB_DMARC_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_is_dmarc (void)
{
  g_assert_true (pb_dmarc_record_is_dmarc ("v=DMARC1; p=none"));
  g_assert_true (pb_dmarc_record_is_dmarc ("v=DMARC1"));
  g_assert_true (pb_dmarc_record_is_dmarc (" v = DMARC1 ;p=none"));
  g_assert_false (pb_dmarc_record_is_dmarc ("v=DMARC2; p=none"));
  g_assert_false (pb_dmarc_record_is_dmarc ("v=dmarc1; p=none"));
  g_assert_false (pb_dmarc_record_is_dmarc ("p=none; v=DMARC1"));
  g_assert_false (pb_dmarc_record_is_dmarc ("v=spf1 -all"));
  g_assert_false (pb_dmarc_record_is_dmarc ("v=DMARC1x; p=none"));
  g_assert_false (pb_dmarc_record_is_dmarc (""));
  g_assert_false (pb_dmarc_record_is_dmarc (NULL));
}

static void
test_policies (void)
{
  static const char * const texts[] = {
    "v=DMARC1; p=none", "v=DMARC1; p=quarantine", "v=DMARC1; p=reject",
  };
  g_autoptr(PbDmarcRecord) upper = parse_ok ("v=DMARC1; p=Reject; sp=QUARANTINE");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PbDmarcRecord) r = parse_ok (texts[i]);

      g_assert_cmpint (r->policy, ==, (PbDmarcPolicy) i);
      g_assert_false (r->has_subdomain_policy);
      g_assert_cmpuint (r->pct, ==, 100);
      g_assert_cmpuint (g_strv_length (r->rua), ==, 0);
      g_assert_null (r->ruf);
    }
  /* Policy values are keywords of the ABNF and so case-insensitive. */
  g_assert_cmpint (upper->policy, ==, PB_DMARC_POLICY_REJECT);
  g_assert_true (upper->has_subdomain_policy);
  g_assert_cmpint (upper->subdomain_policy, ==, PB_DMARC_POLICY_QUARANTINE);
  g_assert_cmpstr (pb_dmarc_policy_to_string (PB_DMARC_POLICY_QUARANTINE), ==, "quarantine");

  assert_refused ("v=DMARC1; p=");
  assert_refused ("v=DMARC1; p=block");
  assert_refused ("v=DMARC1; p=none; sp=all");
  assert_refused ("v=DMARC1; p=none\x01");
}

/* v= first and exactly once, p= present, every tag at most once. */
static void
test_structure (void)
{
  g_autoptr(PbDmarcRecord) spaced = parse_ok ("v = DMARC1 ;  p = reject ; ; ");
  g_autoptr(PbDmarcRecord) unknown = parse_ok ("v=DMARC1; p=none; fo=1; ri=86400; np=reject; "
                                               "psd=n; t=y; x-future=\x01\xff");

  g_assert_cmpint (spaced->policy, ==, PB_DMARC_POLICY_REJECT);
  g_assert_cmpint (unknown->policy, ==, PB_DMARC_POLICY_NONE);

  assert_refused ("p=reject; v=DMARC1");
  assert_refused ("p=reject");
  assert_refused ("");
  assert_refused ("v=DMARC1");
  assert_refused ("v=DMARC1;");
  assert_refused ("v=DMARC1; rua=mailto:d@example.com");
  assert_refused ("v=DMARC1; p=none; p=reject");
  assert_refused ("v=DMARC1; p=none; pct=50; pct=50");
  assert_refused ("v=DMARC1; v=DMARC1; p=none");
  assert_refused ("v=DMARC1; p=none; reject");
  assert_refused ("v=DMARC1; p=none; =x");
  /* Tag names are case-sensitive (RFC 6376 3.2, which DMARC's syntax follows). */
  assert_refused ("v=DMARC1; P=reject");
}

static void
test_pct (void)
{
  g_autoptr(PbDmarcRecord) zero = parse_ok ("v=DMARC1; p=quarantine; pct=0");
  g_autoptr(PbDmarcRecord) half = parse_ok ("v=DMARC1; p=quarantine; pct= 50 ");

  g_assert_cmpuint (zero->pct, ==, 0);
  g_assert_cmpuint (half->pct, ==, 50);
  assert_refused ("v=DMARC1; p=none; pct=101");
  assert_refused ("v=DMARC1; p=none; pct=-1");
  assert_refused ("v=DMARC1; p=none; pct=");
  assert_refused ("v=DMARC1; p=none; pct=5O");
  assert_refused ("v=DMARC1; p=none; pct=18446744073709551616");
  assert_refused ("v=DMARC1; p=none; adkim=x");
  assert_refused ("v=DMARC1; p=none; aspf=");
}

static void
test_reports (void)
{
  g_autoptr(PbDmarcRecord) r = parse_ok ("v=DMARC1; p=none; "
                                         "rua=mailto:dmarc@example.com, mailto:a@b.example!10m;"
                                         " ruf=mailto:forensic@example.com");

  g_assert_cmpuint (g_strv_length (r->rua), ==, 2);
  g_assert_cmpstr (r->rua[0], ==, "mailto:dmarc@example.com");
  g_assert_cmpstr (r->rua[1], ==, "mailto:a@b.example!10m");
  g_assert_cmpuint (g_strv_length (r->ruf), ==, 1);
  g_assert_cmpstr (r->ruf[0], ==, "mailto:forensic@example.com");

  /* A scheme from DNS must not stay in the process's interned strings for good: records
   * with ever new schemes would grow it without end. */
  {
    g_autoptr(PbDmarcRecord) odd = parse_ok ("v=DMARC1; p=none; rua=zq-fuzzed+scheme.1:x");

    g_assert_cmpstr (odd->rua[0], ==, "zq-fuzzed+scheme.1:x");
    g_assert_cmpuint (g_quark_try_string ("zq-fuzzed+scheme.1"), ==, 0);
  }
  assert_refused ("v=DMARC1; p=none; rua=1mailto:a@example.com");
  assert_refused ("v=DMARC1; p=none; rua=dmarc@example.com");
  assert_refused ("v=DMARC1; p=none; rua=mailto:a@example.com,");
  assert_refused ("v=DMARC1; p=none; rua=");
  assert_refused ("v=DMARC1; p=none; ruf=:x");
  assert_refused ("v=DMARC1; p=none; rua=mailto:a@example.com; rua=mailto:b@example.com");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dmarc-record/is-dmarc", test_is_dmarc);
  g_test_add_func ("/dmarc-record/policies", test_policies);
  g_test_add_func ("/dmarc-record/structure", test_structure);
  g_test_add_func ("/dmarc-record/pct", test_pct);
  g_test_add_func ("/dmarc-record/reports", test_reports);

  return g_test_run ();
}
