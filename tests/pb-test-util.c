/* pb-test-util.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-i18n.h"
#include "pb-test-util.h"

gboolean
pb_test_init_language (int    *argc,
                       char ***argv)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean german = language != NULL && g_str_has_prefix (language, "de");

  pb_i18n_init ();
  g_test_init (argc, argv, NULL);
  return german;
}

const PbProblemEntry *
pb_test_catalogue_entry (const char *id)
{
  for (guint i = 0; i < pb_problem_catalogue_len; i++)
    {
      if (g_str_equal (pb_problem_catalogue[i].id, id))
        return &pb_problem_catalogue[i];
    }
  g_error ("no catalogue entry for “%s”", id);
}

char *
pb_test_ispdb_corpus_dir (void)
{
  const char *corpus = g_getenv ("PB_CORPUS_DIR");
  g_autofree char *dir_path = NULL;

  if (corpus == NULL)
    {
      pb_test_skip_harness ("PB_CORPUS_DIR is not set; run through meson test");
      return NULL;
    }
  dir_path = g_build_filename (corpus, "ispdb", NULL);
  if (!g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *msg = g_strdup_printf ("ISPDB corpus %s is absent", dir_path);
      pb_test_skip_harness (msg);
      return NULL;
    }
  return g_steal_pointer (&dir_path);
}

/* A subtest whose harness is missing: skipped on a developer's machine, failed in CI
 * (PB_REQUIRE_ALL, see tests/meson.build). */
void
pb_test_skip_harness (const char *reason)
{
  if (g_strcmp0 (g_getenv ("PB_REQUIRE_ALL"), "1") == 0)
    g_test_fail_printf ("%s, and every harness is required", reason);
  else
    g_test_skip (reason);
}

#ifdef __GLIBC__
extern int _nl_msg_cat_cntr;
#endif

void
pb_test_set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
#ifdef __GLIBC__
  /* glibc caches translations until told the catalogue may have changed. */
  ++_nl_msg_cat_cntr;
#endif
}
