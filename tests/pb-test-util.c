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
