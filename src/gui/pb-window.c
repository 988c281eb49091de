/* pb-window.c: the assistant, from an address to a tested, saved account
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window builds its pages, moves between them and runs the setup flow (PbSetup), which
 * decides. Below it, and never calling back: PbWindowAsker (pb-window-asker.c) answers the
 * flow's questions, pb-window-check.c shows a check's steps and result, pb-window-account.c
 * those of both halves of an account. Found settings are tested as an account (the
 * outgoing and the incoming server at once); a server entered by hand is tested alone.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-check.h"
#include "pb-detect-page.h"
#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-result-page.h"
#include "pb-server-config.h"
#include "pb-setup-run.h"
#include "pb-test-page.h"
#include "pb-settings-page.h"
#include "pb-settings.h"
#include "pb-start-page.h"
#include "pb-text.h"
#include "pb-window-account.h"
#include "pb-window-asker.h"
#include "pb-window-check.h"
#include "pb-window-round-trip.h"
#include "pb-window.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  PbAddress            *address;
  PbSetup              *setup;         /* decides; the window presents and asks the user */
  PbWindowAsker        *asker;         /* the flow's questions, answered by pages and dialogs */
  PbWindowAccount      *account;       /* the account test under way or shown, if any */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *pages;
  GtkWidget            *back_button;
  PbStartPage          *start_page;
  PbDetectPage         *detect_page;
  PbSettingsPage       *settings_page;
  PbTestPage           *test_page;
  PbResultPage         *result_page;

  gboolean              send_test_next;
  gboolean              send_test_last;  /* Try Again repeats a test that sent a message */
  guint                 round_trip_wait_ms;
};

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

PbWindow *
pb_window_new (GtkApplication *application)
{
  return g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
}

static void on_settings_test (PbWindow *self);
static void on_result_retry (PbWindow *self);
static void on_result_send_test (PbWindow *self);
static void on_result_inspect_certificate (PbWindow *self);

/* Only the start page is built with the window: the others are built when first needed,
 * which keeps them out of the time to the first frame. */
static GtkWidget *
add_page (PbWindow     *self,
          GType         type,
          PbWindowPage  name)
{
  GtkWidget *page = g_object_new (type, NULL);

  gtk_stack_add_named (self->pages, page, pb_enum_to_nick (PB_TYPE_WINDOW_PAGE, name));
  return page;
}

static PbDetectPage *
detect_page (PbWindow *self)
{
  if (self->detect_page == NULL)
    self->detect_page = PB_DETECT_PAGE (add_page (self, PB_TYPE_DETECT_PAGE,
                                                 PB_WINDOW_PAGE_DETECT));
  return self->detect_page;
}

static PbSettingsPage *
settings_page (PbWindow *self)
{
  if (self->settings_page == NULL)
    {
      self->settings_page = PB_SETTINGS_PAGE (add_page (self, PB_TYPE_SETTINGS_PAGE,
                                                              PB_WINDOW_PAGE_SETTINGS));
      g_signal_connect_swapped (self->settings_page, "test", G_CALLBACK (on_settings_test), self);
      pb_window_asker_set_settings_page (self->asker, self->settings_page);
    }
  return self->settings_page;
}

static PbTestPage *
test_page (PbWindow *self)
{
  if (self->test_page == NULL)
    self->test_page = PB_TEST_PAGE (add_page (self, PB_TYPE_TEST_PAGE, PB_WINDOW_PAGE_TEST));
  return self->test_page;
}

static PbResultPage *
result_page (PbWindow *self)
{
  if (self->result_page == NULL)
    {
      self->result_page = PB_RESULT_PAGE (add_page (self, PB_TYPE_RESULT_PAGE,
                                                   PB_WINDOW_PAGE_RESULT));
      g_signal_connect_swapped (self->result_page, "retry", G_CALLBACK (on_result_retry), self);
      g_signal_connect_swapped (self->result_page, "send-test",
                                G_CALLBACK (on_result_send_test), self);
      g_signal_connect_swapped (self->result_page, "inspect-certificate",
                                G_CALLBACK (on_result_inspect_certificate), self);
      pb_window_asker_set_result_page (self->asker, self->result_page);
    }
  return self->result_page;
}

