/* test-gui-use-in.c: the result page's "Use In…" group after a successful account test
 *
 *   use-in-goa     goa-daemon runs on the test's session bus: the group offers GNOME Online
 *                  Accounts, Add hands alice@lab.test to the real daemon (read back over
 *                  D-Bus), and the toast's Undo removes exactly that account
 *   use-in-local   no goa-daemon: the group does not offer it; msmtp (installed here) gets the
 *                  account in its file; the Thunderbird instructions show the verified host
 *                  with a copy button that copies it; the text and the profile are saved
 *                  through the file chooser (the profile 0600), without the password
 *
 *   use-in-manual  a single server checked by hand (SMTP on mail.lab.test): its hand-offs
 *                  are offered (msmtp where installed, the text), the ones that need both
 *                  halves (the mail programs' steps, GNOME Online Accounts) are not
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a private session bus,
 * HOME and gnome-keyring) and xvfb-run (a display).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pb-export-msmtp.h"
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-instructions-dialog.h"
#include "pb-use-in-group.h"

#define GOA_DAEMON "/usr/libexec/goa-daemon"

static const char *
goa_title (void)
{
  return pb_test_tr ("GNOME Online Accounts", "GNOME Online-Konten");
}

/* The main window: while a dialog is open, it is not the active one. */
static GtkWidget *main_window;

static GtkWidget *
group (void)
{
  return pb_test_find_by_type (main_window, PB_TYPE_USE_IN_GROUP, 0);
}

static gboolean
main_label_shown (gpointer text)
{
  return pb_test_find_label (main_window, text) != NULL;
}

/* The row of the group whose title reads title, if it is shown. */
static GtkWidget *
shown_row (const char *title)
{
  GtkWidget *label = group () != NULL ? pb_test_find_label (group (), title) : NULL;

  if (label == NULL || !gtk_widget_get_mapped (label))
    return NULL;
  return gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
}

static gboolean
row_shown (gpointer title)
{
  return shown_row (title) != NULL;
}

/* Scrolls the result page so that the group starts at the top, for the screenshots. */
static void
scroll_to_group (void)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (group (), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t at;

  pb_test_settle (pb_test_get_window ());
  g_assert_true (gtk_widget_compute_point (group (), content, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (adjustment, at.y - 12);
  pb_test_settle (pb_test_get_window ());
}

static void
click_in (GtkWidget  *root,
          const char *label)
{
  GtkWidget *button = pb_test_find_button (root, label);

  if (button == NULL || !gtk_widget_is_sensitive (button))
    g_error ("no sensitive button “%s”", label);
  g_signal_emit_by_name (button, "clicked");
}

/* Whether a label in the window contains the text (a toast's, say). */
static gboolean
label_containing (gpointer text)
{
  return pb_test_find_label_containing (pb_test_get_window (), text) != NULL;
}

/* A successful account test of alice@lab.test with its password remembered. */
static void
verify_alice (void)
{
  main_window = pb_test_get_window ();
  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", NULL);
  pb_test_run_test_and_wait ();
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Your Account Works",
                                                    "Ihr Konto funktioniert")));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Password saved in the keyring",
                                                            "Passwort im Schlüsselbund gespeichert"),
                                     10000));
  g_assert_true (pb_test_wait_until (row_shown, "Thunderbird", 5000));
}

