/* pb-smtp-io.c: writing commands and reading replies of the SMTP client
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "pb-smtp-client-private.h"

/* Writing */

void
pb_smtp_client_wipe_output (PbSmtpClient *self)
{
  if (self->outbuf != NULL)
    explicit_bzero (self->outbuf, self->outlen);
  g_clear_pointer (&self->outbuf, g_free);
  self->outlen = 0;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PbSmtpOp *op = user_data;
  PbSmtpClient *self = g_task_get_source_object (op->task);
  g_autoptr(GError) error = NULL;

  pb_smtp_client_wipe_output (self);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      pb_smtp_op_fail (op, g_steal_pointer (&error), NULL);
      return;
    }
  op->next (op);
}

/* Reads what the server has sent without waiting: bytes that are already here, or arrive
 * in the same TLS record or segment as an earlier reply. Appends them to inbuf. */
static void
read_waiting_input (PbSmtpClient *self)
{
  GInputStream *in = g_io_stream_get_input_stream (self->stream);

  if (!G_IS_POLLABLE_INPUT_STREAM (in) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (in)))
    return;
  while (self->inbuf->len <= PB_SMTP_MAX_LINE_LENGTH)
    {
      /* A TLS 1.3 session ticket is consumed here and yields no bytes: only application
       * data counts. An error or the end of the stream is left to the next read. */
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (in),
                                                           self->readbuf, sizeof self->readbuf,
                                                           NULL, NULL);
      if (n <= 0)
        return;
      g_byte_array_append (self->inbuf, self->readbuf, n);
    }
}

static void
log_reply (PbSmtpClient      *self,
           const PbSmtpReply *reply)
{
  for (guint i = 0; i < reply->n_lines; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u%c%s", reply->code,
                                               i + 1 < reply->n_lines ? '-' : ' ',
                                               reply->lines[i]);
      pb_smtp_client_log (self, 'S', line);
    }
}

/* Logs what the server sent out of turn, as far as it is a reply (redacted like any other),
 * and returns that reply, or NULL. */
static PbSmtpReply *
log_unsolicited (PbSmtpClient *self)
{
  PbSmtpReply *reply = NULL;

  if (pb_smtp_client_parse_reply (self, &reply, NULL, NULL) != PB_SMTP_PARSE_COMPLETE)
    {
      pb_smtp_client_log (self, '*', "<bytes from the server before the command was sent>");
      return NULL;
    }
  log_reply (self, reply);
  return reply;
}

/* RFC 5321 4.1: the server answers each command once. Data waiting before a command that
 * is not part of a pipelined group answers nothing we asked: read as the reply to the next
 * command, it would shift every later answer by one (a failed login read as the answer to
 * QUIT). So the dialogue stops here. */
gboolean
pb_smtp_op_check_quiet (PbSmtpOp *op)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);
  g_autoptr(PbSmtpReply) reply = NULL;

  read_waiting_input (self);
  if (self->inbuf->len == 0)
    return TRUE;
  reply = log_unsolicited (self);
  if (reply != NULL && reply->code == 421)
    {
      /* RFC 5321 3.8: the one reply a server may send unasked, as it closes the session. */
      g_clear_pointer (&self->last_reply, pb_smtp_reply_free);
      self->last_reply = g_steal_pointer (&reply);
      pb_smtp_op_expect (op, 250, NULL);
      return FALSE;
    }
  pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN,
                                    _("The server sent an answer nobody asked for")),
                   "protocol-error");
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
  PbSmtpClient *self = g_task_get_source_object (op->task);

  if (quiet && !pb_smtp_op_check_quiet (op))
    {
      explicit_bzero (data, len);
      g_free (data);
      return;
    }
  if (shown != NULL)
    pb_smtp_client_log (self, 'C', shown);
  pb_smtp_client_wipe_output (self);
  self->outbuf = data;
  self->outlen = len;
  op->next = next;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (self->stream), data, len,
                                   G_PRIORITY_DEFAULT, op->cancellable, on_written, op);
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

