/* pb-smtp-connect.c: resolve, connect, TLS, greeting, EHLO, STARTTLS, EHLO again
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-smtp-client-private.h"

/* How long a silent server gets to react to the probe after a missing greeting. */
#define PROBE_TIMEOUT_MS 3000

static void send_ehlo (PbSmtpOp *op);
static void read_greeting (PbSmtpOp *op);

static PbSmtpClient *
op_client (PbSmtpOp *op)
{
  return g_task_get_source_object (op->task);
}

static void
finish_connect (PbSmtpOp *op)
{
  pb_smtp_op_succeed (op);
}

/* TLS */

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  PbSmtpClient *self = user_data;

  g_set_object (&self->peer_cert, certificate);
  self->cert_errors = errors;
  /* The only way past a failed validation: the user trusted exactly this certificate. */
  self->cert_pinned = pb_smtp_client_certificate_matches_pin (self, certificate);
  return self->cert_pinned;
}

static const char *
tls_version_name (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
      return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
      return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
      return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
      return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
      return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
pb_smtp_client_get_tls_version (PbSmtpClient *self)
{
  return self->tls ? tls_version_name (g_tls_connection_get_protocol_version (self->tls)) : NULL;
}

/* After a failed implicit-TLS handshake: a second connection that is greeted in plain
 * text ("220 ...") shows the port speaks SMTP with STARTTLS, not TLS. Without it, an old
 * TLS version or a cipher mismatch would look the same. */
#define GREETING_PROBE_MS 2000

static void
on_probe_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbSmtpOp *op = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  gboolean smtp = n >= 3 && g_ascii_isdigit (op->probe_buf[0]) &&
                  g_ascii_isdigit (op->probe_buf[1]) && g_ascii_isdigit (op->probe_buf[2]);

  if (smtp)
    pb_smtp_client_log (op_client (op), '*',
                        "a second connection was greeted in plain text: the port expects "
                        "STARTTLS");
  pb_smtp_op_fail (op, g_steal_pointer (&op->probe_error), smtp ? "tls-wrong-port" : NULL);
}

static void
on_probe_connected (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbSmtpOp *op = user_data;

  op->probe_conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (op->probe_conn == NULL)
    {
      pb_smtp_op_fail (op, g_steal_pointer (&op->probe_error), NULL);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (op->probe_conn)),
                             op->probe_buf, sizeof op->probe_buf, G_PRIORITY_DEFAULT,
                             op->cancellable, on_probe_read, op);
}

static void
probe_plain_greeting (PbSmtpOp *op,
                      GError   *handshake_error)
{
  PbSmtpClient *self = op_client (op);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (self->tcp, NULL);

  if (remote == NULL)
    {
      pb_smtp_op_fail (op, handshake_error, NULL);
      return;
    }
  op->probe_error = handshake_error;
  pb_smtp_op_rearm (op, MIN (GREETING_PROBE_MS, self->step_timeout_ms));
  g_socket_client_connect_async (self->socket_client, G_SOCKET_CONNECTABLE (remote),
                                 op->cancellable, on_probe_connected, op);
}

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbSmtpOp *op = user_data;
  PbSmtpClient *self = op_client (op);
  g_autoptr(GError) error = NULL;
  g_autofree char *cipher = NULL;
  g_autofree char *event = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      g_clear_object (&self->tls);
      if (self->stage == PB_STAGE_TLS && self->cert_errors == 0 &&
          (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ||
           g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_MISC)))
        probe_plain_greeting (op, g_steal_pointer (&error));
      else
        pb_smtp_op_fail (op, g_steal_pointer (&error), NULL);
      return;
    }

  self->stream = G_IO_STREAM (self->tls);
  g_set_object (&self->peer_cert, g_tls_connection_get_peer_certificate (self->tls));
  self->cert_errors = g_tls_connection_get_peer_certificate_errors (self->tls);
  cipher = g_tls_connection_get_ciphersuite_name (self->tls);
  event = g_strdup_printf ("TLS: %s, %s%s", pb_smtp_client_get_tls_version (self) ?: "?",
                           cipher ?: "?",
                           self->cert_pinned ? ", certificate trusted by its fingerprint" : "");
  pb_smtp_client_log (self, '*', event);
  if (!pb_smtp_client_enforce_tls_policy (op))
    return;
  pb_smtp_client_end_stage (self, TRUE);

  if (self->stage == PB_STAGE_TLS)
    read_greeting (op);
  else
    {
      op->second_ehlo = TRUE;
      send_ehlo (op);
    }
}

