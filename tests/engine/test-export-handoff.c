/* test-export-handoff.c: the msmtp hand-off when the keyring cannot give the password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/keyring/keyring-run: with "none" (no Secret Service on the bus) the
 * account still goes into msmtp's file, and the keyring's failure comes back to be said, not
 * swallowed; with "unlocked" and nothing saved there is no failure, only no password.
 */
#include "config.h"

#include "pb-credentials.h"
#include "pb-export-handoff.h"
#include "pb-i18n.h"
#include "pb-test-util.h"

static void
test_msmtp (void)
{
  const char *mode = g_getenv ("PB_KEYRING_MODE");
  g_autoptr(PbServerConfig) out = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.org",
                                                        465, PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  g_autoptr(PbExportAccount) account = pb_export_account_new ("alice@example.org", NULL, NULL,
                                                              out, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) password_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gboolean copied = TRUE;

  pb_export_handoff_msmtp_async (account, NULL, pb_test_store_result, &result);
  path = pb_export_handoff_msmtp_finish (pb_test_wait_result (&result), &copied, &password_error, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_false (copied);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "host smtp.example.org"));
  if (g_strcmp0 (mode, "unlocked") == 0)
    g_assert_no_error (password_error);
  else
    g_assert_error (password_error, PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_UNAVAILABLE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("pb-handoff-XXXXXX", NULL);

  /* msmtp's file goes into a directory of this test's own. */
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export-handoff/msmtp", test_msmtp);
  return g_test_run ();
}
