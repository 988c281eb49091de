/* test-export-handoff.c: the msmtp and the GNOME Online Accounts hand-offs with the
 * passwords of a real keyring, and when the keyring cannot give them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/keyring/keyring-run: with "none" (no Secret Service on the bus) the
 * account still goes into msmtp's file, and the keyring's failure comes back to be said, not
 * swallowed; with "unlocked" and nothing saved there is no failure, only no password. The
 * hand-off to GOA goes to a stand-in for goa-daemon on keyring-run's bus (pb-test-goa.c).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pb-credentials.h"
#include "pb-credentials-sync.h"
#include "pb-export-goa.h"
#include "pb-export-handoff.h"
#include "pb-export-store.h"
#include "pb-i18n.h"
#include "pb-test-goa.h"
#include "pb-test-util.h"

#define ADDRESS "bob@example.org"

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

/* msmtp's file cannot be written (a file where its folder would be): the hand-off fails
 * with that, before the keyring is asked. */
static void
test_msmtp_blocked (void)
{
  g_autoptr(PbServerConfig) out = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.org",
                                                        465, PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  g_autoptr(PbExportAccount) account = pb_export_account_new ("carol@example.org", NULL, NULL,
                                                              out, NULL);
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "msmtp", NULL);
  g_autofree char *moved = g_strconcat (dir, ".away", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) password_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean copied = TRUE;

  g_rename (dir, moved);
  g_assert_true (g_file_set_contents (dir, "", -1, NULL));
  pb_export_handoff_msmtp_async (account, NULL, pb_test_store_result, &result);
  path = pb_export_handoff_msmtp_finish (pb_test_wait_result (&result), &copied,
                                         &password_error, &error);
  g_assert_null (path);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_false (copied);
  g_assert_no_error (password_error);
  g_unlink (dir);
  g_rename (moved, dir);
}

static PbExportAccount *
goa_account (void)
{
  PbServerConfig *in = pb_server_config_new (PB_PROTOCOL_IMAP, "imap.example.org", 993,
                                             PB_SECURITY_TLS, PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  PbServerConfig *out = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.org", 587,
                                              PB_SECURITY_STARTTLS, PB_AUTH_PASSWORD_CLEARTEXT,
                                              NULL);
  PbExportAccount *account = pb_export_account_new (ADDRESS, NULL, in, out, NULL);

  pb_server_config_unref (in);
  pb_server_config_unref (out);
  return account;
}

/* The hand-off to GOA, NULL with error when it failed. */
static char *
hand_off (GDBusConnection       *bus,
          const PbExportAccount *account,
          GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_export_handoff_goa_async (bus, account, pb_export_goa_get_details (account, NULL), NULL,
                               pb_test_store_result, &result);
  return pb_export_handoff_goa_finish (pb_test_wait_result (&result), error);
}

static gboolean
undo (GDBusConnection  *bus,
      const char       *path,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_export_handoff_goa_undo_async (bus, ADDRESS, path, NULL, pb_test_store_result, &result);
  return pb_export_handoff_goa_undo_finish (pb_test_wait_result (&result), error);
}

/* Without a keyring the keyring's failure is said, and nothing reaches GOA. */
static void
test_goa_no_keyring (GDBusConnection *bus,
                     PbTestGoa       *goa)
{
  g_autoptr(PbExportAccount) account = goa_account ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = hand_off (bus, account, &error);

  g_assert_null (path);
  g_assert_error (error, PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_UNAVAILABLE);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 0);
}

static void
save_password (const PbServerConfig *server,
               const char           *password)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pb_credentials_store_sync (server->protocol, server->host, server->port,
                                            server->username, password,
                                            pb_credentials_default_flags (), NULL, &error));
  g_assert_no_error (error);
}

/* The saved passwords go to GOA, the account's path is recorded, a second hand-off of the
 * address is refused, and the undo removes it (a refused undo keeps the record). */
static void
test_goa_saved (GDBusConnection *bus,
                PbTestGoa       *goa)
{
  g_autoptr(PbExportAccount) account = goa_account ();
  g_autoptr(GVariant) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *recorded = NULL;
  const char *value = NULL;

  save_password (account->incoming, "imap-secret");
  save_password (account->outgoing, "smtp-secret");
  path = hand_off (bus, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, PB_TEST_GOA_ACCOUNT_PATH);
  credentials = pb_test_goa_dup_credentials (goa);
  g_assert_true (g_variant_lookup (credentials, "imap-password", "&s", &value));
  g_assert_cmpstr (value, ==, "imap-secret");
  g_assert_true (g_variant_lookup (credentials, "smtp-password", "&s", &value));
  g_assert_cmpstr (value, ==, "smtp-secret");
  recorded = pb_export_store_get_goa_account (ADDRESS);
  g_assert_cmpstr (recorded, ==, path);

  g_assert_null (hand_off (bus, account, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, ADDRESS " is already in GNOME Online Accounts.");
  g_clear_error (&error);

  pb_test_goa_set_refusal (goa, "The account is busy");
  g_assert_false (undo (bus, path, &error));
  g_assert_cmpstr (error->message, ==, "GNOME Online Accounts refused: The account is busy");
  g_clear_error (&error);
  g_clear_pointer (&recorded, g_free);
  recorded = pb_export_store_get_goa_account (ADDRESS);
  g_assert_cmpstr (recorded, ==, path);

  pb_test_goa_set_refusal (goa, NULL);
  g_assert_true (undo (bus, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 0);
  g_assert_null (pb_export_store_get_goa_account (ADDRESS));
  /* Removed elsewhere meanwhile: the undo is done all the same. */
  g_assert_true (undo (bus, path, &error));
  g_assert_no_error (error);
}

/* The record cannot be written (a file where its folder would be): the account is in GOA
 * all the same, and its undo works (a message says what was not recorded). */
static void
test_goa_not_recorded (GDBusConnection *bus,
                       PbTestGoa       *goa)
{
  g_autoptr(PbExportAccount) account = goa_account ();
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "postbote", NULL);
  g_autofree char *moved = g_strconcat (state, ".away", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_mkdir_with_parents (state, 0700);
  g_assert_cmpint (g_rename (state, moved), ==, 0);
  g_assert_true (g_file_set_contents (state, "", -1, NULL));

  path = hand_off (bus, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, PB_TEST_GOA_ACCOUNT_PATH);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 1);
  g_assert_true (undo (bus, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 0);

  g_assert_cmpint (g_unlink (state), ==, 0);
  g_assert_cmpint (g_rename (moved, state), ==, 0);
  g_assert_null (pb_export_store_get_goa_account (ADDRESS));
}

static void
test_goa (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL,
                                                                &error);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(PbTestGoa) goa = NULL;

  g_assert_no_error (error);
  goa = pb_test_goa_new (address);
  if (g_strcmp0 (g_getenv ("PB_KEYRING_MODE"), "unlocked") != 0)
    {
      test_goa_no_keyring (bus, goa);
      return;
    }
  test_goa_saved (bus, goa);
  test_goa_not_recorded (bus, goa);
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
  g_test_add_func ("/export-handoff/msmtp-blocked", test_msmtp_blocked);
  g_test_add_func ("/export-handoff/goa", test_goa);
  return g_test_run ();
}
