/* pb-pop3-connect.c: greeting, CAPA, STLS, CAPA again
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-connect.h"
#include "pb-connection-tls.h"
#include "pb-pop3-client-private.h"
#include "pb-pop3-connect.h"
#include "pb-pop3-io.h"

static void ask_capabilities (PbPop3Op *op);

/* STLS (RFC 2595) */

static void
after_upgrade (PbConnectionOp *base)
{
  ask_capabilities ((PbPop3Op *) base);
}

static void
after_stls (PbPop3Op *op)
{
  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_STARTTLS_REFUSED))
    return;
  pb_connection_op_upgrade (&op->base, PB_STAGE_STARTTLS_HANDSHAKE,
                            pb_stage_to_string (PB_STAGE_STARTTLS_HANDSHAKE), after_upgrade);
}

/* STLS chosen means STLS required: a server that does not offer it gets no plain-text
 * session, and no credential either. */
static void
do_stls (PbPop3Op *op)
{
  pb_pop3_op_begin_stage (op, PB_STAGE_STARTTLS);
  if (!(op->client->caps->flags & PB_POP3_CAP_STLS))
    {
      pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_NO_STLS,
                                        _("The server does not offer STLS")),
                       PB_PROBLEM_STARTTLS_NOT_OFFERED);
      return;
    }
  pb_pop3_op_command (op, "STLS", NULL, after_stls);
}

/* CAPA (RFC 2449) */

static void
capabilities_known (PbPop3Op *op)
{
  PbConnection *connection = op->base.connection;

  pb_connection_end_stage (connection, TRUE);
  if (pb_connection_get_security (connection) == PB_SECURITY_STARTTLS &&
      pb_connection_get_tls_connection (connection) == NULL)
    {
      do_stls (op);
      return;
    }
  op->client->connected = TRUE;
  pb_connection_op_succeed (&op->base);
}

static void
after_capability_lines (PbPop3Op *op)
{
  PbPop3Client *self = op->client;

  g_clear_pointer (&self->caps, pb_pop3_capabilities_free);
  self->caps = pb_pop3_capabilities_new_from_lines ((const char * const *) op->lines->pdata,
                                                    op->lines->len);
  capabilities_known (op);
}

static void
after_capa (PbPop3Op *op)
{
  PbPop3Client *self = op->client;

  /* RFC 1939 servers do not know CAPA: they have no extensions, and the session goes on. */
  if (self->last_reply->status == PB_POP3_STATUS_ERR)
    {
      g_clear_pointer (&self->caps, pb_pop3_capabilities_free);
      self->caps = pb_pop3_capabilities_new_none ();
      capabilities_known (op);
      return;
    }
  if (pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    pb_pop3_op_read_lines (op, after_capability_lines);
}

static void
ask_capabilities (PbPop3Op *op)
{
  pb_pop3_op_begin_stage (op, PB_STAGE_CAPABILITY);
  pb_pop3_op_command (op, "CAPA", NULL, after_capa);
}

/* Greeting */

static void
after_greeting (PbPop3Op *op)
{
  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  pb_connection_end_stage (op->base.connection, TRUE);
  ask_capabilities (op);
}

static void
read_greeting (PbConnectionOp *base)
{
  PbPop3Op *op = (PbPop3Op *) base;

  pb_pop3_op_begin_stage (op, PB_STAGE_GREETING);
  pb_pop3_op_read_reply (op, after_greeting);
}

/* connection: NULL to resolve and connect, or one that exists already. */
static void
start_connect (PbPop3Client        *self,
               GSocketConnection   *connection,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  PbPop3Op *op = pb_pop3_op_begin (self, PB_STAGE_NONE, pb_pop3_client_connect_async,
                                   cancellable, callback, user_data);

  if (connection != NULL)
    pb_connection_op_adopt (&op->base, connection, read_greeting);
  else
    pb_connection_op_connect (&op->base, read_greeting);
}

void
pb_pop3_client_connect_async (PbPop3Client        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PB_IS_POP3_CLIENT (self));
  start_connect (self, NULL, cancellable, callback, user_data);
}

/* Tests hand over one end of a socketpair: the whole state machine from the greeting (or
 * TLS) on runs on it, with no resolver and no network. */
void
pb_pop3_client_connect_on_connection_async (PbPop3Client        *self,
                                            GSocketConnection   *connection,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (PB_IS_POP3_CLIENT (self));
  g_return_if_fail (G_IS_SOCKET_CONNECTION (connection));
  start_connect (self, connection, cancellable, callback, user_data);
}
