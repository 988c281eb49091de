/* test-gui-oauth.c: signing in at the provider (OAuth 2.0) instead of typing a password
 *
 *   oauth            alice@lab.test, no password typed, with the lab's administrator's preset
 *                    (its sign-in server auth.lab.test, glewlwyd) and Postbote's registration
 *                    there (the setting oauth-clients): the settings page offers "Sign in with
 *                    Lab" instead of the password; Test Settings shows the sign-in page and
 *                    opens the browser with gtk_show_uri_full(), which finds this HOME's
 *                    default https handler: tests/lab/oauth_browser.py, the person at
 *                    glewlwyd's real login page. Both halves log in with the token
 *                    (OAUTHBEARER), and the refresh token is in the keyring; the next
 *                    test signs in with it, without the browser; Sign Out removes it, and
 *                    the test after that opens the browser again
 *   oauth-cancel     the browser opens, but nobody signs in: "Continue in Your Browser" with
 *                    the address to copy (at 360 px too); Cancel goes back to the settings at
 *                    once, the sign-in stops listening, no half starts and nothing logs in;
 *                    the next Test signs in
 *   (oauth-no-client: test-gui-oauth-no-client.c)
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a real gnome-keyring, a
 * fresh HOME) and xvfb-run (a display). Before the application starts, main() puts the
 * preset into XDG_DATA_DIRS and the browser into the HOME (pb-gui-test-browser.c).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pb-gui-test-app.h"
#include "pb-gui-test-browser.h"
#include "pb-gui-test-oauth.h"
#include "pb-gui-test-util.h"
#include "pb-oauth-client.h"
#include "pb-settings.h"
#include "pb-sign-in-settings-dialog.h"
#include "pb-window.h"

/* The narrowest window the pages are made for: a phone's screen. */
#define NARROW 360

#define POSTFIX_LOG "../log/postfix.log"

static GtkWidget *
window (void)
{
  return pb_test_get_window ();
}

static PbWindowPage
page (void)
{
  return pb_window_get_page (PB_WINDOW (window ()));
}

/* The shown button below root with this tooltip (an icon button), or NULL. */
static GtkWidget *
find_tooltip_button (GtkWidget  *root,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
saved_refresh_token (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_command_line_sync ("secret-tool lookup issuer auth.lab.test "
                                            "client postbote-lab user alice@lab.test",
                                            &out, NULL, &status, NULL));
  return g_spawn_check_wait_status (status, NULL) ? g_strstrip (g_steal_pointer (&out)) : NULL;
}

static gboolean
browser_returned (gpointer data)
{
  return pb_test_browser_returned_code ();
}

/* Test Settings with the browser playing the person: the sign-in page, then the halves,
 * then the result, where both halves logged in with the token. */
static void
sign_in_and_assert (const char *shot)
{
  GString *pages = pb_test_record_pages ();
  guint opened = pb_test_browser_count_opened ();

  pb_test_run_test_and_wait ();
  g_test_message ("pages: %s", pages->str);
  g_assert_true (g_str_has_prefix (pages->str, "sign-in test result"));
  pb_test_stop_recording (pages);
  /* gtk_show_uri_full() reached the browser, which came back to the loopback with a code. */
  g_assert_cmpuint (pb_test_browser_count_opened (), ==, opened + 1);
  g_assert_true (pb_test_wait_until (browser_returned, NULL, 10000));

  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));
  g_assert_cmpuint (pb_test_count_labels (window (), pb_test_oauth_accepted ()), ==, 2);
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Sign-in saved in the keyring",
                                                             "Anmeldung im Schlüsselbund gespeichert")));
  pb_test_shot (shot);
}

static gboolean
token_gone (gpointer data)
{
  g_autofree char *refresh = saved_refresh_token ();

  return refresh == NULL;
}

/* Sign Out removes the refresh token from the keyring (as postbote forget does), says so
 * and is gone; the next test opens the browser again. */
static void
sign_out (void)
{
  const char *sign_out = pb_test_tr ("Sign _Out", "_Abmelden");
  const char *toast = pb_test_tr ("Signed out: sign-in removed from the keyring",
                                  "Abgemeldet: Anmeldung aus dem Schlüsselbund entfernt");
  g_autofree char *before = saved_refresh_token ();
  guint opened = pb_test_browser_count_opened ();
  GtkWidget *button = pb_test_find_button (window (), sign_out);

  g_assert_nonnull (before);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  pb_test_scroll_to (button);
  pb_test_shot ("result-oauth-sign-out");
  pb_test_click (sign_out);
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) toast, 10000));
  g_assert_true (pb_test_wait_until (token_gone, NULL, 10000));
  g_assert_false (gtk_widget_get_visible (button));
  pb_test_shot ("result-oauth-signed-out");

  gtk_widget_activate_action (window (), "win.back", NULL);
  pb_test_settle (window ());
  pb_test_browser_set_away (FALSE);
  pb_test_run_test_and_wait ();
  g_assert_cmpuint (pb_test_browser_count_opened (), ==, opened + 1);
  g_assert_true (pb_test_wait_until (browser_returned, NULL, 10000));
  g_assert_cmpuint (pb_test_count_labels (window (), pb_test_oauth_accepted ()), ==, 2);
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("Signed in with the sign-in saved in the keyring",
                                                              "Angemeldet mit der im Schlüsselbund gespeicherten Anmeldung")));
}

