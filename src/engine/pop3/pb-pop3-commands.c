/* pb-pop3-commands.c: STAT and QUIT
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-pop3-client-private.h"
#include "pb-pop3-commands.h"
#include "pb-pop3-io.h"

#define QUIT_TIMEOUT_MS 1000

/* STAT */

/* RFC 1939 5: "+OK nn mm", the number of messages and their size in octets. */
static gboolean
parse_stat (const char *text,
            guint      *messages,
            guint64    *octets)
{
  g_auto(GStrv) words = g_strsplit (text, " ", 3);
  guint64 count = 0;

  if (g_strv_length (words) < 2 ||
      !g_ascii_string_to_unsigned (words[0], 10, 0, G_MAXUINT, &count, NULL) ||
      !g_ascii_string_to_unsigned (words[1], 10, 0, G_MAXUINT64, octets, NULL))
    return FALSE;
  *messages = count;
  return TRUE;
}

static void
after_stat (PbPop3Op *op)
{
  PbPop3Client *self = op->client;

  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  if (!parse_stat (self->last_reply->text, &self->messages, &self->octets))
    {
      pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL,
                                        _("The server answered STAT without the number of "
                                          "messages: %s"), self->last_reply->line),
                       PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  self->have_stat = TRUE;
  pb_pop3_op_succeed (op);
}

void
pb_pop3_client_stat_async (PbPop3Client        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PbPop3Op *op;

  g_return_if_fail (PB_IS_POP3_CLIENT (self));

  op = pb_pop3_op_begin_command (self, PB_STAGE_MAILBOX, "stat", pb_pop3_client_stat_async,
                                 cancellable, callback, user_data);
  if (op != NULL)
    pb_pop3_op_command (op, "STAT", NULL, after_stat);
}

/* QUIT */

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PbPop3Op *op = user_data;

  /* A missing close_notify after the goodbye harms nobody. */
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  pb_pop3_op_succeed (op);
}

static void
after_quit (PbPop3Op *op)
{
  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  g_io_stream_close_async (pb_connection_get_stream (pb_pop3_op_connection (op)),
                           G_PRIORITY_DEFAULT, op->base.cancellable, on_closed, op);
}

void
pb_pop3_client_quit_async (PbPop3Client        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PbPop3Op *op;

  g_return_if_fail (PB_IS_POP3_CLIENT (self));

  op = pb_pop3_op_begin_command (self, PB_STAGE_QUIT, "quit", pb_pop3_client_quit_async,
                                 cancellable, callback, user_data);
  if (op == NULL)
    return;
  /* Everything that matters has been said: a server that does not answer QUIT gets a
   * second, not the step's whole timeout. */
  pb_connection_op_rearm (&op->base, MIN (QUIT_TIMEOUT_MS,
                                          pb_connection_get_step_timeout (self->connection)));
  pb_pop3_op_command (op, "QUIT", NULL, after_quit);
}
