/* pb-imap-op.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-imap-client-private.h"
#include "pb-imap-op.h"

static void
op_finalize (PbConnectionOp *base)
{
  PbImapOp *op = (PbImapOp *) base;

  g_free (op->tag);
  g_free (op->prior_tag);
  if (op->response != NULL)
    g_string_free (op->response, TRUE);
  g_free (op->username);
  g_clear_pointer (&op->password, pb_secret_free);
  g_clear_pointer (&op->parts, g_ptr_array_unref);
  g_clear_pointer (&op->shown_parts, g_ptr_array_unref);
}

static GError *
op_filter_error (PbConnectionOp  *base,
                 GError          *error,
                 PbProblem       *hint)
{
  if (*hint == PB_PROBLEM_NONE && error->domain == PB_IMAP_ERROR &&
      (error->code == PB_IMAP_ERROR_PROTOCOL || error->code == PB_IMAP_ERROR_UNEXPECTED ||
       error->code == PB_IMAP_ERROR_TOO_LARGE))
    *hint = PB_PROBLEM_PROTOCOL_ERROR;
  return error;
}

/* The server's words belong to the failures its response caused. */
static gboolean
answered_by_server (const GError *error)
{
  if (error == NULL || error->domain != PB_IMAP_ERROR)
    return FALSE;
  switch (error->code)
    {
    case PB_IMAP_ERROR_BYE:
    case PB_IMAP_ERROR_PREAUTH:
    case PB_IMAP_ERROR_REFUSED:
    case PB_IMAP_ERROR_AUTH_FAILED:
    case PB_IMAP_ERROR_NO_MAILBOX:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
op_describe_failure (PbConnectionOp *base,
                     PbFailure      *failure)
{
  const PbImapResponse *r = ((PbImapOp *) base)->client->last;

  if (answered_by_server (failure->error) && r != NULL && r->status != PB_IMAP_STATUS_NONE)
    pb_failure_set_imap_reply (failure, pb_imap_status_to_string (r->status), r->code_name,
                               r->line);
}

/* A plain IMAP greeting is untagged: "* OK", "* PREAUTH" or "* BYE". */
static gboolean
op_is_plain_greeting (const guint8 *data,
                      gsize         len)
{
  return len >= 2 && data[0] == '*' && data[1] == ' ';
}

static void
op_forget_session (PbConnectionOp *base)
{
  PbImapClient *client = ((PbImapOp *) base)->client;

  /* RFC 9051 6.2.1: capabilities from before TLS are discarded; an alert from then could
   * have been written by anyone on the path, so it goes as well. */
  g_clear_pointer (&client->capabilities, g_strfreev);
  g_clear_pointer (&client->alert, g_free);
}

static const PbConnectionOpClass imap_op_class = {
  .size = sizeof (PbImapOp),
  .finalize = op_finalize,
  .filter_error = op_filter_error,
  .describe_failure = op_describe_failure,
  .is_plain_greeting = op_is_plain_greeting,
  .forget_session = op_forget_session,
};

PbImapOp *
pb_imap_op_new (GTask *task)
{
  PbImapClient *client = g_task_get_source_object (task);
  PbImapOp *op = (PbImapOp *) pb_connection_op_new (&imap_op_class, client->connection, task);

  op->client = client;
  op->response = g_string_new (NULL);
  return op;
}

PbImapOp *
pb_imap_op_begin_command (GTask      *task,
                          PbStage     stage,
                          const char *name)
{
  PbImapOp *op = pb_imap_op_new (task);

  if (!pb_connection_op_begin_command (&op->base, stage, name, op->client->capabilities != NULL))
    return NULL;
  return op;
}

void
pb_imap_op_resume (PbConnectionOp *base)
{
  PbImapOp *op = (PbImapOp *) base;

  op->next (op);
}
