/* pb-instructions-dialog.c: the steps in one mail program, a copy button beside each value
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each step is a numbered sentence; its fields follow as rows, the program's name for the
 * field as the title and the value as the subtitle (plain text, selectable), with a button
 * that copies the value. Values are the account's, never a password.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-instructions-dialog.h"
#include "pb-page-util.h"

struct _PbInstructionsDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
};

G_DEFINE_FINAL_TYPE (PbInstructionsDialog, pb_instructions_dialog, ADW_TYPE_WINDOW)

static void
on_copy_clicked (GtkButton *button)
{
  const char *value = g_object_get_data (G_OBJECT (button), "value");
  AdwToast *toast;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);
  /* Translators: %s is the value just copied: "Copied “imap.example.com”" */
  {
    g_autofree char *message = g_strdup_printf (_("Copied “%s”"), value);

    toast = pb_page_toast (GTK_WIDGET (button), message);
  }
  if (toast != NULL)
    adw_toast_set_timeout (toast, 2);
}

static GtkWidget *
field_row (const PbExportField *field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field->value);
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  /* Translators: the tooltip of the button beside a value */
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy"), -1);
  g_object_set_data_full (G_OBJECT (copy), "value", g_strdup (field->value), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  return row;
}

/* A step: its numbered sentence, and below it its fields in a boxed list. */
static GtkWidget *
step_box (guint               number,
          const PbExportStep *step)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *text = g_strdup_printf ("%u. %s", number, step->text);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *list;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (step->fields->len == 0)
    return box;
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < step->fields->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), field_row (g_ptr_array_index (step->fields, i)));
  gtk_box_append (GTK_BOX (box), list);
  return box;
}

static void
pb_instructions_dialog_class_init (PbInstructionsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_instructions_dialog_init (PbInstructionsDialog *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
}

/* The steps one below the other, in a clamp that scrolls. */
static GtkWidget *
steps_view (const PbExportSteps *steps)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  for (guint i = 0; i < steps->steps->len; i++)
    gtk_box_append (GTK_BOX (box), step_box (i + 1, g_ptr_array_index (steps->steps, i)));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

GtkWidget *
pb_instructions_dialog_new (GtkWindow           *parent,
                            const PbExportSteps *steps)
{
  PbInstructionsDialog *self = g_object_new (PB_TYPE_INSTRUCTIONS_DIALOG, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = adw_window_title_new (steps->title, NULL);
  GtkWidget *header = adw_header_bar_new ();

  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_set_title (GTK_WINDOW (self), steps->title);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, steps_view (steps));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
  return GTK_WIDGET (self);
}
