/* pb-page-util.c: small things every page does alike
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-page-util.h"
#include "pb-text.h"

void
pb_page_show_text (GtkLabel   *label,
                   const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

AdwToast *
pb_page_toast (GtkWidget  *widget,
               const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *safe = pb_text_make_safe (message, -1, "");
  g_autofree char *escaped = g_markup_escape_text (safe, -1);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", safe);
      return NULL;
    }
  toast = adw_toast_new (escaped);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}
