/* pb-i18n.c: locale and message catalogue set-up, installed or from the build tree
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pb-i18n.h"

static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return FALSE;

  dir = g_path_get_dirname (exe);
  return g_str_has_prefix (dir, BUILD_ROOT "/") || g_str_equal (dir, BUILD_ROOT);
}

void
pb_i18n_init (void)
{
  const char *localedir = LOCALEDIR;

  if (setlocale (LC_ALL, "") == NULL)
    {
      /* The requested locale is not generated on this system (common in containers).
       * Keep UTF-8 and still honour the language through LANGUAGE. */
      const char *lang = g_getenv ("LC_ALL");

      if (lang == NULL || *lang == '\0')
        lang = g_getenv ("LC_MESSAGES");
      if (lang == NULL || *lang == '\0')
        lang = g_getenv ("LANG");
      if (g_getenv ("LANGUAGE") == NULL && lang != NULL && *lang != '\0')
        {
          g_auto(GStrv) parts = g_strsplit_set (lang, ".@", 2);
          g_setenv ("LANGUAGE", parts[0], TRUE);
        }
      setlocale (LC_ALL, "C.UTF-8");
    }
  else if (g_getenv ("LANGUAGE") != NULL && g_str_equal (setlocale (LC_MESSAGES, NULL), "C"))
    {
      /* gettext ignores LANGUAGE in the plain C locale; C.UTF-8 lets
       * “LANGUAGE=de postbote check …” work on a machine without LANG. */
      setlocale (LC_ALL, "C.UTF-8");
    }

  if (running_from_build_tree () && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    localedir = BUILD_LOCALEDIR;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
