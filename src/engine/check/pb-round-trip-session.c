/* pb-round-trip-session.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-round-trip-session.h"
#include "pb-secret.h"

#define PROGRESS_MS 1000

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static gboolean
emit_progress (gpointer user_data)
{
  PbRoundTripSession *self = user_data;
  gint64 waited = (g_get_monotonic_time () - self->accepted_at) / 1000;

  g_signal_emit_by_name (self->session.owner, "progress", (guint) CLAMP (waited, 0, G_MAXUINT),
                         self->wait_ms);
  return G_SOURCE_CONTINUE;
}

void
pb_round_trip_session_start_progress (PbRoundTripSession *self)
{
  if (self->progress != NULL || self->result->delivered)
    return;
  emit_progress (self);
  self->progress = g_timeout_source_new (PROGRESS_MS);
  g_source_set_callback (self->progress, emit_progress, self, NULL);
  g_source_attach (self->progress, g_task_get_context (self->task));
}

void
pb_round_trip_session_found (PbRoundTripSession *self)
{
  self->result->delivered = TRUE;
  self->result->delivery_usec = MAX (0, g_get_monotonic_time () - self->accepted_at);
  destroy_source (&self->progress);
}

guint
pb_round_trip_session_time_left (PbRoundTripSession *self)
{
  gint64 left_ms = (self->deadline - g_get_monotonic_time ()) / 1000;

  return (guint) CLAMP (left_ms, 0, G_MAXUINT);
}

/* A failure of the round trip's own (not the server's): diagnosed as the session's are. */
void
pb_round_trip_session_fail (PbRoundTripSession *self,
                    GError             *error,
                    PbProblem           hint)
{
  PbFailure f = { .stage = PB_STAGE_MAILBOX, .error = error,
                  .problem_hint = hint,
                  .host = self->session.config->host, .port = self->session.config->port,
                  .security = self->session.config->security };

  pb_connection_log (self->session.connection, '*', error->message);
  pb_check_session_record_failure (&self->session, &f);
  g_error_free (error);
}

static void
end_pause (PbRoundTripSession *self,
           gboolean            cancelled)
{
  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  if (cancelled)
    pb_round_trip_session_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("The round trip was cancelled")),
                        PB_PROBLEM_CANCELLED);
  self->resume (self, cancelled);
}

static gboolean
on_pause_over (gpointer user_data)
{
  end_pause (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
on_pause_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  end_pause (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

void
pb_round_trip_session_pause (PbRoundTripSession *self,
                             guint               ms,
                             PbRoundTripResume   resume)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  GMainContext *context = g_task_get_context (self->task);

  self->resume = resume;
  self->pause = g_timeout_source_new (MIN (ms, pb_round_trip_session_time_left (self)));
  g_source_set_callback (self->pause, on_pause_over, self, NULL);
  g_source_attach (self->pause, context);
  if (cancellable != NULL)
    {
      self->pause_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->pause_cancel, G_SOURCE_FUNC (on_pause_cancelled), self,
                             NULL);
      g_source_attach (self->pause_cancel, context);
    }
}

void
pb_round_trip_session_give_up (PbRoundTripSession *self)
{
  pb_round_trip_session_fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                         _("No message with the Message-ID %s arrived in %s "
                                           "within %u seconds"),
                                         self->result->message_id, "INBOX",
                                         self->wait_ms / 1000),
                      PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED);
}

void
pb_round_trip_session_record_failure (PbRoundTripSession *self)
{
  pb_check_session_record_failure (&self->session, self->klass->get_failure (self->client));
}

gboolean
pb_round_trip_session_step_done (PbRoundTripSession  *self,
                                 GAsyncResult        *result,
                                 gboolean             login_step,
                                 gboolean             logging_in,
                                 GError             **error)
{
  PbCheckResult *r = self->session.result;
  gboolean done = self->klass->finish (self->client, result, error);

  if (login_step)
    {
      pb_check_session_forget_password (&self->session);
      r->authenticated = done;
    }
  if (logging_in)
    {
      pb_check_session_collect_tls (&self->session);
      self->klass->collect (self->client, r);
    }
  return done;
}

void
pb_round_trip_session_drop_client (PbRoundTripSession *self)
{
  g_clear_object (&self->client);
}

void
pb_round_trip_session_end (PbRoundTripSession *self)
{
  destroy_source (&self->progress);
  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  pb_round_trip_session_drop_client (self);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->password, pb_secret_free);
  pb_failure_clear (&self->refusal);
  pb_check_session_finish (&self->session);
}

void
pb_round_trip_session_clear (PbRoundTripSession *self)
{
  pb_check_session_forget_password (&self->session);
  g_clear_pointer (&self->password, pb_secret_free);
  pb_failure_clear (&self->refusal);
  g_clear_object (&self->session.result);
  g_clear_object (&self->session.connection);
}
