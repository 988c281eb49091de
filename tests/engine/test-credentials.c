/* test-credentials.c: the keyring engine against a real gnome-keyring-daemon
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/keyring/keyring-run, which sets PB_KEYRING_MODE: "unlocked" (round trips, then
 * the same keyring locked), "locked" (a locked collection, nothing to prompt with) or
 * "none" (no Secret Service on the bus).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials.h"
#include "pb-credentials-sync.h"
#include "pb-i18n.h"
#include "pb-test-util.h"

#define HOST "smtp.example.com"
#define USER "alice@example.com"

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
store (guint16             port,
       const char         *password,
       PbCredentialsFlags  flags,
       GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_credentials_store (PB_PROTOCOL_SMTP, HOST, port, USER, password, flags, NULL, on_done,
                        &result);
  return pb_credentials_store_finish (wait_for (&result), error);
}

static PbPassword *
lookup (const char         *host,
        guint16             port,
        PbCredentialsFlags  flags,
        GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_credentials_lookup (PB_PROTOCOL_SMTP, host, port, USER, flags, NULL, on_done, &result);
  return pb_credentials_lookup_finish (wait_for (&result), error);
}

static guint
clear (const char         *host,
       guint16             port,
       PbCredentialsFlags  flags,
       GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n = G_MAXUINT;

  pb_credentials_clear (USER, host, port, flags, NULL, on_done, &result);
  if (!pb_credentials_clear_finish (wait_for (&result), &n, error))
    return G_MAXUINT;
  return n;
}

/* Items of our schema for USER, counted by libsecret's own search, not ours. */
static guint
count_items (void)
{
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_sync (pb_credentials_get_schema (), SECRET_SEARCH_ALL,
                                              NULL, &error, "user", USER, NULL);
  guint n = g_list_length (items);

  g_assert_no_error (error);
  g_list_free_full (items, g_object_unref);
  return n;
}

/* ---------------------------------------------------------------------------------- */

static void
test_label (void)
{
  g_autofree char *en = NULL;
  g_autofree char *de = NULL;

  pb_test_set_language ("en");
  en = pb_credentials_make_label (PB_PROTOCOL_SMTP, HOST, USER);
  pb_test_set_language ("de");
  de = pb_credentials_make_label (PB_PROTOCOL_IMAP, "imap.example.com", USER);
  pb_test_set_language ("en");

  g_assert_cmpstr (en, ==, "Postbote: alice@example.com on smtp.example.com (SMTP)");
  g_assert_cmpstr (de, ==, "Postbote: alice@example.com auf imap.example.com (IMAP)");
  g_assert_cmpstr (pb_credentials_get_schema ()->name, ==, "io.github.postbote.Postbote");
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) first = NULL;
  g_autoptr(PbPassword) second = NULL;
  g_autoptr(PbPassword) other_case = NULL;
  g_autoptr(PbPassword) missing = NULL;

  g_assert_cmpuint (count_items (), ==, 0);
  missing = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  g_assert_true (store (587, "Först-Secret 1", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  g_assert_no_error (error);
  first = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "Först-Secret 1");
  g_assert_cmpuint (count_items (), ==, 1);

  /* Storing again replaces the one item. */
  store (587, "Second-Secret-2", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 1);
  second = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "Second-Secret-2");

  other_case = lookup ("SMTP.Example.COM", 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other_case, ==, "Second-Secret-2");

  /* Another port is another item; a clear for one port leaves the other. */
  g_assert_true (store (465, "Third-Secret-3", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 2);
  g_assert_cmpuint (clear (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 1);
  g_clear_pointer (&missing, pb_credentials_password_free);
  missing = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* Without a host: every server of the user. */
  g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 0);
  g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_secret_tool_sees_item (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *all = NULL;
  int status = -1;
  const char *argv[] = { "secret-tool", "search", "--all", "xdg:schema",
                         "io.github.postbote.Postbote", NULL };
  g_auto(GStrv) lines = NULL;
  guint n_attributes = 0;

  pb_test_set_language ("en");
  g_assert_true (store (587, "Tool-Secret-4", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* secret-tool prints the attributes on stderr when stdout is not a terminal. */
  all = g_strconcat (out, err, NULL);
  g_assert_nonnull (strstr (all, "label = Postbote: alice@example.com on smtp.example.com "
                                 "(SMTP)\n"));
  g_assert_nonnull (strstr (all, "schema = io.github.postbote.Postbote\n"));
  lines = g_strsplit (all, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "attribute."))
        continue;
      n_attributes++;
      g_assert_null (strstr (lines[i], "Tool-Secret-4"));
      g_assert_true (g_str_equal (lines[i], "attribute.protocol = smtp") ||
                     g_str_equal (lines[i], "attribute.host = smtp.example.com") ||
                     g_str_equal (lines[i], "attribute.port = 587") ||
                     g_str_equal (lines[i], "attribute.user = alice@example.com"));
    }
  g_assert_cmpuint (n_attributes, ==, 4);
  g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error), ==, 1);
}

