/* test-trust.c: an explicitly trusted certificate holds for one host and port only
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-trust.h"

#define FP1 "AB:CD:EF:01"
#define FP2 "12:34:56:78"

static void
test_one_place_only (void)
{
  g_autofree char *same = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *other_port = NULL;
  g_autofree char *other_host = NULL;

  g_assert_null (pb_trust_lookup ("mail.example.test", 465));
  g_assert_true (pb_trust_add ("mail.example.test", 465, FP1));

  same = pb_trust_lookup ("mail.example.test", 465);
  upper = pb_trust_lookup ("MAIL.Example.test", 465);
  other_port = pb_trust_lookup ("mail.example.test", 587);
  other_host = pb_trust_lookup ("example.test", 465);

  g_assert_cmpstr (same, ==, FP1);
  g_assert_cmpstr (upper, ==, FP1);
  g_assert_null (other_port);
  g_assert_null (other_host);
}

static void
test_replace (void)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (pb_trust_add ("smtp.example.test", 25, FP1));
  g_assert_true (pb_trust_add ("imap.example.test", 25, FP1));
  first = pb_trust_lookup ("smtp.example.test", 25);
  g_assert_cmpstr (first, ==, FP1);

  /* A new certificate for the same place replaces the old one and leaves the others. */
  g_assert_true (pb_trust_add ("smtp.example.test", 25, FP2));
  second = pb_trust_lookup ("smtp.example.test", 25);
  kept = pb_trust_lookup ("imap.example.test", 25);
  g_assert_cmpstr (second, ==, FP2);
  g_assert_cmpstr (kept, ==, FP1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trust/one-place-only", test_one_place_only);
  g_test_add_func ("/trust/replace", test_replace);

  return g_test_run ();
}
