/* pb-settings-notes.c: what a provider asks of mail programs, as rows of the settings page
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-config-extensions.h"
#include "pb-settings-notes.h"

static void
add_note (AdwPreferencesGroup *group,
          GPtrArray           *rows,
          const char          *title,
          const char          *text,
          const char          *url)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (text != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-information-symbolic"));
  if (url != NULL && g_str_has_prefix (url, "https://"))
    {
      GtkWidget *button = gtk_link_button_new_with_label (url, _("Open"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

gboolean
pb_settings_notes_add (AdwPreferencesGroup *group,
                       GPtrArray           *rows,
                       PbAccountConfig     *config)
{
  guint before = rows->len;

  if (pb_account_config_get_app_password (config) != PB_APP_PASSWORD_NO)
    add_note (group, rows, _("This provider wants an app password"),
              _("Create an app password on the provider’s website and use it here instead of your normal password."),
              pb_account_config_get_quirk_url (config, PB_QUIRK_APP_PASSWORD));
  if (pb_account_config_has_quirk (config, PB_QUIRK_ENABLE_ACCESS))
    add_note (group, rows, _("Access for mail programs must be switched on"),
              pb_account_config_get_quirk_note (config, PB_QUIRK_ENABLE_ACCESS),
              pb_account_config_get_quirk_url (config, PB_QUIRK_ENABLE_ACCESS));
  if (pb_account_config_has_quirk (config, PB_QUIRK_SEPARATE_PASSWORD))
    add_note (group, rows, _("Mail programs use a separate password"),
              pb_account_config_get_quirk_note (config, PB_QUIRK_SEPARATE_PASSWORD),
              pb_account_config_get_quirk_url (config, PB_QUIRK_SEPARATE_PASSWORD));
  if (pb_account_config_has_quirk (config, PB_QUIRK_BASIC_AUTH_DISABLED))
    add_note (group, rows, _("Password login is switched off by this provider"),
              _("Use a mail program that signs in through the provider’s web page (OAuth2); an app password will not help."),
              pb_account_config_get_quirk_url (config, PB_QUIRK_BASIC_AUTH_DISABLED));
  if (pb_account_config_has_quirk (config, PB_QUIRK_SENDER_MUST_MATCH_LOGIN))
    add_note (group, rows, _("The sender must be your own address"),
              _("This provider only sends mail whose sender is the address you log in with."),
              NULL);
  if (pb_account_config_has_quirk (config, PB_QUIRK_BRIDGE))
    add_note (group, rows, _("A bridge program is needed"),
              pb_account_config_get_quirk_note (config, PB_QUIRK_BRIDGE),
              pb_account_config_get_quirk_url (config, PB_QUIRK_BRIDGE));
  if (pb_account_config_get_note (config) != NULL)
    add_note (group, rows, _("Note from the provider list"), pb_account_config_get_note (config), NULL);
  return rows->len > before;
}

char *
pb_settings_notes_source (PbDiscoveryResult *result)
{
  const char *origin = pb_discovery_result_get_origin (result);

  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (result), NULL);

  if (pb_discovery_result_get_trusted (result))
    return g_strdup (origin);
  return g_strdup_printf ("%s %s", origin,
                          _("This source is not protected against forgery: check the server names before you continue."));
}