/* page: one of the pages, built by its getter. */
static void
pb_window_show_page (PbWindow *self,
                     gpointer  page)
{
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (page));
  if (page == (gpointer) self->settings_page)
    pb_settings_page_focus (self->settings_page);
}

PbWindowPage
pb_window_get_page (PbWindow *self)
{
  int page = PB_WINDOW_PAGE_START;

  g_return_val_if_fail (PB_IS_WINDOW (self), PB_WINDOW_PAGE_START);
  pb_enum_from_nick (PB_TYPE_WINDOW_PAGE, gtk_stack_get_visible_child_name (self->pages),
                     &page);
  return page;
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
  g_autofree char *safe = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));

  /* Toast titles are markup in libadwaita 1.2, and messages may quote a server: no markup,
   * and no bidi override or other hidden character either. */
  safe = pb_text_make_safe (message, -1, "");
  escaped = g_markup_escape_text (safe, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Starts a new piece of cancellable work, cancelling whatever ran before. */
static GCancellable *
pb_window_begin_work (PbWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

static void
on_page_changed (PbWindow *self)
{
  gtk_widget_set_visible (self->back_button, pb_window_get_page (self) != PB_WINDOW_PAGE_START);
}

static void
on_discovery_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) found = NULL;

  found = pb_setup_discover_finish (PB_SETUP (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (found == NULL || pb_discovery_result_get_config (found) == NULL)
    {
      pb_settings_page_set_manual (settings_page (self), error != NULL ? error->message :
                                   _("No settings were found for this address. Please enter the outgoing server by hand; your provider’s help pages name it."));
      pb_window_show_page (self, settings_page (self));
      return;
    }

  pb_settings_page_set_password_given (settings_page (self),
                                       *pb_start_page_get_password (self->start_page) != '\0');
  pb_settings_page_set_result (settings_page (self), found,
                               pb_setup_get_confirmation (self->setup));
  pb_window_show_page (self, settings_page (self));
}

/* The flow's discovery, set before it runs. */
static void
on_discovery_changed (PbWindow *self)
{
  pb_detect_page_set_discovery (detect_page (self), pb_setup_get_discovery (self->setup),
                                self->address);
}

static void
on_start_submit (PbWindow *self)
{
  GCancellable *cancellable;

  g_clear_pointer (&self->address, pb_address_free);
  self->address = pb_start_page_dup_address (self->start_page);
  if (self->address == NULL)
    return;

  cancellable = pb_window_begin_work (self);
  pb_setup_discover_async (self->setup, self->address, cancellable, on_discovery_done,
                           g_object_ref (self));
  pb_window_show_page (self, detect_page (self));
}

static void
on_start_manual (PbWindow *self)
{
  pb_setup_clear (self->setup);
  pb_settings_page_set_manual (settings_page (self), NULL);
  pb_window_show_page (self, settings_page (self));
}

static void
on_settings_test (PbWindow *self)
{
  pb_window_run_check (self);
}

static void
on_result_retry (PbWindow *self)
{
  self->send_test_next = self->send_test_last;
  pb_window_run_check (self);
}

static void
on_result_inspect_certificate (PbWindow *self)
{
  /* NULL: the certificate of the half whose question is open. */
  pb_window_asker_inspect_certificate (self->asker, GTK_WINDOW (self),
                                       pb_window_account_is_active (self->account)
                                       ? NULL : pb_setup_get_result (self->setup));
}

static void
on_result_send_test (PbWindow *self)
{
  self->send_test_next = TRUE;
  pb_window_run_check (self);
}

/* The detail of ::password is the protocol of the server whose password it is. */
static void
on_password (PbWindow        *self,
             PbSetupPassword  what,
             const GError    *error)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (self->setup);
  PbProtocol protocol = PB_PROTOCOL_SMTP;
  PbSetupHalf half;

  pb_protocol_from_string (g_quark_to_string (hint->detail), &protocol);
  half = pb_setup_half_of (protocol);
  if (pb_window_account_is_active (self->account))
    pb_window_account_show_password (self->account, result_page (self), half, what, error);
  else
    pb_window_check_show_password (result_page (self), half, what, error);
}

static const char *
current_password (PbWindow *self)
{
  PbSettingsPage *page = settings_page (self);

  if (pb_settings_page_get_manual (page))
    return pb_settings_page_get_password (page);
  return pb_start_page_get_password (self->start_page);
}

static void
on_check_started (PbWindow       *self,
                  PbCheck        *check,
                  PbServerConfig *server)
{
  if (pb_window_account_is_active (self->account))
    pb_window_account_check_started (self->account, test_page (self),
                                     pb_setup_half_of (server->protocol));
  else
    pb_window_check_begin (test_page (self), server);
  pb_window_show_page (self, test_page (self));
}

static void
on_step (PbWindow    *self,
         PbSetupHalf  half,
         PbCheckStep *step)
{
  pb_window_check_show_step (test_page (self), half, step);
}

/* A check ran to its end (a cancelled one is no result: the page has moved on). An
 * account's result page waits for its other half. */
static void
on_result (PbWindow *self)
{
  PbCheckResult *result = pb_setup_get_result (self->setup);

  if (!pb_window_account_is_active (self->account))
    pb_window_check_show_result (test_page (self), result_page (self), result,
                                 pb_setup_get_explanation (self->setup));
  else if (pb_window_account_take_result (self->account, pb_setup_half_of (result->protocol)) &&
           !pb_window_account_awaits_round_trip (self->account))
    {
      pb_window_account_show (self->account, self->setup, test_page (self),
                              result_page (self));
      /* A half that failed on its certificate may have asked before the other one ended. */
      if (pb_window_asker_get_asking (self->asker))
        pb_result_page_offer_certificate (result_page (self));
    }
  else
    return;
  pb_window_show_page (self, result_page (self));
}

static void
on_round_trip_started (PbWindow    *self,
                       PbRoundTrip *trip)
{
  pb_window_round_trip_begin (test_page (self), trip, self->round_trip_wait_ms);
}

static void
on_round_trip_progress (PbWindow *self,
                        guint     waited_ms,
                        guint     wait_ms)
{
  pb_window_round_trip_progress (test_page (self), waited_ms, wait_ms);
}

/* A test ended without a result: refused, nothing to test, or the trust not saved. */
static void
test_failed (PbWindow *self,
             GError   *error)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  pb_window_toast (self, error->message);
  /* A certificate that could not be trusted leaves the result as it is. */
  if (!g_error_matches (error, PB_SETUP_ERROR, PB_SETUP_ERROR_TRUST_NOT_SAVED))
    pb_window_show_page (self, settings_page (self));
}

