/* test-spf-eval.c: the walk of a whole SPF policy against DNS answers from a table
 * (pb-test-resolver.c): what the lab's dnsmasq cannot answer (a failing lookup), includes
 * that lead nowhere, redirects, and the check of a server of the domain's own
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-test-resolver.h"
#include "pb-test-util.h"
#include "pb-spf-eval.h"

#define TXT(name, value)  { PB_DOMAIN_DNS_TXT, name, value }
#define A(name, value)    { PB_DOMAIN_DNS_A, name, value }
#define AAAA(name, value) { PB_DOMAIN_DNS_AAAA, name, value }
#define MX(name, value)   { PB_DOMAIN_DNS_MX, name, value }

static const PbTestDnsRecord zone[] = {
  TXT ("fails.test", NULL),
  TXT ("inc-fails.test", "v=spf1 include:fails.test -all"),
  TXT ("inc-missing.test", "v=spf1 include:nothing.test -all"),
  TXT ("inc-two.test", "v=spf1 include:two.test -all"),
  TXT ("two.test", "v=spf1 -all"),
  TXT ("two.test", "v=spf1 ~all"),
  TXT ("inc-bad.test", "v=spf1 include:bad.test -all"),
  TXT ("bad.test", "v=spf1 ip4:192.0.2.300 -all"),
  TXT ("a-fails.test", "v=spf1 a:down.test -all"),
  A ("down.test", NULL),
  TXT ("v6.test", "v=spf1 a:v6host.test a:nx.test -all"),
  AAAA ("v6host.test", "2001:db8::1"),
  TXT ("ptr.test", "v=spf1 ptr include:%{i}.list.test -all"),
  /* a redirect, followed and counted; with "all" it is never used (6.1) */
  TXT ("redirect.test", "v=spf1 mx redirect=_spf.provider.test"),
  MX ("redirect.test", "10 mx.redirect.test"),
  TXT ("_spf.provider.test", "v=spf1 ip4:198.51.100.0/24 ~all"),
  TXT ("redirect-many.test", "v=spf1 a a a a a a a a a a redirect=_spf.provider.test"),
  A ("redirect-many.test", "192.0.2.1"),
  TXT ("redirect-all.test", "v=spf1 -all redirect=_spf.provider.test"),
  TXT ("redirect-macro.test", "v=spf1 redirect=%{i}.list.test"),
  /* a server of the domain's own: SMTP answers at two addresses, one not allowed */
  TXT ("own.test", "v=spf1 a:smtp.own.test ip6:2001:db8:7::/48 -all"),
  A ("smtp.own.test", "192.0.2.25"),
  AAAA ("smtp.own.test", "2001:db8:7::25"),
  A ("smtp2.own.test", "192.0.2.26"),
  AAAA ("smtp2.own.test", "2001:db8:7::26"),
  TXT ("nameless.test", "v=spf1 mx -all"),
  PB_TEST_DNS_END
};

static PbSpfReport *
run_for (const char *domain,
         const char *provider_domain,
         const char *server_host)
{
  g_autoptr(PbDomainDns) dns = pb_test_domain_dns_new (zone);
  g_autofree char *sender = g_strconcat ("someone@", domain, NULL);
  PbSpfQuery query = { sender, domain, provider_domain, server_host };

  return pb_spf_eval_run (dns, &query);
}

static PbSpfReport *
run (const char *domain)
{
  return run_for (domain, "_spf.provider.test", NULL);
}

static void
test_dns_error (void)
{
  g_autoptr(PbSpfReport) top = run ("fails.test");
  g_autoptr(PbSpfReport) included = run ("inc-fails.test");
  g_autoptr(PbSpfReport) a = run ("a-fails.test");

  /* The failing name is said: the person asks its DNS provider about that one. */
  g_assert_cmpint (top->status, ==, PB_SPF_STATUS_DNS_ERROR);
  g_assert_cmpstr (top->detail, ==, "fails.test");
  g_assert_null (top->record);
  g_assert_null (top->publish);
  g_assert_cmpint (included->status, ==, PB_SPF_STATUS_DNS_ERROR);
  g_assert_cmpstr (included->detail, ==, "fails.test");
  g_assert_cmpstr (included->record, ==, "v=spf1 include:fails.test -all");
  g_assert_cmpint (a->status, ==, PB_SPF_STATUS_DNS_ERROR);
  g_assert_cmpstr (a->detail, ==, "down.test");
}

static void
test_include_broken (void)
{
  g_autoptr(PbSpfReport) missing = run ("inc-missing.test");
  g_autoptr(PbSpfReport) two = run ("inc-two.test");
  g_autoptr(PbSpfReport) bad = run ("inc-bad.test");

  /* An include without one policy is invalid for the including domain, with its name. */
  g_assert_cmpint (missing->status, ==, PB_SPF_STATUS_INVALID);
  g_assert_cmpint (missing->reason, ==, PB_SPF_REASON_INCLUDE_MISSING);
  g_assert_cmpstr (missing->detail, ==, "nothing.test");
  g_assert_cmpint (two->status, ==, PB_SPF_STATUS_INVALID);
  g_assert_cmpint (two->reason, ==, PB_SPF_REASON_INCLUDE_MISSING);
  g_assert_cmpstr (two->detail, ==, "two.test");
  /* A syntax error deeper down names the domain whose record it is in. */
  g_assert_cmpint (bad->status, ==, PB_SPF_STATUS_INVALID);
  g_assert_cmpint (bad->reason, ==, PB_SPF_REASON_SYNTAX);
  g_assert_true (g_str_has_prefix (bad->detail, "bad.test: "));
  g_assert_nonnull (strstr (bad->detail, "ip4:192.0.2.300"));
  g_assert_null (bad->publish);
}

