/* pb-pop3-auth.c: AUTH PLAIN, AUTH CRAM-MD5, USER and PASS
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-pop3-auth.h"
#include "pb-pop3-client-private.h"
#include "pb-pop3-io.h"
#include "pb-sasl.h"

static const char REDACTED[] = "<redacted>";

/* RFC 5034 4: an AUTH command with its initial response may be at most 255 octets long
 * (with CRLF); a longer one goes without, and the response follows the server's "+ ". */
#define MAX_AUTH_LINE 255

/* The offered SASL mechanisms and, where offered, USER: the list an error names. */
static char **
offered_logins (const PbPop3Capabilities *caps)
{
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

  g_strv_builder_addv (all, (const char **) caps->sasl_mechanisms);
  if (caps->flags & PB_POP3_CAP_USER)
    g_strv_builder_add (all, "USER");
  return g_strv_builder_end (all);
}

PbPop3Login
pb_pop3_login_choose (const PbPop3Capabilities *caps,
                      PbAuthMethod              method,
                      PbProblem                *hint,
                      GError                  **error)
{
  const char * const *sasl = (const char * const *) caps->sasl_mechanisms;
  gboolean user = !caps->announced || (caps->flags & PB_POP3_CAP_USER);
  g_auto(GStrv) offered = NULL;

  *hint = PB_PROBLEM_NONE;
  switch (pb_sasl_pick (sasl, method))
    {
    case PB_SASL_PLAIN:
      return PB_POP3_LOGIN_SASL_PLAIN;
    case PB_SASL_CRAM_MD5:
      return PB_POP3_LOGIN_SASL_CRAM_MD5;
    case PB_SASL_LOGIN:
    case PB_SASL_NONE:
    default:
      break;
    }
  /* USER and PASS send the password as it is, which is what "cleartext" allows (inside TLS);
   * AUTH LOGIN would do no more than that. */
  if (method == PB_AUTH_PASSWORD_CLEARTEXT && user)
    return PB_POP3_LOGIN_USER;
  if (method == PB_AUTH_PASSWORD_CLEARTEXT && g_strv_contains (sasl, "CRAM-MD5"))
    return PB_POP3_LOGIN_SASL_CRAM_MD5;

  offered = offered_logins (caps);
  if (offered[0] == NULL)
    {
      *hint = PB_PROBLEM_AUTH_NOT_OFFERED;
      g_set_error (error, PB_POP3_ERROR, PB_POP3_ERROR_NOT_OFFERED,
                   _("The server does not offer a login"));
      return PB_POP3_LOGIN_NONE;
    }
  *hint = PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED;
  pb_sasl_set_unusable_error (error, PB_POP3_ERROR, PB_POP3_ERROR_NOT_OFFERED,
                              (const char * const *) offered, method);
  return PB_POP3_LOGIN_NONE;
}

