/* pb-window.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-settings.h"
#include "pb-window.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *pages;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

PbWindow *
pb_window_new (PbApplication *application)
{
  return g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
}

static void
pb_window_load_size (PbWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
pb_window_close_request (GtkWindow *window)
{
  PbWindow *self = PB_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = PB_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  window_class->close_request = pb_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, pages);
}

static void
pb_window_init (PbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = pb_settings_new ();
  pb_window_load_size (self);
}
