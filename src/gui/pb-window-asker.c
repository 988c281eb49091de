/* pb-window-asker.c: the setup flow's questions, answered by the window's pages and dialogs
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-certificate-dialog.h"
#include "pb-window-asker.h"

struct _PbWindowAsker
{
  GObject         parent_instance;

  PbSettingsPage *settings_page;     /* weak */
  PbResultPage   *result_page;       /* weak */

  GTask          *trust_question;    /* the flow's open question, offered on the result page */
  PbCheckResult  *trust_result;      /* the check whose certificate it is about */
  gulong          trust_cancelled_id;
};

static void pb_window_asker_iface_init (PbSetupAskerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbWindowAsker, pb_window_asker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_SETUP_ASKER,
                                                      pb_window_asker_iface_init))

PbWindowAsker *
pb_window_asker_new (void)
{
  return g_object_new (PB_TYPE_WINDOW_ASKER, NULL);
}

void
pb_window_asker_set_settings_page (PbWindowAsker  *self,
                                   PbSettingsPage *page)
{
  g_return_if_fail (PB_IS_WINDOW_ASKER (self));
  g_set_weak_pointer (&self->settings_page, page);
}

void
pb_window_asker_set_result_page (PbWindowAsker *self,
                                 PbResultPage  *page)
{
  g_return_if_fail (PB_IS_WINDOW_ASKER (self));
  g_set_weak_pointer (&self->result_page, page);
  if (page != NULL && self->trust_question != NULL)
    pb_result_page_offer_certificate (page);
}

/* Answers the flow's open question about the certificate. */
static void
answer_trust (PbWindowAsker *self,
              gboolean       trust)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->trust_question);

  g_clear_object (&self->trust_result);
  if (task == NULL)
    return;
  g_cancellable_disconnect (g_task_get_cancellable (task), self->trust_cancelled_id);
  self->trust_cancelled_id = 0;
  g_task_return_boolean (task, trust);
}

/* Runs inside g_cancellable_cancel(): it must not disconnect itself. */
static void
on_trust_cancelled (GCancellable  *cancellable,
                    PbWindowAsker *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->trust_question);

  g_clear_object (&self->trust_result);
  self->trust_cancelled_id = 0;
  if (task != NULL)
    g_task_return_error_if_cancelled (task);
}

static void
on_certificate_response (PbWindowAsker    *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "trust") == 0)
    answer_trust (self, TRUE);
}

void
pb_window_asker_inspect_certificate (PbWindowAsker *self,
                                     GtkWindow     *parent,
                                     PbCheckResult *result)
{
  PbCertificateDialog *dialog;

  g_return_if_fail (PB_IS_WINDOW_ASKER (self));

  if (result == NULL)
    result = self->trust_result;
  if (result == NULL || result->cert_sha256 == NULL)
    return;

  dialog = pb_certificate_dialog_new (parent, result);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A host to confirm: the settings page has the answer (no page yet: no). Takes task. */
static void
answer_confirmation (PbWindowAsker *self,
                     GTask         *task)
{
  g_autoptr(GTask) owned = task;

  g_task_return_boolean (owned, self->settings_page != NULL &&
                                pb_settings_page_get_confirmed (self->settings_page));
}

/* A certificate to trust: the question stays open, offered on the result page; one that
 * was still open is answered no. Takes task. */
static void
hold_trust_question (PbWindowAsker         *self,
                     GTask                 *task,
                     const PbSetupQuestion *question)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  answer_trust (self, FALSE);
  self->trust_question = task;
  g_set_object (&self->trust_result, question->result);
  if (cancellable != NULL)
    self->trust_cancelled_id = g_cancellable_connect (cancellable,
                                                      G_CALLBACK (on_trust_cancelled),
                                                      self, NULL);
  if (self->result_page != NULL)
    pb_result_page_offer_certificate (self->result_page);
}

static void
pb_window_asker_ask_async (PbSetupAsker          *asker,
                           const PbSetupQuestion *question,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  GTask *task = g_task_new (asker, cancellable, callback, user_data);

  if (question->kind == PB_SETUP_QUESTION_TRUST_CERTIFICATE)
    hold_trust_question (PB_WINDOW_ASKER (asker), task, question);
  else
    answer_confirmation (PB_WINDOW_ASKER (asker), task);
}

gboolean
pb_window_asker_get_asking (PbWindowAsker *self)
{
  g_return_val_if_fail (PB_IS_WINDOW_ASKER (self), FALSE);
  return self->trust_question != NULL;
}

static void
pb_window_asker_iface_init (PbSetupAskerInterface *iface)
{
  iface->ask_async = pb_window_asker_ask_async;
}

static void
pb_window_asker_dispose (GObject *object)
{
  PbWindowAsker *self = PB_WINDOW_ASKER (object);

  g_clear_weak_pointer (&self->settings_page);
  g_clear_weak_pointer (&self->result_page);
  g_clear_object (&self->trust_result);
  G_OBJECT_CLASS (pb_window_asker_parent_class)->dispose (object);
}

static void
pb_window_asker_class_init (PbWindowAskerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pb_window_asker_dispose;
}

static void
pb_window_asker_init (PbWindowAsker *self)
{
}
