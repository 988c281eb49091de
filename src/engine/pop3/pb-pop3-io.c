/* pb-pop3-io.c: writing commands and reading responses of the POP3 client
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-pop3-client-private.h"
#include "pb-pop3-io.h"

/* RFC 1939 3: the server answers each command once. Bytes waiting before a command answer
 * nothing we asked; read as the answer to the next command they would shift every later
 * one (a refused PASS read as the answer to STAT). So the dialogue stops here. */
static gboolean
check_quiet (PbPop3Op *op)
{
  PbConnection *connection = op->base.connection;

  pb_connection_read_waiting (connection, PB_POP3_MAX_LINE_LENGTH);
  if (pb_line_reader_get_length (pb_connection_get_reader (connection)) == 0)
    return TRUE;
  pb_connection_log (connection, '*', "<bytes from the server before the command was sent>");
  pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_OUT_OF_TURN,
                                    _("The server sent an answer nobody asked for")),
                   PB_PROBLEM_PROTOCOL_ERROR);
  return FALSE;
}

static void read_status_line (PbConnectionOp *base);

void
pb_pop3_op_command (PbPop3Op   *op,
                    const char *line,
                    const char *shown,
                    PbPop3Next  next)
{
  gsize len = strlen (line);
  char *data;

  if (!check_quiet (op))
    return;
  data = g_malloc (len + 2);
  memcpy (data, line, len);
  memcpy (data + len, "\r\n", 2);
  op->after_reply = next;
  pb_connection_op_write (&op->base, data, len + 2, shown ? shown : line, read_status_line);
}

/* What the core read, with every secret the session sent replaced: servers echo what they
 * got, and the reply goes into the failure, the report and tickets. */
static char *
redacted_line (PbPop3Op *op)
{
  PbConnection *connection = op->base.connection;
  const char * const *secrets = pb_transcript_get_secrets (
    pb_connection_get_transcript (connection));
  char *redacted = pb_transcript_redact_secrets (op->base.line, secrets);

  return redacted != NULL ? redacted : g_strdup (op->base.line);
}

static void
on_status_line (PbConnectionOp *base)
{
  PbPop3Op *op = (PbPop3Op *) base;
  g_autoptr(PbSecret) line = redacted_line (op);
  g_autoptr(PbPop3Reply) reply = NULL;
  GError *error = NULL;

  if (!pb_pop3_reply_parse (line, strlen (line), &reply, &error))
    {
      pb_pop3_op_fail (op, error, PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  g_clear_pointer (&op->client->last_reply, pb_pop3_reply_free);
  op->client->last_reply = g_steal_pointer (&reply);
  op->after_reply (op);
}

static void
read_status_line (PbConnectionOp *base)
{
  pb_connection_op_read_line (base, PB_POP3_MAX_LINE_LENGTH, on_status_line);
}

void
pb_pop3_op_read_reply (PbPop3Op   *op,
                       PbPop3Next  next)
{
  op->after_reply = next;
  read_status_line (&op->base);
}

/* The lines kept so far go to op->passed: the body is not kept after all. */
static void
pass_kept (PbPop3Op *op)
{
  for (guint i = 0; op->passed != NULL && i < op->lines->len; i++)
    op->passed (op, op->lines->pdata[i]);
  g_ptr_array_set_size (op->lines, 0);
}

/* A body too big to keep: read on to its end, up to a bound, keeping nothing; each line
 * (content, NULL when too long to read) goes to op->passed. */
static gboolean
drain_line (PbPop3Op   *op,
            const char *content)
{
  if (!op->drain || op->drained == PB_POP3_MAX_DRAINED_LINES)
    {
      g_autoptr(GError) error = NULL;

      pb_pop3_set_protocol_error (&error, op->base.line != NULL ? _("too many lines")
                                                                 : _("a line too long"));
      pb_pop3_op_fail (op, g_steal_pointer (&error), PB_PROBLEM_PROTOCOL_ERROR);
      return FALSE;
    }
  /* What is dropped is not logged either: 100,000 lines of 2,000 bytes would be 200 MB of
   * transcript. */
  if (!op->oversized)
    {
      pb_connection_log (op->base.connection, '*', "<more than can be kept; read on, "
                         "dropped, not logged>");
      pass_kept (op);
    }
  op->oversized = TRUE;
  op->base.unlogged = TRUE;
  op->drained++;
  if (op->passed != NULL)
    op->passed (op, content);
  return TRUE;
}

static void
on_body_line (PbConnectionOp *base)
{
  PbPop3Op *op = (PbPop3Op *) base;
  g_autoptr(PbSecret) line = NULL;
  const char *content = NULL;
  guint max = op->max_lines ? op->max_lines : PB_POP3_MAX_MULTILINE_LINES;

  if (base->line != NULL)
    {
      line = redacted_line (op);
      if (!pb_pop3_multiline_unstuff (line, &content))
        {
          base->skip_long = base->unlogged = FALSE;
          op->after_lines (op);
          return;
        }
    }
  if (content == NULL || op->oversized || op->lines->len == max)
    {
      if (!drain_line (op, content))
        return;
    }
  else
    g_ptr_array_add (op->lines, g_strdup (content));
  pb_connection_op_read_line (base, PB_POP3_MAX_LINE_LENGTH, on_body_line);
}

void
pb_pop3_op_read_lines (PbPop3Op   *op,
                       PbPop3Next  next)
{
  g_clear_pointer (&op->lines, g_ptr_array_unref);
  op->lines = g_ptr_array_new_with_free_func (g_free);
  op->after_lines = next;
  op->oversized = FALSE;
  op->drained = 0;
  op->base.skip_long = op->drain;
  pb_connection_op_read_line (&op->base, PB_POP3_MAX_LINE_LENGTH, on_body_line);
}

gboolean
pb_pop3_op_expect_ok (PbPop3Op    *op,
                      PbPop3Error  fallback,
                      PbProblem    hint)
{
  const PbPop3Reply *reply = op->client->last_reply;

  switch (reply->status)
    {
    case PB_POP3_STATUS_OK:
      return TRUE;
    case PB_POP3_STATUS_ERR:
      pb_pop3_op_fail_reply (op, fallback, hint);
      return FALSE;
    case PB_POP3_STATUS_CONTINUE:
    default:
      pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL,
                                        _("The server asked for more where it should have "
                                          "answered: %s"), reply->line),
                       PB_PROBLEM_PROTOCOL_ERROR);
      return FALSE;
    }
}
