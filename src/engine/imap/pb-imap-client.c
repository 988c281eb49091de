/* pb-imap-client.c: the client object and what it knows about the session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-imap-client-private.h"

G_DEFINE_TYPE (PbImapClient, pb_imap_client, G_TYPE_OBJECT)

static void
pb_imap_client_dispose (GObject *object)
{
  PbImapClient *self = PB_IMAP_CLIENT (object);

  g_clear_object (&self->connection);

  G_OBJECT_CLASS (pb_imap_client_parent_class)->dispose (object);
}

static void
pb_imap_client_finalize (GObject *object)
{
  PbImapClient *self = PB_IMAP_CLIENT (object);

  g_strfreev (self->capabilities);
  g_free (self->alert);
  g_strfreev (self->server_id);
  g_clear_pointer (&self->last, pb_imap_response_free);
  g_free (self->mechanism);
  g_clear_pointer (&self->oauth_error, pb_sasl_oauth_error_free);
  g_clear_pointer (&self->found, g_array_unref);
  g_clear_pointer (&self->fetched_header, g_bytes_unref);

  G_OBJECT_CLASS (pb_imap_client_parent_class)->finalize (object);
}

static void
pb_imap_client_class_init (PbImapClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_imap_client_dispose;
  object_class->finalize = pb_imap_client_finalize;
}

static void
pb_imap_client_init (PbImapClient *self)
{
  self->messages = -1;
}

PbImapClient *
pb_imap_client_new (const char *host,
                    guint16     port,
                    PbSecurity  security)
{
  PbImapClient *self = g_object_new (PB_TYPE_IMAP_CLIENT, NULL);

  self->connection = pb_connection_new (host, port, security);
  return self;
}

void
pb_imap_client_set_timeouts (PbImapClient *self,
                             guint         step_ms,
                             guint         total_ms)
{
  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  pb_connection_set_timeouts (self->connection, step_ms, total_ms);
}

void
pb_imap_client_set_pinned_certificate (PbImapClient *self,
                                       const char   *sha256)
{
  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  pb_connection_set_pinned_certificate (self->connection, sha256);
}

void
pb_imap_client_set_allow_plaintext_auth (PbImapClient *self,
                                         gboolean      allow)
{
  g_return_if_fail (PB_IS_IMAP_CLIENT (self));
  self->allow_plaintext_auth = allow;
}

void
pb_imap_client_set_identify (PbImapClient *self,
                             gboolean      identify)
{
  g_return_if_fail (PB_IS_IMAP_CLIENT (self));

  self->identify = identify;
}

GTask *
pb_imap_client_new_task (PbImapClient        *self,
                         gpointer             source_tag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

gboolean
pb_imap_client_command_finish (PbImapClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

PbConnection *
pb_imap_client_get_connection (PbImapClient *self)
{
  return self->connection;
}

const PbFailure *
pb_imap_client_get_failure (PbImapClient *self)
{
  return pb_connection_get_failure (self->connection);
}

const char * const *
pb_imap_client_get_capabilities (PbImapClient *self)
{
  return (const char * const *) self->capabilities;
}

gboolean
pb_imap_client_has_capability (PbImapClient *self,
                               const char   *capability)
{
  return self->capabilities != NULL &&
         g_strv_contains ((const char * const *) self->capabilities, capability);
}

const char *
pb_imap_client_get_alert (PbImapClient *self)
{
  return self->alert;
}

const char * const *
pb_imap_client_get_server_id (PbImapClient *self)
{
  return (const char * const *) self->server_id;
}

gint64
pb_imap_client_get_messages (PbImapClient *self)
{
  return self->messages;
}

gboolean
pb_imap_client_get_preauthenticated (PbImapClient *self)
{
  return self->preauthenticated;
}

const char *
pb_imap_client_get_auth_mechanism (PbImapClient *self)
{
  return self->mechanism;
}

gboolean
pb_imap_client_get_auth_sent (PbImapClient *self)
{
  return self->auth_sent;
}