static void
start_tls (PbSmtpOp   *op,
           PbStage     stage,
           const char *name)
{
  PbSmtpClient *self = op_client (op);
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  pb_smtp_client_begin_stage (self, op, stage, name);
  tls = g_tls_client_connection_new (G_IO_STREAM (self->tcp), identity, &error);
  if (tls == NULL)
    {
      pb_smtp_op_fail (op, g_steal_pointer (&error), NULL);
      return;
    }
  self->tls = G_TLS_CONNECTION (tls);
  g_signal_connect_object (tls, "accept-certificate", G_CALLBACK (on_accept_certificate),
                           self, 0);
  g_tls_connection_handshake_async (self->tls, G_PRIORITY_DEFAULT, op->cancellable,
                                    on_handshake, op);
}

/* STARTTLS */

static void
after_starttls (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);
  gssize pending;

  if (!pb_smtp_op_expect (op, 220, "starttls-refused"))
    return;

  /* Anything after the 220 and before our ClientHello was not protected by TLS and would
   * be read as if it came through it (CVE-2011-0411 and the NO STARTTLS "buffering"). */
  pending = g_socket_get_available_bytes (g_socket_connection_get_socket (self->tcp));
  if (self->inbuf->len > 0 || pending > 0)
    {
      pb_smtp_client_log (self, '*', "<bytes after the 220 to STARTTLS>");
      pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_STARTTLS_INJECTION,
                                        _("The server sent data after agreeing to STARTTLS "
                                          "and before encryption started")),
                       "starttls-injection");
      return;
    }
  pb_smtp_client_end_stage (self, TRUE);
  /* RFC 3207: what the server said before TLS is forgotten. */
  g_clear_pointer (&self->caps, pb_smtp_capabilities_free);
  start_tls (op, PB_STAGE_STARTTLS_HANDSHAKE, "starttls-handshake");
}

static void
do_starttls (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);

  pb_smtp_client_begin_stage (self, op, PB_STAGE_STARTTLS, "starttls");
  if (!(self->caps->flags & PB_SMTP_CAP_STARTTLS))
    {
      pb_smtp_op_fail (op, g_error_new (PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED,
                                        _("The server does not offer STARTTLS")),
                       "starttls-not-offered");
      return;
    }
  pb_smtp_op_command (op, "STARTTLS", NULL, after_starttls);
}

/* EHLO / HELO */

static char *
helo_name (PbSmtpClient *self)
{
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *ip = NULL;
  GInetAddress *address;

  /* An address literal tells the server nothing the connection does not already show. */
  local = g_socket_connection_get_local_address (self->tcp, NULL);
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
  PbSmtpClient *self = op_client (op);

  if (!pb_smtp_op_expect (op, 250, NULL))
    return;
  self->caps = g_new0 (PbSmtpCapabilities, 1);
  self->caps->auth_mechanisms = g_new0 (char *, 1);
  self->caps->keywords = g_new0 (char *, 1);
  self->caps->greeting_name = g_strdup (self->last_reply->lines[0]);
  pb_smtp_client_end_stage (self, TRUE);
  finish_connect (op);
}

/* RFC 5321 3.2 and 4.3.2: a server without ESMTP answers EHLO with 500, 501, 502 or
 * 550. 421 closes the session; any other code is no answer to EHLO at all. */
static gboolean
is_no_esmtp (guint code)
{
  return code == 500 || code == 501 || code == 502 || code == 550;
}

