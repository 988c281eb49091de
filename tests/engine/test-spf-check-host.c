/* test-spf-check-host.c: RFC 7208's check_host() for one address against DNS answers from
 * a table (pb-test-resolver.c): each mechanism, qualifier, include and redirect, and the
 * errors a receiver would stop at (temperror, permerror)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-resolver.h"
#include "pb-test-util.h"
#include "pb-spf-check-host.h"

#define TXT(name, value)  { PB_DOMAIN_DNS_TXT, name, value }
#define A(name, value)    { PB_DOMAIN_DNS_A, name, value }
#define AAAA(name, value) { PB_DOMAIN_DNS_AAAA, name, value }
#define MX(name, value)   { PB_DOMAIN_DNS_MX, name, value }

static const PbTestDnsRecord zone[] = {
  /* a, with the checked address's family and a prefix */
  TXT ("a.test", "v=spf1 a -all"),
  A ("a.test", "192.0.2.10"),
  AAAA ("a.test", "2001:db8::10"),
  TXT ("net.test", "v=spf1 a:host.net.test/20//64 ~all"),
  A ("host.net.test", "192.0.16.1"),
  AAAA ("host.net.test", "2001:db8:1:2::1"),
  TXT ("other-family.test", "v=spf1 a:v6only.test -all"),
  AAAA ("v6only.test", "2001:db8::99"),
  /* mx */
  TXT ("mx.test", "v=spf1 mx ?all"),
  MX ("mx.test", "20 backup.mx.test"),
  MX ("mx.test", "10 mail.mx.test"),
  A ("mail.mx.test", "198.51.100.1"),
  A ("backup.mx.test", "198.51.100.2"),
  TXT ("mx-broken.test", "v=spf1 mx:mx-fails.test -all"),
  MX ("mx-fails.test", "10 down.mx.test"),
  A ("down.mx.test", NULL),
  TXT ("mx-none.test", "v=spf1 mx -all"),
  TXT ("mx-error.test", "v=spf1 mx -all"),
  MX ("mx-error.test", NULL),
  TXT ("mx-voids.test", "v=spf1 mx:n1.test mx:n2.test mx:n3.test -all"),
  /* exists, with a macro of the address */
  TXT ("exists.test", "v=spf1 exists:%{i}.list.test -all"),
  A ("192.0.2.7.list.test", "127.0.0.2"),
  A ("192.0.2.8.list.test", NULL),
  /* include and redirect */
  TXT ("inc.test", "v=spf1 include:provider.test -all"),
  TXT ("provider.test", "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:5::/48 -all"),
  TXT ("inc-missing.test", "v=spf1 include:nothing.test -all"),
  TXT ("inc-error.test", "v=spf1 include:fails.test -all"),
  TXT ("fails.test", NULL),
  TXT ("inc-neutral.test", "v=spf1 include:neutral.test -all"),
  TXT ("neutral.test", "v=spf1 ?all"),
  TXT ("redirect.test", "v=spf1 ip4:203.0.113.1 redirect=neutral.test"),
  TXT ("redirect-nowhere.test", "v=spf1 redirect=nothing.test"),
  TXT ("no-all.test", "v=spf1 ip4:203.0.113.1"),
  TXT ("ptr.test", "v=spf1 ptr -all"),
  /* records that are not policies */
  TXT ("site.test", "google-site-verification=abc"),
  TXT ("site.test", "v=spf1 ip4:203.0.113.0/24 -all"),
  TXT ("only-other.test", "google-site-verification=abc"),
  TXT ("two.test", "v=spf1 -all"),
  TXT ("two.test", "v=spf1 +all"),
  TXT ("bad.test", "v=spf1 ip4:192.0.2.300 -all"),
  /* limits: eleven lookups that find nothing to match, three names that do not exist */
  TXT ("many.test", "v=spf1 a:h.test a:h.test a:h.test a:h.test a:h.test a:h.test "
       "a:h.test a:h.test a:h.test a:h.test a:h.test +all"),
  A ("h.test", "192.0.2.99"),
  TXT ("many-redirect.test", "v=spf1 a:h.test a:h.test a:h.test a:h.test a:h.test a:h.test "
       "a:h.test a:h.test a:h.test a:h.test redirect=neutral.test"),
  TXT ("voids.test", "v=spf1 a:nx1.test a:nx2.test a:nx3.test +all"),
  TXT ("loop.test", "v=spf1 include:loop.test -all"),
  PB_TEST_DNS_END
};

static PbSpfResult
check (const char *ip,
       const char *domain)
{
  g_autoptr(PbDomainDns) dns = pb_test_domain_dns_new (zone);
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);

  g_assert_nonnull (address);
  return pb_spf_check_host (dns, address, domain, "someone@example.test");
}

