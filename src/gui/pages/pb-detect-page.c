/* pb-detect-page.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-detect-page.h"
#include "pb-page-util.h"

struct _PbDetectPage
{
  AdwBin                parent_instance;

  PbDiscovery          *discovery;
  AdwActionRow         *rows[PB_DISCOVERY_N_SOURCES];
  GtkWidget            *icons[PB_DISCOVERY_N_SOURCES];

  GtkLabel             *title_label;
  AdwPreferencesGroup  *sources_group;
  GtkExpander          *details_expander;
  GtkLabel             *details_label;
};

G_DEFINE_FINAL_TYPE (PbDetectPage, pb_detect_page, ADW_TYPE_BIN)

static const char *
state_icon_name (PbSourceState state)
{
  switch (state)
    {
    case PB_SOURCE_STATE_FOUND:
      return "emblem-ok-symbolic";
    case PB_SOURCE_STATE_FAILED:
    case PB_SOURCE_STATE_TIMEOUT:
      return "dialog-warning-symbolic";
    case PB_SOURCE_STATE_NOTHING:
      return "window-minimize-symbolic";
    case PB_SOURCE_STATE_CANCELLED:
      /* Not needed: skipped because a better source answered, not paused. */
      return "media-skip-forward-symbolic";
    case PB_SOURCE_STATE_DISABLED:
      return "action-unavailable-symbolic";
    case PB_SOURCE_STATE_WAITING:
    case PB_SOURCE_STATE_WORKING:
    default:
      return NULL;
    }
}

static void
update_row (PbDetectPage      *self,
            PbDiscoverySource  source)
{
  PbSourceState state = pb_discovery_get_state (self->discovery, source);
  const char *icon_name = state_icon_name (state);
  GtkWidget *icon;

  /* The state in words; why (a URL, a resolver's error) is in the details. */
  adw_action_row_set_subtitle (self->rows[source], pb_source_state_get_label (state));
  gtk_widget_set_visible (GTK_WIDGET (self->rows[source]), state != PB_SOURCE_STATE_DISABLED);

  if (icon_name != NULL)
    {
      icon = gtk_image_new_from_icon_name (icon_name);
      if (state == PB_SOURCE_STATE_FOUND)
        gtk_widget_add_css_class (icon, "success");
      else if (state == PB_SOURCE_STATE_FAILED || state == PB_SOURCE_STATE_TIMEOUT)
        gtk_widget_add_css_class (icon, "warning");
      else
        gtk_widget_add_css_class (icon, "dim-label");
    }
  else
    {
      icon = gtk_spinner_new ();
      gtk_spinner_set_spinning (GTK_SPINNER (icon), state == PB_SOURCE_STATE_WORKING);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  pb_source_state_get_label (state), -1);

  if (self->icons[source] != NULL)
    adw_action_row_remove (self->rows[source], self->icons[source]);
  adw_action_row_add_prefix (self->rows[source], icon);
  self->icons[source] = icon;
}

/* Each source's reason, as the source said it (a URL it asked, a resolver's error): in the
 * details, not under the source. Hidden while there is none. */
static void
update_details (PbDetectPage *self)
{
  g_autoptr(GString) details = g_string_new (NULL);

  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      const char *reason = self->rows[i] != NULL
                           ? pb_discovery_get_reason (self->discovery, i) : NULL;

      if (reason != NULL && *reason != '\0')
        g_string_append_printf (details, "%s%s: %s", details->len > 0 ? "\n\n" : "",
                                pb_discovery_source_get_label (i), reason);
    }
  /* The reasons may quote a server: plain text, never markup. */
  gtk_label_set_text (self->details_label, details->str);
  pb_page_keep_urls (self->details_label);
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), details->len > 0);
}

static void
on_source_changed (PbDetectPage *self,
                   guint         source,
                   PbDiscovery  *discovery)
{
  if (source < PB_DISCOVERY_N_SOURCES && self->rows[source] != NULL)
    {
      update_row (self, source);
      update_details (self);
    }
}

static void
clear_rows (PbDetectPage *self)
{
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      if (self->rows[i] != NULL)
        adw_preferences_group_remove (self->sources_group, GTK_WIDGET (self->rows[i]));
      self->rows[i] = NULL;
      self->icons[i] = NULL;
    }
}

void
pb_detect_page_set_discovery (PbDetectPage    *self,
                              PbDiscovery     *discovery,
                              const PbAddress *address)
{
  g_autofree char *title = NULL;

  g_return_if_fail (PB_IS_DETECT_PAGE (self));

  if (self->discovery != NULL)
    g_signal_handlers_disconnect_by_data (self->discovery, self);
  g_set_object (&self->discovery, discovery);
  clear_rows (self);
  /* Every detection starts with its details closed. */
  gtk_expander_set_expanded (self->details_expander, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_expander), FALSE);

  if (discovery == NULL)
    return;

  /* Translators: %s is a mail domain */
  title = g_strdup_printf (_("Looking for the settings of %s"), address->domain_unicode);
  gtk_label_set_text (self->title_label, title);

  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      /* Plain-HTTP autoconfig is off unless the user switched it on: not a row then. */
      if (pb_discovery_get_state (discovery, i) == PB_SOURCE_STATE_DISABLED ||
          (i == PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP &&
           !pb_discovery_get_allow_plain_http (discovery)))
        continue;
      self->rows[i] = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]),
                                     pb_discovery_source_get_label (i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->rows[i]), FALSE);
      adw_preferences_group_add (self->sources_group, GTK_WIDGET (self->rows[i]));
      update_row (self, i);
    }
  update_details (self);

  g_signal_connect_object (discovery, "source-changed", G_CALLBACK (on_source_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
pb_detect_page_dispose (GObject *object)
{
  PbDetectPage *self = PB_DETECT_PAGE (object);

  g_clear_object (&self->discovery);
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_DETECT_PAGE);
  G_OBJECT_CLASS (pb_detect_page_parent_class)->dispose (object);
}

static void
pb_detect_page_class_init (PbDetectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_detect_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-detect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PbDetectPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PbDetectPage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, PbDetectPage, details_expander);
  gtk_widget_class_bind_template_child (widget_class, PbDetectPage, details_label);
}

static void
pb_detect_page_init (PbDetectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
