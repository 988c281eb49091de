/* pb-imap-io.c: writing commands and reading responses of the IMAP client
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-imap-client-private.h"
#include "pb-imap-io.h"

static void read_response (PbImapOp *op);

/* Untagged data and response codes update what the client knows, whenever they come. */
static void
take_in (PbImapClient         *client,
         const PbImapResponse *r)
{
  if (r->capabilities != NULL && r->status != PB_IMAP_STATUS_NO &&
      r->status != PB_IMAP_STATUS_BAD)
    {
      g_strfreev (client->capabilities);
      client->capabilities = g_strdupv (r->capabilities);
    }
  if (r->code == PB_IMAP_CODE_ALERT)
    {
      char *alert = client->alert ? g_strconcat (client->alert, "\n", r->text, NULL)
                                  : g_strdup (r->text);

      g_free (client->alert);
      client->alert = alert;
    }
  if (r->data == PB_IMAP_DATA_EXISTS)
    client->messages = r->number;
  if (r->data == PB_IMAP_DATA_ID)
    {
      g_strfreev (client->server_id);
      client->server_id = g_strdupv (r->id);
    }
  if (r->data == PB_IMAP_DATA_SEARCH)
    {
      g_clear_pointer (&client->found, g_array_unref);
      client->found = g_array_ref (r->uids);
    }
  /* A FETCH that only tells of changed flags leaves the header that came before. */
  if (r->data == PB_IMAP_DATA_FETCH && r->header != NULL)
    {
      g_clear_pointer (&client->fetched_header, g_bytes_unref);
      client->fetched_header = g_bytes_ref (r->header);
      client->fetched_uid = r->uid;
    }
}

static void
set_last (PbImapOp       *op,
          PbImapResponse *r)
{
  g_clear_pointer (&op->client->last, pb_imap_response_free);
  op->client->last = r;
}

static void
fail_unexpected (PbImapOp   *op,
                 const char *message)
{
  pb_connection_op_fail (&op->base, g_error_new_literal (PB_IMAP_ERROR,
                                                         PB_IMAP_ERROR_UNEXPECTED, message),
                         PB_PROBLEM_PROTOCOL_ERROR);
}

/* The server is leaving (RFC 9051 7.1.5): the end of LOGOUT, else of the session. */
static void
on_bye (PbImapOp       *op,
        PbImapResponse *r)
{
  set_last (op, r);
  if (op->ends_with_bye)
    {
      pb_connection_op_succeed (&op->base);
      return;
    }
  pb_connection_op_fail (&op->base,
                         g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_BYE,
                                      _("The server ended the session: %s"), r->text), PB_PROBLEM_NONE);
}

/* The answer to the command pipelined before ours: what it said was taken in; ours decides.
 * A server may answer the two in either order, so ours may be waiting for it. */
static void
on_prior_response (PbImapOp       *op,
                   PbImapResponse *r)
{
  pb_imap_response_free (r);
  g_clear_pointer (&op->prior_tag, g_free);
  if (op->answered)
    {
      op->answered = FALSE;
      op->after_response (op);
    }
  else
    read_response (op);
}

static void
deliver (PbImapOp       *op,
         PbImapResponse *r)
{
  if (r->kind != PB_IMAP_CONTINUATION)
    take_in (op->client, r);
  if (op->tag == NULL)
    {
      set_last (op, r);
      op->after_response (op);
    }
  else if (r->kind == PB_IMAP_UNTAGGED && r->status == PB_IMAP_STATUS_BYE)
    on_bye (op, r);
  else if (r->kind == PB_IMAP_UNTAGGED)
    {
      pb_imap_response_free (r);
      if (op->on_untagged == NULL || !op->on_untagged (op))
        read_response (op);
    }
  else if (r->kind == PB_IMAP_CONTINUATION && !op->continuation_ok)
    {
      pb_imap_response_free (r);
      fail_unexpected (op, _("The server asked for more although nothing was pending"));
    }
  else if (r->kind == PB_IMAP_TAGGED && g_strcmp0 (r->tag, op->prior_tag) == 0)
    on_prior_response (op, r);
  else if (r->kind == PB_IMAP_TAGGED && strcmp (r->tag, op->tag) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("The server answered a command that was "
                                                    "not sent (tag %s)"), r->tag);

      pb_imap_response_free (r);
      fail_unexpected (op, message);
    }
  else
    {
      gboolean wait_for_prior = r->kind == PB_IMAP_TAGGED && op->prior_tag != NULL;

      set_last (op, r);
      op->answered = wait_for_prior;
      if (wait_for_prior)
        read_response (op);
      else
        op->after_response (op);
    }
}

