/* pb-smtp-client.c: the client object, stages, timeouts and the failure record
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "pb-smtp-client-private.h"

G_DEFINE_TYPE (PbSmtpClient, pb_smtp_client, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
transcript_line_free (gpointer data)
{
  PbSmtpTranscriptLine *line = data;

  g_free (line->text);
  g_free (line);
}

static void
pb_smtp_client_dispose (GObject *object)
{
  PbSmtpClient *self = PB_SMTP_CLIENT (object);

  /* Closing the socket itself never blocks; a TLS close_notify could. */
  if (self->tcp != NULL)
    g_io_stream_close (G_IO_STREAM (self->tcp), NULL, NULL);
  g_clear_object (&self->tls);
  g_clear_object (&self->tcp);
  g_clear_object (&self->socket_client);
  g_clear_object (&self->peer_cert);

  G_OBJECT_CLASS (pb_smtp_client_parent_class)->dispose (object);
}

static void
pb_smtp_client_finalize (GObject *object)
{
  PbSmtpClient *self = PB_SMTP_CLIENT (object);

  pb_smtp_client_wipe_output (self);
  g_free (self->host);
  g_free (self->pinned_sha256);
  g_free (self->mechanism);
  g_byte_array_unref (self->inbuf);
  g_clear_pointer (&self->caps, pb_smtp_capabilities_free);
  g_clear_pointer (&self->last_reply, pb_smtp_reply_free);
  g_ptr_array_unref (self->transcript);
  g_clear_pointer (&self->secrets, g_ptr_array_unref);
  pb_failure_clear (&self->failure);

  G_OBJECT_CLASS (pb_smtp_client_parent_class)->finalize (object);
}

static void
pb_smtp_client_class_init (PbSmtpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_smtp_client_dispose;
  object_class->finalize = pb_smtp_client_finalize;

  /* ::step (name, stage, ok, microseconds): one stage of the session finished. */
  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_STRING,
                                       G_TYPE_UINT, G_TYPE_BOOLEAN, G_TYPE_UINT64);
}

static void
pb_smtp_client_init (PbSmtpClient *self)
{
  self->inbuf = g_byte_array_new ();
  self->transcript = g_ptr_array_new_with_free_func (transcript_line_free);
  self->step_timeout_ms = PB_SMTP_DEFAULT_STEP_TIMEOUT_MS;
  self->total_timeout_ms = PB_SMTP_DEFAULT_TOTAL_TIMEOUT_MS;
}

PbSmtpClient *
pb_smtp_client_new (const char *host,
                    guint16     port,
                    PbSecurity  security)
{
  PbSmtpClient *self = g_object_new (PB_TYPE_SMTP_CLIENT, NULL);

  self->host = g_strdup (host);
  self->port = port;
  self->security = security;
  return self;
}

void
pb_smtp_client_set_timeouts (PbSmtpClient *self,
                             guint         step_ms,
                             guint         total_ms)
{
  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  self->step_timeout_ms = step_ms;
  self->total_timeout_ms = total_ms;
}

static char *
normalize_fingerprint (const char *sha256)
{
  GString *hex = g_string_new (NULL);

  for (const char *p = sha256; *p; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (hex, g_ascii_tolower (*p));
      else if (*p != ':' && *p != ' ')
        return g_string_free (hex, TRUE), NULL;
    }
  if (hex->len != 64)
    return g_string_free (hex, TRUE), NULL;
  return g_string_free (hex, FALSE);
}

void
pb_smtp_client_set_pinned_certificate (PbSmtpClient *self,
                                       const char   *sha256)
{
  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  g_free (self->pinned_sha256);
  self->pinned_sha256 = sha256 ? normalize_fingerprint (sha256) : NULL;
  g_warn_if_fail (sha256 == NULL || self->pinned_sha256 != NULL);
}

void
pb_smtp_client_set_allow_plaintext_auth (PbSmtpClient *self,
                                         gboolean      allow)
{
  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  self->allow_plaintext_auth = allow;
}

/* Transcript and stages */

static gint64
elapsed_ms (PbSmtpClient *self)
{
  return self->start_us ? (g_get_monotonic_time () - self->start_us) / 1000 : 0;
}

void
pb_smtp_client_log (PbSmtpClient *self,
                    char          direction,
                    const char   *text)
{
  PbSmtpTranscriptLine *line = g_new0 (PbSmtpTranscriptLine, 1);

  line->ms = elapsed_ms (self);
  line->direction = direction;
  line->text = g_strdup (text);
  g_ptr_array_add (self->transcript, line);
}

