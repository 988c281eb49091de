/* pb-smtp-auth-oauth.c: AUTH OAUTHBEARER and XOAUTH2
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-smtp-auth-oauth.h"
#include "pb-smtp-client-private.h"
#include "pb-smtp-io.h"
#include "pb-smtp-op.h"

static void token_answered (PbSmtpOp *op);

/* RFC 7628 3.2.2, Google's XOAUTH2: a 334 with the error document; the client answers it
 * (3.2.3) and the server ends with 535. */
static void
error_document (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;
  const char *text = self->last_reply->lines[0];

  g_clear_pointer (&self->oauth_error, pb_sasl_oauth_error_free);
  self->oauth_error = pb_sasl_oauth_parse_error (text);
  pb_smtp_op_command (op, pb_sasl_oauth_abort_response (op->oauth_mechanism), NULL,
                      token_answered);
}

/* RFC 4954 4: an AUTH line with its initial response may not pass 512 octets with its CRLF;
 * a longer token (Microsoft's) goes after the server's empty 334. */
#define MAX_AUTH_LINE 510

static void
send_response (PbSmtpOp *op)
{
  if (!pb_smtp_op_expect (op, 334, PB_PROBLEM_NONE))
    {
      g_clear_pointer (&op->password, pb_secret_free);
      return;
    }
  pb_smtp_op_command (op, op->password, "<redacted>", token_answered);
}

/* The answer to the token (op->password still set), or to the client's answer to the
 * error document: only the first may be a 334. */
static void
token_answered (PbSmtpOp *op)
{
  gboolean first = op->password != NULL;

  g_clear_pointer (&op->password, pb_secret_free);
  if (first && op->client->last_reply->code == 334)
    {
      error_document (op);
      return;
    }
  if (pb_smtp_op_expect (op, 235, PB_PROBLEM_NONE))
    pb_smtp_op_succeed (op);
}

static gboolean
choose (PbSmtpOp *op)
{
  const PbSmtpCapabilities *caps = op->client->caps;
  gboolean bearer = caps != NULL && pb_smtp_capabilities_has_mechanism (caps, "OAUTHBEARER");
  gboolean xoauth2 = caps != NULL && pb_smtp_capabilities_has_mechanism (caps, "XOAUTH2");
  GError *error = NULL;

  if (pb_sasl_oauth_choose (bearer, xoauth2, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED, &op->oauth_mechanism,
                            &error))
    return TRUE;
  pb_smtp_op_fail (op, error, PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  return FALSE;
}

void
pb_smtp_client_authenticate_token_async (PbSmtpClient        *self,
                                         const char          *username,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  PbConnection *connection;
  g_autoptr(PbSecret) line = NULL;
  g_autofree char *shown = NULL;
  const char *name;
  PbSmtpOp *op;

  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  g_return_if_fail (username != NULL && token != NULL);

  op = pb_smtp_op_begin_command (self, PB_STAGE_AUTH, "auth",
                                 pb_smtp_client_authenticate_token_async, cancellable,
                                 callback, user_data);
  if (op == NULL)
    return;
  connection = self->connection;
  /* A bearer token is as good as a password to whoever reads it: never without TLS. */
  if (!pb_connection_may_send_password (connection, FALSE))
    {
      pb_smtp_op_fail (op, g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY,
                                                _("Refusing to send the token without "
                                                  "encryption")),
                       PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
      return;
    }
  if (!pb_smtp_op_check_quiet (op) || !choose (op))
    return;
  op->password = pb_sasl_oauth_response (op->oauth_mechanism, username, token,
                                         pb_connection_get_host (connection),
                                         pb_connection_get_port (connection));
  if (op->password == NULL)
    {
      pb_smtp_op_fail (op, g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY,
                                                _("The user name or the token cannot be "
                                                  "sent")), PB_PROBLEM_NONE);
      return;
    }
  name = op->oauth_mechanism == PB_SASL_OAUTH_OAUTHBEARER ? "OAUTHBEARER" : "XOAUTH2";
  pb_connection_add_secret (connection, op->password, TRUE);
  pb_connection_add_password (connection, token);
  g_free (self->mechanism);
  self->mechanism = g_strdup (name);
  self->auth_sent = TRUE;
  g_clear_pointer (&self->oauth_error, pb_sasl_oauth_error_free);
  line = g_strdup_printf ("AUTH %s %s", name, op->password);
  if (strlen (line) > MAX_AUTH_LINE)
    {
      g_autofree char *command = g_strdup_printf ("AUTH %s", name);

      pb_smtp_op_command (op, command, NULL, send_response);
      return;
    }
  shown = g_strdup_printf ("AUTH %s <redacted>", name);
  pb_smtp_op_command (op, line, shown, token_answered);
}

const PbSaslOAuthError *
pb_smtp_client_get_oauth_error (PbSmtpClient *self)
{
  g_return_val_if_fail (PB_IS_SMTP_CLIENT (self), NULL);
  return self->oauth_error;
}
