/* test-sign-in-settings-dialog.c: the registrations at the sign-in servers, as the person
 * sets them in the window (PbSignInSettingsDialog)
 *
 *   a group for every sign-in server of the built-in presets and the lab's administrator's
 *   preset, titled with its providers; Microsoft's asks for the application and the tenant
 *   ID, Google's for the client ID and secret, the others for the client ID only. What is
 *   typed (key by key, through the X server) is in the setting "oauth-clients" once
 *   applied (Enter) or when the window closes; a tenant that is none is refused with the
 *   reader's sentence and not saved, and closing with it keeps the window open once.
 *   Ctrl+comma and the main menu open it.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-i18n.h"
#include "pb-oauth-client.h"
#include "pb-provider-db.h"
#include "pb-settings.h"
#include "pb-sign-in-settings-dialog.h"

#define MICROSOFT "login.microsoftonline.com"
#define CLIENT_ID "00000000-1111-2222-3333-444444444444"
#define TENANT "contoso.onmicrosoft.com"

/* The narrowest window the pages are made for: a phone's screen. */
#define NARROW 360

static gboolean
label_in_dialog (gpointer text)
{
  GtkWidget *dialog = pb_test_sign_in_settings_dialog ();

  return dialog != NULL && pb_test_find_label (dialog, text) != NULL;
}

/* The dialog on the built-in presets and the lab's administrator's preset. */
static GtkWidget *
open_dialog (GSettings *settings)
{
  g_autoptr(PbProviderDb) db = pb_provider_db_new_from_resource (PB_PROVIDER_RESOURCE_PATH);
  g_autofree char *lab = g_test_build_filename (G_TEST_DIST, "lab", "providers", NULL);
  PbSignInSettingsDialog *dialog;

  pb_provider_db_add_directory (db, lab);
  dialog = pb_sign_in_settings_dialog_new (GTK_WINDOW (pb_test_get_window ()), db, settings);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (pb_test_wait_until (pb_test_sign_in_settings_shown, NULL, 5000));
  pb_test_settle (GTK_WIDGET (dialog));
  return GTK_WIDGET (dialog);
}

static void
close_dialog (GtkWidget *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (pb_test_wait_until (pb_test_sign_in_settings_gone, NULL, 5000));
}

/* The entry row titled title. */
static GtkWidget *
row (GtkWidget  *dialog,
     const char *title)
{
  GtkWidget *label = pb_test_find_label (dialog, title);

  if (label == NULL)
    g_error ("no row “%s”", title);
  return gtk_widget_get_ancestor (label, ADW_TYPE_ENTRY_ROW);
}

/* The titles of the shown groups and of their rows: "Group: Row, Row; Group: Row". */
static char *
layout (GtkWidget *dialog)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      GtkWidget *group = pb_test_find_by_type (dialog, ADW_TYPE_PREFERENCES_GROUP, i);

      if (group == NULL)
        break;
      g_string_append_printf (text, "%s%s:", i > 0 ? "; " : "",
                              adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)));
      for (guint j = 0; ; j++)
        {
          GtkWidget *entry = pb_test_find_by_type (group, ADW_TYPE_ENTRY_ROW, j);

          if (entry == NULL)
            break;
          g_string_append_printf (text, "%s %s", j > 0 ? "," : "",
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry)));
        }
    }
  return g_string_free (text, FALSE);
}

static char *
field (GSettings          *settings,
       PbOAuthClientField  which)
{
  return pb_oauth_client_get_field (settings, MICROSOFT, which);
}

/* Every issuer, titled with its providers; the tenant only for Microsoft, the secret only
 * for Google. */
static void
check_layout (GtkWidget *dialog)
{
  g_autofree char *text = layout (dialog);

  g_assert_cmpstr (text, ==,
                   pb_test_tr ("Microsoft 365, Outlook.com: Application (Client) ID, "
                               "Directory (Tenant) ID; Gmail, Google Workspace: Client ID, "
                               "Client Secret; Lab: Client ID; AOL: Client ID; Yahoo: Client ID",
                               "Microsoft 365, Outlook.com: Anwendungs-ID (Client), "
                               "Verzeichnis-ID (Mandant); Gmail, Google Workspace: Client-ID, "
                               "Clientschlüssel; Lab: Client-ID; AOL: Client-ID; Yahoo: Client-ID"));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (row (dialog, pb_test_tr ("Client Secret",
                                                                     "Clientschlüssel"))));
  g_assert_nonnull (pb_test_find_label_containing (dialog, pb_test_tr ("Microsoft Entra admin center",
                                                                       "Microsoft Entra Admin Center")));
  g_assert_nonnull (pb_test_find_label_containing (dialog, "auth.lab.test"));
}

static const char *
id_title (void)
{
  return pb_test_tr ("Application (Client) ID", "Anwendungs-ID (Client)");
}

static const char *
tenant_title (void)
{
  return pb_test_tr ("Directory (Tenant) ID", "Verzeichnis-ID (Mandant)");
}