static void
on_guard_outer_cancelled (GCancellable *outer,
                          gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_guard_timeout (gpointer user_data)
{
  PbSmtpOp *op = user_data;

  op->timer = NULL;
  op->timed_out = TRUE;
  g_cancellable_cancel (op->cancellable);
  return G_SOURCE_REMOVE;
}

static void
guard_disarm (PbSmtpOp *op)
{
  if (op->timer != NULL)
    {
      g_source_destroy (op->timer);
      g_clear_pointer (&op->timer, g_source_unref);
    }
  if (op->outer_id != 0)
    g_cancellable_disconnect (op->outer, op->outer_id);
  op->outer_id = 0;
  g_clear_object (&op->cancellable);
}

void
pb_smtp_op_free (PbSmtpOp *op)
{
  guard_disarm (op);
  g_clear_object (&op->outer);
  g_clear_pointer (&op->password, pb_smtp_secret_free);
  g_free (op->username);
  g_clear_pointer (&op->payload, g_bytes_unref);
  for (guint i = 0; i < G_N_ELEMENTS (op->env_lines); i++)
    g_free (op->env_lines[i]);
  g_clear_error (&op->deferred);
  g_clear_pointer (&op->deferred_reply, pb_smtp_reply_free);
  g_resolver_free_addresses (op->addresses);
  g_clear_error (&op->first_error);
  g_clear_error (&op->probe_error);
  if (op->probe_conn != NULL)
    g_io_stream_close (G_IO_STREAM (op->probe_conn), NULL, NULL);
  g_clear_object (&op->probe_conn);
  g_free (op);
}

/* Servers echo what they got ("535 invalid: AGFsaWNl...", a 550 to MAIL FROM that quotes
 * the password): once a secret has been sent, every later reply of the session has it
 * replaced before it is logged, kept or shown. Base64 is also matched without its padding,
 * as servers quote it either way. */
void
pb_smtp_client_add_secret (PbSmtpClient *self,
                           const char   *secret,
                           gboolean      base64)
{
  char *copy = g_strdup (secret);

  if (base64)
    g_strchomp (g_strdelimit (copy, "=", ' '));
  if (*copy == '\0')
    {
      g_free (copy);
      return;
    }
  if (self->secrets == NULL)
    {
      self->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_smtp_secret_free);
      g_ptr_array_add (self->secrets, NULL);
    }
  g_ptr_array_insert (self->secrets, self->secrets->len - 1, copy);
}

PbSmtpParseResult
pb_smtp_client_parse_reply (PbSmtpClient  *self,
                            PbSmtpReply  **out,
                            gsize         *consumed,
                            GError       **error)
{
  return pb_smtp_reply_parse_redacted ((const char *) self->inbuf->data, self->inbuf->len,
                                       self->secrets ? (const char * const *) self->secrets->pdata
                                                     : NULL,
                                       out, consumed, error);
}

PbSmtpOp *
pb_smtp_op_new (GTask *task)
{
  PbSmtpOp *op = g_new0 (PbSmtpOp, 1);

  op->task = task;
  op->outer = g_task_get_cancellable (task) ? g_object_ref (g_task_get_cancellable (task)) : NULL;
  g_task_set_task_data (task, op, (GDestroyNotify) pb_smtp_op_free);
  return op;
}

/* Arms the stage's timer: the step timeout, cut short by the session's deadline. */
void
pb_smtp_client_begin_stage (PbSmtpClient *self,
                            PbSmtpOp     *op,
                            PbStage       stage,
                            const char   *name)
{
  gint64 now = g_get_monotonic_time ();
  gint64 timeout_ms = self->step_timeout_ms;

  self->stage = stage;
  self->stage_name = name;
  self->stage_start_us = now;
  if (self->deadline_us != 0)
    timeout_ms = MIN (timeout_ms, MAX (0, (self->deadline_us - now) / 1000));
  pb_smtp_op_rearm (op, timeout_ms);
}

/* A fresh timer and cancellable for the same stage. */
void
pb_smtp_op_rearm (PbSmtpOp *op,
                  guint     timeout_ms)
{
  guard_disarm (op);
  op->timed_out = FALSE;
  op->cancellable = g_cancellable_new ();
  if (op->outer != NULL)
    op->outer_id = g_cancellable_connect (op->outer, G_CALLBACK (on_guard_outer_cancelled),
                                          g_object_ref (op->cancellable), g_object_unref);
  op->timer = g_timeout_source_new (timeout_ms);
  g_source_set_callback (op->timer, on_guard_timeout, op, NULL);
  g_source_attach (op->timer, g_task_get_context (op->task));
}

void
pb_smtp_client_end_stage (PbSmtpClient *self,
                          gboolean      ok)
{
  guint64 usec = g_get_monotonic_time () - self->stage_start_us;

  if (self->stage_name == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_STEP], 0, self->stage_name, (guint) self->stage, ok, usec);
  self->stage_name = NULL;
}

/* Records the failure of the current stage and completes the operation with the original
 * error. Every failure path goes through here. */