/* The end of a test of one server or of an account: its results are on the pages already
 * (::notify::result); only a test that ended without one is left to say. */
static void
on_test_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (res, pb_setup_test_account_async))
    {
      GPtrArray *results = pb_setup_test_account_finish (PB_SETUP (source), res, &error);

      if (results != NULL &&
          pb_window_account_show_round_trip (self->account, self->setup, test_page (self),
                                             result_page (self)))
        {
          if (pb_window_asker_get_asking (self->asker))
            pb_result_page_offer_certificate (result_page (self));
          pb_window_show_page (self, result_page (self));
        }
      g_clear_pointer (&results, g_ptr_array_unref);
    }
  else
    {
      PbCheckResult *result = pb_setup_test_finish (PB_SETUP (source), res, &error);

      g_clear_object (&result);
    }
  test_failed (self, error);
}

void
pb_window_run_check (PbWindow *self)
{
  g_autoptr(PbServerConfig) server = NULL;
  PbSettingsPage *page;
  PbCheckOptions options = { 0 };
  const char *address = NULL;
  GCancellable *cancellable;

  g_return_if_fail (PB_IS_WINDOW (self));

  page = settings_page (self);
  server = pb_settings_page_dup_server (page);
  if (pb_settings_page_get_manual (page))
    {
      const char *sender = pb_settings_page_get_sender (page);
      const char *recipient = pb_settings_page_get_recipient (page);

      address = *sender != '\0' ? sender : server->username;
      options.recipient = *recipient != '\0' ? recipient : NULL;
      options.dry_run_send = *sender != '\0' || *recipient != '\0';
    }
  else
    options.dry_run_send = TRUE;
  options.username = server->username && *server->username ? server->username : NULL;
  options.send_test = self->send_test_last = self->send_test_next;
  self->send_test_next = FALSE;
  self->round_trip_wait_ms = self->settings != NULL
                             ? g_settings_get_uint (self->settings, "round-trip-wait") * 1000
                             : PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  pb_setup_set_round_trip_wait (self->setup, self->round_trip_wait_ms);

  cancellable = pb_window_begin_work (self);
  pb_setup_set_password (self->setup, current_password (self));
  pb_setup_set_remember_password (self->setup, self->settings == NULL ||
                                  g_settings_get_boolean (self->settings, "remember-password"));
  if (pb_settings_page_get_manual (page))
    {
      pb_window_account_end (self->account);
      pb_setup_test_async (self->setup, server, address, &options, cancellable, on_test_done,
                           g_object_ref (self));
      return;
    }
  /* The outgoing server as the user may have edited it, and the incoming one found. */
  pb_window_account_begin (self->account, test_page (self), server,
                           pb_setup_get_incoming_server (self->setup), options.send_test);
  pb_setup_test_account_with_async (self->setup, server, &options, cancellable,
                                    on_test_done, g_object_ref (self));
}