/* The response as the client keeps it: servers echo what they got, so every secret the
 * session sent is redacted before the text reaches the failure, an alert or a report. A NUL
 * in a literal would hide the rest from the redaction; it becomes a control character, which
 * the parser shows as U+FFFD anyway. */
static PbImapResponse *
parse_redacted (PbImapOp  *op,
                GError   **error)
{
  const char * const *secrets =
    pb_transcript_get_secrets (pb_connection_get_transcript (op->base.connection));
  GString *text = op->response;
  g_autofree char *redacted = NULL;

  for (gsize i = 0; i < text->len; i++)
    {
      if (text->str[i] == '\0')
        text->str[i] = '\x01';
    }
  if (secrets != NULL)
    redacted = pb_transcript_redact_secrets (text->str, secrets);
  if (redacted != NULL)
    return pb_imap_response_parse (redacted, strlen (redacted), error);
  return pb_imap_response_parse (text->str, text->len, error);
}

static void
on_line (PbConnectionOp *base)
{
  PbImapOp *op = (PbImapOp *) base;
  g_autoptr(GError) error = NULL;
  gboolean literal = FALSE;
  PbImapResponse *r;

  if (!pb_imap_response_add_line (op->response, base->line, strlen (base->line), &literal,
                                  &op->literal_size, &error))
    {
      pb_connection_op_fail (base, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }
  if (literal)
    {
      read_response (op);
      return;
    }
  r = parse_redacted (op, &error);
  g_string_truncate (op->response, 0);
  if (r == NULL)
    {
      pb_connection_op_fail (base, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }
  deliver (op, r);
}

/* The literal's bytes, as they are (they may hold line ends), then the rest of the line. */
static void
read_literal (PbConnectionOp *base)
{
  PbImapOp *op = (PbImapOp *) base;
  PbLineReader *reader = pb_connection_get_reader (base->connection);
  gsize len;
  const guint8 *data = pb_line_reader_peek (reader, &len);
  g_autofree char *note = NULL;

  if (len < op->literal_size)
    {
      pb_connection_op_read (base, read_literal);
      return;
    }
  pb_imap_response_add_literal (op->response, (const char *) data, op->literal_size);
  pb_line_reader_consume (reader, op->literal_size);
  note = g_strdup_printf ("<%" G_GSIZE_FORMAT " bytes of literal data>", op->literal_size);
  pb_connection_log (base->connection, '*', note);
  op->literal_size = 0;
  pb_connection_op_read_line (base, PB_IMAP_MAX_LINE_LENGTH, on_line);
}

static void
read_response (PbImapOp *op)
{
  if (op->literal_size > 0)
    read_literal (&op->base);
  else
    pb_connection_op_read_line (&op->base, PB_IMAP_MAX_LINE_LENGTH, on_line);
}

void
pb_imap_op_read_greeting (PbImapOp   *op,
                          PbImapNext  next)
{
  op->after_response = next;
  read_response (op);
}

void
pb_imap_op_read_next (PbImapOp   *op,
                      PbImapNext  next)
{
  pb_imap_op_read_greeting (op, next);
}

/* RFC 9051 7: untagged data may come at any time, but a tagged response or a continuation
 * waiting before the command is sent answers nothing we asked; read later, it would be taken
 * for the answer to our command (a "OK" to a login the server never saw). */
static gboolean
check_quiet (PbImapOp *op)
{
  PbConnection *connection = op->base.connection;
  gsize len, pos = 0;
  const char *data;

  pb_connection_read_waiting (connection, PB_IMAP_MAX_LINE_LENGTH);
  data = (const char *) pb_line_reader_peek (pb_connection_get_reader (connection), &len);
  while (pos < len)
    {
      g_autoptr(PbImapResponse) r = NULL;
      gsize consumed = 0;

      if (pb_imap_response_parse_buffer (data + pos, len - pos, &r, &consumed, NULL) !=
          PB_IMAP_PARSE_COMPLETE)
        break;
      if (r->kind != PB_IMAP_UNTAGGED)
        {
          pb_connection_log (connection, '*',
                             "<a response from the server before the command was sent>");
          fail_unexpected (op, _("The server sent an answer nobody asked for"));
          return FALSE;
        }
      pos += consumed;
    }
  return TRUE;
}

static void
after_write (PbImapOp *op)
{
  read_response (op);
}

static void
send (PbImapOp   *op,
      char       *data,
      const char *shown,
      gboolean    continuation_ok,
      PbImapNext  next)
{
  gsize len = strlen (data);
  char *line = g_malloc (len + 3);

  memcpy (line, data, len);
  memcpy (line + len, "\r\n", 3);
  pb_secret_free (data);
  op->continuation_ok = continuation_ok;
  op->after_response = next;
  op->next = after_write;
  pb_connection_op_write (&op->base, line, len + 2, shown, pb_imap_op_resume);
}

void
pb_imap_op_command (PbImapOp   *op,
                    const char *command,
                    const char *shown,
                    gboolean    continuation_ok,
                    PbImapNext  next)
{
  g_autofree char *shown_line = NULL;

  if (!check_quiet (op))
    return;
  g_free (op->tag);
  op->tag = g_strdup_printf ("a%u", ++op->client->tag_count);
  shown_line = g_strconcat (op->tag, " ", shown ? shown : command, NULL);
  send (op, g_strconcat (op->tag, " ", command, NULL), shown_line, continuation_ok, next);
}

void
pb_imap_op_command_after (PbImapOp   *op,
                          const char *first,
                          const char *command,
                          PbImapNext  next)
{
  g_autofree char *first_line = NULL;
  g_autofree char *shown_line = NULL;

  if (!check_quiet (op))
    return;
  g_free (op->prior_tag);
  op->prior_tag = g_strdup_printf ("a%u", ++op->client->tag_count);
  g_free (op->tag);
  op->tag = g_strdup_printf ("a%u", ++op->client->tag_count);
  first_line = g_strconcat (op->prior_tag, " ", first, NULL);
  shown_line = g_strconcat (op->tag, " ", command, NULL);
  pb_connection_log (op->base.connection, 'C', first_line);
  send (op, g_strconcat (first_line, "\r\n", shown_line, NULL), shown_line, FALSE, next);
}

void
pb_imap_op_continue (PbImapOp   *op,
                     char       *data,
                     const char *shown,
                     gboolean    continuation_ok,
                     PbImapNext  next)
{
  send (op, data, shown, continuation_ok, next);
}

gboolean
pb_imap_op_expect_ok (PbImapOp    *op,
                      PbImapError  code,
                      PbProblem   hint)
{
  const PbImapResponse *r = op->client->last;

  /* Never a continuation: where one may come, the caller has taken it (deliver() fails
   * any other). */
  if (r->kind == PB_IMAP_TAGGED && r->status == PB_IMAP_STATUS_OK)
    return TRUE;
  pb_connection_op_fail (&op->base, g_error_new (PB_IMAP_ERROR, code, "%s", r->line), hint);
  return FALSE;
}