void
pb_smtp_op_fail (PbSmtpOp   *op,
                 GError     *error,
                 const char *hint)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);
  PbFailure *f = &self->failure;

  if (op->on_timeout != NULL && op->timed_out &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      PbSmtpNext on_timeout = op->on_timeout;

      op->on_timeout = NULL;
      g_error_free (error);
      on_timeout (op);
      return;
    }
  if (op->probing)
    {
      /* The greeting never came and the probe got a close or a TLS record: the port
       * speaks implicit TLS. Anything else (silence, an SMTP reply) is a plain timeout. */
      gboolean wrong_port = g_strcmp0 (hint, "tls-wrong-port") == 0 ||
                            g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);

      op->probing = FALSE;
      op->timed_out = FALSE;
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _("No greeting from %s within the time limit"), self->host);
      hint = wrong_port ? "tls-wrong-port" : "timeout";
    }
  else if (op->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           /* Translators: the second %s is the stage, e.g. "ehlo" */
                           _("No answer from %s within the time limit (%s)"), self->host,
                           self->stage_name ? self->stage_name : "?");
      if (self->stage != PB_STAGE_CONNECT)
        hint = "timeout";
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    hint = "cancelled";
  else if (hint == NULL && error->domain == PB_SMTP_ERROR && error->code == PB_SMTP_ERROR_PROTOCOL)
    hint = "protocol-error";

  pb_failure_clear (f);
  f->stage = self->stage;
  f->error = error;
  f->host = g_strdup (self->host);
  f->port = self->port;
  f->security = self->security;
  f->problem_hint = hint;
  f->cert_errors = self->cert_errors;
  f->tls_version = pb_smtp_client_get_tls_version (self);
  if (error->domain == PB_SMTP_ERROR && error->code == PB_SMTP_ERROR_REPLY && self->last_reply)
    {
      f->smtp_code = self->last_reply->code;
      f->enhanced_code = g_strdup (self->last_reply->enhanced_code);
      f->reply_text = g_strdup (self->last_reply->text);
    }
  if (self->stage_name != NULL)
    pb_smtp_client_log (self, '*', error->message);
  pb_smtp_client_end_stage (self, FALSE);
  guard_disarm (op);
  g_task_return_error (op->task, g_error_copy (error));
  g_object_unref (op->task);
}

void
pb_smtp_op_succeed (PbSmtpOp *op)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);

  pb_smtp_client_end_stage (self, TRUE);
  guard_disarm (op);
  g_task_return_boolean (op->task, TRUE);
  g_object_unref (op->task);
}

/* Accessors */

const PbFailure *
pb_smtp_client_get_failure (PbSmtpClient *self)
{
  return &self->failure;
}

const PbSmtpCapabilities *
pb_smtp_client_get_capabilities (PbSmtpClient *self)
{
  return self->caps;
}

const PbSmtpReply *
pb_smtp_client_get_last_reply (PbSmtpClient *self)
{
  return self->last_reply;
}

GPtrArray *
pb_smtp_client_get_transcript (PbSmtpClient *self)
{
  return self->transcript;
}

GTlsConnection *
pb_smtp_client_get_tls_connection (PbSmtpClient *self)
{
  return self->tls;
}

GTlsCertificate *
pb_smtp_client_get_peer_certificate (PbSmtpClient *self)
{
  return self->peer_cert;
}

GTlsCertificateFlags
pb_smtp_client_get_certificate_errors (PbSmtpClient *self)
{
  return self->cert_errors;
}

gboolean
pb_smtp_client_get_certificate_pinned (PbSmtpClient *self)
{
  return self->cert_pinned;
}

const char *
pb_smtp_client_get_auth_mechanism (PbSmtpClient *self)
{
  return self->mechanism;
}

gboolean
pb_smtp_client_get_auth_sent (PbSmtpClient *self)
{
  return self->auth_sent;
}

gboolean
pb_smtp_client_command_finish (PbSmtpClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
pb_certificate_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *out;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  out = g_string_new (NULL);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (out, "%s%c%c", i ? ":" : "", hex[i], hex[i + 1]);
  return g_string_free (out, FALSE);
}

gboolean
pb_smtp_client_certificate_matches_pin (PbSmtpClient    *self,
                                        GTlsCertificate *certificate)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *plain = NULL;

  if (self->pinned_sha256 == NULL)
    return FALSE;
  fingerprint = pb_certificate_sha256 (certificate);
  plain = fingerprint ? normalize_fingerprint (fingerprint) : NULL;
  return plain != NULL && g_str_equal (plain, self->pinned_sha256);
}

void
pb_smtp_client_set_nodelay (GSocketConnection *connection)
{
  /* Commands are single small writes that wait for an answer: Nagle would only add delay. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY,
                       1, NULL);
}
