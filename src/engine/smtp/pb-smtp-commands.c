/* pb-smtp-commands.c: AUTH, the MAIL FROM line, the message's encoding, and QUIT
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-address.h"
#include "pb-smtp-client-private.h"
#include "pb-smtp-commands.h"
#include "pb-smtp-io.h"

static const char REDACTED[] = "<redacted>";

#define QUIT_TIMEOUT_MS 1000

/* AUTH */

static void
auth_final (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;

  g_clear_pointer (&op->password, pb_secret_free);
  if (self->last_reply->code == 334)
    {
      pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL,
                                        _("The server asked for more after the last response: %s"),
                                        self->last_reply->text),
                       PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  if (pb_smtp_op_expect (op, 235, PB_PROBLEM_NONE))
    pb_smtp_op_succeed (op);
}

/* AUTH LOGIN answers each 334 prompt with one base64 value, never shown in the log. */
static void
login_answer (PbSmtpOp   *op,
              const char *value,
              PbSmtpNext  next)
{
  g_autoptr(PbSecret) response = NULL;

  if (!pb_smtp_op_expect (op, 334, PB_PROBLEM_NONE))
    return;
  response = pb_sasl_base64 (value);
  pb_connection_add_secret (op->client->connection, response, TRUE);
  pb_smtp_op_command (op, response, REDACTED, next);
}

static void
login_password (PbSmtpOp *op)
{
  login_answer (op, op->password, auth_final);
}

static void
login_username (PbSmtpOp *op)
{
  login_answer (op, op->username, login_password);
}

static void
cram_md5_challenge (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;
  g_autoptr(PbSecret) response = NULL;

  if (!pb_smtp_op_expect (op, 334, PB_PROBLEM_NONE))
    return;
  response = pb_sasl_cram_md5_response (op->username, op->password,
                                        self->last_reply->lines[0]);
  if (response == NULL)
    {
      pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL,
                                        _("Invalid CRAM-MD5 challenge")), PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  pb_connection_add_secret (self->connection, response, TRUE);
  pb_smtp_op_command (op, response, REDACTED, auth_final);
}

/* Refuses what the security rules forbid before a byte of the credentials is sent. */
static gboolean
auth_allowed (PbSmtpOp     *op,
              PbSmtpClient *self)
{
  if (pb_connection_may_send_password (self->connection, self->allow_plaintext_auth))
    return TRUE;

  pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY,
                                    _("Refusing to send the password without encryption")),
                   PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  return FALSE;
}

