/* pb-smtp-connect.c: greeting, EHLO, STARTTLS, EHLO again
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-connect.h"
#include "pb-connection-tls.h"
#include "pb-smtp-client-private.h"
#include "pb-smtp-connect.h"
#include "pb-smtp-io.h"

/* How long a silent server gets to react to the probe after a missing greeting. */
#define PROBE_TIMEOUT_MS 3000

static void send_ehlo (PbSmtpOp *op);

/* STARTTLS */

static void
after_upgrade (PbConnectionOp *base)
{
  PbSmtpOp *op = (PbSmtpOp *) base;

  op->second_ehlo = TRUE;
  send_ehlo (op);
}

static void
after_starttls (PbSmtpOp *op)
{
  if (!pb_smtp_op_expect (op, 220, PB_PROBLEM_STARTTLS_REFUSED))
    return;
  pb_connection_op_upgrade (&op->base, PB_STAGE_STARTTLS_HANDSHAKE, "starttls-handshake",
                            after_upgrade);
}

static void
do_starttls (PbSmtpOp *op)
{
  pb_smtp_op_begin_stage (op, PB_STAGE_STARTTLS, "starttls");
  if (!(op->client->caps->flags & PB_SMTP_CAP_STARTTLS))
    {
      pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                                        _("The server does not offer STARTTLS")),
                       PB_PROBLEM_STARTTLS_NOT_OFFERED);
      return;
    }
  pb_smtp_op_command (op, "STARTTLS", NULL, after_starttls);
}

/* EHLO / HELO */

static char *
helo_name (PbSmtpOp *op)
{
  GSocketConnection *tcp = pb_connection_get_socket_connection (pb_smtp_op_connection (op));
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *ip = NULL;
  GInetAddress *address;

  /* An address literal tells the server nothing the connection does not already show. */
  local = g_socket_connection_get_local_address (tcp, NULL);
  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return g_strdup ("[127.0.0.1]");
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  ip = g_inet_address_to_string (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[IPv6:%s]", ip);
  return g_strdup_printf ("[%s]", ip);
}

static void
after_helo (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;

  if (!pb_smtp_op_expect (op, 250, PB_PROBLEM_NONE))
    return;
  self->caps = g_new0 (PbSmtpCapabilities, 1);
  self->caps->auth_mechanisms = g_new0 (char *, 1);
  self->caps->keywords = g_new0 (char *, 1);
  self->caps->greeting_name = g_strdup (self->last_reply->lines[0]);
  pb_smtp_op_succeed (op);
}

/* RFC 5321 3.2 and 4.3.2: a server without ESMTP answers EHLO with 500, 501, 502 or
 * 550. 421 closes the session; any other code is no answer to EHLO at all. */
static gboolean
is_no_esmtp (guint code)
{
  return code == 500 || code == 501 || code == 502 || code == 550;
}

static void
ehlo_refused (PbSmtpOp *op,
              guint     code)
{
  PbSecurity security = pb_connection_get_security (pb_smtp_op_connection (op));
  PbProblem  hint = PB_PROBLEM_NONE;

  /* HELO only where nothing is lost: without encryption chosen, no extension is
   * required. With STARTTLS chosen, no EHLO means no STARTTLS. */
  if (is_no_esmtp (code) && security == PB_SECURITY_NONE)
    {
      g_autofree char *name = helo_name (op);
      g_autofree char *line = g_strconcat ("HELO ", name, NULL);

      pb_smtp_op_command (op, line, NULL, after_helo);
      return;
    }
  /* Other codes are classified from the reply (a blocklist's words, 421, nonsense). */
  if (is_no_esmtp (code))
    hint = security == PB_SECURITY_STARTTLS && !op->second_ehlo ? PB_PROBLEM_STARTTLS_NOT_OFFERED : PB_PROBLEM_NONE;
  pb_smtp_op_expect (op, 250, hint);
}

static void
after_ehlo (PbSmtpOp *op)
{
  PbSmtpClient *self = op->client;
  PbConnection *connection = pb_smtp_op_connection (op);

  if (self->last_reply->code != 250)
    {
      ehlo_refused (op, self->last_reply->code);
      return;
    }
  g_clear_pointer (&self->caps, pb_smtp_capabilities_free);
  self->caps = pb_smtp_capabilities_from_reply (self->last_reply);
  pb_connection_end_stage (connection, TRUE);

  if (pb_connection_get_security (connection) == PB_SECURITY_STARTTLS &&
      pb_connection_get_tls_connection (connection) == NULL)
    do_starttls (op);
  else
    pb_smtp_op_succeed (op);
}

static void
send_ehlo (PbSmtpOp *op)
{
  g_autofree char *name = helo_name (op);
  g_autofree char *line = g_strconcat ("EHLO ", name, NULL);

  pb_smtp_op_begin_stage (op, PB_STAGE_EHLO, "ehlo");
  pb_smtp_op_command (op, line, NULL, after_ehlo);
}

/* Greeting */

static void
after_greeting (PbSmtpOp *op)
{
  op->base.on_timeout = NULL;
  if (!pb_smtp_op_expect (op, 220, PB_PROBLEM_NONE))
    return;
  pb_connection_end_stage (pb_smtp_op_connection (op), TRUE);
  send_ehlo (op);
}

static void
after_probe_reply (PbSmtpOp *op)
{
  /* The server answers SMTP after all, just not in time. */
  pb_smtp_op_fail (op, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                    _("No greeting in time")),
                   PB_PROBLEM_TIMEOUT);
}

