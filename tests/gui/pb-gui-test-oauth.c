/* pb-gui-test-oauth.c: what the window tests of the provider's sign-in share
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-gui-test-app.h"
#include "pb-gui-test-oauth.h"
#include "pb-gui-test-util.h"
#include "pb-settings.h"

void
pb_test_oauth_set_clients (const char *text)
{
  g_autoptr(GSettings) settings = pb_settings_new ();
  g_autoptr(GError) error = NULL;
  GVariant *clients = g_variant_parse (G_VARIANT_TYPE ("a{sa{ss}}"), text, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (settings);
  g_assert_true (g_settings_set_value (settings, "oauth-clients", clients));
  g_variant_unref (clients);
}

/* Postbote's registration at the lab's sign-in server, as the person or an administrator
 * sets it. */
void
pb_test_oauth_register_client (void)
{
  pb_test_oauth_set_clients ("{'auth.lab.test': {'client-id': 'postbote-lab', "
               "'redirect-ports': '47100-47109'}}");
}

/* The pages the window showed, by their names, one after the other. */
static void
on_page_shown (GtkStack *stack,
               GParamSpec *pspec,
               GString *pages)
{
  g_string_append_printf (pages, "%s ", gtk_stack_get_visible_child_name (stack));
}

GString *
pb_test_record_pages (void)
{
  GString *pages = g_string_new (NULL);

  g_signal_connect (pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_STACK, 0), "notify::visible-child-name",
                    G_CALLBACK (on_page_shown), pages);
  return pages;
}

void
pb_test_stop_recording (GString *pages)
{
  g_signal_handlers_disconnect_by_data (pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_STACK, 0), pages);
  g_string_free (pages, TRUE);
}

/* How many shown labels below root read text. */
guint
pb_test_count_labels (GtkWidget  *root,
              const char *text)
{
  guint count = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
                g_str_equal (gtk_label_get_text (GTK_LABEL (root)), text);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += pb_test_count_labels (child, text);
  return count;
}

GtkWidget *
pb_test_switch_of (const char *row_title)
{
  GtkWidget *label = pb_test_find_label (pb_test_get_window (), row_title);
  GtkWidget *row;

  if (label == NULL)
    g_error ("no row “%s”", row_title);
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  return pb_test_find_by_type (row, GTK_TYPE_SWITCH, 0);
}

/* alice@lab.test without a password: the settings page offers the sign-in, switched on,
 * and asks for no password. */
void
pb_test_oauth_enter_alice (const char *shot)
{
  pb_test_enter_address ("Alice Example", "alice@lab.test", "", shot);
  /* The preset is the administrator's: the settings say that they are the organization's. */
  g_assert_nonnull (pb_test_find_label_containing (pb_test_get_window (),
                                                   pb_test_tr ("Settings from your organization’s provider list.",
                                                               "Einstellungen aus der Anbieterliste Ihrer Organisation.")));
  g_assert_null (pb_test_find_label_containing (pb_test_get_window (),
                                                pb_test_tr ("Settings from the built-in provider list.",
                                                            "Einstellungen aus der eingebauten Anbieterliste.")));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (pb_test_switch_of (pb_test_tr ("Sign in with Lab",
                                                                           "Bei Lab anmelden")))));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (pb_test_switch_of (pb_test_tr ("Stay signed in",
                                                                           "Angemeldet bleiben")))));
  g_assert_null (pb_test_find_by_type (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0));
  g_assert_null (pb_test_find_label (pb_test_get_window (), pb_test_tr ("Remember password",
                                                            "Passwort merken")));
  g_assert_null (pb_test_find_label (pb_test_get_window (),
                                     pb_test_tr ("No password entered: the test will not check the login.",
                                                 "Kein Passwort eingegeben: Der Test prüft die Anmeldung nicht.")));
}

/* A half's row of a login with the token. */
const char *
pb_test_oauth_accepted (void)
{
  return pb_test_tr ("Login accepted with the provider’s sign-in (OAUTHBEARER)",
                     "Anmeldung über den Anbieter angenommen (OAUTHBEARER)");
}
