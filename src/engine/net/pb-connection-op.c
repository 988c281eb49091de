/* pb-connection-op.c: operations, their stage timers, failures, writes and reads
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "pb-connection-op.h"
#include "pb-connection-private.h"
#include "pb-net-error.h"

/* The stage's timer */

static void
on_outer_cancelled (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_timeout (gpointer user_data)
{
  PbConnectionOp *op = user_data;

  op->timer = NULL;
  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

static void
disarm (PbConnectionOp *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_clear_pointer (&op->timer, g_source_unref);
    }
  if (op->outer_id != 0)
    g_cancellable_disconnect (op->outer, op->outer_id);
  op->outer_id = 0;
  g_clear_object (&op->cancellable);
}

void
pb_connection_op_rearm (PbConnectionOp *op,
                        guint           timeout_ms)
{
  disarm (op);
  op->timed_out = FALSE;
  op->cancellable = g_cancellable_new ();
  if (op->outer != NULL)
    op->outer_id = g_cancellable_connect (op->outer, G_CALLBACK (on_outer_cancelled),
                                          g_object_ref (op->cancellable), g_object_unref);
  op->timer = g_timeout_source_new (timeout_ms);
  g_source_set_callback (op->timer, on_timeout, op, NULL);
  g_source_attach (op->timer, g_task_get_context (op->task));
}

void
pb_connection_op_begin_stage (PbConnectionOp *op,
                              PbStage         stage,
                              const char     *name)
{
  pb_connection_op_rearm (op, pb_connection_begin_stage (op->connection, stage, name));
}

gboolean
pb_connection_op_begin_command (PbConnectionOp *op,
                                PbStage         stage,
                                const char     *name,
                                gboolean        ready)
{
  pb_connection_op_begin_stage (op, stage, name);
  return pb_connection_op_check_connected (op, ready);
}

/* The operation */

static void
op_free (PbConnectionOp *op)
{
  if (op->klass->finalize != NULL)
    op->klass->finalize (op);
  disarm (op);
  g_clear_object (&op->outer);
  g_free (op->line);
  g_resolver_free_addresses (op->addresses);
  g_clear_error (&op->first_error);
  g_clear_error (&op->probe_error);
  if (op->probe_conn != NULL)
    g_io_stream_close (G_IO_STREAM (op->probe_conn), NULL, NULL);
  g_clear_object (&op->probe_conn);
  g_object_unref (op->connection);
  g_free (op);
}

PbConnectionOp *
pb_connection_op_new (const PbConnectionOpClass *klass,
                      PbConnection              *connection,
                      GTask                     *task)
{
  PbConnectionOp *op;

  g_return_val_if_fail (klass->size >= sizeof (PbConnectionOp), NULL);

  op = g_malloc0 (klass->size);
  op->klass = klass;
  op->connection = g_object_ref (connection);
  op->task = task;
  op->outer = g_task_get_cancellable (task) ? g_object_ref (g_task_get_cancellable (task)) : NULL;
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return op;
}

PbConnectionOp *
pb_connection_op_start (const PbConnectionOpClass *klass,
                        PbConnection              *connection,
                        gpointer                   source_object,
                        gpointer                   source_tag,
                        GCancellable              *cancellable,
                        GAsyncReadyCallback        callback,
                        gpointer                   user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return pb_connection_op_new (klass, connection, task);
}

gboolean
pb_connection_op_finish (gpointer       source_object,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pb_connection_op_check_connected (PbConnectionOp *op,
                                  gboolean        ready)
{
  if (ready && op->connection->stream != NULL)
    return TRUE;
  pb_connection_op_fail (op, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                                          _("Not connected to the server")), PB_PROBLEM_NONE);
  return FALSE;
}

/* A timeout, a cancellation and the protocol's own view, in that order. */
static GError *
explain_error (PbConnectionOp  *op,
               GError          *error,
               PbProblem       *hint)
{
  PbConnection *self = op->connection;

  if (op->klass->filter_error != NULL)
    error = op->klass->filter_error (op, error, hint);
  if (op->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           /* Translators: the second %s is the stage, e.g. "ehlo" */
                           _("No answer from %s within the time limit (%s)"), self->host,
                           self->clock.name ? self->clock.name : "?");
      if (self->clock.stage != PB_STAGE_CONNECT)
        *hint = PB_PROBLEM_TIMEOUT;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    *hint = PB_PROBLEM_CANCELLED;
  return error;
}

static void
record_failure (PbConnectionOp *op,
                GError         *error,
                PbProblem       hint)
{
  PbConnection *self = op->connection;
  PbFailure *f = &self->failure;

  pb_failure_clear (f);
  f->stage = self->clock.stage;
  f->error = error;
  f->host = g_strdup (self->host);
  f->port = self->port;
  f->security = self->security;
  f->problem_hint = hint;
  f->cert_errors = self->cert_errors;
  f->tls_version = pb_connection_get_tls_version (self);
  if (op->klass->describe_failure != NULL)
    op->klass->describe_failure (op, f);
}

void
pb_connection_op_fail (PbConnectionOp *op,
                       GError         *error,
                       PbProblem       hint)
{
  PbConnection *self = op->connection;

  if (op->on_timeout != NULL && op->timed_out &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      PbOpNext later = op->on_timeout;

      op->on_timeout = NULL;
      g_error_free (error);
      later (op);
      return;
    }
  error = explain_error (op, error, &hint);
  record_failure (op, error, hint);
  if (self->clock.name != NULL)
    pb_connection_log (self, '*', error->message);
  pb_connection_end_stage (self, FALSE);
  disarm (op);
  g_task_return_error (op->task, g_error_copy (error));
  g_object_unref (op->task);
}

void
pb_connection_op_succeed (PbConnectionOp *op)
{
  pb_connection_end_stage (op->connection, TRUE);
  disarm (op);
  g_task_return_boolean (op->task, TRUE);
  g_object_unref (op->task);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  pb_connection_op_succeed (user_data);
}

void
pb_connection_op_close (PbConnectionOp *op)
{
  g_io_stream_close_async (op->connection->stream, G_PRIORITY_DEFAULT, op->cancellable,
                           on_closed, op);
}

/* Writing */

static void
wipe_output (PbConnection *self)
{
  if (self->outbuf != NULL)
    explicit_bzero (self->outbuf, self->outlen);
  g_clear_pointer (&self->outbuf, g_free);
  self->outlen = 0;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PbConnectionOp *op = user_data;
  g_autoptr(GError) error = NULL;

  wipe_output (op->connection);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      pb_connection_op_fail (op, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }
  op->next (op);
}

void
pb_connection_op_write (PbConnectionOp *op,
                        char           *data,
                        gsize           len,
                        const char     *shown,
                        PbOpNext        next)
{
  PbConnection *self = op->connection;

  if (shown != NULL)
    pb_connection_log (self, 'C', shown);
  wipe_output (self);
  self->outbuf = data;
  self->outlen = len;
  op->next = next;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (self->stream), data, len,
                                   G_PRIORITY_DEFAULT, op->cancellable, on_written, op);
}

