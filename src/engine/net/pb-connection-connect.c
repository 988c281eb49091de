/* pb-connection-connect.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "pb-connection-connect.h"
#include "pb-connection-private.h"
#include "pb-connection-tls.h"

/* With more addresses to try, one that does not answer (a broken IPv6 route, typically)
 * gets this long before the next is tried, instead of the whole stage's time. */
#define ATTEMPT_TIMEOUT_MS 4000

static void try_next_address (PbConnectionOp *op);

static void
set_nodelay (GSocketConnection *connection)
{
  /* Commands are single small writes that wait for an answer: Nagle would only add delay. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY,
                       1, NULL);
}

/* The TCP connection is up: implicit TLS first where chosen, then the protocol. */
static void
connected (PbConnectionOp *op)
{
  PbConnection *self = op->connection;

  if (self->security == PB_SECURITY_TLS)
    pb_connection_op_handshake (op, PB_STAGE_TLS, "tls", op->then);
  else
    op->then (op);
}

static gboolean
on_attempt_timeout (gpointer user_data)
{
  PbConnectionOp *op = user_data;

  g_clear_pointer (&op->attempt_timer, g_source_unref);
  op->attempt_timed_out = TRUE;
  g_cancellable_cancel (op->attempt);
  return G_SOURCE_REMOVE;
}

static void
on_stage_cancelled (GCancellable *stage,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
clear_attempt (PbConnectionOp *op)
{
  if (op->attempt_timer != NULL)
    {
      g_source_destroy (op->attempt_timer);
      g_clear_pointer (&op->attempt_timer, g_source_unref);
    }
  if (op->attempt_id != 0 && op->cancellable != NULL)
    g_cancellable_disconnect (op->cancellable, op->attempt_id);
  op->attempt_id = 0;
  g_clear_object (&op->attempt);
}

/* One address failed: the next, or the failure of the first (usually the preferred family,
 * so the telling one). */
static void
attempt_failed (PbConnectionOp *op,
                GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pb_connection_op_fail (op, error, PB_PROBLEM_NONE);
      return;
    }
  if (op->next_address == NULL)
    {
      if (op->first_error != NULL)
        g_error_free (error);
      pb_connection_op_fail (op, op->first_error ? g_steal_pointer (&op->first_error) : error, PB_PROBLEM_NONE);
      return;
    }
  if (op->first_error == NULL)
    op->first_error = error;
  else
    g_error_free (error);
  try_next_address (op);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbConnectionOp *op = user_data;
  PbConnection *self = op->connection;
  GError *error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  clear_attempt (op);
  if (connection == NULL && op->attempt_timed_out &&
      !g_cancellable_is_cancelled (op->cancellable))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("No answer from this address"));
    }
  if (connection == NULL)
    {
      attempt_failed (op, error);
      return;
    }

  self->tcp = connection;
  self->stream = G_IO_STREAM (connection);
  set_nodelay (connection);
  pb_connection_end_stage (self, TRUE);
  connected (op);
}

static void
try_next_address (PbConnectionOp *op)
{
  PbConnection *self = op->connection;
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *ip = NULL;
  g_autofree char *event = NULL;

  address = g_inet_socket_address_new (op->next_address->data, self->port);
  ip = g_inet_address_to_string (op->next_address->data);
  event = g_strdup_printf ("connect %s port %u", ip, self->port);
  pb_connection_log (self, '*', event);
  op->next_address = op->next_address->next;

  op->attempt = g_cancellable_new ();
  op->attempt_timed_out = FALSE;
  op->attempt_id = g_cancellable_connect (op->cancellable, G_CALLBACK (on_stage_cancelled),
                                          g_object_ref (op->attempt), g_object_unref);
  if (op->next_address != NULL)
    {
      op->attempt_timer = g_timeout_source_new (ATTEMPT_TIMEOUT_MS);
      g_source_set_callback (op->attempt_timer, on_attempt_timeout, op, NULL);
      g_source_attach (op->attempt_timer, g_task_get_context (op->task));
    }
  g_socket_client_connect_async (self->socket_client, G_SOCKET_CONNECTABLE (address),
                                 op->attempt, on_connected, op);
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PbConnectionOp *op = user_data;
  g_autoptr(GError) error = NULL;

  op->addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (op->addresses == NULL)
    {
      pb_connection_op_fail (op, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }
  pb_connection_end_stage (op->connection, TRUE);

  op->next_address = op->addresses;
  pb_connection_op_begin_stage (op, PB_STAGE_CONNECT, "connect");
  try_next_address (op);
}

static void
start_session (PbConnectionOp *op,
               PbOpNext        next)
{
  PbConnection *self = op->connection;

  op->then = next;
  pb_transcript_start (self->transcript);
  pb_stage_clock_start (&self->clock);
}

void
pb_connection_op_connect (PbConnectionOp *op,
                          PbOpNext        next)
{
  PbConnection *self = op->connection;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();

  g_return_if_fail (self->tcp == NULL);

  start_session (op, next);
  self->socket_client = g_socket_client_new ();
  /* A mail server is reached directly: an HTTP proxy from the environment is not for mail. */
  g_socket_client_set_enable_proxy (self->socket_client, FALSE);

  pb_connection_op_begin_stage (op, PB_STAGE_RESOLVE, "resolve");
  g_resolver_lookup_by_name_async (resolver, self->host, op->cancellable, on_resolved, op);

  /* Loading the TLS module and parsing the CA bundle takes milliseconds of CPU; done while
   * the resolver thread waits for DNS, it costs nothing. */
  if (self->security != PB_SECURITY_NONE)
    g_object_unref (g_tls_backend_get_default_database (g_tls_backend_get_default ()));
}

void
pb_connection_op_adopt (PbConnectionOp    *op,
                        GSocketConnection *connection,
                        PbOpNext           next)
{
  PbConnection *self = op->connection;

  g_return_if_fail (G_IS_SOCKET_CONNECTION (connection));
  g_return_if_fail (self->tcp == NULL);

  start_session (op, next);
  self->tcp = g_object_ref (connection);
  self->stream = G_IO_STREAM (connection);
  connected (op);
}