/* Cancellation stays cancellation, not "keyring unavailable". */
static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) password = NULL;

  g_cancellable_cancel (cancellable);
  pb_credentials_lookup (PB_PROTOCOL_SMTP, HOST, 587, USER, PB_CREDENTIALS_FLAGS_NO_PROMPT,
                         cancellable, on_done, &result);
  password = pb_credentials_lookup_finish (wait_for (&result), &error);
  g_assert_null (password);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (pb_credentials_error_to_problem (error), ==, PB_PROBLEM_NONE);
}

static void
assert_error (const GError *error,
              int           code,
              const char   *problem_id,
              const char   *message_prefix)
{
  g_assert_error (error, PB_CREDENTIALS_ERROR, code);
  g_assert_cmpstr (pb_problem_to_string (pb_credentials_error_to_problem (error)), ==,
                   problem_id);
  if (!g_str_has_prefix (error->message, message_prefix))
    g_error ("“%s” does not start with “%s”", error->message, message_prefix);
}

#define LOCKED_EN "The keyring is locked. Unlock it (for example in “Passwords and Keys”) " \
                  "and try again."
#define LOCKED_DE "Der Schlüsselbund ist gesperrt. Entsperren Sie ihn (zum Beispiel in " \
                  "„Passwörter und Verschlüsselung“) und versuchen Sie es erneut."
#define DISMISSED_EN "The keyring stayed locked: the prompt to unlock it was dismissed."
#define DISMISSED_DE "Der Schlüsselbund bleibt gesperrt: Die Abfrage zum Entsperren wurde " \
                     "abgebrochen."

/* The same keyring, now locked: items are still found but not read, and a prompt that
 * cannot be shown counts as dismissed (gnome-keyring dismisses it). */
static void
test_locked_items (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) password = NULL;

  g_assert_true (store (587, "Locked-Secret-5", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  g_assert_no_error (error);
  pb_test_lock_keyring ();

  pb_test_set_language ("en");
  password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_null (password);
  assert_error (error, PB_CREDENTIALS_ERROR_LOCKED, "keyring-locked", LOCKED_EN);
  g_clear_error (&error);

  pb_test_set_language ("de");
  password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NONE, &error);
  g_assert_null (password);
  assert_error (error, PB_CREDENTIALS_ERROR_DISMISSED, "keyring-dismissed", DISMISSED_DE);
  g_clear_error (&error);

  g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error), ==, G_MAXUINT);
  assert_error (error, PB_CREDENTIALS_ERROR_LOCKED, "keyring-locked", LOCKED_DE);
  g_clear_error (&error);
  pb_test_set_language ("en");

  /* Nothing was lost: the item is still there. */
  g_assert_cmpuint (count_items (), ==, 1);
}

static void
test_locked_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) password = NULL;

  pb_test_set_language ("en");
  g_assert_false (store (587, "Locked-Secret-6", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  assert_error (error, PB_CREDENTIALS_ERROR_LOCKED, "keyring-locked", LOCKED_EN);
  g_clear_error (&error);
  g_assert_false (store (587, "Locked-Secret-6", PB_CREDENTIALS_FLAGS_NONE, &error));
  assert_error (error, PB_CREDENTIALS_ERROR_DISMISSED, "keyring-dismissed", DISMISSED_EN);
  g_clear_error (&error);

  pb_test_set_language ("de");
  g_assert_false (store (587, "Locked-Secret-6", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  assert_error (error, PB_CREDENTIALS_ERROR_LOCKED, "keyring-locked", LOCKED_DE);
  g_clear_error (&error);
  g_assert_false (store (587, "Locked-Secret-6", PB_CREDENTIALS_FLAGS_NONE, &error));
  assert_error (error, PB_CREDENTIALS_ERROR_DISMISSED, "keyring-dismissed", DISMISSED_DE);
  g_clear_error (&error);
  pb_test_set_language ("en");

  /* Nothing stored, so nothing locked to find: no prompt, no error. */
  password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (password);
}

static void
test_no_service (void)
{
  const char *languages[] = { "en", "de" };
  const char *prefixes[] = {
    "The keyring is not available: no Secret Service answered on this desktop (",
    "Der Schlüsselbund ist nicht verfügbar: Auf diesem Desktop antwortet kein Secret "
    "Service (",
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbPassword) password = NULL;

      pb_test_set_language (languages[i]);
      g_assert_false (store (587, "Nowhere-Secret-7", PB_CREDENTIALS_FLAGS_NONE, &error));
      assert_error (error, PB_CREDENTIALS_ERROR_UNAVAILABLE, "keyring-unavailable",
                    prefixes[i]);
      g_clear_error (&error);

      password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NONE, &error);
      g_assert_null (password);
      assert_error (error, PB_CREDENTIALS_ERROR_UNAVAILABLE, "keyring-unavailable",
                    prefixes[i]);
      g_clear_error (&error);

      g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NONE, &error), ==, G_MAXUINT);
      assert_error (error, PB_CREDENTIALS_ERROR_UNAVAILABLE, "keyring-unavailable",
                    prefixes[i]);
    }
  pb_test_set_language ("en");
}

