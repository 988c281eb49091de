/* test-mta-sts.c: MTA-STS policy files (RFC 8461 3.2) parsed and refused, mx: patterns
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-util.h"
#include "pb-mta-sts.h"

static void
test_policy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbMtaStsPolicy) p = pb_mta_sts_policy_parse ("version: STSv1\r\nmode: enforce\r\n"
                                                         "mx: mail.example.com\r\n"
                                                         "mx: *.example.net\r\n"
                                                         "max_age: 604800\r\nfuture: x\r\n",
                                                         &error);
  g_autoptr(PbMtaStsPolicy) none = pb_mta_sts_policy_parse ("version: STSv1\nmode: none\n"
                                                            "max_age: 0\n", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (p->mode, ==, "enforce");
  g_assert_cmpuint (p->max_age, ==, 604800);
  g_assert_cmpuint (g_strv_length (p->patterns), ==, 2);
  g_assert_cmpstr (p->patterns[1], ==, "*.example.net");
  /* mode none may name no server. */
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none->patterns), ==, 0);
}

static void
test_refused (void)
{
  const char *bad[] = {
    "mode: enforce\nmx: a.example\nmax_age: 1\n",                        /* no version */
    "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",
    "version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1\n",
    "version: STSv1\nmode: enforce\nmx: a.example\n",                     /* no max_age */
    "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601\n",  /* over a year */
    "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n",
    "version: STSv1\nmode: enforce\nmax_age: 1\n",                        /* no mx */
    "version: STSv1\nmode enforce\nmx: a.example\nmax_age: 1\n",
    "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbMtaStsPolicy) p = pb_mta_sts_policy_parse (bad[i], &error);

      g_assert_null (p);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

/* A wildcard stands for exactly one label (RFC 8461 4.1). */
static void
test_patterns (void)
{
  g_assert_true (pb_mta_sts_pattern_matches ("mail.example.com", "MAIL.example.com"));
  g_assert_true (pb_mta_sts_pattern_matches ("*.example.com", "mx1.example.com"));
  g_assert_false (pb_mta_sts_pattern_matches ("*.example.com", "a.mx1.example.com"));
  g_assert_false (pb_mta_sts_pattern_matches ("*.example.com", "example.com"));
  g_assert_false (pb_mta_sts_pattern_matches ("*.example.com", ".example.com"));
  g_assert_false (pb_mta_sts_pattern_matches ("mail.example.com", "mail.example.org"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mta-sts/policy", test_policy);
  g_test_add_func ("/mta-sts/refused", test_refused);
  g_test_add_func ("/mta-sts/patterns", test_patterns);
  return g_test_run ();
}
