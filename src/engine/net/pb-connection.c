/* pb-connection.c: the connection's state, stages and transcript
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-certificate.h"
#include "pb-connection-private.h"
#include "pb-sasl.h"
#include "pb-secret.h"
#include "pb-tls-policy.h"

G_DEFINE_FINAL_TYPE (PbConnection, pb_connection, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_connection_dispose (GObject *object)
{
  PbConnection *self = PB_CONNECTION (object);

  /* Closing the socket itself never blocks; a TLS close_notify could. */
  if (self->tcp != NULL)
    g_io_stream_close (G_IO_STREAM (self->tcp), NULL, NULL);
  g_clear_object (&self->tls);
  g_clear_object (&self->tcp);
  self->stream = NULL;
  g_clear_object (&self->socket_client);
  g_clear_object (&self->peer_cert);

  G_OBJECT_CLASS (pb_connection_parent_class)->dispose (object);
}

static void
pb_connection_finalize (GObject *object)
{
  PbConnection *self = PB_CONNECTION (object);

  if (self->outbuf != NULL)
    explicit_bzero (self->outbuf, self->outlen);
  g_free (self->outbuf);
  g_free (self->host);
  g_free (self->pinned_sha256);
  pb_line_reader_free (self->reader);
  pb_transcript_free (self->transcript);
  pb_failure_clear (&self->failure);

  G_OBJECT_CLASS (pb_connection_parent_class)->finalize (object);
}

static void
pb_connection_class_init (PbConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_connection_dispose;
  object_class->finalize = pb_connection_finalize;

  /* ::step (name, stage, ok, microseconds): one stage of the session finished. */
  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_STRING,
                                       G_TYPE_UINT, G_TYPE_BOOLEAN, G_TYPE_UINT64);
}

static void
pb_connection_init (PbConnection *self)
{
  self->reader = pb_line_reader_new ();
  self->transcript = pb_transcript_new ();
  pb_stage_clock_init (&self->clock, PB_CONNECTION_DEFAULT_STEP_TIMEOUT_MS,
                       PB_CONNECTION_DEFAULT_TOTAL_TIMEOUT_MS);
}

PbConnection *
pb_connection_new (const char *host,
                   guint16     port,
                   PbSecurity  security)
{
  PbConnection *self = g_object_new (PB_TYPE_CONNECTION, NULL);

  self->host = g_strdup (host);
  self->port = port;
  self->security = security;
  return self;
}

void
pb_connection_set_timeouts (PbConnection *self,
                            guint         step_ms,
                            guint         total_ms)
{
  g_return_if_fail (PB_IS_CONNECTION (self));
  pb_stage_clock_init (&self->clock, step_ms, total_ms);
}

void
pb_connection_set_pinned_certificate (PbConnection *self,
                                      const char   *sha256)
{
  g_return_if_fail (PB_IS_CONNECTION (self));
  g_free (self->pinned_sha256);
  self->pinned_sha256 = sha256 ? pb_certificate_normalize_fingerprint (sha256) : NULL;
  g_warn_if_fail (sha256 == NULL || self->pinned_sha256 != NULL);
}

const char *
pb_connection_get_host (PbConnection *self)
{
  return self->host;
}

guint16
pb_connection_get_port (PbConnection *self)
{
  return self->port;
}

PbSecurity
pb_connection_get_security (PbConnection *self)
{
  return self->security;
}

guint
pb_connection_get_step_timeout (PbConnection *self)
{
  return self->clock.step_ms;
}

GSocketConnection *
pb_connection_get_socket_connection (PbConnection *self)
{
  return self->tcp;
}

GTlsConnection *
pb_connection_get_tls_connection (PbConnection *self)
{
  return self->tls;
}

GTlsCertificate *
pb_connection_get_peer_certificate (PbConnection *self)
{
  return self->peer_cert;
}

GTlsCertificateFlags
pb_connection_get_certificate_errors (PbConnection *self)
{
  return self->cert_errors;
}

gboolean
pb_connection_get_certificate_pinned (PbConnection *self)
{
  return self->cert_pinned;
}

const char *
pb_connection_get_tls_version (PbConnection *self)
{
  return self->tls ? pb_tls_version_to_string (g_tls_connection_get_protocol_version (self->tls))
                   : NULL;
}

gboolean
pb_connection_may_send_password (PbConnection *self,
                                 gboolean      plaintext_allowed)
{
  if (self->tls != NULL)
    return TRUE;
  return self->security == PB_SECURITY_NONE && plaintext_allowed;
}

const PbFailure *
pb_connection_get_failure (PbConnection *self)
{
  return &self->failure;
}

PbLineReader *
pb_connection_get_reader (PbConnection *self)
{
  return self->reader;
}

void
pb_connection_read_waiting (PbConnection *self,
                            gsize         max_len)
{
  GInputStream *in = g_io_stream_get_input_stream (self->stream);

  if (!G_IS_POLLABLE_INPUT_STREAM (in) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (in)))
    return;
  while (pb_line_reader_get_length (self->reader) <= max_len)
    {
      /* A TLS 1.3 session ticket is consumed here and yields no bytes: only application
       * data counts. An error or the end of the stream is left to the next read. */
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (in),
                                                           self->readbuf, sizeof self->readbuf,
                                                           NULL, NULL);
      if (n <= 0)
        return;
      pb_line_reader_append (self->reader, self->readbuf, n);
    }
}

gboolean
pb_connection_has_pending_input (PbConnection *self)
{
  gssize pending = g_socket_get_available_bytes (g_socket_connection_get_socket (self->tcp));

  return pb_line_reader_get_length (self->reader) > 0 || pending > 0;
}

PbTranscript *
pb_connection_get_transcript (PbConnection *self)
{
  return self->transcript;
}

void
pb_connection_log (PbConnection *self,
                   char          direction,
                   const char   *text)
{
  pb_transcript_add (self->transcript, direction, text);
}

void
pb_connection_add_secret (PbConnection *self,
                          const char   *secret,
                          gboolean      base64)
{
  pb_transcript_add_secret (self->transcript, secret, base64);
}

void
pb_connection_add_password (PbConnection *self,
                            const char   *password)
{
  g_autoptr(PbSecret) bare = pb_sasl_base64 (password);

  pb_transcript_add_secret (self->transcript, password, FALSE);
  pb_transcript_add_secret (self->transcript, bare, TRUE);
}

guint
pb_connection_begin_stage (PbConnection *self,
                           PbStage       stage,
                           const char   *name)
{
  return pb_stage_clock_begin (&self->clock, stage, name);
}

void
pb_connection_end_stage (PbConnection *self,
                         gboolean      ok)
{
  PbStage stage = self->clock.stage;
  const char *name = self->clock.name;
  guint64 usec;

  if (!pb_stage_clock_end (&self->clock, &usec))
    return;
  g_signal_emit (self, signals[SIGNAL_STEP], 0, name, (guint) stage, ok, usec);
}

guint
pb_connection_limit_timeout (PbConnection *self,
                             guint         want_ms)
{
  return pb_stage_clock_limit (&self->clock, want_ms);
}
