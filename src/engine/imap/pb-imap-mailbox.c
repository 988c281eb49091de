/* pb-imap-mailbox.c: CAPABILITY again, UID SEARCH, IDLE, UID FETCH and the removal of one UID
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-imap-client-private.h"
#include "pb-imap-io.h"
#include "pb-imap-mailbox.h"
#include "pb-imap-string.h"

static PbImapOp *
begin (PbImapClient        *self,
       gpointer             source_tag,
       const char          *name,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = pb_imap_client_new_task (self, source_tag, cancellable, callback, user_data);

  return pb_imap_op_begin_command (task, source_tag == pb_imap_client_capability_async
                                           ? PB_STAGE_CAPABILITY : PB_STAGE_MAILBOX,
                                   name);
}

/* An operation on one message: NULL when it has failed already (or uid is no UID). */
static PbImapOp *
begin_uid (PbImapClient        *self,
           guint32              uid,
           gpointer             source_tag,
           const char          *name,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  PbImapOp *op;

  g_return_val_if_fail (PB_IS_IMAP_CLIENT (self) && uid > 0, NULL);
  op = begin (self, source_tag, name, cancellable, callback, user_data);
  if (op != NULL)
    op->uid = uid;
  return op;
}

static void
succeed_on_ok (PbImapOp *op)
{
  if (pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

static void
fail (PbImapOp    *op,
      PbImapError  code,
      const char  *message)
{
  pb_connection_op_fail (&op->base, g_error_new_literal (PB_IMAP_ERROR, code, message), PB_PROBLEM_NONE);
}

/* CAPABILITY */

void
pb_imap_client_capability_async (PbImapClient        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  op = begin (self, pb_imap_client_capability_async, "capability", cancellable, callback,
              user_data);
  if (op != NULL)
    pb_imap_op_command (op, "CAPABILITY", NULL, FALSE, succeed_on_ok);
}

/* UID SEARCH */

void
pb_imap_client_search_header_async (PbImapClient        *self,
                                    const char          *field,
                                    const char          *value,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *quoted_field = NULL;
  g_autofree char *quoted_value = NULL;
  g_autofree char *command = NULL;
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  quoted_field = pb_imap_quote (field);
  quoted_value = pb_imap_quote (value);
  g_return_if_fail (quoted_field != NULL && quoted_value != NULL);

  op = begin (self, pb_imap_client_search_header_async, "search", cancellable, callback,
              user_data);
  if (op == NULL)
    return;
  /* RFC 9051 7.3.4 says the server MUST send SEARCH data; one that sends none found
   * nothing. */
  g_clear_pointer (&self->found, g_array_unref);
  self->found = g_array_new (FALSE, FALSE, sizeof (guint32));
  command = g_strdup_printf ("UID SEARCH HEADER %s %s", quoted_field, quoted_value);
  pb_imap_op_command (op, command, NULL, FALSE, succeed_on_ok);
}

/* IDLE */

static void
idle_done (PbImapOp *op)
{
  PbConnection *connection = op->base.connection;

  op->idling = FALSE;
  op->on_untagged = NULL;
  op->base.on_timeout = NULL;
  pb_connection_op_rearm (&op->base,
                          pb_connection_limit_timeout (connection,
                                                       pb_connection_get_step_timeout (connection)));
  pb_imap_op_continue (op, g_strdup ("DONE"), "DONE", FALSE, succeed_on_ok);
}

static void
on_idle_timeout (PbConnectionOp *base)
{
  idle_done ((PbImapOp *) base);
}

/* RFC 2177 3: DONE may go only once the server said "+"; news before that waits for it. */
static gboolean
on_idle_news (PbImapOp *op)
{
  if (!op->idling || op->client->messages == op->exists)
    return FALSE;
  idle_done (op);
  return TRUE;
}

static void
after_idle_started (PbImapOp *op)
{
  if (op->client->last->kind != PB_IMAP_CONTINUATION)
    {
      /* Refused (NO, BAD), or ended at once by the server. */
      succeed_on_ok (op);
      return;
    }
  op->idling = TRUE;
  if (op->client->messages != op->exists)
    {
      idle_done (op);
      return;
    }
  pb_connection_op_rearm (&op->base, pb_connection_limit_timeout (op->base.connection,
                                                                  op->idle_ms));
  op->base.on_timeout = on_idle_timeout;
  op->continuation_ok = FALSE;
  /* A tagged answer now ends an IDLE the server ended by itself. */
  pb_imap_op_read_next (op, succeed_on_ok);
}

void
pb_imap_client_idle_async (PbImapClient        *self,
                           guint                wait_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  op = begin (self, pb_imap_client_idle_async, "idle", cancellable, callback, user_data);
  if (op == NULL)
    return;
  if (!pb_imap_client_has_capability (self, "IDLE"))
    {
      fail (op, PB_IMAP_ERROR_NOT_OFFERED, _("The server does not offer IDLE"));
      return;
    }
  op->exists = self->messages;
  op->idle_ms = wait_ms;
  op->on_untagged = on_idle_news;
  pb_imap_op_command (op, "IDLE", NULL, TRUE, after_idle_started);
}

/* UID FETCH */

static void
after_fetch (PbImapOp *op)
{
  if (!pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  if (pb_imap_client_get_header (op->client, op->uid) == NULL)
    {
      fail (op, PB_IMAP_ERROR_REFUSED, _("The server sent no header for the message"));
      return;
    }
  pb_connection_op_succeed (&op->base);
}

void
pb_imap_client_fetch_header_async (PbImapClient        *self,
                                   guint32              uid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PbImapOp *op = begin_uid (self, uid, pb_imap_client_fetch_header_async, "fetch",
                            cancellable, callback, user_data);
  g_autofree char *command = NULL;

  if (op == NULL)
    return;
  g_clear_pointer (&self->fetched_header, g_bytes_unref);
  /* PEEK: reading the header must not mark the message as read (RFC 9051 6.4.5). */
  command = g_strdup_printf ("UID FETCH %u (BODY.PEEK[HEADER])", uid);
  pb_imap_op_command (op, command, NULL, FALSE, after_fetch);
}

/* UID STORE and UID EXPUNGE */

static void
after_store (PbImapOp *op)
{
  g_autofree char *command = NULL;

  if (!pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_NONE))
    return;
  /* RFC 4315 2.1: only the messages of this UID set go, whatever else carries \Deleted. */
  command = g_strdup_printf ("UID EXPUNGE %u", op->uid);
  pb_imap_op_command (op, command, NULL, FALSE, succeed_on_ok);
}

void
pb_imap_client_delete_uid_async (PbImapClient        *self,
                                 guint32              uid,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PbImapOp *op = begin_uid (self, uid, pb_imap_client_delete_uid_async, "delete",
                            cancellable, callback, user_data);
  g_autofree char *command = NULL;

  if (op == NULL)
    return;
  /* Flagging first and finding no way to remove only ours would leave a \Deleted message
   * behind for the next client's EXPUNGE: without both, nothing is sent. */
  if (!pb_imap_client_can_delete_uid (self))
    {
      fail (op, PB_IMAP_ERROR_NOT_OFFERED, _("The server cannot remove a single message "
                                             "(no UIDPLUS)"));
      return;
    }
  if (!self->read_write)
    {
      fail (op, PB_IMAP_ERROR_NOT_OFFERED, _("The mailbox is open read-only"));
      return;
    }
  command = g_strdup_printf ("UID STORE %u +FLAGS.SILENT (\\Deleted)", uid);
  pb_imap_op_command (op, command, NULL, FALSE, after_store);
}

/* What the mailbox commands found */

gboolean
pb_imap_client_get_read_write (PbImapClient *self)
{
  return self->read_write;
}

gboolean
pb_imap_client_can_delete_uid (PbImapClient *self)
{
  return pb_imap_client_has_capability (self, "UIDPLUS");
}

const guint32 *
pb_imap_client_get_found_uids (PbImapClient *self,
                               guint        *n)
{
  *n = self->found != NULL ? self->found->len : 0;
  return self->found != NULL ? (const guint32 *) self->found->data : NULL;
}

GBytes *
pb_imap_client_get_header (PbImapClient *self,
                           guint32       uid)
{
  return self->fetched_uid == uid ? self->fetched_header : NULL;
}
