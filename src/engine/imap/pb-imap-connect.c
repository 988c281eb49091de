/* pb-imap-connect.c: greeting, CAPABILITY, STARTTLS, CAPABILITY again
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-connect.h"
#include "pb-connection-tls.h"
#include "pb-imap-client-private.h"
#include "pb-imap-connect.h"
#include "pb-imap-io.h"

static void ask_capabilities (PbImapOp *op);

static gboolean
needs_upgrade (PbImapOp *op)
{
  PbConnection *connection = op->base.connection;

  return pb_connection_get_security (connection) == PB_SECURITY_STARTTLS &&
         pb_connection_get_tls_connection (connection) == NULL;
}

/* STARTTLS */

static void
after_upgrade (PbConnectionOp *base)
{
  /* The capabilities from before TLS are gone (the op's forget_session): ask again. */
  ask_capabilities ((PbImapOp *) base);
}

static void
after_starttls (PbImapOp *op)
{
  if (!pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_STARTTLS_REFUSED))
    return;
  pb_connection_op_upgrade (&op->base, PB_STAGE_STARTTLS_HANDSHAKE, "starttls-handshake",
                            after_upgrade);
}

static void
do_starttls (PbImapOp *op)
{
  pb_connection_op_begin_stage (&op->base, PB_STAGE_STARTTLS, "starttls");
  if (!pb_imap_client_has_capability (op->client, "STARTTLS"))
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_NO_STARTTLS,
                                          _("The server does not offer STARTTLS")),
                             PB_PROBLEM_STARTTLS_NOT_OFFERED);
      return;
    }
  pb_imap_op_command (op, "STARTTLS", NULL, FALSE, after_starttls);
}

/* CAPABILITY */

static void
have_capabilities (PbImapOp *op)
{
  if (needs_upgrade (op))
    do_starttls (op);
  else
    pb_connection_op_succeed (&op->base);
}

static void
after_capability (PbImapOp *op)
{
  if (!pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  if (op->client->capabilities == NULL)
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL,
                                          _("The server did not list its capabilities")), PB_PROBLEM_NONE);
      return;
    }
  pb_connection_end_stage (op->base.connection, TRUE);
  have_capabilities (op);
}

static void
ask_capabilities (PbImapOp *op)
{
  if (op->client->capabilities != NULL)
    {
      have_capabilities (op);
      return;
    }
  pb_connection_op_begin_stage (&op->base, PB_STAGE_CAPABILITY, "capability");
  pb_imap_op_command (op, "CAPABILITY", NULL, FALSE, after_capability);
}

/* Greeting */

static void
after_greeting (PbImapOp *op)
{
  const PbImapResponse *r = op->client->last;

  if (r->kind != PB_IMAP_UNTAGGED || r->status == PB_IMAP_STATUS_NONE ||
      r->status == PB_IMAP_STATUS_NO || r->status == PB_IMAP_STATUS_BAD)
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED,
                                          _("The server did not greet with OK, PREAUTH or BYE")),
                             PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  if (r->status == PB_IMAP_STATUS_BYE)
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_BYE,
                                          _("The server refused the session: %s"), r->text), PB_PROBLEM_NONE);
      return;
    }
  /* A session that is logged in before TLS can never be upgraded (RFC 9051 7.1.4): with
   * STARTTLS required, it ends here, before anything else is said in plain text. */
  if (r->status == PB_IMAP_STATUS_PREAUTH && needs_upgrade (op))
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_PREAUTH,
                                          _("The server logged the session in before "
                                            "encryption, so STARTTLS is impossible")),
                             PB_PROBLEM_STARTTLS_NOT_OFFERED);
      return;
    }
  op->client->preauthenticated = r->status == PB_IMAP_STATUS_PREAUTH;
  pb_connection_end_stage (op->base.connection, TRUE);
  ask_capabilities (op);
}

static void
read_greeting (PbConnectionOp *base)
{
  PbImapOp *op = (PbImapOp *) base;

  pb_connection_op_begin_stage (base, PB_STAGE_GREETING, "greeting");
  pb_imap_op_read_greeting (op, after_greeting);
}

void
pb_imap_client_connect_async (PbImapClient        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));

  op = pb_imap_op_new (pb_imap_client_new_task (self, pb_imap_client_connect_async,
                                                cancellable, callback, user_data));
  pb_connection_op_connect (&op->base, read_greeting);
}

/* Tests and the fuzzer hand over one end of a socketpair: the whole state machine from the
 * greeting (or TLS) on runs on it, with no resolver and no network. */
void
pb_imap_client_connect_on_connection_async (PbImapClient        *self,
                                            GSocketConnection   *connection,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  g_return_if_fail (G_IS_SOCKET_CONNECTION (connection));

  op = pb_imap_op_new (pb_imap_client_new_task (self, pb_imap_client_connect_async,
                                                cancellable, callback, user_data));
  pb_connection_op_adopt (&op->base, connection, read_greeting);
}

gboolean
pb_imap_client_connect_finish (PbImapClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
