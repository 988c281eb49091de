/* test-spf-record.c: SPF records (RFC 7208) parsed, refused, and extended by one term
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-test-util.h"
#include "pb-spf-record.h"

static PbSpfRecord *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbSpfRecord *record = pb_spf_record_parse (text, &error);

  if (error != NULL)
    g_test_message ("refused: %s: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbSpfRecord) record = pb_spf_record_parse (text, &error);

  if (record != NULL)
    g_test_message ("accepted: %s", text);
  g_assert_null (record);
  g_assert_error (error, PB_SPF_RECORD_ERROR, PB_SPF_RECORD_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
}

static PbSpfMechanism *
mech (PbSpfRecord *record,
      guint        i)
{
  g_assert_cmpuint (i, <, record->mechanisms->len);
  return g_ptr_array_index (record->mechanisms, i);
}

static char *
network_text (PbSpfMechanism *m)
{
  g_assert_nonnull (m->network);
  return g_inet_address_mask_to_string (m->network);
}

static void
test_is_spf (void)
{
  g_assert_true (pb_spf_record_is_spf ("v=spf1"));
  g_assert_true (pb_spf_record_is_spf ("v=spf1 -all"));
  g_assert_true (pb_spf_record_is_spf ("V=SPF1 -all"));
  g_assert_false (pb_spf_record_is_spf ("v=spf10 -all"));
  g_assert_false (pb_spf_record_is_spf ("v=spf1a"));
  g_assert_false (pb_spf_record_is_spf ("v=spf1\t-all"));
  g_assert_false (pb_spf_record_is_spf (" v=spf1 -all"));
  g_assert_false (pb_spf_record_is_spf ("google-site-verification=abc"));
  g_assert_false (pb_spf_record_is_spf ("v=spf"));
  g_assert_false (pb_spf_record_is_spf (""));
  g_assert_false (pb_spf_record_is_spf (NULL));
}

/* Every mechanism with and without its argument, and every qualifier. */
static void
test_mechanisms (void)
{
  g_autoptr(PbSpfRecord) r = parse_ok ("v=spf1 +a -mx ~ptr ?include:_spf.example.com "
                                       "exists:%{i}.bl.example.org ip4:192.0.2.0/24 "
                                       "ip6:2001:db8::/32 a:mail.example.com mx:example.net "
                                       "ptr:example.org -all");
  static const PbSpfMechanismType types[] = {
    PB_SPF_MECH_A, PB_SPF_MECH_MX, PB_SPF_MECH_PTR, PB_SPF_MECH_INCLUDE, PB_SPF_MECH_EXISTS,
    PB_SPF_MECH_IP4, PB_SPF_MECH_IP6, PB_SPF_MECH_A, PB_SPF_MECH_MX, PB_SPF_MECH_PTR,
    PB_SPF_MECH_ALL,
  };
  static const PbSpfQualifier qualifiers[] = {
    PB_SPF_PASS, PB_SPF_FAIL, PB_SPF_SOFTFAIL, PB_SPF_NEUTRAL, PB_SPF_PASS, PB_SPF_PASS,
    PB_SPF_PASS, PB_SPF_PASS, PB_SPF_PASS, PB_SPF_PASS, PB_SPF_FAIL,
  };
  static const char * const domains[] = {
    NULL, NULL, NULL, "_spf.example.com", "%{i}.bl.example.org", NULL, NULL,
    "mail.example.com", "example.net", "example.org", NULL,
  };

  g_assert_cmpuint (r->mechanisms->len, ==, G_N_ELEMENTS (types));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_assert_cmpint (mech (r, i)->type, ==, types[i]);
      g_assert_cmpint (mech (r, i)->qualifier, ==, qualifiers[i]);
      g_assert_cmpstr (mech (r, i)->domain, ==, domains[i]);
    }
  g_assert_null (r->redirect);
  g_assert_null (r->exp);
  g_assert_cmpint (mech (r, 0)->cidr4, ==, -1);
  g_assert_cmpint (mech (r, 0)->cidr6, ==, -1);
}