/* The hand-offs of an account that signs in at the provider: those that can say so
 * (autoconfig, the text) are offered; GNOME Online Accounts, msmtp, the Apple profile and
 * the programs' manual setups, which would make a password login that never works, are
 * not, and say what to do instead. */
static void
assert_hand_offs (void)
{
  g_autofree char *msmtp = g_find_program_in_path ("msmtp");

  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Autoconfig File", "Autoconfig-Datei")));
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Account as Text", "Konto als Text")));
  g_assert_nonnull (pb_test_find_label_containing (window (),
                                                   pb_test_tr ("GNOME Online Accounts’ IMAP and SMTP accounts take passwords only",
                                                               "GNOME Online-Konten akzeptieren nur Passwörter")));
  g_assert_nonnull (pb_test_find_label_containing (window (),
                                                   pb_test_tr ("A configuration profile sets up accounts with a password only",
                                                               "Ein Konfigurationsprofil richtet Konten nur mit Passwort ein")));
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("A file for iPhone, iPad and Mac; they call it “unverified”, as it is not signed",
                                                              "Eine Datei für iPhone, iPad und Mac; sie nennen es „nicht überprüft“, da es nicht signiert ist")));
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("The sender that mutt, git send-email and others use",
                                                              "Der Versender, den mutt, git send-email und andere nutzen")));
  if (msmtp != NULL)
    g_assert_nonnull (pb_test_find_label_containing (window (), "passwordeval"));
  /* Every program's manual setup enters a password: no steps, but what to do instead. */
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("Step by step, with each value to copy",
                                                              "Schritt für Schritt, jeder Wert zum Kopieren")));
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Mail Programs", "E-Mail-Programme")));
  g_assert_nonnull (pb_test_find_label_containing (window (),
                                                   pb_test_tr ("a manual setup enters a password",
                                                               "eine manuelle Einrichtung gibt ein Passwort ein")));
}

static void
flow_oauth (void)
{
  g_autofree char *refresh = NULL;
  GString *pages;
  GtkWidget *use_in;
  int width, height;

  pb_test_oauth_register_client ();
  pb_test_oauth_enter_alice ("settings-oauth");
  /* Switched off, the password and the login method are asked for again. */
  gtk_switch_set_active (GTK_SWITCH (pb_test_switch_of (pb_test_tr ("Sign in with Lab",
                                                            "Bei Lab anmelden"))), FALSE);
  pb_test_settle (window ());
  g_assert_nonnull (pb_test_find_by_type (window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0));
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Authentication",
                                                             "Authentifizierung")));
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("Stay signed in",
                                                              "Angemeldet bleiben")));
  gtk_switch_set_active (GTK_SWITCH (pb_test_switch_of (pb_test_tr ("Sign in with Lab",
                                                            "Bei Lab anmelden"))), TRUE);
  pb_test_settle (window ());
  g_assert_null (pb_test_find_by_type (window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0));
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("Authentication",
                                                              "Authentifizierung")));
  g_assert_null (saved_refresh_token ());
  sign_in_and_assert ("result-oauth");
  refresh = saved_refresh_token ();
  g_assert_nonnull (refresh);
  g_assert_cmpuint (strlen (refresh), >, 20);

  /* The result at a phone's width. */
  gtk_window_get_default_size (GTK_WINDOW (window ()), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window ()), NARROW, 720);
  pb_test_settle (window ());
  pb_test_shot ("result-oauth-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window ()), width, height);
  pb_test_settle (window ());

  /* The hand-offs of the account signed in. */
  use_in = pb_test_find_label (window (), pb_test_tr ("Use In…", "Verwenden in…"));
  g_assert_nonnull (use_in);
  pb_test_scroll_to (use_in);
  pb_test_shot ("result-oauth-use-in");
  assert_hand_offs ();

  /* Tested again: the window's sign-in is still valid, so there is none at all. */
  gtk_widget_activate_action (window (), "win.back", NULL);
  pb_test_settle (window ());
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  pb_test_browser_set_away (TRUE);
  pages = pb_test_record_pages ();
  pb_test_run_test_and_wait ();
  g_test_message ("pages: %s", pages->str);
  g_assert_true (g_str_has_prefix (pages->str, "test result"));
  pb_test_stop_recording (pages);
  g_assert_cmpuint (pb_test_browser_count_opened (), ==, 1);
  g_assert_cmpuint (pb_test_count_labels (window (), pb_test_oauth_accepted ()), ==, 2);

  /* Started over, the window keeps nothing of the account; stayed signed in, the next test
   * signs in with the refresh token from the keyring, without a browser. */
  gtk_widget_activate_action (window (), "win.done", NULL);
  pb_test_settle (window ());
  pb_test_oauth_enter_alice (NULL);
  pb_test_run_test_and_wait ();
  g_assert_cmpuint (pb_test_browser_count_opened (), ==, 1);
  g_assert_cmpuint (pb_test_count_labels (window (), pb_test_oauth_accepted ()), ==, 2);
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Signed in with the sign-in saved in the keyring",
                                                             "Angemeldet mit der im Schlüsselbund gespeicherten Anmeldung")));
  sign_out ();
}

