/* pb-window.c: the assistant, from an address to a tested, saved account
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-certificate-dialog.h"
#include "pb-check-format.h"
#include "pb-check.h"
#include "pb-credentials.h"
#include "pb-detect-page.h"
#include "pb-diagnosis.h"
#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-report.h"
#include "pb-result-page.h"
#include "pb-server-config.h"
#include "pb-setup-run.h"
#include "pb-test-page.h"
#include "pb-settings-page.h"
#include "pb-settings.h"
#include "pb-start-page.h"
#include "pb-text.h"
#include "pb-window.h"

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  PbAddress            *address;
  PbSetup              *setup;         /* decides; the window presents and asks the user */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *pages;
  GtkWidget            *back_button;
  PbStartPage          *start_page;
  PbDetectPage         *detect_page;
  PbSettingsPage       *settings_page;
  PbTestPage           *test_page;
  PbResultPage         *result_page;

  GTask                *trust_question;    /* the flow's open question, offered on the result page */
  gulong                trust_cancelled_id;
  gboolean              send_test_next;
};

static void pb_window_asker_init (PbSetupAskerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_SETUP_ASKER,
                                                      pb_window_asker_init))

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

/* The server of the last finished check, or NULL. */
PbServerConfig *
pb_window_get_tested_server (PbWindow *self)
{
  PbCheckResult *result;

  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  result = pb_setup_get_result (self->setup);
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
      pb_settings_page_set_manual (settings_page (self));
      pb_window_toast (self, error != NULL ? error->message :
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
  pb_settings_page_set_manual (settings_page (self));
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
  pb_window_run_check (self);
}

/* Answers the flow's open question about the certificate. */
static void
answer_trust (PbWindow *self,
              gboolean  trust)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->trust_question);

  if (task == NULL)
    return;
  g_cancellable_disconnect (g_task_get_cancellable (task), self->trust_cancelled_id);
  self->trust_cancelled_id = 0;
  g_task_return_boolean (task, trust);
}

/* Runs inside g_cancellable_cancel(): it must not disconnect itself. */
static void
on_trust_cancelled (GCancellable *cancellable,
                    PbWindow     *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->trust_question);

  self->trust_cancelled_id = 0;
  if (task != NULL)
    g_task_return_error_if_cancelled (task);
}

static void
on_certificate_response (PbWindow            *self,
                         const char          *response,
                         AdwMessageDialog    *dialog)
{
  if (g_strcmp0 (response, "trust") == 0)
    answer_trust (self, TRUE);
}

