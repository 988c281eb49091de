/* pb-gui-test-browser.c: the lab's browser as this HOME's default browser
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-gui-test-browser.h"

#define DESKTOP_ID "postbote-lab-browser.desktop"

static char *dir;   /* the browser's own: its script, what it opened, its output */

static char *
path_of (const char *name)
{
  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* The administrator's preset of the lab, as /usr/share/postbote/providers would hold it. */
static void
install_preset (const char *srcdir)
{
  g_autofree char *presets = path_of ("presets");
  g_autofree char *postbote = g_build_filename (presets, "postbote", NULL);
  g_autofree char *link = g_build_filename (postbote, "providers", NULL);
  g_autofree char *target = g_build_filename (srcdir, "providers", NULL);
  const char *system = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *dirs = NULL;

  g_assert_cmpint (g_mkdir_with_parents (postbote, 0700), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  dirs = g_strdup_printf ("%s:%s", presets,
                          system != NULL && *system != '\0' ? system : "/usr/local/share:/usr/share");
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
}

void
pb_test_browser_install (void)
{
  const char *home = g_getenv ("HOME");
  const char *srcdir = g_getenv ("PB_LAB_SRCDIR");
  g_autofree char *script = NULL;
  g_autofree char *script_path = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_path = NULL;
  g_autofree char *mimeapps_config = NULL;
  g_autofree char *mimeapps_data = NULL;
  const char *mimeapps = "[Default Applications]\n"
                         "x-scheme-handler/http=" DESKTOP_ID "\n"
                         "x-scheme-handler/https=" DESKTOP_ID "\n";

  g_assert_nonnull (home);
  g_assert_nonnull (srcdir);
  dir = g_build_filename (home, "lab-browser", NULL);
  install_preset (srcdir);

  script_path = path_of ("browser");
  script = g_strdup_printf ("#!/bin/sh\n"
                            "printf '%%s\\n' \"$1\" >> '%s/opened'\n"
                            "[ -e '%s/away' ] && exit 0\n"
                            "exec python3 '%s/oauth_browser.py' open \"$1\" >> '%s/log' 2>&1\n",
                            dir, dir, srcdir, dir);
  write_file (script_path, script, 0755);

  desktop_path = g_build_filename (g_get_user_data_dir (), "applications", DESKTOP_ID, NULL);
  desktop = g_strdup_printf ("[Desktop Entry]\n"
                             "Type=Application\n"
                             "Name=Lab Browser\n"
                             "Exec=%s %%u\n"
                             "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                             "NoDisplay=true\n", script_path);
  write_file (desktop_path, desktop, 0644);
  mimeapps_config = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  write_file (mimeapps_config, mimeapps, 0644);
  mimeapps_data = g_build_filename (g_get_user_data_dir (), "applications", "mimeapps.list", NULL);
  write_file (mimeapps_data, mimeapps, 0644);
}

void
pb_test_browser_set_away (gboolean away)
{
  g_autofree char *path = path_of ("away");

  if (away)
    write_file (path, "", 0644);
  else
    g_unlink (path);
}

static char **
read_lines (const char *name)
{
  g_autofree char *path = path_of (name);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_new0 (char *, 1);
  g_strchomp (contents);
  return *contents != '\0' ? g_strsplit (contents, "\n", -1) : g_new0 (char *, 1);
}

guint
pb_test_browser_count_opened (void)
{
  g_auto(GStrv) lines = read_lines ("opened");

  return g_strv_length (lines);
}

char *
pb_test_browser_last_opened (void)
{
  g_auto(GStrv) lines = read_lines ("opened");
  guint n = g_strv_length (lines);

  return n > 0 ? g_strdup (lines[n - 1]) : NULL;
}

gboolean
pb_test_browser_returned_code (void)
{
  g_auto(GStrv) lines = read_lines ("log");
  guint n = g_strv_length (lines);

  if (n == 0)
    return FALSE;
  g_test_message ("browser: %s", lines[n - 1]);
  return g_str_has_prefix (lines[n - 1], "http://127.0.0.1:") &&
         strstr (lines[n - 1], "code=") != NULL;
}
