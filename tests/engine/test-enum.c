/* test-enum.c: registered enum values to and from their nicks, the names at the edge
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-discovery-result.h"
#include "pb-engine-enums.h"
#include "pb-enum.h"
#include "pb-problem.h"

static void
test_to_nick (void)
{
  g_assert_cmpstr (pb_enum_to_nick (PB_TYPE_PROBLEM, PB_PROBLEM_AUTH_FAILED), ==,
                   "auth-failed");
  g_assert_cmpstr (pb_enum_to_nick (PB_TYPE_PROBLEM, PB_PROBLEM_KEYRING_DISMISSED), ==,
                   "keyring-dismissed");
  g_assert_cmpstr (pb_enum_to_nick (PB_TYPE_DISCOVERY_SOURCE,
                                    PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP), ==, "autoconfig-http");
  g_assert_cmpstr (pb_enum_to_nick (PB_TYPE_SOURCE_STATE, PB_SOURCE_STATE_NOTHING), ==,
                   "nothing");
  /* A skipped value has no name: no problem, the number of sources. */
  g_assert_null (pb_enum_to_nick (PB_TYPE_PROBLEM, PB_PROBLEM_NONE));
  g_assert_null (pb_enum_to_nick (PB_TYPE_DISCOVERY_SOURCE, PB_DISCOVERY_N_SOURCES));
  g_assert_null (pb_enum_to_nick (PB_TYPE_PROBLEM, 100000));
}

static void
test_from_nick (void)
{
  int value = -1;

  g_assert_true (pb_enum_from_nick (PB_TYPE_PROBLEM, "tls-outdated", &value));
  g_assert_cmpint (value, ==, PB_PROBLEM_TLS_OUTDATED);
  g_assert_true (pb_enum_from_nick (PB_TYPE_DISCOVERY_SOURCE, "guess", &value));
  g_assert_cmpint (value, ==, PB_DISCOVERY_SOURCE_GUESS);

  /* Nothing else is a name, and *value stays as it was. */
  value = -1;
  g_assert_false (pb_enum_from_nick (PB_TYPE_PROBLEM, NULL, &value));
  g_assert_false (pb_enum_from_nick (PB_TYPE_PROBLEM, "", &value));
  g_assert_false (pb_enum_from_nick (PB_TYPE_PROBLEM, "none", &value));
  g_assert_false (pb_enum_from_nick (PB_TYPE_PROBLEM, "AUTH-FAILED", &value));
  g_assert_false (pb_enum_from_nick (PB_TYPE_PROBLEM, "PB_PROBLEM_AUTH_FAILED", &value));
  g_assert_false (pb_enum_from_nick (PB_TYPE_DISCOVERY_SOURCE, "auth-failed", &value));
  g_assert_cmpint (value, ==, -1);
}

/* The problem ids' own names: the wrappers keep PB_PROBLEM_NONE for "no id". */
static void
test_problem (void)
{
  g_assert_cmpstr (pb_problem_to_string (PB_PROBLEM_DETECT_FAILED), ==, "detect-failed");
  g_assert_cmpint (pb_problem_from_string ("not-found"), ==, PB_PROBLEM_NOT_FOUND);
  g_assert_cmpint (pb_problem_from_string ("no-such-problem"), ==, PB_PROBLEM_NONE);
  g_assert_cmpint (pb_problem_from_string (NULL), ==, PB_PROBLEM_NONE);
  g_assert_null (pb_problem_to_string (PB_PROBLEM_NONE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enum/to-nick", test_to_nick);
  g_test_add_func ("/enum/from-nick", test_from_nick);
  g_test_add_func ("/enum/problem", test_problem);
  return g_test_run ();
}