static void
after_ehlo (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);
  guint code = self->last_reply->code;

  if (code != 250)
    {
      const char *hint = NULL;

      /* HELO only where nothing is lost: without encryption chosen, no extension is
       * required. With STARTTLS chosen, no EHLO means no STARTTLS. */
      if (is_no_esmtp (code) && self->security == PB_SECURITY_NONE)
        {
          g_autofree char *name = helo_name (self);
          g_autofree char *line = g_strconcat ("HELO ", name, NULL);

          pb_smtp_op_command (op, line, NULL, after_helo);
          return;
        }
      /* Other codes are classified from the reply (a blocklist's words, 421, nonsense). */
      if (is_no_esmtp (code))
        hint = self->security == PB_SECURITY_STARTTLS && !op->second_ehlo
               ? "starttls-not-offered" : NULL;
      pb_smtp_op_expect (op, 250, hint);
      return;
    }

  g_clear_pointer (&self->caps, pb_smtp_capabilities_free);
  self->caps = pb_smtp_capabilities_from_reply (self->last_reply);
  pb_smtp_client_end_stage (self, TRUE);

  if (self->security == PB_SECURITY_STARTTLS && self->tls == NULL)
    do_starttls (op);
  else
    finish_connect (op);
}

static void
send_ehlo (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);
  g_autofree char *name = helo_name (self);
  g_autofree char *line = g_strconcat ("EHLO ", name, NULL);

  pb_smtp_client_begin_stage (self, op, PB_STAGE_EHLO, "ehlo");
  pb_smtp_op_command (op, line, NULL, after_ehlo);
}

/* Greeting */

static void
after_greeting (PbSmtpOp *op)
{
  op->on_timeout = NULL;
  if (!pb_smtp_op_expect (op, 220, NULL))
    return;
  pb_smtp_client_end_stage (op_client (op), TRUE);
  send_ehlo (op);
}

static void
after_probe_reply (PbSmtpOp *op)
{
  /* The server answers SMTP after all, just not in time. */
  pb_smtp_op_fail (op, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                    _("No greeting in time")),
                   "timeout");
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
probe_silent_server (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);

  op->probing = TRUE;
  pb_smtp_op_rearm (op, MIN (PROBE_TIMEOUT_MS, self->step_timeout_ms));
  pb_smtp_op_send_line (op, "QUIT", NULL, after_probe_sent);
}

static void
read_greeting (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);

  pb_smtp_client_begin_stage (self, op, PB_STAGE_GREETING, "greeting");
  if (self->tls == NULL)
    op->on_timeout = probe_silent_server;
  pb_smtp_op_read_reply (op, after_greeting);
}

/* Resolve and connect */

/* With more addresses to try, one that does not answer (a broken IPv6 route, typically)
 * gets this long before the next is tried, instead of the whole stage's time. */
#define ATTEMPT_TIMEOUT_MS 4000

static void try_next_address (PbSmtpOp *op);

static gboolean
on_attempt_timeout (gpointer user_data)
{
  PbSmtpOp *op = user_data;

  g_clear_pointer (&op->attempt_timer, g_source_unref);
  op->attempt_timed_out = TRUE;
  g_cancellable_cancel (op->attempt);
  return G_SOURCE_REMOVE;
}

static void
on_stage_cancelled (GCancellable *stage,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
clear_attempt (PbSmtpOp *op)
{
  if (op->attempt_timer != NULL)
    {
      g_source_destroy (op->attempt_timer);
      g_clear_pointer (&op->attempt_timer, g_source_unref);
    }
  if (op->attempt_id != 0 && op->cancellable != NULL)
    g_cancellable_disconnect (op->cancellable, op->attempt_id);
  op->attempt_id = 0;
  g_clear_object (&op->attempt);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbSmtpOp *op = user_data;
  PbSmtpClient *self = op_client (op);
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  clear_attempt (op);
  if (connection == NULL && op->attempt_timed_out &&
      !g_cancellable_is_cancelled (op->cancellable))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("No answer from this address"));
    }
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          pb_smtp_op_fail (op, g_steal_pointer (&error), NULL);
          return;
        }
      if (op->next_address == NULL)
        {
          /* The first address's error is the telling one (usually the preferred family). */
          pb_smtp_op_fail (op, op->first_error ? g_steal_pointer (&op->first_error)
                                               : g_steal_pointer (&error), NULL);
          return;
        }
      if (op->first_error == NULL)
        op->first_error = g_steal_pointer (&error);
      try_next_address (op);
      return;
    }

  self->tcp = connection;
  self->stream = G_IO_STREAM (connection);
  pb_smtp_client_set_nodelay (connection);
  pb_smtp_client_end_stage (self, TRUE);

  if (self->security == PB_SECURITY_TLS)
    start_tls (op, PB_STAGE_TLS, "tls");
  else
    read_greeting (op);
}

