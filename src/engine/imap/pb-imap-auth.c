/* pb-imap-auth.c: AUTHENTICATE PLAIN, AUTHENTICATE CRAM-MD5 and LOGIN
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-imap-auth.h"
#include "pb-imap-client-private.h"
#include "pb-imap-io.h"
#include "pb-imap-string.h"
#include "pb-text.h"

static const char REDACTED[] = "<redacted>";

static void
auth_final (PbImapOp *op)
{
  g_clear_pointer (&op->password, pb_secret_free);
  if (pb_imap_op_expect_ok (op, PB_IMAP_ERROR_AUTH_FAILED, PB_PROBLEM_NONE))
    pb_connection_op_succeed (&op->base);
}

/* A SASL response after the server's "+", never shown in the transcript. */
static void
send_response (PbImapOp *op,
               char     *response)
{
  pb_connection_add_secret (op->base.connection, response, TRUE);
  pb_imap_op_continue (op, response, REDACTED, FALSE, auth_final);
}

static void
plain_prompt (PbImapOp *op)
{
  if (op->client->last->kind != PB_IMAP_CONTINUATION)
    {
      auth_final (op);
      return;
    }
  send_response (op, pb_sasl_plain_response (op->username, op->password));
}

static void
cram_md5_challenge (PbImapOp *op)
{
  char *response;

  if (op->client->last->kind != PB_IMAP_CONTINUATION)
    {
      auth_final (op);
      return;
    }
  response = pb_sasl_cram_md5_response (op->username, op->password, op->client->last->text);
  if (response == NULL)
    {
      pb_connection_op_fail (&op->base, g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL,
                                                     _("Invalid CRAM-MD5 challenge")),
                             PB_PROBLEM_PROTOCOL_ERROR);
      return;
    }
  send_response (op, response);
}

/* LOGIN */

static void send_part (PbImapOp *op);

static void
after_literal_prompt (PbImapOp *op)
{
  if (op->client->last->kind != PB_IMAP_CONTINUATION)
    {
      auth_final (op);
      return;
    }
  send_part (op);
}

static void
send_part (PbImapOp *op)
{
  guint i = op->part++;
  gboolean last = op->part == op->parts->len;
  PbImapNext next = last ? auth_final : after_literal_prompt;
  const char *shown = op->shown_parts->pdata[i];

  if (i == 0)
    pb_imap_op_command (op, op->parts->pdata[i], shown, !last, next);
  else
    pb_imap_op_continue (op, g_strdup (op->parts->pdata[i]), shown, !last, next);
}

/* Ends the part being built: what follows waits for the server's continuation. */
static void
cut_part (PbImapOp *op,
          GString **part,
          GString **shown)
{
  gsize size = (*part)->allocated_len;

  g_ptr_array_add (op->parts, g_string_free (*part, FALSE));
  g_ptr_array_add (op->shown_parts, g_string_free (*shown, FALSE));
  /* Sized once, so that no reallocation leaves a copy of the password behind. */
  *part = g_string_sized_new (size);
  *shown = g_string_new (NULL);
}

/* One argument of LOGIN: a quoted string where it can be one, else a literal: sent with
 * the line where the server allows it (LITERAL+), else after its continuation. */
static void
add_argument (PbImapOp   *op,
              GString   **part,
              GString   **shown,
              const char *value,
              gboolean    secret)
{
  g_autoptr(PbSecret) quoted = pb_imap_quote (value);
  g_autofree char *visible = secret ? g_strdup (REDACTED) : pb_text_make_safe (value, -1, "");
  gsize len = strlen (value);

  if (quoted != NULL)
    {
      g_string_append (*part, quoted);
      g_string_append (*shown, secret ? REDACTED : quoted);
      return;
    }
  if (pb_imap_literal_non_sync (pb_imap_client_get_capabilities (op->client), len))
    {
      g_string_append_printf (*part, "{%" G_GSIZE_FORMAT "+}\r\n%s", len, value);
      g_string_append_printf (*shown, "{%" G_GSIZE_FORMAT "+} %s", len, visible);
      return;
    }
  g_string_append_printf (*part, "{%" G_GSIZE_FORMAT "}", len);
  g_string_append_printf (*shown, "{%" G_GSIZE_FORMAT "}", len);
  cut_part (op, part, shown);
  g_string_append (*part, value);
  g_string_append (*shown, visible);
}

static void
send_login (PbImapOp *op)
{
  GString *part = g_string_sized_new (2 * (strlen (op->username) + strlen (op->password)) + 64);
  GString *shown = g_string_new (NULL);

  op->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_secret_free);
  op->shown_parts = g_ptr_array_new_with_free_func (g_free);
  g_string_append (part, "LOGIN ");
  g_string_append (shown, "LOGIN ");
  add_argument (op, &part, &shown, op->username, FALSE);
  g_string_append_c (part, ' ');
  g_string_append_c (shown, ' ');
  add_argument (op, &part, &shown, op->password, TRUE);
  g_ptr_array_add (op->parts, g_string_free (part, FALSE));
  g_ptr_array_add (op->shown_parts, g_string_free (shown, FALSE));
  send_part (op);
}

