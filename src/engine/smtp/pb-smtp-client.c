/* pb-smtp-client.c: the client object and what it knows about the session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-connection-op.h"
#include "pb-smtp-client-private.h"

G_DEFINE_TYPE (PbSmtpClient, pb_smtp_client, G_TYPE_OBJECT)

static void
pb_smtp_client_dispose (GObject *object)
{
  PbSmtpClient *self = PB_SMTP_CLIENT (object);

  g_clear_object (&self->connection);

  G_OBJECT_CLASS (pb_smtp_client_parent_class)->dispose (object);
}

static void
pb_smtp_client_finalize (GObject *object)
{
  PbSmtpClient *self = PB_SMTP_CLIENT (object);

  g_free (self->mechanism);
  g_clear_pointer (&self->oauth_error, pb_sasl_oauth_error_free);
  g_clear_pointer (&self->caps, pb_smtp_capabilities_free);
  g_clear_pointer (&self->last_reply, pb_smtp_reply_free);

  G_OBJECT_CLASS (pb_smtp_client_parent_class)->finalize (object);
}

static void
pb_smtp_client_class_init (PbSmtpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_smtp_client_dispose;
  object_class->finalize = pb_smtp_client_finalize;
}

static void
pb_smtp_client_init (PbSmtpClient *self)
{
}

PbSmtpClient *
pb_smtp_client_new (const char *host,
                    guint16     port,
                    PbSecurity  security)
{
  PbSmtpClient *self = g_object_new (PB_TYPE_SMTP_CLIENT, NULL);

  self->connection = pb_connection_new (host, port, security);
  return self;
}

void
pb_smtp_client_set_timeouts (PbSmtpClient *self,
                             guint         step_ms,
                             guint         total_ms)
{
  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  pb_connection_set_timeouts (self->connection, step_ms, total_ms);
}


void
pb_smtp_client_set_allow_plaintext_auth (PbSmtpClient *self,
                                         gboolean      allow)
{
  g_return_if_fail (PB_IS_SMTP_CLIENT (self));
  self->allow_plaintext_auth = allow;
}

gboolean
pb_smtp_client_command_finish (PbSmtpClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return pb_connection_op_finish (self, result, error);
}

PbConnection *
pb_smtp_client_get_connection (PbSmtpClient *self)
{
  return self->connection;
}

const PbFailure *
pb_smtp_client_get_failure (PbSmtpClient *self)
{
  return pb_connection_get_failure (self->connection);
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
  return pb_transcript_get_lines (pb_connection_get_transcript (self->connection));
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
