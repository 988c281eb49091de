/* test-gui-password.c: where the password goes, and what the window says about it
 *
 *   confirm-foreign  alice@self-vouched.test: a hostile autoconfig names smtp.evil.test (the
 *                    scripted server "foreign"); Test stays insensitive and no AUTH reaches
 *                    the server until the user confirms, then the test runs
 *   confirm-http     lea@plain-http.test with allow-plain-http: settings that came over plain
 *                    HTTP and name only the domain's own server (the lab's Postfix); the gate
 *                    gives that reason, and no connection or AUTH reaches Postfix until the
 *                    user confirms, then the login works
 *   keyring-none     no Secret Service (keyring-run --none): "No keyring available"
 *   keyring-dismissed  a locked keyring whose unlock prompt the user cancels
 *                    (keyring-run --locked --prompt cancel): "Keyring prompt closed"
 *   keyring-unlock   a locked keyring the user unlocks at the prompt (--prompt accept): saved
 *   no-remember      GSettings remember-password=false: nothing stored, and the page says so
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a real gnome-keyring, in the
 * mode the flow names) and xvfb-run (a display).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-settings.h"
#include "pb-window.h"

static GtkWidget *
test_button (void)
{
  GtkWidget *button = pb_test_find_button (pb_test_get_window (),
                                           pb_test_tr ("_Test Settings", "Einstellungen _testen"));

  g_assert_nonnull (button);
  return button;
}

/* The confirmation row, found by its title as the user reads it (host NULL: any host). */
static GtkWidget *
confirm_row (const char *host)
{
  const char *prefix = pb_test_tr ("I want to send my password to ", "Ich möchte mein Passwort an ");
  g_autofree char *title = g_strconcat (prefix, host, pb_test_tr ("", " senden"), NULL);
  GtkWidget *label = host != NULL ? pb_test_find_label (pb_test_get_window (), title)
                                  : pb_test_find_label_prefix (pb_test_get_window (), prefix);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
}

/* The gate: shown with its reason, Test insensitive until the row is checked (as a click on
 * the row does), and insensitive again when it is unchecked. */
static void
pass_the_gate (const char *host,
               const char *reason,
               const char *shot)
{
  GtkWidget *row = confirm_row (host);
  GtkWidget *check = pb_test_find_by_type (row, GTK_TYPE_CHECK_BUTTON, 0);

  if (reason != NULL)
    g_assert_nonnull (pb_test_find_label (row, reason));
  g_assert_false (gtk_widget_is_sensitive (test_button ()));
  pb_test_shot (shot);

  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_is_sensitive (test_button ()));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_false (gtk_widget_is_sensitive (test_button ()));
  adw_action_row_activate (ADW_ACTION_ROW (row));
  g_assert_true (gtk_widget_is_sensitive (test_button ()));
}

static void
flow_confirm_foreign (void)
{
  pb_test_enter_address ("Alice Example", "alice@self-vouched.test", "Vouched-Secret-1",
                         "settings-foreign");
  g_assert_cmpuint (pb_test_lab_count ("foreign.log", "AUTH"), ==, 0);
  g_assert_cmpuint (pb_test_lab_count ("foreign.events", "connect from"), ==, 0);
  /* Enter in the confirmation's row must not slip past it either: the page focuses the
   * check box, not the insensitive button. */
  g_assert_true (gtk_widget_has_focus (pb_test_find_by_type (confirm_row ("smtp.evil.test"),
                                                             GTK_TYPE_CHECK_BUTTON, 0)));
  pass_the_gate ("smtp.evil.test",
                 pb_test_tr ("This server does not belong to your address’s domain or its "
                             "known provider.",
                             "Dieser Server gehört weder zur Domain Ihrer Adresse noch zu "
                             "deren bekanntem Anbieter."),
                 "confirm-foreign");
  g_assert_cmpuint (pb_test_lab_count ("foreign.log", "AUTH"), ==, 0);

  /* Confirmed: the test runs, and only now does the password reach the server. */
  pb_test_run_test_and_wait ();
  g_assert_cmpuint (pb_test_lab_count ("foreign.log", "AUTH"), >=, 1);
  /* The lab's server knows no alice@self-vouched.test. */
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("User name or password wrong",
                                                    "Benutzername oder Passwort falsch")));
  pb_test_shot ("result-foreign");
}

