/* pb-test-export.c: the account the export writers' tests hand to each writer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "pb-test-export.h"
#include "pb-test-util.h"

static char *isolated_home;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_isolated_home (void)
{
  remove_tree (isolated_home);
  g_clear_pointer (&isolated_home, g_free);
}

void
pb_test_export_init (int    *argc,
                     char ***argv)
{
  static const char * const vars[] = {
    "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
  };

  /* Home and every directory of XDG's in one temporary place, set before GLib first reads
   * them: nothing a test stores stays, and nothing of the user's is read. (GLib's
   * G_TEST_OPTION_ISOLATE_DIRS would do it per test, but GLib 2.74 leaks the directories it
   * replaces, which LeakSanitizer and Valgrind rightly report.) The tests use addresses and
   * paths of their own, so they share the place. */
  isolated_home = g_dir_make_tmp ("postbote-export-XXXXXX", NULL);
  g_assert_nonnull (isolated_home);
  atexit (remove_isolated_home);
  g_setenv ("HOME", isolated_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (isolated_home, vars[i], NULL);

      g_setenv (vars[i], dir, TRUE);
    }
  pb_test_init_language (argc, argv);
  pb_test_set_language ("en");
}

PbServerConfig *
pb_test_export_server (PbProtocol   protocol,
                       const char  *host,
                       guint16      port,
                       PbSecurity   security,
                       PbAuthMethod auth)
{
  return pb_server_config_new (protocol, host, port, security, auth, NULL);
}

PbExportAccount *
pb_test_export_account (const char *name,
                        const char *in_user,
                        const char *out_user)
{
  g_autoptr(PbServerConfig) in = pb_server_config_new (PB_PROTOCOL_IMAP, "imap.example.com",
                                                       993, PB_SECURITY_TLS,
                                                       PB_AUTH_PASSWORD_CLEARTEXT, in_user);
  g_autoptr(PbServerConfig) out = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                        587, PB_SECURITY_STARTTLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT, out_user);
  g_autoptr(GError) error = NULL;
  PbExportAccount *account = pb_export_account_new ("alice@example.com", name, in, out, &error);

  g_assert_no_error (error);
  return account;
}
