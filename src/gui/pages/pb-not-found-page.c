/* pb-not-found-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-not-found-page.h"
#include "pb-text.h"

struct _PbNotFoundPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (PbNotFoundPage, pb_not_found_page, ADW_TYPE_BIN)

enum {
  MANUAL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The description is markup in libadwaita 1.2: the domain and any message are escaped. */
void
pb_not_found_page_set_reason (PbNotFoundPage  *self,
                              const PbAddress *address,
                              gboolean         no_mx,
                              const char      *error)
{
  g_autofree char *safe = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (PB_IS_NOT_FOUND_PAGE (self));
  g_return_if_fail (address != NULL);

  if (error != NULL)
    {
      safe = pb_text_make_safe (error, -1, "");
      /* Translators: %s is why the search for settings failed, e.g. a network error */
      text = g_strdup_printf (_("The search for settings did not finish: %s. Check the network connection and try again, or enter the settings manually."),
                              safe);
    }
  else if (no_mx)
    /* Translators: %s is the domain of the address, e.g. "exmaple.com" */
    text = g_strdup_printf (_("No mail server is known for “%s”: the domain does not exist or receives no mail. Check the spelling of your address."),
                            address->domain_unicode);
  else
    /* Translators: %s is the domain of the address */
    text = g_strdup_printf (_("The provider of “%s” publishes no settings for mail programs. Ask it for the names of its outgoing and incoming servers, or look them up on its help pages, and enter them manually."),
                            address->domain_unicode);
  escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->status_page, escaped);
}

static void
manual_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[MANUAL], 0);
}

static void
pb_not_found_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_NOT_FOUND_PAGE);
  G_OBJECT_CLASS (pb_not_found_page_parent_class)->dispose (object);
}

static void
pb_not_found_page_class_init (PbNotFoundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_not_found_page_dispose;

  signals[MANUAL] = g_signal_new ("manual", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "not-found.manual", NULL, manual_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-not-found-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbNotFoundPage, status_page);
}

static void
pb_not_found_page_init (PbNotFoundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