/* The lab's Postfix logs each session's commands when it ends: " auth=" is a login, and
 * ": connect from " a connection. */
#define POSTFIX_LOG "../log/postfix.log"

static gboolean
postfix_login_seen (gpointer data)
{
  return pb_test_lab_count (POSTFIX_LOG, " auth=") > 0;
}

static void
flow_confirm_http (void)
{
  g_autoptr(GSettings) settings = pb_settings_new ();
  guint connects = pb_test_lab_count (POSTFIX_LOG, ": connect from ");

  /* Plain HTTP is asked only when the user allowed it. plain-http.test's file comes over
   * plain HTTP only and names only the domain's own servers (the lab's Postfix as
   * out.plain-http.test): the plain HTTP is the one reason for the gate. */
  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_boolean (settings, "allow-plain-http", TRUE));
  pb_test_enter_address ("Lea Example", "lea@plain-http.test", "Plain-Http-Secret-4",
                         "settings-http");
  g_assert_true (gtk_widget_has_focus (pb_test_find_by_type (confirm_row ("out.plain-http.test"),
                                                             GTK_TYPE_CHECK_BUTTON, 0)));
  pass_the_gate ("out.plain-http.test",
                 pb_test_tr ("These settings came over an unencrypted connection and could "
                             "have been changed on the way.",
                             "Diese Einstellungen kamen über eine unverschlüsselte Verbindung "
                             "und könnten unterwegs verändert worden sein."),
                 "confirm-http");
  g_assert_null (pb_test_find_label (pb_test_get_window (),
                                     pb_test_tr ("This server does not belong to your "
                                                 "address’s domain or its known provider.",
                                                 "Dieser Server gehört weder zur Domain Ihrer "
                                                 "Adresse noch zu deren bekanntem Anbieter.")));
  /* Nothing reached the server before the confirmation: no connection, no login. */
  g_assert_cmpuint (pb_test_lab_count (POSTFIX_LOG, ": connect from "), ==, connects);
  g_assert_cmpuint (pb_test_lab_count (POSTFIX_LOG, " auth="), ==, 0);

  /* Confirmed: the test runs, and only now does the password reach the server. */
  pb_test_run_test_and_wait ();
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Your Account Works",
                                                    "Ihr Konto funktioniert")));
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Login accepted", "Anmeldung angenommen")));
  g_assert_true (pb_test_wait_until (postfix_login_seen, NULL, pb_test_scaled_ms (10000)));
  g_assert_cmpuint (pb_test_lab_count (POSTFIX_LOG, " auth=1 "), ==, 1);
  pb_test_shot ("result-http");
}

/* alice@lab.test through the real Postfix, and the line about the password that follows. */
static void
success_then (const char *password_line,
              const char *shot)
{
  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", "settings");
  pb_test_run_test_and_wait ();
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Login accepted", "Anmeldung angenommen")));
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) password_line, 20000));
  pb_test_shot (shot);
}

static char *
stored_password (void)
{
  PbServerConfig *server = pb_window_get_tested_server (PB_WINDOW (pb_test_get_window ()));
  g_autoptr(GError) error = NULL;
  char *stored;

  g_assert_nonnull (server);
  stored = pb_test_keyring_lookup (server, "alice@lab.test", &error);
  if (error != NULL)
    g_test_message ("keyring: %s", error->message);
  return stored;
}

static void
flow_keyring_none (void)
{
  success_then (pb_test_tr ("No keyring available: Start or install a keyring, for example "
                            "GNOME Keyring, KWallet or KeePassXC with Secret Service switched "
                            "on, then try again.",
                            "Kein Schlüsselbund verfügbar: Starten oder installieren Sie einen "
                            "Schlüsselbund, zum Beispiel GNOME Schlüsselbund, KWallet oder "
                            "KeePassXC mit eingeschaltetem Secret Service, und versuchen Sie "
                            "es dann erneut."),
                "result-keyring-none");
}

static void
flow_keyring_dismissed (void)
{
  success_then (pb_test_tr ("Keyring prompt closed: Try again and confirm the keyring prompt.",
                            "Schlüsselbund-Abfrage geschlossen: Versuchen Sie es erneut und "
                            "bestätigen Sie die Abfrage des Schlüsselbunds."),
                "result-keyring-dismissed");
  g_assert_null (stored_password ());
}