static void
test_a (void)
{
  g_assert_cmpint (check ("192.0.2.10", "a.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("192.0.2.11", "a.test"), ==, PB_SPF_RESULT_FAIL);
  g_assert_cmpint (check ("2001:db8::10", "a.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("2001:db8::11", "a.test"), ==, PB_SPF_RESULT_FAIL);
  /* /20 and //64: the prefix, not the whole address */
  g_assert_cmpint (check ("192.0.31.255", "net.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("192.0.32.1", "net.test"), ==, PB_SPF_RESULT_SOFTFAIL);
  g_assert_cmpint (check ("2001:db8:1:2:ffff::1", "net.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("2001:db8:1:3::1", "net.test"), ==, PB_SPF_RESULT_SOFTFAIL);
  /* An IPv4 sender is compared with A records only: the name's IPv6 address is no match,
   * and its missing A record counts as a void lookup, not as an error. */
  g_assert_cmpint (check ("192.0.2.99", "other-family.test"), ==, PB_SPF_RESULT_FAIL);
}

static void
test_mx (void)
{
  g_assert_cmpint (check ("198.51.100.1", "mx.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("198.51.100.2", "mx.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("198.51.100.3", "mx.test"), ==, PB_SPF_RESULT_NEUTRAL);
  /* The address of an MX host cannot be looked up: temperror, not a fail. */
  g_assert_cmpint (check ("198.51.100.3", "mx-broken.test"), ==, PB_SPF_RESULT_TEMPERROR);
  g_assert_cmpint (check ("198.51.100.3", "mx-error.test"), ==, PB_SPF_RESULT_TEMPERROR);
  /* No MX: one void lookup, allowed; three are not. */
  g_assert_cmpint (check ("198.51.100.3", "mx-none.test"), ==, PB_SPF_RESULT_FAIL);
  g_assert_cmpint (check ("198.51.100.3", "mx-voids.test"), ==, PB_SPF_RESULT_PERMERROR);
}

static void
test_exists (void)
{
  g_assert_cmpint (check ("192.0.2.7", "exists.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("192.0.2.9", "exists.test"), ==, PB_SPF_RESULT_FAIL);
  g_assert_cmpint (check ("192.0.2.8", "exists.test"), ==, PB_SPF_RESULT_TEMPERROR);
}

static void
test_include (void)
{
  g_assert_cmpint (check ("198.51.100.77", "inc.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("2001:db8:5:1::1", "inc.test"), ==, PB_SPF_RESULT_PASS);
  /* The include's own -all is no match for the including policy, whose -all decides. */
  g_assert_cmpint (check ("192.0.2.1", "inc.test"), ==, PB_SPF_RESULT_FAIL);
  g_assert_cmpint (check ("192.0.2.1", "inc-neutral.test"), ==, PB_SPF_RESULT_FAIL);
  /* An include without a policy is a permanent error (5.2), a failing lookup a temporary one. */
  g_assert_cmpint (check ("192.0.2.1", "inc-missing.test"), ==, PB_SPF_RESULT_PERMERROR);
  g_assert_cmpint (check ("192.0.2.1", "inc-error.test"), ==, PB_SPF_RESULT_TEMPERROR);
}

static void
test_redirect (void)
{
  g_assert_cmpint (check ("203.0.113.1", "redirect.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("203.0.113.2", "redirect.test"), ==, PB_SPF_RESULT_NEUTRAL);
  g_assert_cmpint (check ("203.0.113.2", "redirect-nowhere.test"), ==,
                   PB_SPF_RESULT_PERMERROR);
  /* Nothing matched and no redirect: neutral (4.7). */
  g_assert_cmpint (check ("203.0.113.2", "no-all.test"), ==, PB_SPF_RESULT_NEUTRAL);
  /* ptr is never matched here. */
  g_assert_cmpint (check ("203.0.113.2", "ptr.test"), ==, PB_SPF_RESULT_FAIL);
}

static void
test_policies (void)
{
  g_assert_cmpint (check ("203.0.113.9", "site.test"), ==, PB_SPF_RESULT_PASS);
  g_assert_cmpint (check ("192.0.2.1", "site.test"), ==, PB_SPF_RESULT_FAIL);
  g_assert_cmpint (check ("192.0.2.1", "only-other.test"), ==, PB_SPF_RESULT_NONE);
  g_assert_cmpint (check ("192.0.2.1", "nothing.test"), ==, PB_SPF_RESULT_NONE);
  g_assert_cmpint (check ("192.0.2.1", "fails.test"), ==, PB_SPF_RESULT_TEMPERROR);
  g_assert_cmpint (check ("192.0.2.1", "two.test"), ==, PB_SPF_RESULT_PERMERROR);
  g_assert_cmpint (check ("192.0.2.1", "bad.test"), ==, PB_SPF_RESULT_PERMERROR);
}

static void
test_limits (void)
{
  /* The eleventh lookup stops the check before +all is reached. */
  g_assert_cmpint (check ("192.0.2.1", "many.test"), ==, PB_SPF_RESULT_PERMERROR);
  /* Ten lookups are allowed; the redirect would be the eleventh. */
  g_assert_cmpint (check ("192.0.2.1", "many-redirect.test"), ==, PB_SPF_RESULT_PERMERROR);
  g_assert_cmpint (check ("192.0.2.1", "voids.test"), ==, PB_SPF_RESULT_PERMERROR);
  g_assert_cmpint (check ("192.0.2.1", "loop.test"), ==, PB_SPF_RESULT_PERMERROR);
}

static void
test_fetch (void)
{
  g_autoptr(PbDomainDns) dns = pb_test_domain_dns_new (zone);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PbSpfRecord *record = NULL;

  g_assert_cmpint (pb_spf_fetch_policy (dns, "site.test", &text, &record, &error), ==,
                   PB_SPF_FETCH_ONE);
  g_assert_cmpstr (text, ==, "v=spf1 ip4:203.0.113.0/24 -all");
  g_assert_nonnull (record);
  g_clear_pointer (&record, pb_spf_record_free);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (pb_spf_fetch_policy (dns, "bad.test", &text, &record, &error), ==,
                   PB_SPF_FETCH_INVALID);
  g_assert_cmpstr (text, ==, "v=spf1 ip4:192.0.2.300 -all");
  g_assert_null (record);
  g_assert_error (error, PB_SPF_RECORD_ERROR, PB_SPF_RECORD_ERROR_INVALID);
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (pb_spf_fetch_policy (dns, "two.test", &text, &record, NULL), ==,
                   PB_SPF_FETCH_MULTIPLE);
  g_assert_cmpint (pb_spf_fetch_policy (dns, "only-other.test", &text, &record, NULL), ==,
                   PB_SPF_FETCH_NONE);
  g_assert_cmpint (pb_spf_fetch_policy (dns, "fails.test", &text, &record, NULL), ==,
                   PB_SPF_FETCH_DNS_ERROR);
  g_assert_null (text);
  g_assert_null (record);
}

static gboolean
prefix_match (const char *a,
              const char *b,
              guint       len)
{
  g_autoptr(GInetAddress) x = g_inet_address_new_from_string (a);
  g_autoptr(GInetAddress) y = g_inet_address_new_from_string (b);

  return pb_spf_prefix_match (x, y, len);
}

static void
test_prefix_match (void)
{
  g_assert_true (prefix_match ("192.0.2.1", "192.0.2.1", 32));
  g_assert_false (prefix_match ("192.0.2.1", "192.0.2.2", 32));
  g_assert_true (prefix_match ("192.0.2.1", "192.0.2.254", 24));
  g_assert_true (prefix_match ("10.0.0.0", "10.127.255.255", 9));
  g_assert_false (prefix_match ("10.0.0.0", "10.128.0.0", 9));
  g_assert_true (prefix_match ("10.0.0.0", "11.0.0.0", 7));
  g_assert_false (prefix_match ("10.0.0.0", "11.0.0.0", 8));
  g_assert_true (prefix_match ("192.0.2.1", "203.0.113.9", 0));
  /* A prefix longer than the address is the whole address. */
  g_assert_true (prefix_match ("192.0.2.1", "192.0.2.1", 128));
  g_assert_false (prefix_match ("192.0.2.1", "192.0.2.3", 128));
  g_assert_true (prefix_match ("2001:db8::1", "2001:db8::ffff", 112));
  g_assert_false (prefix_match ("2001:db8::1", "2001:db9::1", 32));
  /* Different families never match. */
  g_assert_false (prefix_match ("192.0.2.1", "::ffff:192.0.2.1", 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spf-check-host/a", test_a);
  g_test_add_func ("/spf-check-host/mx", test_mx);
  g_test_add_func ("/spf-check-host/exists", test_exists);
  g_test_add_func ("/spf-check-host/include", test_include);
  g_test_add_func ("/spf-check-host/redirect", test_redirect);
  g_test_add_func ("/spf-check-host/policies", test_policies);
  g_test_add_func ("/spf-check-host/limits", test_limits);
  g_test_add_func ("/spf-check-host/fetch", test_fetch);
  g_test_add_func ("/spf-check-host/prefix-match", test_prefix_match);

  return g_test_run ();
}
