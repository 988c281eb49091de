/* pb-pop3-op.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-pop3-client-private.h"
#include "pb-pop3-op.h"

static void
op_finalize (PbConnectionOp *base)
{
  PbPop3Op *op = (PbPop3Op *) base;

  g_clear_pointer (&op->password, pb_secret_free);
  g_free (op->username);
  g_clear_pointer (&op->lines, g_ptr_array_unref);
  g_free (op->message_id);
  if (op->id_field != NULL)
    g_string_free (op->id_field, TRUE);
}

static void
op_describe_failure (PbConnectionOp *base,
                     PbFailure      *failure)
{
  PbPop3Op *op = (PbPop3Op *) base;
  const PbPop3Reply *reply = op->client->last_reply;

  if (op->reply_failed && reply != NULL)
    pb_failure_set_pop3_reply (failure, reply->response_code, reply->line);
}

/* A plain POP3 greeting starts with its status. */
static gboolean
op_is_plain_greeting (const guint8 *data,
                      gsize         len)
{
  return (len >= 3 && memcmp (data, "+OK", 3) == 0) ||
         (len >= 4 && memcmp (data, "-ERR", 4) == 0);
}

static void
op_forget_session (PbConnectionOp *base)
{
  PbPop3Client *client = ((PbPop3Op *) base)->client;

  /* RFC 2595 4: the capabilities from before TLS are discarded and asked again. */
  g_clear_pointer (&client->caps, pb_pop3_capabilities_free);
}

static const PbConnectionOpClass pop3_op_class = {
  .size = sizeof (PbPop3Op),
  .finalize = op_finalize,
  .describe_failure = op_describe_failure,
  .is_plain_greeting = op_is_plain_greeting,
  .forget_session = op_forget_session,
};

PbPop3Op *
pb_pop3_op_begin_named (PbPop3Client        *client,
                        PbStage              stage,
                        const char          *name,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  PbPop3Op *op = (PbPop3Op *) pb_connection_op_start (&pop3_op_class, client->connection, client,
                                                      source_tag, cancellable, callback,
                                                      user_data);

  op->client = client;
  /* The connect runs the core's stages first; every other operation needs the session. */
  if (stage == PB_STAGE_NONE)
    return op;
  return pb_connection_op_begin_command (&op->base, stage, name, client->connected) ? op : NULL;
}

PbPop3Op *
pb_pop3_op_begin (PbPop3Client        *client,
                  PbStage              stage,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  return pb_pop3_op_begin_named (client, stage, pb_stage_to_string (stage), source_tag,
                                 cancellable, callback, user_data);
}

void
pb_pop3_op_begin_stage (PbPop3Op *op,
                        PbStage   stage)
{
  pb_connection_op_begin_stage (&op->base, stage, pb_stage_to_string (stage));
}

void
pb_pop3_op_fail (PbPop3Op  *op,
                 GError    *error,
                 PbProblem  hint)
{
  pb_connection_op_fail (&op->base, error, hint);
}

void
pb_pop3_op_fail_reply (PbPop3Op    *op,
                       PbPop3Error  fallback,
                       PbProblem    hint)
{
  op->reply_failed = TRUE;
  pb_pop3_op_fail (op, pb_pop3_reply_to_error (op->client->last_reply, fallback), hint);
}
