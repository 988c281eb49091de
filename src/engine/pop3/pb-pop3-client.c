/* pb-pop3-client.c: the client object and what it knows about the session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-connection-op.h"
#include "pb-pop3-client-private.h"
#include "pb-sasl.h"

G_DEFINE_TYPE (PbPop3Client, pb_pop3_client, G_TYPE_OBJECT)

/* The connection is a plain object the client alone holds: no cycle to break in dispose. */
static void
pb_pop3_client_finalize (GObject *object)
{
  PbPop3Client *self = PB_POP3_CLIENT (object);

  g_object_unref (self->connection);
  g_clear_pointer (&self->caps, pb_pop3_capabilities_free);
  g_clear_pointer (&self->last_reply, pb_pop3_reply_free);
  g_free (self->uid);
  g_clear_pointer (&self->header, g_bytes_unref);
  G_OBJECT_CLASS (pb_pop3_client_parent_class)->finalize (object);
}

static void
pb_pop3_client_class_init (PbPop3ClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_pop3_client_finalize;
}

static void
pb_pop3_client_init (PbPop3Client *self)
{
}

PbPop3Client *
pb_pop3_client_new (const char *host,
                    guint16     port,
                    PbSecurity  security)
{
  PbPop3Client *self = g_object_new (PB_TYPE_POP3_CLIENT, NULL);

  self->connection = pb_connection_new (host, port, security);
  return self;
}

void
pb_pop3_client_set_allow_plaintext_auth (PbPop3Client *self,
                                         gboolean      allow)
{
  g_return_if_fail (PB_IS_POP3_CLIENT (self));
  self->allow_plaintext_auth = allow;
}

gboolean
pb_pop3_client_finish (PbPop3Client  *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return pb_connection_op_finish (self, result, error);
}

PbConnection *
pb_pop3_client_get_connection (PbPop3Client *self)
{
  return self->connection;
}

const PbFailure *
pb_pop3_client_get_failure (PbPop3Client *self)
{
  return pb_connection_get_failure (self->connection);
}

const PbPop3Capabilities *
pb_pop3_client_get_capabilities (PbPop3Client *self)
{
  return self->caps;
}

const PbPop3Reply *
pb_pop3_client_get_last_reply (PbPop3Client *self)
{
  return self->last_reply;
}

PbPop3Login
pb_pop3_client_get_login (PbPop3Client *self)
{
  return self->login;
}

const char *
pb_pop3_client_get_auth_mechanism (PbPop3Client *self)
{
  switch (self->login)
    {
    case PB_POP3_LOGIN_SASL_PLAIN:
      return pb_sasl_mechanism_to_string (PB_SASL_PLAIN);
    case PB_POP3_LOGIN_SASL_CRAM_MD5:
      return pb_sasl_mechanism_to_string (PB_SASL_CRAM_MD5);
    case PB_POP3_LOGIN_USER:
      return "USER";
    case PB_POP3_LOGIN_NONE:
    default:
      return NULL;
    }
}

gboolean
pb_pop3_client_get_auth_sent (PbPop3Client *self)
{
  return self->auth_sent;
}

gboolean
pb_pop3_client_get_mailbox (PbPop3Client *self,
                            guint        *messages,
                            guint64      *octets)
{
  if (messages != NULL)
    *messages = self->have_stat ? self->messages : 0;
  if (octets != NULL)
    *octets = self->have_stat ? self->octets : 0;
  return self->have_stat;
}