static GDBusConnection *
session_bus (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

static gboolean
goa_on_bus (gpointer user_data)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
    bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
    "NameHasOwner", g_variant_new ("(s)", "org.gnome.OnlineAccounts"), G_VARIANT_TYPE ("(b)"),
    G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* The Mail properties of every account goa-daemon has, as "ImapHost=…" lines. */
static char *
goa_mail_accounts (guint *n_accounts)
{
  g_autoptr(GDBusConnection) bus = session_bus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
    bus, "org.gnome.OnlineAccounts", "/org/gnome/OnlineAccounts",
    "org.freedesktop.DBus.ObjectManager", "GetManagedObjects", NULL,
    G_VARIANT_TYPE ("(a{oa{sa{sv}}})"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_autoptr(GVariant) objects = NULL;
  GString *out = g_string_new (NULL);
  GVariantIter iter;
  GVariant *interfaces;

  g_assert_no_error (error);
  *n_accounts = 0;
  objects = g_variant_get_child_value (reply, 0);
  g_variant_iter_init (&iter, objects);
  while (g_variant_iter_next (&iter, "{&o@a{sa{sv}}}", NULL, &interfaces))
    {
      g_autoptr(GVariant) mail = g_variant_lookup_value (interfaces, "org.gnome.OnlineAccounts.Mail",
                                                         NULL);
      const char *keys[] = { "EmailAddress", "Name", "ImapHost", "ImapUserName", "SmtpHost",
                             NULL };

      if (mail != NULL)
        {
          (*n_accounts)++;
          for (guint i = 0; keys[i] != NULL; i++)
            {
              const char *value = NULL;

              g_variant_lookup (mail, keys[i], "&s", &value);
              g_string_append_printf (out, "%s=%s\n", keys[i], value != NULL ? value : "");
            }
        }
      g_variant_unref (interfaces);
    }
  return g_string_free (out, FALSE);
}

static GSubprocess *
start_goa_daemon (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *daemon;

  /* Warnings of the daemon's own are not this test's failures. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  daemon = g_subprocess_launcher_spawn (launcher, &error, GOA_DAEMON, NULL);
  g_assert_no_error (error);
  g_assert_true (pb_test_wait_until (goa_on_bus, NULL, 10000));
  return daemon;
}

static void
flow_goa (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autofree char *accounts = NULL;
  guint n = 0;

  if (!g_file_test (GOA_DAEMON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("goa-daemon is not installed (build-aux/deps.sh installs it)");
      return;
    }
  daemon = start_goa_daemon ();
  verify_alice ();
  g_assert_true (pb_test_wait_until (row_shown, (gpointer) goa_title (), 10000));
  gtk_window_set_default_size (GTK_WINDOW (pb_test_get_window ()), 640, 1000);
  scroll_to_group ();
  pb_test_shot ("result-use-in");

  click_in (shown_row (goa_title ()), pb_test_tr ("_Add", "_Hinzufügen"));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Added to GNOME Online Accounts",
                                                            "Zu den GNOME Online-Konten hinzugefügt"),
                                     20000));
  accounts = goa_mail_accounts (&n);
  g_assert_cmpuint (n, ==, 1);
  /* The name typed on the start page goes with the account. */
  g_assert_cmpstr (accounts, ==, "EmailAddress=alice@lab.test\nName=Alice Example\n"
                                 "ImapHost=mail.lab.test\nImapUserName=alice@lab.test\n"
                                 "SmtpHost=mail.lab.test\n");
  /* Added once: the button waits for the undo. */
  g_assert_false (gtk_widget_is_sensitive (pb_test_find_button (shown_row (goa_title ()),
                                                                pb_test_tr ("_Add", "_Hinzufügen"))));
  pb_test_shot ("result-use-in-goa");

  click_in (pb_test_get_window (), pb_test_tr ("_Undo", "_Rückgängig"));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Removed from GNOME Online Accounts",
                                                            "Aus den GNOME Online-Konten entfernt"),
                                     20000));
  g_clear_pointer (&accounts, g_free);
  accounts = goa_mail_accounts (&n);
  g_assert_cmpuint (n, ==, 0);

  /* Without a saved password GOA gets nothing, and the toast says why and what to do. */
  pb_test_click (pb_test_tr ("_Forget Saved Password", "Gespeichertes Passwort _vergessen"));
  g_assert_true (pb_test_wait_until (label_containing,
                                     (gpointer) pb_test_tr ("Saved password removed",
                                                            "Gespeichertes Passwort aus dem"),
                                     10000));
  click_in (shown_row (goa_title ()), pb_test_tr ("_Add", "_Hinzufügen"));
  g_assert_true (pb_test_wait_until (label_containing,
                                     (gpointer) pb_test_tr ("“Remember password” on",
                                                            "„Passwort merken“"),
                                     20000));
  g_clear_pointer (&accounts, g_free);
  accounts = goa_mail_accounts (&n);
  g_assert_cmpuint (n, ==, 0);
  g_subprocess_force_exit (daemon);
}

/* The open instructions dialog, or NULL. */
static gboolean
dialog_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PB_IS_INSTRUCTIONS_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *(GtkWidget **) user_data = window;
          return TRUE;
        }
    }
  return FALSE;
}

static void
check_instructions (void)
{
  GtkWidget *dialog = NULL;
  GtkWidget *value;
  GtkWidget *row;
  g_autofree char *copied = NULL;
  g_autofree char *shot = NULL;

  g_signal_emit_by_name (shown_row ("Thunderbird"), "activated");
  g_assert_true (pb_test_wait_until (dialog_shown, &dialog, 5000));
  pb_test_settle (dialog);
  g_assert_nonnull (pb_test_find_label (dialog, pb_test_tr ("Hostname", "Serveradresse")));
  g_assert_nonnull (pb_test_find_label_containing (dialog, pb_test_tr ("“Manual configuration”",
                                                                       "„Manuelle Einrichtung“")));
  value = pb_test_find_label (dialog, "mail.lab.test");
  g_assert_nonnull (value);
  row = gtk_widget_get_ancestor (value, ADW_TYPE_ACTION_ROW);
  g_signal_emit_by_name (pb_test_find_by_type (row, GTK_TYPE_BUTTON, 0), "clicked");
  copied = pb_test_read_clipboard (dialog);
  g_assert_cmpstr (copied, ==, "mail.lab.test");
  g_assert_null (pb_test_find_label_containing (dialog, "Alice-Secret-1"));
  shot = g_strdup_printf ("instructions-thunderbird-%s", pb_test_is_german () ? "de" : "en");
  pb_test_screenshot (dialog, shot);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  pb_test_settle (dialog);
  g_free (shot);
  shot = g_strdup_printf ("instructions-thunderbird-narrow-%s", pb_test_is_german () ? "de" : "en");
  pb_test_screenshot (dialog, shot);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* The shown file chooser dialog, or NULL. */
static gboolean
chooser_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *(GtkWidget **) user_data = window;
          return TRUE;
        }
    }
  return FALSE;
}