static void
try_next_address (PbSmtpOp *op)
{
  PbSmtpClient *self = op_client (op);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *ip = NULL;
  g_autofree char *event = NULL;

  address = g_inet_socket_address_new (op->next_address->data, self->port);
  ip = g_inet_address_to_string (op->next_address->data);
  event = g_strdup_printf ("connect %s port %u", ip, self->port);
  pb_smtp_client_log (self, '*', event);
  op->next_address = op->next_address->next;

  op->attempt = g_cancellable_new ();
  op->attempt_timed_out = FALSE;
  op->attempt_id = g_cancellable_connect (op->cancellable, G_CALLBACK (on_stage_cancelled),
                                          g_object_ref (op->attempt), g_object_unref);
  if (op->next_address != NULL)
    {
      op->attempt_timer = g_timeout_source_new (ATTEMPT_TIMEOUT_MS);
      g_source_set_callback (op->attempt_timer, on_attempt_timeout, op, NULL);
      g_source_attach (op->attempt_timer, g_task_get_context (op->task));
    }
  g_socket_client_connect_async (self->socket_client, G_SOCKET_CONNECTABLE (address),
                                 op->attempt, on_connected, op);
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PbSmtpOp *op = user_data;
  PbSmtpClient *self = op_client (op);
  g_autoptr(GError) error = NULL;

  op->addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  if (op->addresses == NULL)
    {
      pb_smtp_op_fail (op, g_steal_pointer (&error), NULL);
      return;
    }
  pb_smtp_client_end_stage (self, TRUE);

  op->next_address = op->addresses;
  pb_smtp_client_begin_stage (self, op, PB_STAGE_CONNECT, "connect");
  try_next_address (op);
}

static PbSmtpOp *
begin_session (PbSmtpClient        *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pb_smtp_client_connect_async);
  self->start_us = g_get_monotonic_time ();
  self->deadline_us = self->start_us + (gint64) self->total_timeout_ms * 1000;
  return pb_smtp_op_new (task);
}

void
pb_smtp_client_connect_async (PbSmtpClient        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  PbSmtpOp *op;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();

  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  g_return_if_fail (self->tcp == NULL);

  op = begin_session (self, cancellable, callback, user_data);
  self->socket_client = g_socket_client_new ();
  /* A mail server is reached directly: an HTTP proxy from the environment is not for SMTP. */
  g_socket_client_set_enable_proxy (self->socket_client, FALSE);

  pb_smtp_client_begin_stage (self, op, PB_STAGE_RESOLVE, "resolve");
  g_resolver_lookup_by_name_async (resolver, self->host, op->cancellable, on_resolved, op);

  /* Loading the TLS module and parsing the CA bundle takes milliseconds of CPU; done while
   * the resolver thread waits for DNS, it costs nothing. */
  if (self->security != PB_SECURITY_NONE)
    g_object_unref (g_tls_backend_get_default_database (g_tls_backend_get_default ()));
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
  g_return_if_fail (self->tcp == NULL);

  op = begin_session (self, cancellable, callback, user_data);
  self->tcp = g_object_ref (connection);
  self->stream = G_IO_STREAM (connection);
  if (self->security == PB_SECURITY_TLS)
    start_tls (op, PB_STAGE_TLS, "tls");
  else
    read_greeting (op);
}

gboolean
pb_smtp_client_connect_finish (PbSmtpClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
