/* test-export-store.c: the last verified settings of an address, kept per half
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pb-export-store.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

static void
test_halves (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         587, PB_SECURITY_STARTTLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbServerConfig) in = pb_test_export_server (PB_PROTOCOL_POP3, "pop.example.com",
                                                        995, PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_ENCRYPTED);
  g_autoptr(PbServerConfig) out2 = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp2.example.com",
                                                          465, PB_SECURITY_TLS,
                                                          PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) a = NULL;
  g_autofree char *path = pb_export_store_get_path ("carol@example.com");
  GStatBuf st;

  g_assert_true (pb_export_store_save ("carol@example.com", out, "carol", "LOGIN", &error));
  g_assert_true (pb_export_store_save ("carol@example.com", in, "carol@example.com",
                                       "CRAM-MD5", &error));
  /* A later test of one half replaces that half only. */
  g_assert_true (pb_export_store_save ("carol@example.com", out2, "carol", "PLAIN", &error));
  g_assert_no_error (error);

  a = pb_export_store_load ("carol@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->outgoing->host, ==, "smtp2.example.com");
  g_assert_cmpuint (a->outgoing->port, ==, 465);
  g_assert_cmpint (a->outgoing->security, ==, PB_SECURITY_TLS);
  g_assert_cmpstr (a->outgoing->username, ==, "carol");
  g_assert_cmpint (a->outgoing_mechanism, ==, PB_SASL_PLAIN);
  g_assert_cmpint (a->incoming->protocol, ==, PB_PROTOCOL_POP3);
  g_assert_cmpint (a->incoming->auth, ==, PB_AUTH_PASSWORD_ENCRYPTED);
  g_assert_cmpstr (a->incoming->username, ==, "carol@example.com");
  pb_export_account_free (g_steal_pointer (&a));

  /* A login without a mechanism leaves none of the earlier one behind. */
  g_assert_true (pb_export_store_save ("carol@example.com", out2, "carol", NULL, &error));
  a = pb_export_store_load ("carol@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->outgoing_mechanism, ==, PB_SASL_NONE);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (pb_export_store_forget ("carol@example.com", &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (pb_export_store_forget ("carol@example.com", &error));
}

/* Forgetting the settings keeps the record of the account GOA has, so that the hand-off can
 * still be undone; with the record gone as well, the file goes. */
static void
test_forget_keeps_goa (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         587, PB_SECURITY_STARTTLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pb_export_store_get_path ("dora@example.com");
  g_autofree char *goa = NULL;

  g_assert_true (pb_export_store_save ("dora@example.com", out, "dora", NULL, &error));
  g_assert_true (pb_export_store_set_goa_account ("dora@example.com",
                                                  "/org/gnome/OnlineAccounts/Accounts/a_1",
                                                  &error));
  g_assert_true (pb_export_store_forget ("dora@example.com", &error));
  g_assert_no_error (error);
  g_assert_null (pb_export_store_load ("dora@example.com", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  goa = pb_export_store_get_goa_account ("dora@example.com");
  g_assert_cmpstr (goa, ==, "/org/gnome/OnlineAccounts/Accounts/a_1");

  g_assert_true (pb_export_store_set_goa_account ("dora@example.com", NULL, &error));
  g_assert_true (pb_export_store_forget ("dora@example.com", &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_not_found_and_broken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) none = pb_export_store_load ("nobody@example.com", &error);
  g_autofree char *path = pb_export_store_get_path ("broken@example.com");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PbExportAccount) broken = NULL;

  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A host name that is no DNS name: refused like any other export. */
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "[outgoing]\nprotocol=smtp\nhost=a b\nport=25\n"
                                      "security=none\nuser=x\n", -1, NULL));
  broken = pb_export_store_load ("broken@example.com", &error);
  g_assert_null (broken);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
  g_unlink (path);
}

/* A file that is no key file, a folder where the file should be, a file without a single
 * usable server: each is said with the file's path, never read as "nothing verified". */
static void
test_unreadable (void)
{
  g_autofree char *path = pb_export_store_get_path ("erin@example.com");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PbExportAccount) a = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "this is not a key file\n", -1, NULL));
  a = pb_export_store_load ("erin@example.com", &error);
  g_assert_null (a);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  /* Both groups there, neither a server: no protocol, a port out of range. */
  g_assert_true (g_file_set_contents (path, "[incoming]\nhost=imap.example.com\nuser=erin\n"
                                      "[outgoing]\nprotocol=smtp\nhost=smtp.example.com\n"
                                      "port=70000\nsecurity=tls\nuser=erin\n", -1, NULL));
  a = pb_export_store_load ("erin@example.com", &error);
  g_assert_null (a);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
  g_assert_true (g_str_has_suffix (error->message, " holds no server settings."));
  g_clear_error (&error);
  g_unlink (path);

  /* A folder by the file's name: not loaded, and not removed by forget. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  {
    g_autofree char *inside = g_build_filename (path, "kept", NULL);

    g_assert_true (g_file_set_contents (inside, "", -1, NULL));
    a = pb_export_store_load ("erin@example.com", &error);
    g_assert_null (a);
    g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (pb_export_store_forget ("erin@example.com", &error));
    g_assert_nonnull (error);
    g_assert_true (g_str_has_prefix (error->message, path));
    g_clear_error (&error);
    g_assert_true (g_file_test (inside, G_FILE_TEST_EXISTS));
    g_unlink (inside);
  }
  g_rmdir (path);
}

/* The folder cannot be made (a file has its name): nothing is saved or recorded, the
 * failure names the folder, and no record is read from it. */
static void
test_folder_blocked (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         587, PB_SECURITY_STARTTLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "postbote", NULL);
  g_autofree char *moved = g_build_filename (g_get_user_state_dir (), "postbote.away", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (state, 0700), ==, 0);
  g_assert_cmpint (g_rename (state, moved), ==, 0);
  g_assert_true (g_file_set_contents (state, "a file, not a folder", -1, NULL));

  g_assert_false (pb_export_store_save ("fred@example.com", out, "fred", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_true (g_str_has_prefix (error->message, state));
  g_clear_error (&error);
  g_assert_false (pb_export_store_set_goa_account ("fred@example.com",
                                                   "/org/gnome/OnlineAccounts/Accounts/a_2",
                                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);
  g_assert_null (pb_export_store_get_goa_account ("fred@example.com"));

  g_assert_cmpint (g_unlink (state), ==, 0);
  g_assert_cmpint (g_rename (moved, state), ==, 0);
}

/* No address names a file outside the folder. */
static void
test_path (void)
{
  g_autofree char *path = pb_export_store_get_path ("\"../../x/y\"@Example.com");
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "postbote", "verified", NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpstr (parent, ==, dir);
  g_assert_true (g_str_has_suffix (path, "@example.com.ini"));
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-store/halves", test_halves);
  g_test_add_func ("/export-store/not-found-and-broken", test_not_found_and_broken);
  g_test_add_func ("/export-store/path", test_path);
  g_test_add_func ("/export-store/forget-keeps-goa", test_forget_keeps_goa);
  g_test_add_func ("/export-store/unreadable", test_unreadable);
  g_test_add_func ("/export-store/folder-blocked", test_folder_blocked);
  return g_test_run ();
}
