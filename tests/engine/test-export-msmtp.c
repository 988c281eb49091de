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

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-msmtp/block", test_block);
  g_test_add_func ("/export-msmtp/quoting", test_quoting);
  g_test_add_func ("/export-msmtp/account-name", test_account_name);
  g_test_add_func ("/export-msmtp/install", test_install);
  return g_test_run ();
}
