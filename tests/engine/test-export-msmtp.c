/* test-export-msmtp.c: msmtp's account block, and appending it to msmtp's file
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pb-export-msmtp.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

static void
test_block (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autofree char *block = pb_export_msmtp_write (a, NULL);

  g_assert_cmpstr (block, ==,
                   "# alice@example.com, settings verified by Postbote; the password is in the keyring\n"
                   "account alice@example.com\n"
                   "host smtp.example.com\n"
                   "port 587\n"
                   "from alice@example.com\n"
                   "auth on\n"
                   "user alice@example.com\n"
                   "tls on\n"
                   "tls_starttls on\n");
  /* No password line: msmtp asks the keyring. */
  g_assert_null (strstr (block, "\npassword"));
}

/* msmtp trims blanks and one pair of enclosing quotes: such values are quoted, so that
 * msmtp reads them back as they are. */
static void
test_quoting (void)
{
  static const struct { const char *user; const char *line; } cases[] = {
    { " lead", "user \" lead\"" },
    { "trail ", "user \"trail \"" },
    { "\"q\"", "user \"\"q\"\"" },
    { "a \"b\" c", "user a \"b\" c" },
    { "#x", "user #x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, cases[i].user);
      g_autofree char *block = pb_export_msmtp_write (a, NULL);
      g_auto(GStrv) lines = g_strsplit (block, "\n", -1);

      g_assert_true (g_strv_contains ((const char * const *) lines, cases[i].line));
      g_assert_cmpuint (g_strv_length (lines), ==, 10);
    }
}

/* The account name is one word to msmtp, whatever the address holds. */
static void
test_account_name (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         465, PB_SECURITY_TLS,
                                                         PB_AUTH_NONE);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("\"a b:c,d\"@example.com", NULL, NULL,
                                                        out, NULL);
  g_autofree char *name = pb_export_msmtp_get_account_name (a);
  g_autofree char *block = pb_export_msmtp_write (a, NULL);

  g_assert_cmpstr (name, ==, "_a_b_c_d_@example.com");
  g_assert_nonnull (strstr (block, "\nauth off\ntls on\ntls_starttls off\n"));
  g_assert_null (strstr (block, "\nuser "));
}

static void
test_install (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pb-msmtp-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "msmtp", "config", NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (pb_export_msmtp_install (a, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A second time: refused, the file as it was. */
  g_assert_false (pb_export_msmtp_install (a, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Another file's accounts stay; the block comes after them. */
  g_assert_true (g_file_set_contents (path, "defaults\nlogfile ~/.msmtp.log\naccount other\nhost x", -1, NULL));
  g_assert_true (pb_export_msmtp_install (a, path, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "defaults\nlogfile ~/.msmtp.log\naccount other\nhost x\n# alice@"));
  g_assert_true (g_str_has_suffix (contents, "tls_starttls on\n"));

  g_unlink (path);
  g_rmdir (parent);
  g_rmdir (dir);
}

/* What cannot go into the file is refused before the file is read or written: no outgoing
 * server; a folder where the file should be is said as such. */
static void
test_install_refused (void)
{
  g_autoptr(PbServerConfig) in = pb_test_export_server (PB_PROTOCOL_IMAP, "imap.example.com",
                                                        993, PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbExportAccount) incoming_only = pb_export_account_new ("alice@example.com", NULL,
                                                                    in, NULL, NULL);
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("pb-msmtp-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "config", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pb_export_msmtp_install (incoming_only, path, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Nor is a password of it stored (no keyring is asked: there is none in this test). */
  g_assert_false (pb_export_msmtp_store_password_sync (incoming_only, "secret", 0, NULL,
                                                       &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (pb_export_msmtp_install (a, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_rmdir (path);
  g_rmdir (dir);
}

/* msmtp reads ~/.msmtprc first when it is there: so does the hand-off. */
static void
test_config_path (void)
{
  g_autofree char *rc = g_build_filename (g_get_home_dir (), ".msmtprc", NULL);
  g_autofree char *xdg = g_build_filename (g_get_user_config_dir (), "msmtp", "config", NULL);
  g_autofree char *without = pb_export_msmtp_get_config_path ();
  g_autofree char *with = NULL;

  g_assert_cmpstr (without, ==, xdg);
  g_assert_true (g_file_set_contents (rc, "", -1, NULL));
  with = pb_export_msmtp_get_config_path ();
  g_assert_cmpstr (with, ==, rc);
  g_unlink (rc);
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-msmtp/block", test_block);
  g_test_add_func ("/export-msmtp/quoting", test_quoting);
  g_test_add_func ("/export-msmtp/account-name", test_account_name);
  g_test_add_func ("/export-msmtp/install", test_install);
  g_test_add_func ("/export-msmtp/install-refused", test_install_refused);
  g_test_add_func ("/export-msmtp/config-path", test_config_path);
  return g_test_run ();
}
