/* pb-notice-group.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 has no AdwBanner: a notice is a row of its own colour (.pb-notice in
 * style.css) with a warning icon, the provider and the server as its heading.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-notice-group.h"

struct _PbNoticeGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (PbNoticeGroup, pb_notice_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
plain_label (const char *text,
             const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

void
pb_notice_group_add (PbNoticeGroup *self,
                     const char    *provider,
                     const char    *server,
                     const char    *text)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *caption;

  g_return_if_fail (PB_IS_NOTICE_GROUP (self) && provider != NULL && text != NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Notice"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (lines), plain_label (provider, "heading"));
  if (server != NULL)
    {
      caption = plain_label (server, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (lines), caption);
    }
  gtk_box_append (GTK_BOX (lines), plain_label (text, NULL));
  gtk_box_append (GTK_BOX (box), lines);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), provider);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "pb-notice");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
pb_notice_group_clear (PbNoticeGroup *self)
{
  g_return_if_fail (PB_IS_NOTICE_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
pb_notice_group_finalize (GObject *object)
{
  PbNoticeGroup *self = PB_NOTICE_GROUP (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (pb_notice_group_parent_class)->finalize (object);
}

static void
pb_notice_group_class_init (PbNoticeGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_notice_group_finalize;
}

static void
pb_notice_group_init (PbNoticeGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