/* Choosing */

/* The mechanisms the server offers (AUTH=...) that we may use here, and "LOGIN" for the
 * LOGIN command unless LOGINDISABLED (the SASL mechanism LOGIN is never used: the command
 * does the same in fewer round trips). */
static GPtrArray *
usable_mechanisms (PbImapClient *self,
                   gboolean      login_disabled)
{
  GPtrArray *usable = g_ptr_array_new ();
  const char * const *caps = pb_imap_client_get_capabilities (self);
  gboolean tls = pb_connection_get_tls_connection (self->connection) != NULL;

  for (guint i = 0; caps != NULL && caps[i] != NULL; i++)
    {
      const char *name = caps[i] + strlen ("AUTH=");

      if (!g_str_has_prefix (caps[i], "AUTH=") || strcmp (name, "LOGIN") == 0)
        continue;
      /* RFC 9051 6.2.3: LOGINDISABLED before TLS rules out every plain-text login. */
      if (login_disabled && !tls && strcmp (name, "PLAIN") == 0)
        continue;
      g_ptr_array_add (usable, (gpointer) name);
    }
  if (!login_disabled)
    g_ptr_array_add (usable, (gpointer) "LOGIN");
  g_ptr_array_add (usable, NULL);
  return usable;
}

static PbSaslMechanism
choose (PbImapOp      *op,
        PbAuthMethod   method)
{
  gboolean login_disabled = pb_imap_client_has_capability (op->client, "LOGINDISABLED");
  g_autoptr(GPtrArray) usable = usable_mechanisms (op->client, login_disabled);
  PbSaslMechanism mechanism = pb_sasl_pick ((const char * const *) usable->pdata, method);
  g_autofree char *offered = NULL;

  if (mechanism != PB_SASL_NONE)
    return mechanism;
  if (login_disabled && method == PB_AUTH_PASSWORD_CLEARTEXT)
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_LOGIN_DISABLED,
                                          _("The server does not allow a login here "
                                            "(LOGINDISABLED)")),
                             PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
      return PB_SASL_NONE;
    }
  offered = g_strjoinv (" ", (char **) usable->pdata);
  pb_connection_op_fail (&op->base,
                         g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_NOT_OFFERED,
                                      _("No usable authentication mechanism for %s among "
                                        "those offered (%s)"),
                                      pb_auth_method_to_string (method), offered),
                         PB_PROBLEM_AUTH_MECHANISM_UNSUPPORTED);
  return PB_SASL_NONE;
}

static void
start (PbImapOp *op)
{
  switch (op->mechanism)
    {
    case PB_SASL_PLAIN:
      if (pb_imap_client_has_capability (op->client, "SASL-IR"))
        {
          g_autoptr(PbSecret) response = pb_sasl_plain_response (op->username, op->password);
          g_autoptr(PbSecret) command = g_strconcat ("AUTHENTICATE PLAIN ", response, NULL);

          pb_connection_add_secret (op->base.connection, response, TRUE);
          pb_imap_op_command (op, command, "AUTHENTICATE PLAIN <redacted>", FALSE, auth_final);
        }
      else
        pb_imap_op_command (op, "AUTHENTICATE PLAIN", NULL, TRUE, plain_prompt);
      break;
    case PB_SASL_CRAM_MD5:
      pb_imap_op_command (op, "AUTHENTICATE CRAM-MD5", NULL, TRUE, cram_md5_challenge);
      break;
    case PB_SASL_LOGIN:
      send_login (op);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
pb_imap_client_login_async (PbImapClient        *self,
                            PbAuthMethod         method,
                            const char          *username,
                            const char          *password,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PbImapOp *op;

  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  g_return_if_fail (username != NULL && password != NULL);

  op = pb_imap_op_begin_command (pb_imap_client_new_task (self, pb_imap_client_login_async,
                                                         cancellable, callback, user_data),
                                 PB_STAGE_AUTH, "auth");
  if (op == NULL)
    return;
  if (self->preauthenticated)
    {
      pb_connection_log (self->connection, '*', "logged in by the greeting (PREAUTH)");
      pb_connection_op_succeed (&op->base);
      return;
    }
  if (!pb_connection_may_send_password (self->connection, self->allow_plaintext_auth))
    {
      pb_connection_op_fail (&op->base,
                             g_error_new (PB_IMAP_ERROR, PB_IMAP_ERROR_POLICY,
                                          _("Refusing to send the password without "
                                            "encryption")),
                             PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
      return;
    }
  op->mechanism = choose (op, method);
  if (op->mechanism == PB_SASL_NONE)
    return;

  op->username = g_strdup (username);
  op->password = g_strdup (password);
  /* Servers echo what they got; CRAM-MD5 never sends the password, so its challenge is
   * read as it came (the SASL responses are added as they are made). */
  if (op->mechanism != PB_SASL_CRAM_MD5)
    pb_connection_add_password (self->connection, password);
  g_free (self->mechanism);
  self->mechanism = g_strdup (pb_sasl_mechanism_to_string (op->mechanism));
  self->auth_sent = TRUE;
  start (op);
}