static void
auth_final (PbPop3Op *op)
{
  g_clear_pointer (&op->password, pb_secret_free);
  if (pb_pop3_op_expect_ok (op, PB_POP3_ERROR_AUTH_FAILED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

/* Sends one SASL response, registered so that no echo of it reaches a report. */
static void
send_response (PbPop3Op   *op,
               const char *response)
{
  pb_connection_add_secret (op->base.connection, response, TRUE);
  pb_pop3_op_command (op, response, REDACTED, auth_final);
}

/* TRUE when the server answered with "+ "; else the op has failed. */
static gboolean
expect_continue (PbPop3Op *op)
{
  const PbPop3Reply *reply = op->client->last_reply;

  if (reply->status == PB_POP3_STATUS_CONTINUE)
    return TRUE;
  if (reply->status == PB_POP3_STATUS_ERR)
    pb_pop3_op_fail_reply (op, PB_POP3_ERROR_AUTH_FAILED, PB_PROBLEM_NONE);
  else
    pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL,
                                      _("The server accepted a login it was not sent: %s"),
                                      reply->line),
                     PB_PROBLEM_PROTOCOL_ERROR);
  return FALSE;
}

static void
plain_continue (PbPop3Op *op)
{
  g_autoptr(PbSecret) response = NULL;

  if (!expect_continue (op))
    return;
  response = pb_sasl_plain_response (op->username, op->password);
  send_response (op, response);
}

static void
send_plain (PbPop3Op *op)
{
  g_autoptr(PbSecret) response = pb_sasl_plain_response (op->username, op->password);
  g_autoptr(PbSecret) line = g_strconcat ("AUTH PLAIN ", response, NULL);

  if (strlen (line) + 2 > MAX_AUTH_LINE)
    {
      pb_pop3_op_command (op, "AUTH PLAIN", NULL, plain_continue);
      return;
    }
  pb_connection_add_secret (op->base.connection, response, TRUE);
  pb_pop3_op_command (op, line, "AUTH PLAIN <redacted>", auth_final);
}

static void
cram_md5_challenge (PbPop3Op *op)
{
  g_autoptr(PbSecret) response = NULL;

  if (!expect_continue (op))
    return;
  response = pb_sasl_cram_md5_response (op->username, op->password,
                                        op->client->last_reply->text);
  if (response == NULL)
    {
      pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL,
                                        _("Invalid CRAM-MD5 challenge")),
                       PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  send_response (op, response);
}

static void
send_pass (PbPop3Op *op)
{
  g_autoptr(PbSecret) line = NULL;

  if (!pb_pop3_op_expect_ok (op, PB_POP3_ERROR_AUTH_FAILED, PB_PROBLEM_NONE))
    return;
  line = g_strconcat ("PASS ", op->password, NULL);
  pb_pop3_op_command (op, line, "PASS <redacted>", auth_final);
}

static void
send_login (PbPop3Op *op)
{
  switch (op->login)
    {
    case PB_POP3_LOGIN_SASL_PLAIN:
      send_plain (op);
      break;
    case PB_POP3_LOGIN_SASL_CRAM_MD5:
      pb_pop3_op_command (op, "AUTH CRAM-MD5", NULL, cram_md5_challenge);
      break;
    case PB_POP3_LOGIN_USER:
      {
        g_autofree char *line = g_strconcat ("USER ", op->username, NULL);

        pb_pop3_op_command (op, line, NULL, send_pass);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Refuses what the security rules or the server's offer forbid, before a byte of the
 * credentials is sent. */
static gboolean
login_allowed (PbPop3Op     *op,
               PbAuthMethod  method)
{
  PbPop3Client *self = op->client;
  PbProblem hint = PB_PROBLEM_NONE;
  GError *error = NULL;

  if (!pb_connection_may_send_password (self->connection, self->allow_plaintext_auth))
    {
      pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_POLICY,
                                        _("Refusing to send the password without encryption")),
                       PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
      return FALSE;
    }
  op->login = pb_pop3_login_choose (self->caps, method, &hint, &error);
  if (op->login == PB_POP3_LOGIN_NONE)
    {
      pb_pop3_op_fail (op, error, hint);
      return FALSE;
    }
  /* USER and PASS carry both as they are: a line break would end the command early and
   * send the rest as a command of its own. */
  if (op->login == PB_POP3_LOGIN_USER &&
      (strpbrk (op->username, "\r\n") != NULL || strpbrk (op->password, "\r\n") != NULL))
    {
      pb_pop3_op_fail (op, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_POLICY,
                                        _("The user name or the password contains a line "
                                          "break")),
                       PB_PROBLEM_NONE);
      return FALSE;
    }
  return TRUE;
}

void
pb_pop3_client_authenticate_async (PbPop3Client        *self,
                                   PbAuthMethod         method,
                                   const char          *username,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PB_IS_POP3_CLIENT (self) && username != NULL && password != NULL);

  PbPop3Op *op = pb_pop3_op_begin (self, PB_STAGE_AUTH, pb_pop3_client_authenticate_async,
                                   cancellable, callback, user_data);
  if (op == NULL)
    return;
  op->username = g_strdup (username);
  op->password = g_strdup (password);
  if (!login_allowed (op, method))
    return;

  /* CRAM-MD5 never sends the password, so the server cannot quote it. */
  if (op->login != PB_POP3_LOGIN_SASL_CRAM_MD5)
    pb_connection_add_password (self->connection, password);
  self->login = op->login;
  self->auth_sent = TRUE;
  send_login (op);
}