/* The examples of RFC 7208 section 5 and appendix A. */
static void
test_rfc_examples (void)
{
  static const char * const records[] = {
    "v=spf1 +all", "v=spf1 a -all", "v=spf1 a:example.org -all", "v=spf1 mx -all",
    "v=spf1 mx:example.org -all", "v=spf1 mx mx:example.org -all",
    "v=spf1 mx/30 mx:example.org/30 -all", "v=spf1 ptr -all",
    "v=spf1 ip4:192.0.2.128/28 -all", "v=spf1 -ptr +all",
    "v=spf1 include:example.com include:example.net -all",
    "v=spf1 redirect=_spf.example.com", "v=spf1 mx -all exp=explain._spf.%{d}",
    "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all",
    "v=spf1 a/24 mx/24 -all", "v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all",
    "v=spf1 -exists:%(ir).sbl.example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (records) - 1; i++)
    {
      g_autoptr(PbSpfRecord) r = parse_ok (records[i]);

      g_assert_nonnull (r);
    }
  /* "%(" is no macro: a "%" must be followed by "{", "%", "_" or "-". */
  assert_refused (records[G_N_ELEMENTS (records) - 1]);
}

static void
test_modifiers (void)
{
  g_autoptr(PbSpfRecord) r = parse_ok ("v=spf1 mx redirect=_spf.example.com "
                                       "exp=explain.%{d} foo=bar x-new=%{d}.x");
  g_autoptr(PbSpfRecord) upper = parse_ok ("v=spf1 REDIRECT=_spf.example.com");

  g_assert_cmpuint (r->mechanisms->len, ==, 1);
  g_assert_cmpstr (r->redirect, ==, "_spf.example.com");
  g_assert_cmpstr (r->exp, ==, "explain.%{d}");
  g_assert_cmpstr (upper->redirect, ==, "_spf.example.com");
  /* Each at most once (6). */
  assert_refused ("v=spf1 redirect=a.example.com redirect=b.example.com");
  assert_refused ("v=spf1 exp=a.example.com exp=b.example.com");
  assert_refused ("v=spf1 redirect=");
  assert_refused ("v=spf1 redirect=example");
  assert_refused ("v=spf1 1foo=bar");
  assert_refused ("v=spf1 =bar");
  assert_refused ("v=spf1 foo=%{");
  assert_refused ("v=spf1 foo=ä");
}

/* CIDR lengths of a and mx, single and dual, and those out of range. */
static void
test_cidr (void)
{
  g_autoptr(PbSpfRecord) r = parse_ok ("v=spf1 a/24 mx//64 a:example.com/28//96 "
                                       "mx:%{d}.example.org/0 a/32//128");

  g_assert_cmpint (mech (r, 0)->cidr4, ==, 24);
  g_assert_cmpint (mech (r, 0)->cidr6, ==, -1);
  g_assert_null (mech (r, 0)->domain);
  g_assert_cmpint (mech (r, 1)->cidr4, ==, -1);
  g_assert_cmpint (mech (r, 1)->cidr6, ==, 64);
  g_assert_cmpstr (mech (r, 2)->domain, ==, "example.com");
  g_assert_cmpint (mech (r, 2)->cidr4, ==, 28);
  g_assert_cmpint (mech (r, 2)->cidr6, ==, 96);
  g_assert_cmpstr (mech (r, 3)->domain, ==, "%{d}.example.org");
  g_assert_cmpint (mech (r, 3)->cidr4, ==, 0);
  g_assert_cmpint (mech (r, 4)->cidr4, ==, 32);
  g_assert_cmpint (mech (r, 4)->cidr6, ==, 128);

  assert_refused ("v=spf1 a/33");
  assert_refused ("v=spf1 a//129");
  assert_refused ("v=spf1 mx/99999999999999999999");
  assert_refused ("v=spf1 a//18446744073709551617");
  assert_refused ("v=spf1 a/024");
  assert_refused ("v=spf1 a//64/24");
  assert_refused ("v=spf1 a/-1");
  assert_refused ("v=spf1 a/");
  assert_refused ("v=spf1 ip4:192.0.2.0/33");
  assert_refused ("v=spf1 ip4:192.0.2.0/4294967320");
  assert_refused ("v=spf1 ip6:2001:db8::/129");
  assert_refused ("v=spf1 ip4:192.0.2.0/");
  assert_refused ("v=spf1 ip4:192.0.2.0/08");
  assert_refused ("v=spf1 ip4:192.0.2.0//64");
}

/* ip4 and ip6 networks; host bits are dropped, as receivers ignore them. */
static void
test_networks (void)
{
  g_autoptr(PbSpfRecord) r = parse_ok ("v=spf1 ip4:192.0.2.1 ip4:192.0.2.77/24 "
                                       "ip6:2001:DB8::1 ip6:2001:db8:1:2::/48 ip6:::1 "
                                       "ip6:::ffff:192.0.2.1/128 ip4:0.0.0.0/0");
  g_autofree char *host = network_text (mech (r, 0));
  g_autofree char *net = network_text (mech (r, 1));
  g_autofree char *v6 = network_text (mech (r, 2));
  g_autofree char *v6net = network_text (mech (r, 3));
  g_autofree char *any = network_text (mech (r, 6));

  g_assert_cmpstr (host, ==, "192.0.2.1");
  g_assert_cmpstr (net, ==, "192.0.2.0/24");
  g_assert_cmpstr (v6, ==, "2001:db8::1");
  g_assert_cmpstr (v6net, ==, "2001:db8:1::/48");
  g_assert_cmpstr (any, ==, "0.0.0.0/0");
  g_assert_cmpint (g_inet_address_mask_get_family (mech (r, 4)->network), ==,
                   G_SOCKET_FAMILY_IPV6);
  g_assert_cmpint (g_inet_address_mask_get_family (mech (r, 5)->network), ==,
                   G_SOCKET_FAMILY_IPV6);

  assert_refused ("v=spf1 ip4");
  assert_refused ("v=spf1 ip4:");
  assert_refused ("v=spf1 ip4:192.0.2");
  assert_refused ("v=spf1 ip4:192.0.2.256");
  assert_refused ("v=spf1 ip4:2001:db8::1");
  assert_refused ("v=spf1 ip4:::ffff:192.0.2.1");
  assert_refused ("v=spf1 ip4:mail.example.com");
  assert_refused ("v=spf1 ip6:192.0.2.1");
  assert_refused ("v=spf1 ip6:2001:db8:::1");
  assert_refused ("v=spf1 ip6:fe80::1%eth0");
  assert_refused ("v=spf1 ip4/24");
}

/* Domain specifications: a top label after a dot, or a macro at the end. */
static void
test_domains (void)
{
  g_autoptr(PbSpfRecord) r = parse_ok ("v=spf1 a:example.com. include:xn--bckerei-wxa.de "
                                       "include:%{d} exists:%{l}.%{d}.x-1.example "
                                       "a:mail.example.com%%");

  g_assert_cmpstr (mech (r, 0)->domain, ==, "example.com.");
  g_assert_cmpstr (mech (r, 1)->domain, ==, "xn--bckerei-wxa.de");
  g_assert_cmpstr (mech (r, 2)->domain, ==, "%{d}");

  assert_refused ("v=spf1 include");
  assert_refused ("v=spf1 include:");
  assert_refused ("v=spf1 exists");
  assert_refused ("v=spf1 include:example");
  assert_refused ("v=spf1 include:example.123");
  assert_refused ("v=spf1 include:example.-com");
  assert_refused ("v=spf1 include:example.com-");
  assert_refused ("v=spf1 include:example..");
  assert_refused ("v=spf1 include:bäckerei.de");
  assert_refused ("v=spf1 include:example.com}");
  assert_refused ("v=spf1 include:%{d}}");
  assert_refused ("v=spf1 include:%{d");
  assert_refused ("v=spf1 include:x.%{");
  assert_refused ("v=spf1 include:%{x}.example.com");
  assert_refused ("v=spf1 include:%{c}.example.com");
  assert_refused ("v=spf1 include:%{d0}.example.com");
  assert_refused ("v=spf1 include:100%.example.com");
  assert_refused ("v=spf1 a:example.com/24:foo");
  assert_refused ("v=spf1 all:example.com");
  assert_refused ("v=spf1 -all/24");
}

/* Names are case-insensitive (4.6.1); anything else is not a term. */
static void
test_terms (void)
{
  g_autoptr(PbSpfRecord) upper = parse_ok ("V=SPF1 A MX:EXAMPLE.COM -ALL");
  g_autoptr(PbSpfRecord) spaces = parse_ok ("v=spf1   mx    -all  ");
  g_autoptr(PbSpfRecord) bare = parse_ok ("v=spf1");

  g_assert_cmpuint (upper->mechanisms->len, ==, 3);
  g_assert_cmpint (mech (upper, 2)->type, ==, PB_SPF_MECH_ALL);
  g_assert_cmpint (mech (upper, 2)->qualifier, ==, PB_SPF_FAIL);
  g_assert_cmpuint (spaces->mechanisms->len, ==, 2);
  g_assert_cmpuint (bare->mechanisms->len, ==, 0);

  assert_refused ("v=spf1 -");
  assert_refused ("v=spf1 +-all");
  assert_refused ("v=spf1 allow");
  assert_refused ("v=spf1 ip5:192.0.2.1");
  assert_refused ("v=spf1 mx\t-all");
  assert_refused ("v=spf1 mx -all\r\n");
  assert_refused ("v=spf1 a:exa\x01mple.com");
  assert_refused ("v=spf1 a:exa\x7fmple.com");
  assert_refused ("v=spf1 \xc3\xa4");
  assert_refused ("v=spf1 a:\xff\xfe.example.com");
  assert_refused ("spf1 -all");
  assert_refused ("");
}

/* Hostile sizes: the parser has no limit of its own, it must just not break. */
static void
test_overlong (void)
{
  g_autoptr(GString) many = g_string_new ("v=spf1");
  g_autoptr(GString) label = g_string_new ("v=spf1 include:");
  g_autoptr(PbSpfRecord) r = NULL;
  g_autoptr(PbSpfRecord) l = NULL;
  g_autofree char *macros = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (many, " ip4:10.%u.%u.0/24", i / 256, i % 256);
  r = parse_ok (many->str);
  g_assert_cmpuint (r->mechanisms->len, ==, 5000);
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (label, 'a');
  g_string_append (label, ".example");
  l = parse_ok (label->str);
  g_assert_cmpuint (strlen (mech (l, 0)->domain), ==, 100008);
  macros = g_strconcat ("v=spf1 exists:%{d129}.example.com", NULL);
  assert_refused (macros);
}

static char *
with_include (const char *text)
{
  char *out = pb_spf_record_with_term (text, "include:_spf.provider.example");
  g_autoptr(PbSpfRecord) parsed = parse_ok (out);
  const char *again = strstr (out + 1, "v=spf1");

  /* One record, never a second one beside or inside it. */
  g_assert_null (again);
  g_assert_nonnull (parsed);
  return out;
}

static void
test_with_term (void)
{
  g_autofree char *none = with_include (NULL);
  g_autofree char *other = with_include ("google-site-verification=abc");
  g_autofree char *all = with_include ("v=spf1 mx -all");
  g_autofree char *soft = with_include ("v=spf1 ip4:192.0.2.1 a ~ALL exp=x.%{d}");
  g_autofree char *redirect = with_include ("v=spf1 mx redirect=_spf.example.com");
  g_autofree char *both = with_include ("v=spf1 ?all redirect=_spf.example.com");
  g_autofree char *no_all = with_include ("v=spf1 mx a:out.example.com");
  g_autofree char *empty = with_include ("v=spf1");
  g_autofree char *spaced = with_include ("v=spf1  mx   -all ");
  g_autofree char *exp_first = with_include ("v=spf1 exp=x.%{d} mx -all");
  g_autofree char *modifier_first = with_include ("v=spf1 foo=bar mx");
  g_autofree char *macro = with_include ("v=spf1 exists:%{l}.x=y.example.com -all");

  g_assert_cmpstr (none, ==, "v=spf1 include:_spf.provider.example ~all");
  g_assert_cmpstr (other, ==, "v=spf1 include:_spf.provider.example ~all");
  g_assert_cmpstr (all, ==, "v=spf1 mx include:_spf.provider.example -all");
  g_assert_cmpstr (soft, ==, "v=spf1 ip4:192.0.2.1 a include:_spf.provider.example ~ALL "
                   "exp=x.%{d}");
  g_assert_cmpstr (redirect, ==, "v=spf1 mx include:_spf.provider.example "
                   "redirect=_spf.example.com");
  g_assert_cmpstr (both, ==, "v=spf1 include:_spf.provider.example ?all "
                   "redirect=_spf.example.com");
  g_assert_cmpstr (no_all, ==, "v=spf1 mx a:out.example.com include:_spf.provider.example");
  g_assert_cmpstr (empty, ==, "v=spf1 include:_spf.provider.example");
  g_assert_cmpstr (spaced, ==, "v=spf1 mx include:_spf.provider.example -all");
  /* An all comes first even after a modifier; without one, the first modifier. */
  g_assert_cmpstr (exp_first, ==, "v=spf1 exp=x.%{d} mx include:_spf.provider.example -all");
  g_assert_cmpstr (modifier_first, ==, "v=spf1 include:_spf.provider.example foo=bar mx");
  g_assert_cmpstr (macro, ==, "v=spf1 exists:%{l}.x=y.example.com "
                   "include:_spf.provider.example -all");
}

/* Several policies become one whatever order DNS answered in; the strictest all stays. */
static void
test_merge (void)
{
  const char *ab[] = { "v=spf1 ip4:192.0.2.1 ~all", "v=spf1 mx -all", "other text", NULL };
  const char *ba[] = { "other text", "v=spf1 mx -all", "v=spf1 ip4:192.0.2.1 ~all", NULL };
  const char *soft[] = { "v=spf1 ?all", "v=spf1 a ~all", NULL };
  const char *none[] = { "v=spf1 a", "v=spf1 a mx", NULL };
  g_autofree char *m1 = pb_spf_records_merge (ab, "include:_spf.provider.example");
  g_autofree char *m2 = pb_spf_records_merge (ba, "include:_spf.provider.example");
  g_autofree char *m3 = pb_spf_records_merge (soft, NULL);
  g_autofree char *m4 = pb_spf_records_merge (none, "a");

  g_assert_cmpstr (m1, ==, "v=spf1 ip4:192.0.2.1 mx include:_spf.provider.example -all");
  g_assert_cmpstr (m2, ==, m1);
  g_assert_cmpstr (m3, ==, "v=spf1 a ~all");
  g_assert_cmpstr (m4, ==, "v=spf1 a mx ~all");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spf-record/is-spf", test_is_spf);
  g_test_add_func ("/spf-record/mechanisms", test_mechanisms);
  g_test_add_func ("/spf-record/rfc-examples", test_rfc_examples);
  g_test_add_func ("/spf-record/modifiers", test_modifiers);
  g_test_add_func ("/spf-record/cidr", test_cidr);
  g_test_add_func ("/spf-record/networks", test_networks);
  g_test_add_func ("/spf-record/domains", test_domains);
  g_test_add_func ("/spf-record/terms", test_terms);
  g_test_add_func ("/spf-record/overlong", test_overlong);
  g_test_add_func ("/spf-record/with-term", test_with_term);
  g_test_add_func ("/spf-record/merge", test_merge);

  return g_test_run ();
}
