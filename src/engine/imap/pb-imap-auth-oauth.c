/* pb-imap-auth-oauth.c: AUTHENTICATE OAUTHBEARER and XOAUTH2
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-imap-auth-oauth.h"
#include "pb-imap-client-private.h"
#include "pb-imap-io.h"

static void token_answered (PbImapOp *op);

/* RFC 7628 3.2.2 and Google's XOAUTH2: a refusal is a continuation with the error
 * document; the client answers it (3.2.3) and the server ends with NO. */
static void
error_document (PbImapOp *op)
{
  PbImapClient *self = op->client;

  g_clear_pointer (&self->oauth_error, pb_sasl_oauth_error_free);
  self->oauth_error = pb_sasl_oauth_parse_error (self->last->text);
  pb_imap_op_continue (op, g_strdup (pb_sasl_oauth_abort_response (op->oauth_mechanism)), NULL,
                       FALSE, token_answered);
}

static void
token_answered (PbImapOp *op)
{
  g_clear_pointer (&op->password, pb_secret_free);
  if (op->client->last->kind == PB_IMAP_CONTINUATION)
    {
      error_document (op);
      return;
    }
  if (pb_imap_op_expect_ok (op, PB_IMAP_ERROR_AUTH_FAILED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

/* Without SASL-IR: the empty continuation asks for the initial response. */
static void
send_token (PbImapOp *op)
{
  if (op->client->last->kind != PB_IMAP_CONTINUATION)
    {
      token_answered (op);
      return;
    }
  pb_imap_op_continue (op, g_steal_pointer (&op->password), "<redacted>", TRUE,
                       token_answered);
}

static gboolean
choose (PbImapOp *op)
{
  GError *error = NULL;

  if (pb_sasl_oauth_choose (pb_imap_client_has_capability (op->client, "AUTH=OAUTHBEARER"),
                            pb_imap_client_has_capability (op->client, "AUTH=XOAUTH2"),
                            PB_IMAP_ERROR, PB_IMAP_ERROR_NOT_OFFERED, &op->oauth_mechanism,
                            &error))
    return TRUE;
  pb_connection_op_fail (&op->base, error, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  return FALSE;
}

void
pb_imap_client_login_token_async (PbImapClient        *self,
                                  const char          *username,
                                  const char          *token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PbConnection *connection;
  g_autofree char *command = NULL;
  const char *name;
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  g_return_if_fail (username != NULL && token != NULL);

  op = pb_imap_op_begin_command (pb_imap_client_new_task (self, pb_imap_client_login_token_async,
                                                         cancellable, callback, user_data),
                                 PB_STAGE_AUTH, "auth");
  if (op == NULL)
    return;
  connection = self->connection;
  /* A bearer token is as good as a password to whoever reads it: never without TLS. */
  if (!pb_connection_may_send_password (connection, FALSE))
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_POLICY,
                                          _("Refusing to send the token without encryption")),
                             PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
      return;
    }
  if (!choose (op))
    return;
  name = op->oauth_mechanism == PB_SASL_OAUTH_OAUTHBEARER ? "OAUTHBEARER" : "XOAUTH2";
  op->password = pb_sasl_oauth_response (op->oauth_mechanism, username, token,
                                         pb_connection_get_host (connection),
                                         pb_connection_get_port (connection));
  if (op->password == NULL)
    {
      pb_connection_op_fail (&op->base,
                             g_error_new_literal (PB_IMAP_ERROR, PB_IMAP_ERROR_POLICY,
                                                  _("The user name or the token cannot be "
                                                    "sent")), PB_PROBLEM_NONE);
      return;
    }
  pb_connection_add_secret (connection, op->password, TRUE);
  pb_connection_add_password (connection, token);
  g_free (self->mechanism);
  self->mechanism = g_strdup (name);
  self->auth_sent = TRUE;
  g_clear_pointer (&self->oauth_error, pb_sasl_oauth_error_free);
  if (!pb_imap_client_has_capability (self, "SASL-IR"))
    {
      command = g_strdup_printf ("AUTHENTICATE %s", name);
      pb_imap_op_command (op, command, NULL, TRUE, send_token);
      return;
    }
  {
    g_autoptr(PbSecret) full = g_strdup_printf ("AUTHENTICATE %s %s", name, op->password);
    g_autofree char *shown = g_strdup_printf ("AUTHENTICATE %s <redacted>", name);

    g_clear_pointer (&op->password, pb_secret_free);
    pb_imap_op_command (op, full, shown, TRUE, token_answered);
  }
}

const PbSaslOAuthError *
pb_imap_client_get_oauth_error (PbImapClient *self)
{
  g_return_val_if_fail (PB_IS_IMAP_CLIENT (self), NULL);
  return self->oauth_error;
}
