/* pb-window-asker.c: the setup flow's questions, answered by the window's pages and dialogs
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-certificate-dialog.h"
#include "pb-window-asker.h"

/* A certificate question the flow asked and the user has not answered yet. While its
 * test can be cancelled, the cancellable owns it (and frees it when it goes). */
typedef struct {
  PbWindowAsker *asker;              /* not owned; only used while task is set */
  GTask         *task;               /* NULL once answered or cancelled */
  PbCheckResult *result;             /* the check whose certificate it is about */
  gulong         cancelled_id;
} TrustQuestion;

struct _PbWindowAsker
{
  GObject         parent_instance;

  PbSettingsPage *settings_page;     /* weak */
  PbResultPage   *result_page;       /* weak */

  GQueue          trust_questions;   /* the open ones, the one offered first */
  gboolean        asking;            /* :asking, as last notified */
};

enum {
  PROP_0,
  PROP_ASKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void pb_window_asker_iface_init (PbSetupAskerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbWindowAsker, pb_window_asker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_SETUP_ASKER,
                                                      pb_window_asker_iface_init))

PbWindowAsker *
pb_window_asker_new (void)
{
  return g_object_new (PB_TYPE_WINDOW_ASKER, NULL);
}

static void
trust_question_free (TrustQuestion *question)
{
  g_clear_object (&question->task);
  g_clear_object (&question->result);
  g_free (question);
}

/* The result page offers the certificate while a question is open, and only then. */
static void
update_offer (PbWindowAsker *self)
{
  gboolean asking = !g_queue_is_empty (&self->trust_questions);

  if (self->result_page != NULL)
    pb_result_page_offer_certificate (self->result_page, asking);
  if (asking != self->asking)
    {
      self->asking = asking;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASKING]);
    }
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
  update_offer (self);
}

/* Answers the first open question; the next one, if any, is offered in its place. */
static void
answer_trust (PbWindowAsker *self,
              gboolean       trust)
{
  TrustQuestion *question = g_queue_pop_head (&self->trust_questions);
  g_autoptr(GTask) task = NULL;

  if (question == NULL)
    return;
  task = g_steal_pointer (&question->task);
  if (question->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), question->cancelled_id);
  else
    trust_question_free (question);
  update_offer (self);
  g_task_return_boolean (g_steal_pointer (&task), trust);
}

/* Runs inside g_cancellable_cancel(): it must not disconnect itself; the cancellable frees
 * the question when it goes. */
static void
on_trust_cancelled (GCancellable  *cancellable,
                    TrustQuestion *question)
{
  g_autoptr(GTask) task = g_steal_pointer (&question->task);

  if (task == NULL)
    return;
  g_queue_remove (&question->asker->trust_questions, question);
  question->cancelled_id = 0;
  g_clear_object (&question->result);
  update_offer (question->asker);
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

  if (result == NULL && !g_queue_is_empty (&self->trust_questions))
    result = ((TrustQuestion *) g_queue_peek_head (&self->trust_questions))->result;
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

/* A certificate to trust: the question stays open, offered on the result page, after
 * those asked before it (two halves of an account may each ask). Takes task. */
static void
hold_trust_question (PbWindowAsker         *self,
                     GTask                 *task,
                     const PbSetupQuestion *question)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  TrustQuestion *held;

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
      return;
    }
  held = g_new0 (TrustQuestion, 1);
  held->asker = self;
  held->task = task;
  held->result = question->result != NULL ? g_object_ref (question->result) : NULL;
  g_queue_push_tail (&self->trust_questions, held);
  if (cancellable != NULL)
    held->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_trust_cancelled),
                                                held, (GDestroyNotify) trust_question_free);
  update_offer (self);
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
  return !g_queue_is_empty (&self->trust_questions);
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
  /* Questions still open when the window goes are answered no. */
  while (!g_queue_is_empty (&self->trust_questions))
    answer_trust (self, FALSE);
  G_OBJECT_CLASS (pb_window_asker_parent_class)->dispose (object);
}

static void
pb_window_asker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PbWindowAsker *self = PB_WINDOW_ASKER (object);

  if (prop_id == PROP_ASKING)
    g_value_set_boolean (value, pb_window_asker_get_asking (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pb_window_asker_class_init (PbWindowAskerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_window_asker_dispose;
  object_class->get_property = pb_window_asker_get_property;

  properties[PROP_ASKING] = g_param_spec_boolean ("asking", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_window_asker_init (PbWindowAsker *self)
{
}
