/* pb-smtp-op.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-net-error.h"
#include "pb-smtp-client-private.h"
#include "pb-smtp-op.h"

static void
op_finalize (PbConnectionOp *base)
{
  PbSmtpOp *op = (PbSmtpOp *) base;

  g_clear_pointer (&op->password, pb_secret_free);
  g_free (op->username);
  g_clear_pointer (&op->payload, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (op->env_lines); i++)
    g_free (op->env_lines[i]);
  g_clear_error (&op->deferred);
  g_clear_pointer (&op->deferred_reply, pb_smtp_reply_free);
}

/* The greeting never came and the probe got a close or a TLS record: the port speaks
 * implicit TLS. Anything else (silence, an SMTP reply) is a plain timeout. */
static GError *
explain_probe (PbSmtpOp    *op,
               GError      *error,
               PbProblem   *hint)
{
  gboolean wrong_port = *hint == PB_PROBLEM_TLS_WRONG_PORT ||
                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);

  op->probing = FALSE;
  op->base.timed_out = FALSE;
  g_error_free (error);
  *hint = wrong_port ? PB_PROBLEM_TLS_WRONG_PORT : PB_PROBLEM_TIMEOUT;
  return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                      _("No greeting from %s within the time limit"),
                      pb_connection_get_host (op->base.connection));
}

/* The core's refusals, in the domain and with the code the SMTP client has always used. */
static GError *
in_smtp_domain (PbSmtpOp *op,
                GError   *error)
{
  GError *mapped;

  if (error->domain != PB_NET_ERROR || error->code == PB_NET_ERROR_LINE_TOO_LONG)
    return error;
  if (error->code == PB_NET_ERROR_INJECTION)
    {
      pb_connection_log (op->base.connection, '*', "<bytes after the 220 to STARTTLS>");
      mapped = g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_STARTTLS_INJECTION,
                                    error->message);
    }
  else
    mapped = g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY, error->message);
  g_error_free (error);
  return mapped;
}

static GError *
op_filter_error (PbConnectionOp  *base,
                 GError          *error,
                 PbProblem       *hint)
{
  PbSmtpOp *op = (PbSmtpOp *) base;

  if (op->probing)
    return explain_probe (op, error, hint);
  error = in_smtp_domain (op, error);
  if (*hint == PB_PROBLEM_NONE && g_error_matches (error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL))
    *hint = PB_PROBLEM_PROTOCOL_ERROR;
  return error;
}

static void
op_describe_failure (PbConnectionOp *base,
                     PbFailure      *failure)
{
  PbSmtpClient *client = ((PbSmtpOp *) base)->client;
  const PbSmtpReply *reply = client->last_reply;

  if (g_error_matches (failure->error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY) && reply != NULL)
    pb_failure_set_smtp_reply (failure, reply->code, reply->enhanced_code, reply->text);
}

/* A plain SMTP greeting starts with its three-digit code. */
static gboolean
op_is_plain_greeting (const guint8 *data,
                      gsize         len)
{
  return len >= 3 && g_ascii_isdigit (data[0]) && g_ascii_isdigit (data[1]) &&
         g_ascii_isdigit (data[2]);
}

static void
op_forget_session (PbConnectionOp *base)
{
  PbSmtpClient *client = ((PbSmtpOp *) base)->client;

  /* RFC 3207 4.2: what the server said before TLS is forgotten. */
  g_clear_pointer (&client->caps, pb_smtp_capabilities_free);
}

static const PbConnectionOpClass smtp_op_class = {
  .size = sizeof (PbSmtpOp),
  .finalize = op_finalize,
  .filter_error = op_filter_error,
  .describe_failure = op_describe_failure,
  .is_plain_greeting = op_is_plain_greeting,
  .forget_session = op_forget_session,
};

PbSmtpOp *
pb_smtp_op_new (PbSmtpClient        *client,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  PbSmtpOp *op = (PbSmtpOp *) pb_connection_op_start (&smtp_op_class, client->connection, client,
                                                      source_tag, cancellable, callback,
                                                      user_data);

  op->client = client;
  return op;
}

PbSmtpOp *
pb_smtp_op_begin_command (PbSmtpClient        *client,
                          PbStage              stage,
                          const char          *name,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  PbSmtpOp *op = pb_smtp_op_new (client, source_tag, cancellable, callback, user_data);

  return pb_connection_op_begin_command (&op->base, stage, name, client->caps != NULL) ? op
                                                                                      : NULL;
}

void
pb_smtp_op_begin_stage (PbSmtpOp   *op,
                        PbStage     stage,
                        const char *name)
{
  pb_connection_op_begin_stage (&op->base, stage, name);
}

void
pb_smtp_op_rearm (PbSmtpOp *op,
                  guint     timeout_ms)
{
  pb_connection_op_rearm (&op->base, timeout_ms);
}

void
pb_smtp_op_fail (PbSmtpOp   *op,
                 GError     *error,
                 PbProblem  hint)
{
  pb_connection_op_fail (&op->base, error, hint);
}

void
pb_smtp_op_succeed (PbSmtpOp *op)
{
  pb_connection_op_succeed (&op->base);
}

void
pb_smtp_op_resume (PbConnectionOp *base)
{
  PbSmtpOp *op = (PbSmtpOp *) base;

  op->next (op);
}

PbConnection *
pb_smtp_op_connection (PbSmtpOp *op)
{
  return op->base.connection;
}
