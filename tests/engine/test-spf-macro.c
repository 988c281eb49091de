/* test-spf-macro.c: SPF macro strings (RFC 7208 section 7) checked and expanded
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-test-util.h"
#include "pb-spf-macro.h"

static char *
expand (const char *text,
        const char *ip)
{
  g_autoptr(GInetAddress) address = ip != NULL ? g_inet_address_new_from_string (ip) : NULL;
  PbSpfMacroContext ctx = {
    .sender = "strong-bad@email.example.com",
    .domain = "email.example.com",
    .ip = address,
  };

  g_assert_true (pb_spf_macro_is_valid (text, TRUE));
  return pb_spf_macro_expand (text, &ctx);
}

static void
assert_expands (const char *text,
                const char *ip,
                const char *expected)
{
  g_autofree char *out = expand (text, ip);

  g_assert_cmpstr (out, ==, expected);
}

/* The table of RFC 7208 7.4, sender strong-bad@email.example.com from 192.0.2.3. */
static void
test_rfc_examples (void)
{
  static const char * const table[][2] = {
    { "%{s}", "strong-bad@email.example.com" },
    { "%{o}", "email.example.com" },
    { "%{d}", "email.example.com" },
    { "%{d4}", "email.example.com" },
    { "%{d3}", "email.example.com" },
    { "%{d2}", "example.com" },
    { "%{d1}", "com" },
    { "%{dr}", "com.example.email" },
    { "%{d2r}", "example.email" },
    { "%{l}", "strong-bad" },
    { "%{l-}", "strong.bad" },
    { "%{lr}", "strong-bad" },
    { "%{lr-}", "bad.strong" },
    { "%{l1r-}", "strong" },
    { "%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com" },
    { "%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com" },
    { "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}",
      "bad.strong.lp.3.2.0.192.in-addr._spf.example.com" },
    { "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
      "3.2.0.192.in-addr.strong.lp._spf.example.com" },
    { "%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net" },
    { "%{D2}.%{L1R-}", "example.com.strong" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    assert_expands (table[i][0], "192.0.2.3", table[i][1]);
  assert_expands ("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01",
                  "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
                  ".ip6._spf.example.com");
  assert_expands ("%{i}", "2001:db8::cb01",
                  "2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1");
}

static void
test_escapes (void)
{
  assert_expands ("a%%b", NULL, "a%b");
  assert_expands ("a%_b", NULL, "a b");
  assert_expands ("a%-b", NULL, "a%20b");
  assert_expands ("%{d127}", NULL, "email.example.com");
  assert_expands ("%{l+-}", NULL, "strong.bad");
  assert_expands ("plain.example.com", NULL, "plain.example.com");
}

/* Without an address, macros that need one cannot be expanded: NULL, not a guess. */
static void
test_without_ip (void)
{
  static const char * const need_ip[] = { "%{i}", "%{ir}.x", "%{v}.x", "%{p}", "x.%{c}" };

  for (guint i = 0; i < G_N_ELEMENTS (need_ip); i++)
    {
      g_autofree char *out = expand (need_ip[i], NULL);

      g_assert_null (out);
    }
  assert_expands ("%{l}.%{d}", NULL, "strong-bad.email.example.com");
}

/* The result is cut from the left to a domain name's 253 characters (7.3). */
static void
test_overlong (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *out = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append (text, "%{d}.");
  g_string_append (text, "tail.example");
  out = expand (text->str, NULL);
  g_assert_cmpuint (strlen (out), <=, 253);
  g_assert_cmpuint (strlen (out), >, 200);
  g_assert_true (g_str_has_suffix (out, ".email.example.com.tail.example"));
  g_assert_true (g_str_has_prefix (out, "email.") || g_str_has_prefix (out, "example.")
                 || g_str_has_prefix (out, "com."));
}

static void
test_validity (void)
{
  static const char * const valid[] = {
    "", "example.com", "%{d}", "%{d2r.-+,/_=}", "%{S}", "%{i128}", "%%%_%-", "a%{l}b",
  };
  static const char * const invalid[] = {
    "%", "%{", "%{}", "%{d", "%{d}%{", "%{x}", "%{d0}", "%{d129}", "%{d2rr}", "%{d2x}",
    "%{d 2}", "%a", "%(d)", "exa mple", "tab\there", "\x01", "\x7f", "ä", "\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (pb_spf_macro_is_valid (valid[i], FALSE));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (pb_spf_macro_is_valid (invalid[i], TRUE))
        g_test_message ("accepted: %s", invalid[i]);
      g_assert_false (pb_spf_macro_is_valid (invalid[i], TRUE));
    }
  /* c, r and t belong to explanations only (7.2). */
  g_assert_false (pb_spf_macro_is_valid ("%{c}", FALSE));
  g_assert_false (pb_spf_macro_is_valid ("%{r}", FALSE));
  g_assert_false (pb_spf_macro_is_valid ("%{t}", FALSE));
  g_assert_true (pb_spf_macro_is_valid ("%{c}%_%{r}%_%{t}", TRUE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spf-macro/rfc-examples", test_rfc_examples);
  g_test_add_func ("/spf-macro/escapes", test_escapes);
  g_test_add_func ("/spf-macro/without-ip", test_without_ip);
  g_test_add_func ("/spf-macro/overlong", test_overlong);
  g_test_add_func ("/spf-macro/validity", test_validity);

  return g_test_run ();
}