static void
on_result_inspect_certificate (PbWindow *self)
{
  PbCheckResult *result = pb_setup_get_result (self->setup);
  PbCertificateDialog *dialog;

  if (result == NULL || result->cert_sha256 == NULL)
    return;

  dialog = pb_certificate_dialog_new (GTK_WINDOW (self), result);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_result_send_test (PbWindow *self)
{
  self->send_test_next = TRUE;
  pb_window_run_check (self);
}

/* What the flow did with the password, under what the check verified. */
static void
on_password (PbWindow        *self,
             PbSetupPassword  what,
             const GError    *error)
{
  g_autoptr(PbExplanation) explanation = NULL;
  g_autofree char *text = NULL;

  switch (what)
    {
    case PB_SETUP_PASSWORD_SAVED:
      pb_result_page_add_verified (result_page (self), _("Password saved in the keyring"), TRUE);
      break;
    case PB_SETUP_PASSWORD_NOT_REMEMBERED:
      /* Not storing is the user's choice, but it must be said: else they expect the
       * password in the keyring next time. */
      pb_result_page_add_verified (result_page (self),
                                   _("Password not saved: remembering passwords is switched off"),
                                   FALSE);
      break;
    case PB_SETUP_PASSWORD_SAVE_FAILED:
      explanation = pb_diagnosis_explain (pb_credentials_error_to_problem (error), NULL);
      text = g_strdup_printf ("%s: %s", explanation->title, explanation->fix);
      /* Nothing else is lost: the result, the settings and the report stay on screen. */
      pb_result_page_add_verified (result_page (self), text, FALSE);
      break;
    case PB_SETUP_PASSWORD_NOT_ACCEPTED:
    case PB_SETUP_PASSWORD_LOOKUP_FAILED:
    default:
      break;
    }
}

static void
show_success (PbWindow      *self,
              PbCheckResult *result)
{
  g_autoptr(GPtrArray) verified = g_ptr_array_new_with_free_func (g_free);
  PbServerConfig *server = result->server;

  /* Translators: %s is a server name */
  g_ptr_array_add (verified, g_strdup_printf (_("Connected to %s"), server->host));
  if (result->tls_version != NULL && result->cert_pinned)
    /* Translators: %s is a TLS version, e.g. "TLS 1.3" */
    g_ptr_array_add (verified, g_strdup_printf (_("Encrypted with %s, with the certificate you chose to trust"), result->tls_version));
  else if (result->tls_version != NULL)
    /* Translators: %s is a TLS version, e.g. "TLS 1.3" */
    g_ptr_array_add (verified, g_strdup_printf (_("Encrypted with %s, certificate valid"), result->tls_version));
  if (result->authenticated)
    g_ptr_array_add (verified, g_strdup (_("Login accepted")));
  if (result->dry_run_done)
    g_ptr_array_add (verified, g_strdup (_("Sender address accepted")));
  if (result->test_sent)
    g_ptr_array_add (verified, g_strdup (_("Test message sent to your own address")));
  g_ptr_array_add (verified, NULL);

  pb_result_page_show_success (result_page (self), _("Your Account Works"),
                               (const char * const *) verified->pdata);
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
on_check_step (PbWindow          *self,
               const PbCheckStep *step)
{
  pb_test_page_set_step (test_page (self), step->name, pb_check_step_get_label (step->name),
                         step->ok ? PB_STEP_STATE_OK : PB_STEP_STATE_FAILED, step->usec / 1000);
}

static void
on_check_started (PbWindow       *self,
                  PbCheck        *check,
                  PbServerConfig *server)
{
  g_autofree char *title = NULL;

  /* Translators: %s is a server name and port, e.g. "smtp.example.com:465" */
  title = g_strdup_printf (_("Testing %s:%u"), server->host, server->port);
  pb_test_page_reset (test_page (self), title);
  g_signal_connect_object (check, "step", G_CALLBACK (on_check_step), self, G_CONNECT_SWAPPED);
  pb_window_show_page (self, test_page (self));
}

/* A check ran to its end (a cancelled one is no result: the page has moved on). */
static void
on_result (PbWindow *self)
{
  PbCheckResult *result = pb_setup_get_result (self->setup);
  g_autofree char *certificate = NULL;
  g_autofree char *transcript = NULL;
  g_autofree char *report = NULL;
  g_autofree char *settings = NULL;

  pb_test_page_finish (test_page (self));
  certificate = pb_check_result_format_certificate (result);
  pb_test_page_set_certificate (test_page (self), certificate);

  transcript = pb_check_result_format_transcript (result);
  report = pb_report_check_text (result, TRUE);
  settings = pb_check_result_format_settings (result);
  pb_result_page_set_texts (result_page (self), transcript, report, settings);

  if (result->ok)
    show_success (self, result);
  else
    pb_result_page_show_failure (result_page (self), pb_setup_get_explanation (self->setup),
                                 result->failure.reply.text);
  pb_window_show_page (self, result_page (self));
}

static void
on_test_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbCheckResult) result = pb_setup_test_finish (PB_SETUP (source), res, &error);

  if (result != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  pb_window_toast (self, error->message);
  /* A certificate that could not be trusted leaves the result as it is. */
  if (!g_error_matches (error, PB_SETUP_ERROR, PB_SETUP_ERROR_TRUST_NOT_SAVED))
    pb_window_show_page (self, settings_page (self));
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
  options.send_test = self->send_test_next;
  self->send_test_next = FALSE;

  cancellable = pb_window_begin_work (self);
  pb_setup_set_password (self->setup, current_password (self));
  pb_setup_set_remember_password (self->setup, self->settings == NULL ||
                                  g_settings_get_boolean (self->settings, "remember-password"));
  pb_setup_test_async (self->setup, server, address, &options, cancellable, on_test_done,
                       g_object_ref (self));
}

/* The flow's questions: a host to confirm is answered by the settings page, whose Test
 * button is sensitive only once the user checked the confirmation; a certificate is
 * offered on the result page until the user trusts it or moves on. */
static void
pb_window_ask_async (PbSetupAsker          *asker,
                     const PbSetupQuestion *question,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  PbWindow *self = PB_WINDOW (asker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (question->kind != PB_SETUP_QUESTION_TRUST_CERTIFICATE)
    {
      g_task_return_boolean (task, pb_settings_page_get_confirmed (settings_page (self)));
      return;
    }
  answer_trust (self, FALSE);
  self->trust_question = g_steal_pointer (&task);
  if (cancellable != NULL)
    self->trust_cancelled_id = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (on_trust_cancelled),
                                                      self, NULL);
  pb_result_page_offer_certificate (result_page (self));
}

static gboolean
pb_window_ask_finish (PbSetupAsker  *asker,
                      GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pb_window_asker_init (PbSetupAskerInterface *iface)
{
  iface->ask_async = pb_window_ask_async;
  iface->ask_finish = pb_window_ask_finish;
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
  self->setup = pb_setup_new ();
  pb_setup_set_asker (self->setup, PB_SETUP_ASKER (self));
  pb_setup_set_use_trust_store (self->setup, TRUE);
  g_signal_connect_swapped (self->setup, "notify::discovery",
                            G_CALLBACK (on_discovery_changed), self);
  g_signal_connect_swapped (self->setup, "check-started", G_CALLBACK (on_check_started), self);
  g_signal_connect_swapped (self->setup, "notify::result", G_CALLBACK (on_result), self);
  g_signal_connect_swapped (self->setup, "password", G_CALLBACK (on_password), self);
  pb_window_load_size (self);
  pb_start_page_focus (self->start_page);
}
