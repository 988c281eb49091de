/* pb-window.c: the assistant, from an address to a tested, saved account
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's type, its actions and keys and its size. The setup flow as the pages show
 * it is in pb-window-flow.c, the pages and moving between them in pb-window-pages.c; the
 * state they share in pb-window-pages-private.h.
 */
#include "config.h"

#include "pb-provider-db.h"
#include "pb-settings.h"
#include "pb-setup-sign-in.h"
#include "pb-sign-in-settings-dialog.h"
#include "pb-window-flow.h"
#include "pb-window-pages-private.h"
#include "pb-window.h"

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

PbWindow *
pb_window_new (GtkApplication *application)
{
  return g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
}

PbWindowPage
pb_window_get_page (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), PB_WINDOW_PAGE_START);
  return pb_window_pages_get_current (self);
}

/* The outgoing server of the last finished check, or NULL. */
PbServerConfig *
pb_window_get_tested_server (PbWindow *self)
{
  PbCheckResult *result;

  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  result = pb_setup_get_half_result (self->setup, PB_SETUP_HALF_OUTGOING);
  return result != NULL ? result->server : NULL;
}

void
pb_window_toast (PbWindow   *self,
                 const char *message)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  pb_window_pages_toast (self, message);
}

void
pb_window_run_check (PbWindow *self)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  pb_window_flow_run_check (self, FALSE);
}

static void
on_page_changed (PbWindow *self)
{
  gtk_widget_set_visible (self->back_button, pb_window_get_page (self) != PB_WINDOW_PAGE_START);
}

static void
on_start_submit (PbWindow *self)
{
  pb_window_flow_discover (self);
}

static void
on_start_manual (PbWindow *self)
{
  pb_window_flow_manual (self);
}

static void
pb_window_cancel_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbWindowPage page = pb_window_get_page (self);

  /* Work runs on these pages only; Escape on a result leaves it, as Edit Settings. */
  if (page == PB_WINDOW_PAGE_DETECT || page == PB_WINDOW_PAGE_SIGN_IN ||
      page == PB_WINDOW_PAGE_TEST)
    g_cancellable_cancel (self->cancellable);
  if (page == PB_WINDOW_PAGE_DETECT)
    pb_window_pages_show (self, self->start_page);
  else if (page == PB_WINDOW_PAGE_SIGN_IN || page == PB_WINDOW_PAGE_TEST)
    pb_window_pages_show (self, pb_window_pages_settings (self));
  else if (page == PB_WINDOW_PAGE_RESULT)
    gtk_widget_activate_action (widget, "win.back", NULL);
}

static void
pb_window_back_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbWindowPage page = pb_window_get_page (self);
  gboolean testing = page == PB_WINDOW_PAGE_SIGN_IN || page == PB_WINDOW_PAGE_TEST;

  g_cancellable_cancel (self->cancellable);
  if (page == PB_WINDOW_PAGE_RESULT || testing)
    pb_window_pages_show (self, pb_window_pages_settings (self));
  /* Edit Settings after a failure: the field that caused it. */
  if (page == PB_WINDOW_PAGE_RESULT)
    pb_settings_page_focus_problem (self->settings_page,
                                    pb_result_page_get_problem (self->result_page));
  else if (!testing)
    {
      pb_window_pages_show (self, self->start_page);
      pb_start_page_focus (self->start_page);
    }
}

/* The pages' own signals, as actions (pb-window-pages.c). */
static void
pb_window_test_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  pb_window_flow_run_check (PB_WINDOW (widget), FALSE);
}

static void
pb_window_retry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  pb_window_flow_retry (PB_WINDOW (widget));
}

static void
pb_window_send_test_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  pb_window_flow_run_check (PB_WINDOW (widget), TRUE);
}

static void
pb_window_inspect_certificate_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  pb_window_flow_inspect_certificate (PB_WINDOW (widget));
}

static void
pb_window_enter_manually_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  pb_window_flow_enter_manually (PB_WINDOW (widget));
}

static void
pb_window_forget_password_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  pb_window_flow_forget_password (PB_WINDOW (widget));
}

/* The registrations at the sign-in servers, the found provider's first in focus. */
static void
pb_window_sign_in_settings_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  const PbOAuthIssuer *issuer = pb_setup_get_oauth_issuer (self->setup);
  PbSignInSettingsDialog *dialog;

  dialog = pb_sign_in_settings_dialog_new (GTK_WINDOW (self), pb_provider_db_get_default (),
                                           self->settings);
  gtk_window_present (GTK_WINDOW (dialog));
  pb_sign_in_settings_dialog_focus (dialog, issuer != NULL ? issuer->issuer : NULL);
}

static void
pb_window_forget_sign_in_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  pb_window_flow_forget_sign_in (PB_WINDOW (widget));
}

static void
on_remember_default_changed (PbWindow *self)
{
  pb_start_page_set_remember (self->start_page, self->settings == NULL ||
                              g_settings_get_boolean (self->settings, "remember-password"));
}

/* Done after a success: a new start, with the remember switch as set by default again. */
static void
pb_window_done_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);

  on_remember_default_changed (self);
  pb_window_flow_start_over (self);
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

  g_cancellable_cancel (self->cancellable);

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

  g_cancellable_cancel (self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);
  /* The lazily built pages went with the stack. */
  pb_window_pages_forget (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->address, pb_address_free);
  if (self->setup != NULL)
    {
      /* Work still under way ends without the window. */
      pb_setup_set_asker (self->setup, NULL);
      g_signal_handlers_disconnect_by_data (self->setup, self);
      g_clear_object (&self->setup);
    }
  g_clear_object (&self->asker);
  g_clear_pointer (&self->account, pb_window_account_free);
  g_clear_pointer (&self->sign_in, pb_window_sign_in_free);

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

  g_type_ensure (PB_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, start_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_submit);
  gtk_widget_class_bind_template_callback (widget_class, on_start_manual);

  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, pb_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, pb_window_back_action);
  gtk_widget_class_install_action (widget_class, "win.test", NULL, pb_window_test_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, pb_window_retry_action);
  gtk_widget_class_install_action (widget_class, "win.send-test", NULL,
                                   pb_window_send_test_action);
  gtk_widget_class_install_action (widget_class, "win.inspect-certificate", NULL,
                                   pb_window_inspect_certificate_action);
  gtk_widget_class_install_action (widget_class, "win.enter-manually", NULL,
                                   pb_window_enter_manually_action);
  gtk_widget_class_install_action (widget_class, "win.forget-password", NULL,
                                   pb_window_forget_password_action);
  gtk_widget_class_install_action (widget_class, "win.forget-sign-in", NULL,
                                   pb_window_forget_sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.done", NULL, pb_window_done_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-settings", NULL,
                                   pb_window_sign_in_settings_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
pb_window_init (PbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = pb_settings_new ();
  self->asker = pb_window_asker_new ();
  self->account = pb_window_account_new ();
  self->sign_in = pb_window_sign_in_new ();
  self->setup = pb_setup_new ();
  pb_setup_set_asker (self->setup, PB_SETUP_ASKER (self->asker));
  pb_setup_set_use_trust_store (self->setup, TRUE);
  pb_window_flow_init (self);
  /* Remembering the password is the person's choice, by default as set. */
  on_remember_default_changed (self);
  if (self->settings != NULL)
    g_signal_connect_swapped (self->settings, "changed::remember-password",
                              G_CALLBACK (on_remember_default_changed), self);
  pb_window_load_size (self);
  pb_start_page_focus (self->start_page);
}
