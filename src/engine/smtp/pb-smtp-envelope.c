/* pb-smtp-envelope.c: MAIL FROM, RCPT TO and RSET or DATA, pipelined where offered
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-smtp-client-private.h"
#include "pb-smtp-commands.h"
#include "pb-smtp-envelope.h"
#include "pb-smtp-io.h"

static const PbStage env_stages[] = { PB_STAGE_MAIL_FROM, PB_STAGE_RCPT_TO, PB_STAGE_DATA };

static void env_on_reply (PbSmtpOp *op);

static gboolean
env_is_last (PbSmtpOp *op)
{
  return op->env_index == G_N_ELEMENTS (op->env_lines) - 1;
}

static void
env_read (PbSmtpOp *op)
{
  pb_smtp_op_read_reply (op, env_on_reply);
}

/* The next command's stage; without pipelining, its command goes out now. */
static void
env_begin (PbSmtpOp *op)
{
  guint i = op->env_index;
  PbStage stage = env_stages[i];
  const char *name = i == 0 ? "mail-from" : i == 1 ? "rcpt-to" : op->payload ? "data" : "rset";

  /* RSET ends the transaction MAIL FROM began: its failures belong to that stage. */
  if (env_is_last (op) && op->payload == NULL)
    stage = PB_STAGE_MAIL_FROM;
  pb_smtp_op_begin_stage (op, stage, name);
  if (op->pipelined)
    env_read (op);
  else
    pb_smtp_op_command (op, op->env_lines[i], NULL, env_on_reply);
}

/* All replies of the group are in: report the first refusal, with its own reply. */
static void
env_fail_deferred (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;

  g_clear_pointer (&self->last_reply, pb_smtp_reply_free);
  self->last_reply = g_steal_pointer (&op->deferred_reply);
  pb_smtp_op_fail (op, g_steal_pointer (&op->deferred), PB_PROBLEM_NONE);
}

static void
env_drain (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;

  if (!env_is_last (op))
    {
      op->env_index++;
      env_read (op);
    }
  else if (op->payload != NULL && self->last_reply->code == 354)
    {
      /* DATA accepted without a valid recipient (RFC 2920 3.1): an empty message ends it. */
      pb_smtp_op_command (op, ".", NULL, env_fail_deferred);
    }
  else
    env_fail_deferred (op);
}

static void
env_read_final (PbSmtpOp *op)
{
  pb_smtp_op_read_reply (op, pb_smtp_op_finish_if_positive);
}

static void
env_on_reply (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;
  guint code = self->last_reply->code;
  gboolean want_data = env_is_last (op) && op->payload != NULL;
  gboolean ok = want_data ? code == 354 : code / 100 == 2;

  if (op->deferred != NULL)
    {
      env_drain (op);
      return;
    }

  if (!ok)
    {
      /* 421: the server closes; the rest of the group will never be answered. */
      if (!op->pipelined || env_is_last (op) || code == 421)
        {
          pb_smtp_op_expect (op, want_data ? 354 : 2, PB_PROBLEM_NONE);
          return;
        }
      /* The rest of the group is already on its way: read it, keep the session in step,
       * then fail in this stage. */
      op->deferred = g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY, "%s",
                                  self->last_reply->text);
      op->deferred_reply = g_steal_pointer (&self->last_reply);
      env_drain (op);
      return;
    }

  if (want_data)
    {
      g_autofree char *shown = g_strdup_printf ("<message, %" G_GSIZE_FORMAT " bytes>",
                                                g_bytes_get_size (op->payload));

      pb_smtp_op_send_data (op, op->payload, shown, env_read_final);
      return;
    }
  if (env_is_last (op))
    {
      pb_smtp_op_succeed (op);
      return;
    }
  pb_connection_end_stage (self->connection, TRUE);
  op->env_index++;
  env_begin (op);
}

void
pb_smtp_client_envelope_async (PbSmtpClient        *self,
                               const char          *sender,
                               PbSmtpMailFlags      flags,
                               const char          *recipient,
                               GBytes              *message,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  PbSmtpOp *op;
  GError *error = NULL;
  g_autoptr(GString) group = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;

  op = pb_smtp_op_begin_command (self, PB_STAGE_MAIL_FROM, "mail-from",
                                     pb_smtp_client_envelope_async,
                                     cancellable, callback, user_data);
  if (op == NULL)
    return;
  if (message != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (message, &len);

      op->payload = pb_smtp_data_encode (data, len);
      size = g_bytes_get_size (op->payload);
    }
  op->env_lines[0] = pb_smtp_client_mail_from_line (self, sender, flags, size, &error);
  if (op->env_lines[0] == NULL)
    {
      pb_smtp_op_fail (op, error, PB_PROBLEM_SENDER_INVALID);
      return;
    }
  if (!pb_smtp_address_is_safe (recipient))
    {
      pb_smtp_op_fail (op, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                        _("Not a usable mail address")), PB_PROBLEM_RECIPIENT_REJECTED);
      return;
    }
  op->env_lines[1] = g_strdup_printf ("RCPT TO:<%s>", recipient);
  op->env_lines[2] = g_strdup (message != NULL ? "DATA" : "RSET");
  op->pipelined = (self->caps->flags & PB_SMTP_CAP_PIPELINING) != 0;

  if (!op->pipelined)
    {
      pb_smtp_op_command (op, op->env_lines[0], NULL, env_on_reply);
      return;
    }

  /* RFC 2920: RSET and DATA may end a group; the replies come back in order. Nothing may
   * be waiting before it goes out (and nothing is logged as sent that was not). */
  if (!pb_smtp_op_check_quiet (op))
    return;
  group = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (op->env_lines); i++)
    {
      pb_connection_log (self->connection, 'C', op->env_lines[i]);
      g_string_append_printf (group, "%s\r\n", op->env_lines[i]);
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&group));
  pb_smtp_op_send_data (op, bytes, NULL, env_read);
}