/* A person types the keyring's password into the prompt: store and lookup go on. */
static void
test_prompt_accepted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) password = NULL;

  /* The locked collection is unlocked through the prompt, then the item is stored. */
  g_assert_true (store (587, "Prompt-Secret-10", PB_CREDENTIALS_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 1);

  /* Locked again with the item in it: the lookup unlocks the item through the prompt. */
  pb_test_lock_keyring ();
  password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_error (error, PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_LOCKED);
  g_clear_error (&error);
  password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "Prompt-Secret-10");

  pb_test_lock_keyring ();
  g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NONE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 0);
}

/* An account test saves both halves' passwords at once into the locked keyring: the second
 * save's unlock waits in pb-keyring-unlock.c's queue until the first has ended (it must not
 * wait for ever), then finds the keyring open; both passwords are saved. */
static void
test_prompt_two_at_once (void)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  pb_credentials_store (PB_PROTOCOL_SMTP, HOST, 465, USER, "Both-Secret-1",
                        PB_CREDENTIALS_FLAGS_NONE, NULL, on_done, &first);
  pb_credentials_store (PB_PROTOCOL_IMAP, HOST, 993, USER, "Both-Secret-2",
                        PB_CREDENTIALS_FLAGS_NONE, NULL, on_done, &second);
  g_assert_true (pb_credentials_store_finish (wait_for (&first), &error));
  g_assert_no_error (error);
  g_assert_true (pb_credentials_store_finish (wait_for (&second), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (), ==, 2);
}

/* A person presses Cancel at the prompt. */
static void
test_prompt_cancelled (void)
{
  g_autoptr(GError) error = NULL;

  pb_test_set_language ("de");
  g_assert_false (store (587, "Cancel-Secret-11", PB_CREDENTIALS_FLAGS_NONE, &error));
  assert_error (error, PB_CREDENTIALS_ERROR_DISMISSED, "keyring-dismissed", DISMISSED_DE);
  pb_test_set_language ("en");
  g_assert_cmpuint (count_items (), ==, 0);
}

/* libsecret's file backend, as in the Flatpak (with a test key instead of the portal's),
 * and no Secret Service on the bus: the password file holds no plain text. */
static void
test_file_backend_encrypted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) password = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (store (587, "File-Secret-8", PB_CREDENTIALS_FLAGS_NO_PROMPT, &error));
  g_assert_no_error (error);
  password = lookup (HOST, 587, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "File-Secret-8");

  g_file_get_contents (g_getenv ("SECRET_FILE_TEST_PATH"), &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, length, "File-Secret-8"));
  g_assert_null (g_strstr_len (contents, length, USER));

  g_assert_cmpuint (clear (NULL, 0, PB_CREDENTIALS_FLAGS_NO_PROMPT, &error), ==, 1);
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  const char *mode = g_getenv ("PB_KEYRING_MODE");

  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/label", test_label);
  if (g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0 && g_strcmp0 (mode, "none") == 0)
    {
      g_autofree char *path = g_build_filename (g_getenv ("PB_KEYRING_HOME"), "file.keyring",
                                                NULL);

      g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
      g_setenv ("SECRET_FILE_TEST_PASSWORD", "pb-file-test", TRUE);
      g_test_add_func ("/credentials/file-backend/round-trip", test_round_trip);
      g_test_add_func ("/credentials/file-backend/encrypted", test_file_backend_encrypted);
    }
  else if (g_strcmp0 (mode, "unlocked") == 0)
    {
      g_test_add_func ("/credentials/round-trip", test_round_trip);
      g_test_add_func ("/credentials/secret-tool-sees-item", test_secret_tool_sees_item);
      g_test_add_func ("/credentials/cancelled", test_cancelled);
      /* Last: it locks the keyring for good. */
      g_test_add_func ("/credentials/locked-items", test_locked_items);
    }
  else if (g_strcmp0 (mode, "locked") == 0 &&
           g_strcmp0 (g_getenv ("PB_KEYRING_PROMPT"), "accept") == 0)
    {
      g_test_add_func ("/credentials/prompt-accepted", test_prompt_accepted);
      g_test_add_func ("/credentials/prompt-two-at-once", test_prompt_two_at_once);
    }
  else if (g_strcmp0 (mode, "locked") == 0 &&
           g_strcmp0 (g_getenv ("PB_KEYRING_PROMPT"), "cancel") == 0)
    {
      g_test_add_func ("/credentials/prompt-cancelled", test_prompt_cancelled);
    }
  else if (g_strcmp0 (mode, "locked") == 0)
    {
      g_test_add_func ("/credentials/locked-store", test_locked_store);
    }
  else if (g_strcmp0 (mode, "none") == 0)
    {
      g_test_add_func ("/credentials/no-secret-service", test_no_service);
    }
  else
    {
      g_printerr ("run this test inside tests/keyring/keyring-run\n");
      return 1;
    }

  return g_test_run ();
}
