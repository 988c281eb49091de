/* test-process.c: the process that may hold a password leaves no core dump
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main () calls pb_process_harden () for the window and the command line; test-check-cli.sh
 * checks the core limit of a running `postbote check` from outside, and check-cli-lab
 * searches its memory for the password.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include "pb-process.h"

/* As a process usually starts: dumpable, with a core limit above 0 when the hard limit
 * allows one, so that the tests can fail. */
static void
make_dumpable (void)
{
  struct rlimit limit;

  g_assert_cmpint (prctl (PR_SET_DUMPABLE, 1, 0, 0, 0), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_CORE, &limit), ==, 0);
  if (limit.rlim_max != 0)
    {
      limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? 1024 * 1024 : limit.rlim_max;
      g_assert_cmpint (setrlimit (RLIMIT_CORE, &limit), ==, 0);
    }
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
}

static void
assert_no_core (void)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_CORE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, ==, 0);
  g_assert_cmpuint (limit.rlim_max, ==, 0);
}

/* Each test runs in a subprocess: the hard core limit cannot be raised again. */
static void
test_harden (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  make_dumpable ();
  g_assert_true (pb_process_harden_for (FALSE));
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  assert_no_core ();
  /* Twice is fine: nothing fails when it is already done. */
  g_assert_true (pb_process_harden_for (FALSE));
}

/* In a Flatpak the process stays dumpable (portals must see its /proc/PID/root), and the
 * core limit alone keeps the dump away. */
static void
test_harden_flatpak (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  make_dumpable ();
  g_assert_true (pb_process_harden_for (TRUE));
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
  assert_no_core ();
}

/* pb_process_harden () itself, here outside a Flatpak. */
static void
test_harden_here (void)
{
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("runs inside a Flatpak");
      return;
    }
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  make_dumpable ();
  g_assert_true (pb_process_harden ());
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  assert_no_core ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/process/harden", test_harden);
  g_test_add_func ("/process/harden-flatpak", test_harden_flatpak);
  g_test_add_func ("/process/harden-here", test_harden_here);

  return g_test_run ();
}
