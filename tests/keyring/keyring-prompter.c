/* keyring-prompter.c: a person at the keyring's unlock prompt, for tests/keyring/keyring-run
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * keyring-prompter accept|cancel < PASSWORD
 *
 * Runs gcr's mock prompter on the session bus: it answers each password prompt of
 * gnome-keyring-daemon (started with GNOME_KEYRING_TEST_PROMPTER set to the bus name this
 * prints on its first line) by typing the password read from stdin, or by pressing Cancel.
 * It runs until SIGTERM.
 */
/* gcr says its API may change; the mock prompter is a test helper of its own. */
#define GCR_API_SUBJECT_TO_CHANGE
#include <gcr/gcr-base.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>

#define MAX_PROMPTS 32

static gboolean
on_term (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  char password[256] = "";
  gboolean accept;
  const char *name;

  if (argc != 2 || (!g_str_equal (argv[1], "accept") && !g_str_equal (argv[1], "cancel")))
    {
      fprintf (stderr, "usage: keyring-prompter accept|cancel < PASSWORD\n");
      return 2;
    }
  accept = g_str_equal (argv[1], "accept");
  if (accept && fgets (password, sizeof password, stdin) == NULL)
    {
      fprintf (stderr, "keyring-prompter: no password on stdin\n");
      return 2;
    }
  password[strcspn (password, "\n")] = '\0';

  name = gcr_mock_prompter_start ();
  for (guint i = 0; i < MAX_PROMPTS; i++)
    {
      if (accept)
        gcr_mock_prompter_expect_password_ok (password, NULL);
      else
        gcr_mock_prompter_expect_password_cancel ();
    }
  printf ("%s\n", name);
  fflush (stdout);

  g_unix_signal_add (SIGTERM, on_term, loop);
  g_main_loop_run (loop);
  gcr_mock_prompter_stop ();
  return 0;
}