/* The first command of the chosen mechanism; LOGIN and CRAM-MD5 go on from the prompt. */
static void
send_auth_command (PbSmtpOp   *op,
                   const char *username,
                   const char *password)
{
  switch (op->mechanism)
    {
    case PB_SASL_PLAIN:
      {
        g_autoptr(PbSecret) response = pb_sasl_plain_response (username, password);
        g_autoptr(PbSecret) line = g_strconcat ("AUTH PLAIN ", response, NULL);

        pb_connection_add_secret (op->client->connection, response, TRUE);
        pb_smtp_op_command (op, line, "AUTH PLAIN <redacted>", auth_final);
      }
      break;

    case PB_SASL_LOGIN:
      pb_smtp_op_command (op, "AUTH LOGIN", NULL, login_username);
      break;

    case PB_SASL_CRAM_MD5:
      pb_smtp_op_command (op, "AUTH CRAM-MD5", NULL, cram_md5_challenge);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
pb_smtp_client_authenticate_async (PbSmtpClient        *self,
                                   PbAuthMethod         method,
                                   const char          *username,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PbSmtpOp *op;
  PbProblem  hint = PB_PROBLEM_NONE;
  GError *error = NULL;

  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  g_return_if_fail (username != NULL && password != NULL);

  op = pb_smtp_op_begin_command (self, PB_STAGE_AUTH, "auth",
                                     pb_smtp_client_authenticate_async,
                                     cancellable, callback, user_data);
  if (op == NULL || !auth_allowed (op, self))
    return;

  /* Before anything counts as sent: a reply waiting now would be taken for the login's. */
  if (!pb_smtp_op_check_quiet (op))
    return;
  op->mechanism = pb_smtp_auth_choose (self->caps, method, &hint, &error);
  if (op->mechanism == PB_SASL_NONE)
    {
      /* Without TLS, a server that offers STARTTLS but no AUTH wants encryption first. */
      if (pb_connection_get_tls_connection (self->connection) == NULL &&
          (self->caps->flags & PB_SMTP_CAP_STARTTLS) &&
          hint == PB_PROBLEM_AUTH_NOT_OFFERED)
        hint = PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED;
      pb_smtp_op_fail (op, error, hint);
      return;
    }

  op->username = g_strdup (username);
  op->password = g_strdup (password);
  /* CRAM-MD5 never sends the password, so the server cannot quote it: its challenge is
   * read as it came. */
  if (op->mechanism != PB_SASL_CRAM_MD5)
    pb_connection_add_password (self->connection, password);
  g_free (self->mechanism);
  self->mechanism = g_strdup (pb_sasl_mechanism_to_string (op->mechanism));
  self->auth_sent = TRUE;

  send_auth_command (op, username, password);
}

/* Mail transaction */

/* An address goes between < and > on a command line: nothing may break out of it. */
gboolean
pb_smtp_address_is_safe (const char *address)
{
  return address != NULL && strlen (address) <= 320 &&
         pb_address_find_unsendable (address) == NULL;
}

/* The MAIL FROM line for the server's capabilities, or NULL when it cannot be sent. */
char *
pb_smtp_client_mail_from_line (PbSmtpClient     *self,
                               const char       *sender,
                               PbSmtpMailFlags   flags,
                               gsize             size,
                               GError          **error)
{
  GString *line;

  if (!pb_smtp_address_is_safe (sender))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Not a usable mail address"));
      return NULL;
    }
  if ((flags & PB_SMTP_MAIL_SMTPUTF8) && !(self->caps->flags & PB_SMTP_CAP_SMTPUTF8))
    {
      g_set_error (error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                   _("The server does not accept addresses with international characters "
                     "(no SMTPUTF8)"));
      return NULL;
    }

  line = g_string_new (NULL);
  g_string_printf (line, "MAIL FROM:<%s>", sender);
  if (size > 0 && (self->caps->flags & PB_SMTP_CAP_SIZE))
    g_string_append_printf (line, " SIZE=%" G_GSIZE_FORMAT, size);
  if ((flags & PB_SMTP_MAIL_8BIT) && (self->caps->flags & PB_SMTP_CAP_8BITMIME))
    g_string_append (line, " BODY=8BITMIME");
  if (flags & PB_SMTP_MAIL_SMTPUTF8)
    g_string_append (line, " SMTPUTF8");
  return g_string_free (line, FALSE);
}

GBytes *
pb_smtp_data_encode (const char *message,
                     gsize       len)
{
  GString *out = g_string_sized_new (len + len / 20 + 8);
  gboolean line_start = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      char c = message[i];

      if (line_start && c == '.')
        g_string_append_c (out, '.');
      line_start = FALSE;
      if (c == '\r' || c == '\n')
        {
          /* CRLF, bare LF and bare CR all end a line. */
          if (c == '\r' && i + 1 < len && message[i + 1] == '\n')
            i++;
          g_string_append (out, "\r\n");
          line_start = TRUE;
        }
      else
        g_string_append_c (out, c);
    }
  if (!line_start)
    g_string_append (out, "\r\n");
  g_string_append (out, ".\r\n");
  return g_string_free_to_bytes (out);
}

static void
after_quit (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;
  guint code = self->last_reply->code;

  /* Anything but a goodbye (or 421, closing anyway) answers an earlier command: a reply
   * came late, after one read in its place (a "535" behind a stray "235"). */
  if (code / 100 != 2 && code != 421)
    {
      pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN,
                                        _("The server answered QUIT with “%s”: its replies "
                                          "were out of step"), self->last_reply->text),
                       PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  if (!pb_smtp_op_expect (op, 2, PB_PROBLEM_NONE))
    return;
  pb_connection_op_close (&op->base);
}

void
pb_smtp_client_quit_async (PbSmtpClient        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PbSmtpOp *op;

  op = pb_smtp_op_begin_command (self, PB_STAGE_QUIT, "quit",
                                     pb_smtp_client_quit_async,
                                     cancellable, callback, user_data);
  if (op == NULL)
    return;
  /* Everything that matters has been said: a server that does not answer QUIT (or close
   * the TLS session) gets a second, not the step's whole timeout. */
  pb_smtp_op_rearm (op, MIN (QUIT_TIMEOUT_MS,
                             pb_connection_get_step_timeout (self->connection)));
  pb_smtp_op_command (op, "QUIT", NULL, after_quit);
}
