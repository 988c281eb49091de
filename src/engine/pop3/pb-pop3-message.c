/* pb-pop3-message.c: UIDL n, TOP n 0 and DELE n
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-pop3-client-private.h"
#include "pb-pop3-io.h"
#include "pb-pop3-message.h"

/* RFC 1939 7: a unique-id is 1 to 70 characters from 0x21 to 0x7E. */
#define MAX_UID_LENGTH 70

static PbPop3Op *
begin (PbPop3Client        *self,
       const char          *name,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  return pb_pop3_op_begin_named (self, PB_STAGE_MAILBOX, name, source_tag, cancellable,
                                 callback, user_data);
}

static void
fail_protocol (PbPop3Op   *op,
               const char *command)
{
  pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL,
                                    _("The server answered %s with something else: %s"),
                                    command, op->client->last_reply->line),
                   PB_PROBLEM_PROTOCOL_ERROR);
}

gboolean
pb_pop3_client_may_have_uidl (PbPop3Client *self)
{
  g_return_val_if_fail (PB_IS_POP3_CLIENT (self), FALSE);
  return self->caps != NULL &&
         (!self->caps->announced || (self->caps->flags & PB_POP3_CAP_UIDL) != 0);
}

/* UIDL n */

static gboolean
is_unique_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_UID_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (id[i] < 0x21 || id[i] > 0x7e)
        return FALSE;
    }
  return TRUE;
}

static void
after_uidl (PbPop3Op *op)
{
  PbPop3Client *self = op->client;
  g_auto(GStrv) words = NULL;
  guint64 n = 0;

  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  /* "+OK n unique-id": the number asked for, and an id as RFC 1939 allows it. */
  words = g_strsplit (self->last_reply->text, " ", 3);
  if (g_strv_length (words) != 2 ||
      !g_ascii_string_to_unsigned (words[0], 10, 1, G_MAXUINT, &n, NULL) ||
      n != op->message || !is_unique_id (words[1]))
    {
      fail_protocol (op, "UIDL");
      return;
    }
  g_free (self->uid);
  self->uid = g_strdup (words[1]);
  pb_connection_op_succeed (&op->base);
}

void
pb_pop3_client_uidl_async (PbPop3Client        *self,
                           guint                n,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *command = g_strdup_printf ("UIDL %u", n);
  PbPop3Op *op;

  g_return_if_fail (PB_IS_POP3_CLIENT (self) && n > 0);
  g_clear_pointer (&self->uid, g_free);
  op = begin (self, "uidl", pb_pop3_client_uidl_async, cancellable, callback, user_data);
  if (op == NULL)
    return;
  op->message = n;
  pb_pop3_op_command (op, command, NULL, after_uidl);
}

/* TOP n 0 */

/* The Message-ID field read so far, unfolded, names the id looked for (RFC 5322 3.6.4: the
 * id with white space around it). */
static void
end_id_field (PbPop3Op *op)
{
  if (op->id_field == NULL)
    return;
  if (strcmp (g_strstrip (op->id_field->str), op->message_id) == 0)
    op->client->id_passed_over = TRUE;
  g_string_free (g_steal_pointer (&op->id_field), TRUE);
}

/* "Message-ID:" (any case, blanks before the colon allowed as once, RFC 5322 4.5.3): where
 * its value starts, else NULL. */
static const char *
message_id_value (const char *line)
{
  const char *p;

  if (g_ascii_strncasecmp (line, "Message-ID", strlen ("Message-ID")) != 0)
    return NULL;
  p = line + strlen ("Message-ID");
  while (*p == ' ' || *p == '\t')
    p++;
  return *p == ':' ? p + 1 : NULL;
}

/* A line of a header too big to keep, passed over: read for a Message-ID field naming the
 * id looked for, folded or not. A line too long to read (NULL) ends the field before it; a
 * field as long as that is no id of ours anyway. */
static void
pass_header_line (PbPop3Op   *op,
                  const char *line)
{
  const char *value;

  if (line != NULL && (line[0] == ' ' || line[0] == '\t'))
    {
      if (op->id_field != NULL && op->id_field->len + strlen (line) <= PB_POP3_MAX_LINE_LENGTH)
        g_string_append (op->id_field, line);
      else if (op->id_field != NULL)
        g_string_free (g_steal_pointer (&op->id_field), TRUE);
      return;
    }
  end_id_field (op);
  if (line != NULL && (value = message_id_value (line)) != NULL)
    op->id_field = g_string_new (value);
}

static void
after_header (PbPop3Op *op)
{
  PbPop3Client *self = op->client;
  GString *header;

  if (op->oversized)
    {
      end_id_field (op);
      pb_connection_op_succeed (&op->base);
      return;
    }
  header = g_string_new (NULL);
  for (guint i = 0; i < op->lines->len; i++)
    g_string_append_printf (header, "%s\n", (const char *) op->lines->pdata[i]);
  self->header = g_string_free_to_bytes (header);
  pb_connection_op_succeed (&op->base);
}

static void
after_top (PbPop3Op *op)
{
  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  op->max_lines = PB_POP3_MAX_HEADER_LINES;
  /* Another message's header may be as big as it likes: it is not ours, unless a line
   * passed over names the id looked for. */
  op->drain = TRUE;
  if (op->message_id != NULL)
    op->passed = pass_header_line;
  pb_pop3_op_read_lines (op, after_header);
}

void
pb_pop3_client_top_async (PbPop3Client        *self,
                          guint                n,
                          const char          *message_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *command = g_strdup_printf ("TOP %u 0", n);
  PbPop3Op *op;

  g_return_if_fail (PB_IS_POP3_CLIENT (self) && n > 0);
  g_clear_pointer (&self->header, g_bytes_unref);
  self->id_passed_over = FALSE;
  op = begin (self, "top", pb_pop3_client_top_async, cancellable, callback, user_data);
  if (op == NULL)
    return;
  op->message_id = g_strdup (message_id);
  pb_pop3_op_command (op, command, NULL, after_top);
}

/* DELE n */

static void
after_dele (PbPop3Op *op)
{
  if (pb_pop3_op_expect_ok (op, PB_POP3_ERROR_REFUSED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

void
pb_pop3_client_dele_async (PbPop3Client        *self,
                           guint                n,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *command = g_strdup_printf ("DELE %u", n);
  PbPop3Op *op;

  g_return_if_fail (PB_IS_POP3_CLIENT (self) && n > 0);
  op = begin (self, "delete", pb_pop3_client_dele_async, cancellable, callback, user_data);
  if (op != NULL)
    pb_pop3_op_command (op, command, NULL, after_dele);
}

const char *
pb_pop3_client_get_uid (PbPop3Client *self)
{
  g_return_val_if_fail (PB_IS_POP3_CLIENT (self), NULL);
  return self->uid;
}

GBytes *
pb_pop3_client_get_header (PbPop3Client *self)
{
  g_return_val_if_fail (PB_IS_POP3_CLIENT (self), NULL);
  return self->header;
}

gboolean
pb_pop3_client_get_id_passed_over (PbPop3Client *self)
{
  g_return_val_if_fail (PB_IS_POP3_CLIENT (self), FALSE);
  return self->id_passed_over;
}