/* Saves the file of the row titled title as name in HOME, as a person would in the file
 * chooser; its contents, and its mode in *mode. */
static char *
save_from_row (const char *title,
               const char *suggested,
               const char *name,
               guint      *mode)
{
  GtkWidget *chooser = NULL;
  g_autofree char *path = g_build_filename (g_get_home_dir (), name, NULL);
  g_autofree char *toast = g_strdup_printf (pb_test_is_german () ? "Als „%s“ gespeichert"
                                                                 : "Saved as “%s”", name);
  char *contents = NULL;
  GStatBuf st;

  click_in (shown_row (title), pb_test_tr ("_Save…", "_Speichern…"));
  g_assert_true (pb_test_wait_until (chooser_shown, &chooser, 10000));
  /* It opens in the documents folder (here: HOME, which has none), with the name suggested;
   * the person types another. */
  pb_test_settle (chooser);
  pb_test_wait_ms (500);
  {
    g_autofree char *current = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpstr (current, ==, suggested);
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  pb_test_settle (chooser);
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    g_autofree char *chosen_path = chosen != NULL ? g_file_get_path (chosen) : NULL;

    g_assert_cmpstr (chosen_path, ==, path);
  }
  click_in (chooser, pb_test_tr ("_Save", "_Speichern"));
  g_assert_true (pb_test_wait_until (main_label_shown, toast, 10000));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  *mode = st.st_mode & 0777;
  return contents;
}

/* The files: the text for a ticket readable as any file, the profile for one person only;
 * each with the verified host and never the password. */
static void
check_files (void)
{
  guint mode = 0;
  g_autofree char *text = save_from_row (pb_test_tr ("Account as Text", "Konto als Text"),
                                         "alice@lab.test.txt", "alice.txt", &mode);
  g_autofree char *profile = NULL;

  g_assert_nonnull (strstr (text, "mail.lab.test"));
  g_assert_null (strstr (text, "Alice-Secret-1"));
  g_assert_cmpuint (mode & 0044, ==, 0044);
  profile = save_from_row (pb_test_tr ("Apple Configuration Profile",
                                       "Apple-Konfigurationsprofil"),
                           "alice@lab.test.mobileconfig", "alice.mobileconfig", &mode);
  g_assert_nonnull (strstr (profile, "<string>mail.lab.test</string>"));
  g_assert_null (strstr (profile, "Alice-Secret-1"));
  g_assert_cmpuint (mode, ==, 0600);
}

static void
flow_local (void)
{
  g_autofree char *msmtp = g_find_program_in_path ("msmtp");
  g_autofree char *config_path = pb_export_msmtp_get_config_path ();
  g_autofree char *config = NULL;

  verify_alice ();
  /* The answer from the bus has come (the rows of the files come with it at the latest). */
  pb_test_wait_ms (1500);
  g_assert_null (shown_row (goa_title ()));
  g_assert_nonnull (shown_row (pb_test_tr ("Account as Text", "Konto als Text")));
  g_assert_nonnull (shown_row ("Outlook"));
  g_assert_true ((shown_row ("msmtp") != NULL) == (msmtp != NULL));
  gtk_window_set_default_size (GTK_WINDOW (pb_test_get_window ()), 360, 1000);
  scroll_to_group ();
  pb_test_shot ("result-use-in-narrow");
  if (msmtp != NULL)
    {
      click_in (shown_row ("msmtp"), pb_test_tr ("A_dd", "Hin_zufügen"));
      g_autofree char *toast = pb_test_is_german ()
        ? g_strdup_printf ("Das Konto steht in %s. Das Passwort liegt im Schlüsselbund, wo "
                           "msmtp es sucht.", config_path)
        : g_strdup_printf ("The account is in %s. The password is in the keyring where msmtp "
                           "looks for it.", config_path);

      g_assert_true (pb_test_wait_until (pb_test_label_shown, toast, 10000));
      g_assert_true (g_file_get_contents (config_path, &config, NULL, NULL));
      g_assert_nonnull (strstr (config, "host mail.lab.test\n"));
      g_assert_null (strstr (config, "Alice-Secret-1"));
    }
  check_instructions ();
  check_files ();
}

static void
flow_manual (void)
{
  g_autofree char *msmtp = g_find_program_in_path ("msmtp");
  GtkWidget *window = pb_test_get_window ();

  main_window = window;
  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 0, "mail.lab.test");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@lab.test");
  pb_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Alice-Secret-1");
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));
  g_assert_true (pb_test_wait_until (row_shown,
                                     (gpointer) pb_test_tr ("Account as Text", "Konto als Text"),
                                     5000));
  g_assert_true ((shown_row ("msmtp") != NULL) == (msmtp != NULL));
  g_assert_null (shown_row ("Thunderbird"));
  g_assert_null (shown_row (goa_title ()));
}

static const PbTestFlow flows[] = {
  { "use-in-goa", flow_goa },
  { "use-in-local", flow_local },
  { "use-in-manual", flow_manual },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-use-in", flows, G_N_ELEMENTS (flows));
}