static void
after_probe_sent (PbSmtpOp *op)
{
  pb_smtp_op_read_reply (op, after_probe_reply);
}

/* The greeting did not come. An implicit-TLS server waits for our ClientHello just as we
 * wait for its greeting; it answers a line of text with an alert or by closing, while a
 * stalled SMTP server stays silent. */
static void
probe_silent_server (PbConnectionOp *base)
{
  PbSmtpOp *op = (PbSmtpOp *) base;
  guint step_ms = pb_connection_get_step_timeout (base->connection);

  op->probing = TRUE;
  pb_smtp_op_rearm (op, MIN (PROBE_TIMEOUT_MS, step_ms));
  pb_smtp_op_send_line (op, "QUIT", NULL, after_probe_sent);
}

static void
read_greeting (PbConnectionOp *base)
{
  PbSmtpOp *op = (PbSmtpOp *) base;

  pb_smtp_op_begin_stage (op, PB_STAGE_GREETING, "greeting");
  if (pb_connection_get_tls_connection (base->connection) == NULL)
    base->on_timeout = probe_silent_server;
  pb_smtp_op_read_reply (op, after_greeting);
}

void
pb_smtp_client_connect_async (PbSmtpClient        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PbSmtpOp *op;

  g_return_if_fail (PB_IS_SMTP_CLIENT (self));

  op = pb_smtp_op_new (self, pb_smtp_client_connect_async, cancellable, callback, user_data);
  pb_connection_op_connect (&op->base, read_greeting);
}

/* The fuzzer and tests hand over one end of a socketpair: the whole state machine from the
 * greeting (or TLS) on runs on it, with no resolver and no network. */
void
pb_smtp_client_connect_on_connection_async (PbSmtpClient        *self,
                                            GSocketConnection   *connection,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  PbSmtpOp *op;

  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  g_return_if_fail (G_IS_SOCKET_CONNECTION (connection));

  op = pb_smtp_op_new (self, pb_smtp_client_connect_async, cancellable, callback, user_data);
  pb_connection_op_adopt (&op->base, connection, read_greeting);
}

gboolean
pb_smtp_client_connect_finish (PbSmtpClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return pb_connection_op_finish (self, result, error);
}