/* Whether something listens on 127.0.0.1:port. */
static gboolean
listening (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

static gboolean
stopped_listening (gpointer port)
{
  return !listening (GPOINTER_TO_UINT (port));
}

/* The loopback port of the redirect URI in the sign-in page's address. */
static guint
redirect_port (const char *address)
{
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GUri) redirect = NULL;

  g_assert_nonnull (uri);
  query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (query);
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (query, "login_hint"), ==, "alice@lab.test");
  redirect = g_uri_parse (g_hash_table_lookup (query, "redirect_uri"), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (redirect);
  g_assert_cmpstr (g_uri_get_host (redirect), ==, "127.0.0.1");
  return g_uri_get_port (redirect);
}

static gboolean
browser_opened (gpointer count)
{
  return pb_test_browser_count_opened () >= GPOINTER_TO_UINT (count);
}

/* Every page built so far asks for at most NARROW. */
static void
assert_fits_narrow (void)
{
  GtkWidget *stack = pb_test_find_by_type (window (), GTK_TYPE_STACK, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum, natural;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_assert_cmpint (minimum, <=, NARROW);
      g_assert_cmpint (natural, <=, NARROW);
    }
}

/* The sign-in page waits for the browser, and names the sign-in server; the address the
 * browser got is returned. */
static char *
assert_waiting (void)
{
  g_autofree char *opened = pb_test_browser_last_opened ();

  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SIGN_IN);
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Continue in Your Browser",
                                                             "Im Browser fortfahren")));
  g_assert_true (g_str_has_prefix (opened, "https://auth.lab.test/api/oidc/auth?"));
  g_assert_nonnull (pb_test_find_label (window (), "auth.lab.test"));
  return g_steal_pointer (&opened);
}

/* Copy Address copies the address the browser got. */
static void
assert_copy (const char *address)
{
  GtkWidget *copy = find_tooltip_button (window (), pb_test_tr ("Copy Address",
                                                                "Adresse kopieren"));
  g_autofree char *copied = NULL;

  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");
  copied = pb_test_read_clipboard (window ());
  g_assert_cmpstr (copied, ==, address);
}

static void
flow_oauth_cancel (void)
{
  g_autofree char *address = NULL;
  int width, height;
  guint port;

  pb_test_oauth_register_client ();
  pb_test_oauth_enter_alice (NULL);
  pb_test_browser_set_away (TRUE);
  pb_test_click (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  g_assert_true (pb_test_wait_until (browser_opened, GUINT_TO_POINTER (1), 30000));
  pb_test_settle (window ());
  address = assert_waiting ();
  port = redirect_port (address);
  g_assert_true (listening (port));
  pb_test_shot ("sign-in-browser");

  gtk_window_get_default_size (GTK_WINDOW (window ()), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window ()), NARROW, 720);
  pb_test_settle (window ());
  assert_fits_narrow ();
  gtk_expander_set_expanded (GTK_EXPANDER (pb_test_find_by_type (window (), GTK_TYPE_EXPANDER, 0)),
                             TRUE);
  pb_test_settle (window ());
  g_assert_nonnull (pb_test_find_label (window (), address));
  pb_test_shot ("sign-in-browser-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window ()), width, height);
  pb_test_settle (window ());
  assert_copy (address);

  /* Cancel: the settings at once; the sign-in stops listening; no half runs after it. */
  pb_test_click_no_settle (pb_test_tr ("_Cancel", "_Abbrechen"));
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_true (pb_test_wait_until (stopped_listening, GUINT_TO_POINTER (port), 10000));
  pb_test_wait_ms (1000);
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_cmpuint (pb_test_lab_count (POSTFIX_LOG, " auth="), ==, 0);
  g_assert_null (saved_refresh_token ());

  /* Nothing hangs: the next test signs in. */
  pb_test_browser_set_away (FALSE);
  sign_in_and_assert (NULL);
}

static const PbTestFlow flows[] = {
  { "oauth", flow_oauth },
  { "oauth-cancel", flow_oauth_cancel },
};

int
main (int    argc,
      char **argv)
{
  pb_test_browser_install ();
  return pb_test_flow_main (&argc, &argv, "gui-oauth", flows, G_N_ELEMENTS (flows));
}
