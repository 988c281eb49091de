/* pb-fuzz-replay.c: main() of a fuzz target outside libFuzzer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the target once per file named on the command line (directories are walked, one
 * level), as libFuzzer would replay them. Prints TAP: one test per input, so a saved crash
 * that comes back fails with its file name. An absent directory counts as empty.
 */
#include "config.h"

#include <stdio.h>

#include "pb-fuzz.h"

__attribute__ ((weak)) int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (name[0] != '.' && g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_steal_pointer (&full));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_strdup (names->pdata[i]));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    collect (argv[i], files);

  printf ("1..%u\n", MAX (files->len, 1));
  if (files->len == 0)
    printf ("ok 1 # SKIP no inputs\n");
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      if (!g_file_get_contents (files->pdata[i], &contents, &len, &error))
        {
          printf ("not ok %u %s: %s\n", i + 1, (char *) files->pdata[i], error->message);
          continue;
        }
      fflush (stdout);
      /* A crash aborts the run; TAP then reports the plan as unfinished. */
      LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
      printf ("ok %u %s\n", i + 1, (char *) files->pdata[i]);
    }
  return 0;
}