/* Typed and applied with Enter: in the setting; typed and not applied: saved on closing. */
static void
check_typed (GSettings *settings)
{
  GtkWidget *dialog = open_dialog (settings);
  g_autofree char *id = NULL;
  g_autofree char *tenant = NULL;
  int width, height;

  check_layout (dialog);
  pb_test_type_keys (row (dialog, id_title ()), CLIENT_ID);
  g_assert_null (field (settings, PB_OAUTH_CLIENT_FIELD_ID));
  g_assert_true (pb_test_press_key (dialog, GDK_KEY_Return, 0));
  id = field (settings, PB_OAUTH_CLIENT_FIELD_ID);
  g_assert_cmpstr (id, ==, CLIENT_ID);

  pb_test_type_keys (row (dialog, tenant_title ()), TENANT);
  g_assert_null (field (settings, PB_OAUTH_CLIENT_FIELD_TENANT));
  pb_test_screenshot (dialog, pb_test_tr ("sign-in-settings-en", "sign-in-settings-de"));
  /* At a phone's width. */
  gtk_window_get_default_size (GTK_WINDOW (dialog), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (dialog), NARROW, height);
  pb_test_settle (dialog);
  g_assert_cmpint (gtk_widget_get_width (dialog), <=, NARROW);
  pb_test_screenshot (dialog, pb_test_tr ("sign-in-settings-narrow-en",
                                          "sign-in-settings-narrow-de"));
  close_dialog (dialog);
  tenant = field (settings, PB_OAUTH_CLIENT_FIELD_TENANT);
  g_assert_cmpstr (tenant, ==, TENANT);
}

/* A tenant that is no GUID or domain: the reader's sentence, the row in the error style,
 * nothing saved; closing keeps the window open once, then leaves the setting as it was. */
static void
check_refused (GSettings *settings)
{
  GtkWidget *dialog = open_dialog (settings);
  GtkWidget *tenant_row = row (dialog, tenant_title ());
  const char *sentence = pb_test_tr ("The sign-in settings for " MICROSOFT " are incomplete "
                                     "or invalid",
                                     "Die Anmeldeeinstellungen für " MICROSOFT " sind "
                                     "unvollständig oder ungültig");
  g_autofree char *tenant = NULL;

  /* What was saved is shown. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (dialog, id_title ()))), ==,
                   CLIENT_ID);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tenant_row)), ==, TENANT);

  gtk_editable_set_text (GTK_EDITABLE (tenant_row), "");
  pb_test_type_keys (tenant_row, "contoso.com/common");
  g_assert_true (pb_test_press_key (dialog, GDK_KEY_Return, 0));
  g_assert_true (pb_test_wait_until (label_in_dialog, (gpointer) sentence, 5000));
  g_assert_true (gtk_widget_has_css_class (tenant_row, "error"));
  g_assert_false (gtk_widget_has_css_class (row (dialog, id_title ()), "error"));
  tenant = field (settings, PB_OAUTH_CLIENT_FIELD_TENANT);
  g_assert_cmpstr (tenant, ==, TENANT);
  g_clear_pointer (&tenant, g_free);

  /* Closing with it: refused once; the second close leaves the setting as it was. */
  gtk_window_close (GTK_WINDOW (dialog));
  pb_test_settle (dialog);
  g_assert_true (pb_test_sign_in_settings_shown (NULL));
  close_dialog (dialog);
  tenant = field (settings, PB_OAUTH_CLIENT_FIELD_TENANT);
  g_assert_cmpstr (tenant, ==, TENANT);
}

/* Emptied, the issuer's entry goes from the setting. */
static void
check_emptied (GSettings *settings)
{
  GtkWidget *dialog = open_dialog (settings);
  g_autoptr(GVariant) clients = NULL;

  gtk_editable_set_text (GTK_EDITABLE (row (dialog, tenant_title ())), "");
  gtk_editable_set_text (GTK_EDITABLE (row (dialog, id_title ())), "");
  close_dialog (dialog);
  clients = g_settings_get_value (settings, "oauth-clients");
  g_assert_cmpuint (g_variant_n_children (clients), ==, 0);
}

/* Ctrl+comma opens it from the window, as the shortcuts window says. */
static void
check_shortcut (void)
{
  GtkWidget *window = pb_test_get_window ();
  GtkWidget *dialog;

  /* The release goes to the dialog, which has the focus by then: only the dialog counts. */
  pb_test_press_key (window, GDK_KEY_comma, GDK_CONTROL_MASK);
  g_assert_true (pb_test_wait_until (pb_test_sign_in_settings_shown, NULL, 5000));
  dialog = pb_test_sign_in_settings_dialog ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (pb_test_press_key (dialog, GDK_KEY_Escape, 0));
  g_assert_true (pb_test_wait_until (pb_test_sign_in_settings_gone, NULL, 5000));
}

/* The main menu has it, first. */
static void
check_menu (void)
{
  GtkWidget *button = pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_MENU_BUTTON, 0);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_autofree char *action = NULL;
  g_autofree char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                  &action));
  g_assert_cmpstr (action, ==, "win.sign-in-settings");
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                  &label));
  g_assert_cmpstr (label, ==, pb_test_tr ("_Sign-in Settings", "_Anmeldeeinstellungen"));
}

static void
on_activate (GApplication *application)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  g_assert_nonnull (settings);
  g_assert_true (pb_test_wait_for_window (20000));
  pb_test_settle (pb_test_get_window ());
  check_menu ();
  check_shortcut ();
  check_typed (settings);
  check_refused (settings);
  check_emptied (settings);
  gtk_window_close (GTK_WINDOW (pb_test_get_window ()));
  g_application_quit (application);
}

static void
test_dialog (void)
{
  pb_test_run_application (on_activate);
}

int
main (int    argc,
      char **argv)
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sign-in-settings-dialog/dialog", test_dialog);
  return g_test_run ();
}
