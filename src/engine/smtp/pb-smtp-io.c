/* pb-smtp-io.c: writing commands and reading replies of the SMTP client
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-smtp-client-private.h"
#include "pb-smtp-io.h"

static PbSmtpParseResult
parse_reply (PbSmtpOp     *op,
             PbSmtpReply **out,
             gsize        *consumed,
             GError      **error)
{
  PbConnection *connection = pb_smtp_op_connection (op);
  gsize len;
  const guint8 *data = pb_line_reader_peek (pb_connection_get_reader (connection), &len);

  return pb_smtp_reply_parse_redacted ((const char *) data, len,
                                       pb_transcript_get_secrets (
                                         pb_connection_get_transcript (connection)),
                                       out, consumed, error);
}

static void
log_reply (PbSmtpOp          *op,
           const PbSmtpReply *reply)
{
  for (guint i = 0; i < reply->n_lines; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u%c%s", reply->code,
                                               i + 1 < reply->n_lines ? '-' : ' ',
                                               reply->lines[i]);
      pb_connection_log (pb_smtp_op_connection (op), 'S', line);
    }
}

static void
set_last_reply (PbSmtpOp    *op,
                PbSmtpReply *reply)
{
  g_clear_pointer (&op->client->last_reply, pb_smtp_reply_free);
  op->client->last_reply = reply;
}

/* Logs what the server sent out of turn, as far as it is a reply (redacted like any other),
 * and returns that reply, or NULL. */
static PbSmtpReply *
log_unsolicited (PbSmtpOp *op)
{
  PbSmtpReply *reply = NULL;

  if (parse_reply (op, &reply, NULL, NULL) != PB_SMTP_PARSE_COMPLETE)
    {
      pb_connection_log (pb_smtp_op_connection (op), '*',
                         "<bytes from the server before the command was sent>");
      return NULL;
    }
  log_reply (op, reply);
  return reply;
}

/* RFC 5321 4.1: the server answers each command once. Data waiting before a command that
 * is not part of a pipelined group answers nothing we asked: read as the reply to the next
 * command, it would shift every later answer by one (a failed login read as the answer to
 * QUIT). So the dialogue stops here. */
gboolean
pb_smtp_op_check_quiet (PbSmtpOp *op)
{
  PbConnection *connection = pb_smtp_op_connection (op);
  g_autoptr(PbSmtpReply) reply = NULL;

  pb_connection_read_waiting (connection, PB_SMTP_MAX_LINE_LENGTH);
  if (pb_line_reader_get_length (pb_connection_get_reader (connection)) == 0)
    return TRUE;
  reply = log_unsolicited (op);
  if (reply != NULL && reply->code == 421)
    {
      /* RFC 5321 3.8: the one reply a server may send unasked, as it closes the session. */
      set_last_reply (op, g_steal_pointer (&reply));
      pb_smtp_op_expect (op, 250, PB_PROBLEM_NONE);
      return FALSE;
    }
  pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN,
                                    _("The server sent an answer nobody asked for")),
                   PB_PROBLEM_PROTOCOL_ERROR);
  return FALSE;
}

/* Sends bytes; the buffer is taken over and wiped after the write. shown is what the
 * transcript records (NULL: nothing). A command or group of commands (quiet) goes out
 * only while the server has nothing waiting for us. */
static void
send_bytes (PbSmtpOp   *op,
            char       *data,
            gsize       len,
            gboolean    quiet,
            const char *shown,
            PbSmtpNext  next)
{
  if (quiet && !pb_smtp_op_check_quiet (op))
    {
      explicit_bzero (data, len);
      g_free (data);
      return;
    }
  op->next = next;
  pb_connection_op_write (&op->base, data, len, shown, pb_smtp_op_resume);
}

static void
send_line (PbSmtpOp   *op,
           const char *line,
           gboolean    quiet,
           const char *shown,
           PbSmtpNext  next)
{
  gsize len = strlen (line);
  char *data = g_malloc (len + 2);

  memcpy (data, line, len);
  memcpy (data + len, "\r\n", 2);
  send_bytes (op, data, len + 2, quiet, shown ? shown : line, next);
}

void
pb_smtp_op_send_line (PbSmtpOp   *op,
                      const char *line,
                      const char *shown,
                      PbSmtpNext  next)
{
  send_line (op, line, FALSE, shown, next);
}

void
pb_smtp_op_send_data (PbSmtpOp   *op,
                      GBytes     *payload,
                      const char *shown,
                      PbSmtpNext  next)
{
  gsize len;
  const char *data = g_bytes_get_data (payload, &len);

  send_bytes (op, g_memdup2 (data, len), len, TRUE, shown, next);
}

/* Reading */

static void on_more_input (PbConnectionOp *base);

/* A TLS record where a greeting should be: the port speaks implicit TLS. */
static gboolean
is_tls_record (PbSmtpOp *op)
{
  PbConnection *connection = pb_smtp_op_connection (op);
  gsize len;
  const guint8 *data = pb_line_reader_peek (pb_connection_get_reader (connection), &len);

  return len >= 2 && pb_connection_get_tls_connection (connection) == NULL &&
         (data[0] == 0x15 || data[0] == 0x16) && data[1] == 0x03;
}

/* A whole reply goes to the client and on to the reply's continuation; FALSE when more
 * bytes are needed. */
static gboolean
try_parse (PbSmtpOp *op)
{
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;

  switch (parse_reply (op, &reply, &consumed, &error))
    {
    case PB_SMTP_PARSE_INCOMPLETE:
      return FALSE;

    case PB_SMTP_PARSE_ERROR:
      {
        gboolean tls_record = is_tls_record (op);

        pb_connection_log (pb_smtp_op_connection (op), '*', "<unparseable bytes from the server>");
        pb_smtp_op_fail (op, g_steal_pointer (&error), tls_record ? PB_PROBLEM_TLS_WRONG_PORT : PB_PROBLEM_NONE);
        return TRUE;
      }

    case PB_SMTP_PARSE_COMPLETE:
    default:
      break;
    }

  pb_line_reader_consume (pb_connection_get_reader (pb_smtp_op_connection (op)), consumed);
  log_reply (op, reply);
  set_last_reply (op, g_steal_pointer (&reply));
  op->after_reply (op);
  return TRUE;
}

static void
on_more_input (PbConnectionOp *base)
{
  PbSmtpOp *op = (PbSmtpOp *) base;

  if (!try_parse (op))
    pb_connection_op_read (base, on_more_input);
}

void
pb_smtp_op_read_reply (PbSmtpOp   *op,
                       PbSmtpNext  next)
{
  op->after_reply = next;
  on_more_input (&op->base);
}

static void
read_after_command (PbSmtpOp *op)
{
  on_more_input (&op->base);
}

void
pb_smtp_op_command (PbSmtpOp   *op,
                    const char *line,
                    const char *shown,
                    PbSmtpNext  next)
{
  op->after_reply = next;
  send_line (op, line, TRUE, shown, read_after_command);
}

gboolean
pb_smtp_op_expect (PbSmtpOp   *op,
                   guint       code,
                   PbProblem  hint)
{
  const PbSmtpReply *reply = op->client->last_reply;
  guint got = reply->code;

  if ((code < 10 && got / 100 == code) || got == code)
    return TRUE;

  pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY, "%s", reply->text),
                   hint);
  return FALSE;
}

void
pb_smtp_op_finish_if_positive (PbSmtpOp *op)
{
  if (pb_smtp_op_expect (op, 2, PB_PROBLEM_NONE))
    pb_smtp_op_succeed (op);
}