static void
pb_window_cancel_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbWindowPage page = pb_window_get_page (self);

  /* Work runs on these two pages only; on the result page the offer to trust a
   * certificate stays open. */
  if (page == PB_WINDOW_PAGE_DETECT || page == PB_WINDOW_PAGE_TEST)
    g_cancellable_cancel (self->cancellable);
  if (page == PB_WINDOW_PAGE_DETECT)
    pb_window_show_page (self, self->start_page);
  else if (page == PB_WINDOW_PAGE_TEST)
    pb_window_show_page (self, settings_page (self));
}

static void
pb_window_back_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PbWindow *self = PB_WINDOW (widget);
  PbWindowPage page = pb_window_get_page (self);

  g_cancellable_cancel (self->cancellable);
  if (page == PB_WINDOW_PAGE_RESULT || page == PB_WINDOW_PAGE_TEST)
    pb_window_show_page (self, settings_page (self));
  else
    {
      pb_window_show_page (self, self->start_page);
      pb_start_page_focus (self->start_page);
    }
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
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);
  /* The lazily built pages went with the stack. */
  self->detect_page = NULL;
  self->settings_page = NULL;
  self->test_page = NULL;
  self->result_page = NULL;
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
  self->setup = pb_setup_new ();
  pb_setup_set_asker (self->setup, PB_SETUP_ASKER (self->asker));
  pb_setup_set_use_trust_store (self->setup, TRUE);
  g_signal_connect_swapped (self->setup, "notify::discovery",
                            G_CALLBACK (on_discovery_changed), self);
  g_signal_connect_swapped (self->setup, "check-started", G_CALLBACK (on_check_started), self);
  g_signal_connect_swapped (self->setup, "step", G_CALLBACK (on_step), self);
  g_signal_connect_swapped (self->setup, "notify::result", G_CALLBACK (on_result), self);
  g_signal_connect_swapped (self->setup, "password", G_CALLBACK (on_password), self);
  g_signal_connect_swapped (self->setup, "round-trip-started",
                            G_CALLBACK (on_round_trip_started), self);
  g_signal_connect_swapped (self->setup, "round-trip-progress",
                            G_CALLBACK (on_round_trip_progress), self);
  pb_window_load_size (self);
  pb_start_page_focus (self->start_page);
}
