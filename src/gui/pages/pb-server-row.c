/* pb-server-row.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-server-row.h"

static void
on_copy_clicked (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "copy-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
}

GtkWidget *
pb_server_row_new (PbServerConfig *server,
                   const char     *user)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  g_autofree char *protocol = g_ascii_strup (pb_protocol_to_string (server->protocol), -1);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *copy_text = NULL;

  g_return_val_if_fail (server != NULL && user != NULL, NULL);

  /* Translators: a protocol and its encryption, e.g. "IMAP (SSL/TLS)" */
  title = g_strdup_printf (_("%s (%s)"), protocol, pb_security_get_label (server->security));
  /* Translators: server, port, user name, e.g.
   * "imap.example.com, port 993, user alice@example.com" */
  subtitle = g_strdup_printf (_("%s, port %u, user %s"), server->host, server->port, user);
  copy_text = g_strdup_printf ("%s %s:%u (%s) %s", protocol, server->host, server->port,
                               pb_security_to_string (server->security), user);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, copy_text, -1);
  g_object_set_data_full (G_OBJECT (copy), "copy-text", g_steal_pointer (&copy_text), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  return row;
}
