/* pb-connection-tls.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-certificate.h"
#include "pb-connection-private.h"
#include "pb-connection-tls.h"
#include "pb-net-error.h"
#include "pb-tls-policy.h"

/* After a failed implicit-TLS handshake: a second connection that is greeted in plain
 * text ("220 ...") shows the port speaks the protocol with STARTTLS, not TLS. Without it,
 * an old TLS version or a cipher mismatch would look the same. */
#define GREETING_PROBE_MS 2000

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  PbConnection *self = user_data;

  g_set_object (&self->peer_cert, certificate);
  self->cert_errors = errors;
  /* The only way past a failed validation: the user trusted exactly this certificate. */
  self->cert_pinned = pb_certificate_matches_fingerprint (certificate, self->pinned_sha256);
  return self->cert_pinned;
}

static void
on_probe_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbConnectionOp *op = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  gboolean plain = n > 0 && op->klass->is_plain_greeting (op->probe_buf, n);

  if (plain)
    pb_connection_log (op->connection, '*',
                       "a second connection was greeted in plain text: the port expects "
                       "STARTTLS");
  pb_connection_op_fail (op, g_steal_pointer (&op->probe_error), plain ? PB_PROBLEM_TLS_WRONG_PORT : PB_PROBLEM_NONE);
}

static void
on_probe_connected (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbConnectionOp *op = user_data;

  op->probe_conn = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (op->probe_conn == NULL)
    {
      pb_connection_op_fail (op, g_steal_pointer (&op->probe_error), PB_PROBLEM_NONE);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (op->probe_conn)),
                             op->probe_buf, sizeof op->probe_buf, G_PRIORITY_DEFAULT,
                             op->cancellable, on_probe_read, op);
}

static void
probe_plain_greeting (PbConnectionOp *op,
                      GError         *handshake_error)
{
  PbConnection *self = op->connection;
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (self->tcp, NULL);

  if (remote == NULL || self->socket_client == NULL)
    {
      pb_connection_op_fail (op, handshake_error, PB_PROBLEM_NONE);
      return;
    }
  op->probe_error = handshake_error;
  pb_connection_op_rearm (op, MIN (GREETING_PROBE_MS, self->clock.step_ms));
  g_socket_client_connect_async (self->socket_client, G_SOCKET_CONNECTABLE (remote),
                                 op->cancellable, on_probe_connected, op);
}

/* Right after a handshake, before anything is sent through it. A weak key counts as an
 * insecure certificate (G_TLS_CERTIFICATE_INSECURE), so the report, the JSON and the offer to
 * trust the certificate treat it like GnuTLS's own verdict on a weak signature. */
static gboolean
enforce_policy (PbConnectionOp *op)
{
  PbConnection *self = op->connection;
  PbTlsVerdict verdict;
  g_autofree char *note = NULL;

  if (pb_tls_policy_judge (self->tls, self->peer_cert, &verdict))
    return TRUE;
  if (verdict.weak_key)
    self->cert_errors |= G_TLS_CERTIFICATE_INSECURE;
  if (pb_certificate_matches_fingerprint (self->peer_cert, self->pinned_sha256))
    {
      self->cert_pinned = TRUE;
      note = pb_tls_policy_override_note (&verdict);
      pb_connection_log (self, '*', note);
      return TRUE;
    }
  pb_connection_op_fail (op, pb_tls_policy_error (&verdict, self->host),
                         verdict.outdated_version != NULL ? PB_PROBLEM_TLS_OUTDATED
                                                           : PB_PROBLEM_CERT_INSECURE);
  return FALSE;
}

static void
on_handshake (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbConnectionOp *op = user_data;
  PbConnection *self = op->connection;
  g_autoptr(GError) error = NULL;
  g_autofree char *cipher = NULL;
  g_autofree char *event = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      g_clear_object (&self->tls);
      if (self->clock.stage == PB_STAGE_TLS && self->cert_errors == 0 &&
          op->klass->is_plain_greeting != NULL &&
          (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS) ||
           g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_MISC)))
        probe_plain_greeting (op, g_steal_pointer (&error));
      else
        pb_connection_op_fail (op, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }

  self->stream = G_IO_STREAM (self->tls);
  g_set_object (&self->peer_cert, g_tls_connection_get_peer_certificate (self->tls));
  self->cert_errors = g_tls_connection_get_peer_certificate_errors (self->tls);
  cipher = g_tls_connection_get_ciphersuite_name (self->tls);
  event = g_strdup_printf ("TLS: %s, %s%s", pb_connection_get_tls_version (self) ?: "?",
                           cipher ?: "?",
                           self->cert_pinned ? ", certificate trusted by its fingerprint" : "");
  pb_connection_log (self, '*', event);
  if (!enforce_policy (op))
    return;
  pb_connection_end_stage (self, TRUE);
  op->then (op);
}

void
pb_connection_op_handshake (PbConnectionOp *op,
                            PbStage         stage,
                            const char     *name,
                            PbOpNext        next)
{
  PbConnection *self = op->connection;
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  op->then = next;
  pb_connection_op_begin_stage (op, stage, name);
  tls = g_tls_client_connection_new (G_IO_STREAM (self->tcp), identity, &error);
  if (tls == NULL)
    {
      pb_connection_op_fail (op, g_steal_pointer (&error), PB_PROBLEM_NONE);
      return;
    }
  self->tls = G_TLS_CONNECTION (tls);
  g_signal_connect_object (tls, "accept-certificate", G_CALLBACK (on_accept_certificate),
                           self, 0);
  g_tls_connection_handshake_async (self->tls, G_PRIORITY_DEFAULT, op->cancellable,
                                    on_handshake, op);
}

void
pb_connection_op_upgrade (PbConnectionOp *op,
                          PbStage         stage,
                          const char     *name,
                          PbOpNext        next)
{
  PbConnection *self = op->connection;

  /* Anything after the server's yes and before our ClientHello was not protected by TLS
   * and would be read as if it came through it (CVE-2011-0411 and the NO STARTTLS
   * "buffering"). */
  if (pb_connection_has_pending_input (self))
    {
      pb_connection_op_fail (op, g_error_new (PB_NET_ERROR, PB_NET_ERROR_INJECTION,
                                              _("The server sent data after agreeing to "
                                                "STARTTLS and before encryption started")),
                             PB_PROBLEM_STARTTLS_INJECTION);
      return;
    }
  pb_connection_end_stage (self, TRUE);
  if (op->klass->forget_session != NULL)
    op->klass->forget_session (op);
  pb_connection_op_handshake (op, stage, name, next);
}