/* A line sent whatever the server has sent before (the probe of a silent server). */
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

static void read_more (PbSmtpOp *op);

static gboolean
try_parse (PbSmtpOp *op)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);
  g_autoptr(PbSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize consumed = 0;

  switch (pb_smtp_client_parse_reply (self, &reply, &consumed, &error))
    {
    case PB_SMTP_PARSE_INCOMPLETE:
      return FALSE;

    case PB_SMTP_PARSE_ERROR:
      {
        /* A TLS record where a greeting should be: the port speaks implicit TLS. */
        gboolean tls_record = self->inbuf->len >= 2 && self->tls == NULL &&
                              (self->inbuf->data[0] == 0x15 || self->inbuf->data[0] == 0x16) &&
                              self->inbuf->data[1] == 0x03;

        pb_smtp_client_log (self, '*', "<unparseable bytes from the server>");
        pb_smtp_op_fail (op, g_steal_pointer (&error), tls_record ? "tls-wrong-port" : NULL);
        return TRUE;
      }

    case PB_SMTP_PARSE_COMPLETE:
    default:
      break;
    }

  g_byte_array_remove_range (self->inbuf, 0, consumed);
  log_reply (self, reply);
  g_clear_pointer (&self->last_reply, pb_smtp_reply_free);
  self->last_reply = g_steal_pointer (&reply);
  op->next (op);
  return TRUE;
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PbSmtpOp *op = user_data;
  PbSmtpClient *self = g_task_get_source_object (op->task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n < 0)
    {
      pb_smtp_op_fail (op, g_steal_pointer (&error), NULL);
      return;
    }
  if (n == 0)
    {
      const char *hint = self->inbuf->len > 0 ? "protocol-error" : NULL;

      pb_smtp_op_fail (op, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                                hint ? _("The server closed the connection in "
                                                         "the middle of a reply")
                                                     : _("The server closed the connection")),
                       hint);
      return;
    }
  g_byte_array_append (self->inbuf, self->readbuf, n);
  if (!try_parse (op))
    read_more (op);
}

static void
read_more (PbSmtpOp *op)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);

  /* A server that sends two records back to back (TLS 1.3 session tickets, then the
   * greeting) has its second one held by Nagle until our ACK; a delayed ACK costs 40 ms. */
  if (self->tcp != NULL)
    g_socket_set_option (g_socket_connection_get_socket (self->tcp), IPPROTO_TCP, TCP_QUICKACK,
                         1, NULL);

  g_input_stream_read_async (g_io_stream_get_input_stream (self->stream), self->readbuf,
                             sizeof self->readbuf, G_PRIORITY_DEFAULT, op->cancellable,
                             on_read, op);
}

/* Reads one reply into self->last_reply, then calls next. Bytes already buffered (a
 * pipelined reply) are used first. */
void
pb_smtp_op_read_reply (PbSmtpOp   *op,
                       PbSmtpNext  next)
{
  op->next = next;
  if (!try_parse (op))
    read_more (op);
}

static void
after_command_sent (PbSmtpOp *op)
{
  pb_smtp_op_read_reply (op, op->after_reply);
}

void
pb_smtp_op_command (PbSmtpOp   *op,
                    const char *line,
                    const char *shown,
                    PbSmtpNext  next)
{
  op->after_reply = next;
  send_line (op, line, TRUE, shown, after_command_sent);
}

/* Fails the operation unless the last reply has the expected code (or class when the code
 * is a single digit). */
gboolean
pb_smtp_op_expect (PbSmtpOp   *op,
                   guint       code,
                   const char *hint)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);
  guint got = self->last_reply->code;

  if ((code < 10 && got / 100 == code) || got == code)
    return TRUE;

  pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY, "%s",
                                    self->last_reply->text),
                   hint);
  return FALSE;
}