/* Reading */

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PbConnectionOp *op = user_data;
  PbConnection *self = op->connection;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      pb_connection_op_fail (op, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }
  if (n == 0)
    {
      PbProblem hint = pb_line_reader_get_length (self->reader) > 0 ? PB_PROBLEM_PROTOCOL_ERROR
                                                                      : PB_PROBLEM_NONE;

      const char *text = hint != PB_PROBLEM_NONE
                         ? _("The server closed the connection in the middle of a reply")
                         : _("The server closed the connection");

      pb_connection_op_fail (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                                      text),
                             hint);
      return;
    }
  pb_line_reader_append (self->reader, self->readbuf, n);
  op->next (op);
}

void
pb_connection_op_read (PbConnectionOp *op,
                       PbOpNext        next)
{
  PbConnection *self = op->connection;

  /* A server that sends two records back to back (TLS 1.3 session tickets, then the
   * greeting) has its second one held by Nagle until our ACK; a delayed ACK costs 40 ms. */
  if (self->tcp != NULL)
    g_socket_set_option (g_socket_connection_get_socket (self->tcp), IPPROTO_TCP, TCP_QUICKACK,
                         1, NULL);
  op->next = next;
  g_input_stream_read_async (g_io_stream_get_input_stream (self->stream), self->readbuf,
                             sizeof self->readbuf, G_PRIORITY_DEFAULT, op->cancellable,
                             on_read, op);
}

/* The rest of a line too long to keep, however long: what is read is dropped at once. */
static void
skip_line (PbConnectionOp *op)
{
  if (!pb_line_reader_skip_line (op->connection->reader))
    {
      pb_connection_op_read (op, skip_line);
      return;
    }
  op->then (op);
}

static void
try_line (PbConnectionOp *op)
{
  PbConnection *self = op->connection;
  gsize max_len = op->line_max;

  g_clear_pointer (&op->line, g_free);
  switch (pb_line_reader_take_line (self->reader, max_len, &op->line))
    {
    case PB_LINE_INCOMPLETE:
      pb_connection_op_read (op, try_line);
      return;
    case PB_LINE_TOO_LONG:
      if (op->skip_long)
        {
          if (!op->unlogged)
            pb_connection_log (self, '*', "<a line over the limit, skipped>");
          skip_line (op);
          return;
        }
      pb_connection_log (self, '*', "<a line over the limit>");
      pb_connection_op_fail (op, g_error_new (PB_NET_ERROR, PB_NET_ERROR_LINE_TOO_LONG,
                                              _("The server sent a line longer than %u "
                                                "bytes"), (guint) max_len),
                             PB_PROBLEM_PROTOCOL_ERROR);
      return;
    case PB_LINE_COMPLETE:
    default:
      break;
    }
  if (!op->unlogged)
    pb_connection_log (self, 'S', op->line);
  op->then (op);
}

void
pb_connection_op_read_line (PbConnectionOp *op,
                            gsize           max_len,
                            PbOpNext        next)
{
  op->line_max = max_len;
  op->then = next;
  try_line (op);
}
