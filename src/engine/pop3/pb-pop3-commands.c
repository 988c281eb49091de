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
  pb_connection_op_succeed (&op->base);
}

/* QUIT */

static void
after_quit (PbPop3Op *op)
{
  if (pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    pb_connection_op_close (&op->base);
}

/* One command in its own stage, on a connected client. */
static void
run_command (PbPop3Client        *self,
             PbStage              stage,
             const char          *command,
             PbPop3Next           next,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  PbPop3Op *op = pb_pop3_op_begin (self, stage, source_tag, cancellable, callback, user_data);

  if (op == NULL)
    return;
  /* Everything that matters has been said before QUIT: a server that does not answer it
   * gets a second, not the step's whole timeout. */
  if (stage == PB_STAGE_QUIT)
    pb_connection_op_rearm (&op->base, MIN (QUIT_TIMEOUT_MS,
                                            pb_connection_get_step_timeout (self->connection)));
  pb_pop3_op_command (op, command, NULL, next);
}

void
pb_pop3_client_stat_async (PbPop3Client        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PB_IS_POP3_CLIENT (self));
  run_command (self, PB_STAGE_MAILBOX, "STAT", after_stat, pb_pop3_client_stat_async,
               cancellable, callback, user_data);
}

void
pb_pop3_client_quit_async (PbPop3Client        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PB_IS_POP3_CLIENT (self));
  run_command (self, PB_STAGE_QUIT, "QUIT", after_quit, pb_pop3_client_quit_async,
               cancellable, callback, user_data);
}
