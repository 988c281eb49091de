/* pb-imap-commands.c: ID, EXAMINE, SELECT and LOGOUT
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-imap-client-private.h"
#include "pb-imap-commands.h"
#include "pb-imap-io.h"
#include "pb-imap-string.h"

/* A server that does not answer LOGOUT at once has nothing more to say. */
#define LOGOUT_TIMEOUT_MS 1000

/* ID */

static void
after_id (PbImapOp *op)
{
  if (pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

/* Who we are, by name and version only: nothing about the user or the system. */
static char *
id_command (void)
{
  g_autofree char *version = pb_imap_quote (PACKAGE_VERSION);

  return g_strdup_printf ("ID (\"name\" \"Postbote\" \"version\" %s)", version);
}

void
pb_imap_client_id_async (PbImapClient        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *command = id_command ();
  GTask *task;
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));

  task = pb_imap_client_new_task (self, pb_imap_client_id_async, cancellable, callback,
                                  user_data);
  if (!pb_imap_client_has_capability (self, "ID"))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  op = pb_imap_op_begin_command (task, PB_STAGE_ID, "id");
  if (op != NULL)
    pb_imap_op_command (op, command, NULL, FALSE, after_id);
}

/* EXAMINE and SELECT */

static void
after_open (PbImapOp *op)
{
  if (!pb_imap_op_expect_ok (op, PB_IMAP_ERROR_NO_MAILBOX, PB_PROBLEM_NONE))
    return;
  /* RFC 9051 6.3.2: the server MUST send EXISTS; without it there is no count to report. */
  if (op->client->messages < 0)
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL,
                                          _("The server opened the mailbox without saying "
                                            "how many messages it holds")), PB_PROBLEM_NONE);
      return;
    }
  /* RFC 9051 6.3.2: a SELECT may still open the mailbox read-only; only [READ-WRITE] lets a
   * flag be stored. */
  op->client->read_write = op->client->last->code == PB_IMAP_CODE_READ_WRITE;
  pb_connection_op_succeed (&op->base);
}

static void
open_mailbox (GTask      *task,
              const char *verb,
              const char *mailbox)
{
  PbImapClient *self = g_task_get_source_object (task);
  g_autofree char *quoted = pb_imap_quote (mailbox);
  g_autofree char *command = NULL;
  PbImapOp *op;

  op = pb_imap_op_begin_command (task, PB_STAGE_MAILBOX, "mailbox");
  if (op == NULL)
    return;
  self->messages = -1;
  self->read_write = FALSE;
  command = g_strconcat (verb, " ", quoted, NULL);
  if (self->identify && pb_imap_client_has_capability (self, "ID"))
    {
      g_autofree char *id = id_command ();

      self->identify = FALSE;
      pb_imap_op_command_after (op, id, command, after_open);
      return;
    }
  pb_imap_op_command (op, command, NULL, FALSE, after_open);
}

void
pb_imap_client_examine_async (PbImapClient        *self,
                              const char          *mailbox,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  g_return_if_fail (g_str_is_ascii (mailbox) && strpbrk (mailbox, "\r\n") == NULL);

  open_mailbox (pb_imap_client_new_task (self, pb_imap_client_examine_async, cancellable,
                                         callback, user_data),
                "EXAMINE", mailbox);
}

void
pb_imap_client_select_async (PbImapClient        *self,
                             const char          *mailbox,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  g_return_if_fail (g_str_is_ascii (mailbox) && strpbrk (mailbox, "\r\n") == NULL);

  open_mailbox (pb_imap_client_new_task (self, pb_imap_client_select_async, cancellable,
                                         callback, user_data),
                "SELECT", mailbox);
}

/* LOGOUT */

static void
after_logout (PbImapOp *op)
{
  if (pb_imap_op_expect_ok (op, PB_IMAP_ERROR_REFUSED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

void
pb_imap_client_logout_async (PbImapClient        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));

  op = pb_imap_op_begin_command (pb_imap_client_new_task (self, pb_imap_client_logout_async,
                                                         cancellable, callback, user_data),
                                 PB_STAGE_QUIT, "quit");
  if (op == NULL)
    return;
  /* RFC 9051 6.1.3: BYE, then the tagged OK; the BYE alone ends the session for us. */
  op->ends_with_bye = TRUE;
  pb_connection_op_rearm (&op->base, pb_connection_limit_timeout (op->base.connection,
                                                                  LOGOUT_TIMEOUT_MS));
  op->base.on_timeout = pb_connection_op_succeed;
  pb_imap_op_command (op, "LOGOUT", NULL, FALSE, after_logout);
}