static void
test_terms (void)
{
  g_autoptr(PbSpfReport) v6 = run_for ("v6.test", NULL, "smtp.own.test");
  g_autoptr(PbSpfReport) ptr = run ("ptr.test");

  /* a: a name with only an IPv6 address exists; nx.test does not (one void lookup). */
  g_assert_cmpuint (v6->lookups, ==, 2);
  g_assert_cmpuint (v6->void_lookups, ==, 1);
  /* ptr and an include of the sending address's macro are counted, not followed. */
  g_assert_cmpuint (ptr->lookups, ==, 2);
  g_assert_cmpuint (ptr->void_lookups, ==, 0);
  g_assert_cmpint (ptr->status, ==, PB_SPF_STATUS_NOT_AUTHORIZED);
}

static void
test_redirect (void)
{
  g_autoptr(PbSpfReport) redirect = run ("redirect.test");
  g_autoptr(PbSpfReport) with_all = run ("redirect-all.test");
  g_autoptr(PbSpfReport) macro = run ("redirect-macro.test");
  g_autoptr(PbSpfReport) many = run ("redirect-many.test");

  /* The provider's domain is reached through the redirect: the mx and the redirect count. */
  g_assert_cmpint (redirect->status, ==, PB_SPF_STATUS_OK);
  g_assert_cmpuint (redirect->lookups, ==, 2);
  g_assert_null (redirect->publish);
  g_assert_cmpint (with_all->status, ==, PB_SPF_STATUS_NOT_AUTHORIZED);
  g_assert_cmpuint (with_all->lookups, ==, 0);
  g_assert_cmpstr (with_all->publish, ==, "v=spf1 include:_spf.provider.test -all "
                   "redirect=_spf.provider.test");
  g_assert_cmpint (macro->status, ==, PB_SPF_STATUS_NOT_AUTHORIZED);
  g_assert_cmpuint (macro->lookups, ==, 1);
  /* The redirect counts as the eleventh lookup: too many, before it is followed. */
  g_assert_cmpint (many->status, ==, PB_SPF_STATUS_TOO_MANY_LOOKUPS);
  g_assert_cmpuint (many->lookups, ==, 11);
}

static void
test_own_server (void)
{
  g_autoptr(PbSpfReport) ok = run_for ("own.test", NULL, "smtp.own.test");
  g_autoptr(PbSpfReport) other = run_for ("own.test", NULL, "smtp2.own.test");
  g_autoptr(PbSpfReport) unknown = run_for ("own.test", NULL, "nx.own.test");
  g_autoptr(PbSpfReport) nothing = run_for ("nameless.test", NULL, NULL);

  g_assert_cmpint (ok->status, ==, PB_SPF_STATUS_OK);
  g_assert_null (ok->failing);
  /* Each address of the server is checked: the IPv4 one fails, the IPv6 one passes. */
  g_assert_cmpint (other->status, ==, PB_SPF_STATUS_NOT_AUTHORIZED);
  g_assert_nonnull (other->failing);
  g_assert_cmpstr (other->failing[0], ==, "192.0.2.26");
  g_assert_null (other->failing[1]);
  g_assert_cmpstr (other->publish, ==, "v=spf1 a:smtp.own.test ip6:2001:db8:7::/48 "
                   "a:smtp2.own.test -all");
  /* A server without an address cannot be checked: said as a failed lookup of its name. */
  g_assert_cmpint (unknown->status, ==, PB_SPF_STATUS_DNS_ERROR);
  g_assert_cmpstr (unknown->detail, ==, "nx.own.test");
  /* Neither a provider nor a server: valid, with nothing to check it against. */
  g_assert_cmpint (nothing->status, ==, PB_SPF_STATUS_OK);
  g_assert_cmpint (nothing->reason, ==, PB_SPF_REASON_NO_SERVER);
  g_assert_null (nothing->publish);
}

static void
test_status_names (void)
{
  PbSpfStatus status;

  g_assert_cmpstr (pb_spf_status_to_string (PB_SPF_STATUS_DNS_ERROR), ==, "dns-error");
  g_assert_true (pb_spf_status_from_string ("too-many-lookups", &status));
  g_assert_cmpint (status, ==, PB_SPF_STATUS_TOO_MANY_LOOKUPS);
  g_assert_false (pb_spf_status_from_string ("fine", &status));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spf-eval/dns-error", test_dns_error);
  g_test_add_func ("/spf-eval/include-broken", test_include_broken);
  g_test_add_func ("/spf-eval/terms", test_terms);
  g_test_add_func ("/spf-eval/redirect", test_redirect);
  g_test_add_func ("/spf-eval/own-server", test_own_server);
  g_test_add_func ("/spf-eval/status-names", test_status_names);

  return g_test_run ();
}