static void
flow_keyring_unlock (void)
{
  g_autofree char *stored = NULL;

  success_then (pb_test_tr ("Password saved in the keyring",
                            "Passwort im Schlüsselbund gespeichert"),
                "result-keyring-unlock");
  /* The line shows when the first half's password is stored; the outgoing half's store
   * may still wait for its turn at the keyring (one unlock at a time): look again for a
   * while before saying it is not there. */
  stored = stored_password ();
  for (guint i = 0; i < 50 && g_strcmp0 (stored, "Alice-Secret-1") != 0; i++)
    {
      g_free (stored);
      pb_test_wait_ms (200);
      stored = stored_password ();
    }
  g_assert_cmpstr (stored, ==, "Alice-Secret-1");
}

static void
flow_no_remember (void)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_boolean (settings, "remember-password", FALSE));
  success_then (pb_test_tr ("Password not saved: remembering passwords is switched off",
                            "Passwort nicht gespeichert: Das Merken von Passwörtern ist "
                            "ausgeschaltet"),
                "result-no-remember");
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr (
                                         "Password saved in the keyring",
                                         "Passwort im Schlüsselbund gespeichert")));
  g_assert_null (stored_password ());
}

/* The start page's "Remember password" switch, found by its row's title. */
static GtkSwitch *
remember_switch (void)
{
  GtkWidget *label = pb_test_find_label (pb_test_get_window (),
                                         pb_test_tr ("Remember password", "Passwort merken"));
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  return GTK_SWITCH (pb_test_find_by_type (row, GTK_TYPE_SWITCH, 0));
}

static gboolean
forget_offered (gpointer user_data)
{
  return pb_test_find_button (pb_test_get_window (),
                              pb_test_tr ("_Forget Saved Password",
                                          "Gespeichertes Passwort _vergessen")) != NULL;
}

static gboolean
forget_withdrawn (gpointer user_data)
{
  return !forget_offered (user_data);
}

/* The switch beside the password decides, by default as the setting says; a saved password
 * can be forgotten from the result page. */
static void
flow_remember_switch (void)
{
  g_autofree char *stored = NULL;

  g_assert_true (gtk_switch_get_active (remember_switch ()));
  gtk_switch_set_active (remember_switch (), FALSE);
  pb_test_shot ("start-remember");
  success_then (pb_test_tr ("Password not saved: remembering passwords is switched off",
                            "Passwort nicht gespeichert: Das Merken von Passwörtern ist "
                            "ausgeschaltet"), NULL);
  g_assert_null (stored_password ());
  g_assert_false (forget_offered (NULL));

  gtk_widget_activate_action (pb_test_get_window (), "win.back", NULL);
  gtk_widget_activate_action (pb_test_get_window (), "win.back", NULL);
  pb_test_settle (pb_test_get_window ());
  g_assert_false (gtk_switch_get_active (remember_switch ()));
  gtk_switch_set_active (remember_switch (), TRUE);
  success_then (pb_test_tr ("Password saved in the keyring",
                            "Passwort im Schlüsselbund gespeichert"), NULL);
  stored = stored_password ();
  g_assert_cmpstr (stored, ==, "Alice-Secret-1");
  g_assert_true (pb_test_wait_until (forget_offered, NULL, 5000));
  pb_test_shot ("result-forget-password");
  pb_test_click (pb_test_tr ("_Forget Saved Password", "Gespeichertes Passwort _vergessen"));
  g_assert_true (pb_test_wait_until (forget_withdrawn, NULL, 10000));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Saved password removed from the keyring",
                                                            "Gespeichertes Passwort aus dem Schlüsselbund entfernt"),
                                     5000));
  g_assert_null (stored_password ());
}

static const PbTestFlow flows[] = {
  { "confirm-foreign", flow_confirm_foreign },
  { "confirm-http", flow_confirm_http },
  { "keyring-none", flow_keyring_none },
  { "keyring-dismissed", flow_keyring_dismissed },
  { "keyring-unlock", flow_keyring_unlock },
  { "no-remember", flow_no_remember },
  { "remember-switch", flow_remember_switch },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-password", flows, G_N_ELEMENTS (flows));
}
