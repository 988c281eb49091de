/* test-gui-oauth-no-client.c: the provider's sign-in without Postbote's registration there
 *
 *   oauth-no-client  no client ID for auth.lab.test (only the administrator's redirect ports),
 *                    and glewlwyd allows no dynamic registration: the failure card says so,
 *                    asks for no password and offers Sign-in Settings, which opens the dialog
 *                    with the lab's Client ID in focus; the client typed there key by key and
 *                    the dialog closed with Escape, Try Again signs in at glewlwyd
 *
 * Runs as test-gui-oauth.c does: lab-run, keyring-run and xvfb-run, with the preset and the
 * browser set up by main() (pb-gui-test-browser.c).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-gui-test-app.h"
#include "pb-gui-test-browser.h"
#include "pb-gui-test-oauth.h"
#include "pb-gui-test-util.h"
#include "pb-oauth-client.h"
#include "pb-settings.h"
#include "pb-sign-in-settings-dialog.h"
#include "pb-window.h"

static GtkWidget *
window (void)
{
  return pb_test_get_window ();
}

static gboolean
shown_again (gpointer pages)
{
  return g_str_has_suffix (((GString *) pages)->str, "result ");
}

/* Sign-in Settings on the failure: the dialog, with the lab's Client ID in focus; the
 * client typed there key by key, the dialog closed with Escape, as a person does. */
static void
enter_client_in_dialog (void)
{
  g_autoptr(GSettings) settings = pb_settings_new ();
  g_autofree char *id = NULL;
  g_autofree char *ports = NULL;
  GtkWidget *dialog, *focus, *row, *group;

  pb_test_click (pb_test_tr ("_Sign-in Settings…", "_Anmeldeeinstellungen…"));
  g_assert_true (pb_test_wait_until (pb_test_sign_in_settings_shown, NULL, 5000));
  dialog = pb_test_sign_in_settings_dialog ();
  pb_test_settle (dialog);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   pb_test_tr ("Client ID", "Client-ID"));
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Lab");
  pb_test_type_keys (row, "postbote-lab");
  g_assert_true (pb_test_press_key (dialog, GDK_KEY_Escape, 0));
  g_assert_true (pb_test_wait_until (pb_test_sign_in_settings_gone, NULL, 5000));

  /* Saved on closing, beside the administrator's ports. */
  id = pb_oauth_client_get_field (settings, "auth.lab.test", PB_OAUTH_CLIENT_FIELD_ID);
  ports = pb_oauth_client_get_field (settings, "auth.lab.test",
                                     PB_OAUTH_CLIENT_FIELD_REDIRECT_PORTS);
  g_assert_cmpstr (id, ==, "postbote-lab");
  g_assert_cmpstr (ports, ==, "47100-47109");
}

/* The lab's glewlwyd would register Postbote (RFC 7591): not here. */
static void
refuse_registration (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("PB_LAB_SRCDIR"), "oauth_browser.py",
                                              NULL);
  const char *argv[] = { "python3", script, "registration", "off", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
flow_oauth_no_client (void)
{
  GString *pages;

  /* The administrator set the ports glewlwyd knows, and nobody the client ID; glewlwyd
   * would register Postbote itself, were it allowed to. */
  pb_test_oauth_set_clients ("{'auth.lab.test': {'redirect-ports': '47100-47109'}}");
  refuse_registration ();
  pb_test_oauth_enter_alice (NULL);
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Postbote is not registered with this provider",
                                                             "Postbote ist bei diesem Anbieter nicht registriert")));
  /* No browser, and the failure asks for no password: there is none to fix. */
  g_assert_cmpuint (pb_test_browser_count_opened (), ==, 0);
  pb_test_shot ("result-oauth-no-client");
  g_assert_null (pb_test_find_by_type (window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0));

  enter_client_in_dialog ();

  /* Try Again signs in with the client just entered. */
  pages = pb_test_record_pages ();
  pb_test_click (pb_test_tr ("_Try Again", "_Erneut versuchen"));
  g_assert_true (pb_test_wait_until (shown_again, pages, 60000));
  pb_test_settle (window ());
  g_test_message ("pages: %s", pages->str);
  g_assert_true (g_str_has_prefix (pages->str, "sign-in test result"));
  pb_test_stop_recording (pages);
  g_assert_cmpuint (pb_test_browser_count_opened (), ==, 1);
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));
  g_assert_cmpuint (pb_test_count_labels (window (), pb_test_oauth_accepted ()), ==, 2);
}

static const PbTestFlow flows[] = {
  { "oauth-no-client", flow_oauth_no_client },
};

int
main (int    argc,
      char **argv)
{
  pb_test_browser_install ();
  return pb_test_flow_main (&argc, &argv, "gui-oauth", flows, G_N_ELEMENTS (flows));
}
