/* pb-check-pop3.c: POP3's client as the incoming check's steps
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-check-incoming.h"
#include "pb-check-pop3.h"
#include "pb-pop3.h"

static gpointer
pop3_new (const PbServerConfig *config,
          gboolean              allow_plaintext_auth)
{
  PbPop3Client *client = pb_pop3_client_new (config->host, config->port, config->security);

  pb_pop3_client_set_allow_plaintext_auth (client, allow_plaintext_auth);
  return client;
}

static void
pop3_collect (gpointer       data,
              PbCheckResult *r)
{
  PbPop3Client *client = data;
  const PbPop3Capabilities *caps = pb_pop3_client_get_capabilities (client);
  guint messages = 0;
  guint64 octets = 0;

  if (caps != NULL)
    {
      g_strfreev (r->capabilities);
      g_strfreev (r->auth_mechanisms);
      r->capabilities = g_strdupv (caps->lines);
      r->auth_mechanisms = g_strdupv (caps->sasl_mechanisms);
    }
  r->auth_sent = pb_pop3_client_get_auth_sent (client);
  g_free (r->auth_mechanism);
  r->auth_mechanism = g_strdup (pb_pop3_client_get_auth_mechanism (client));
  if (pb_pop3_client_get_mailbox (client, &messages, &octets))
    r->mailbox_messages = messages;
}

static gboolean
pop3_in_step (gpointer      client,
              const GError *error)
{
  if (error == NULL || error->domain != PB_POP3_ERROR)
    return FALSE;
  switch (error->code)
    {
    case PB_POP3_ERROR_REFUSED:
    case PB_POP3_ERROR_NO_STLS:
    case PB_POP3_ERROR_NOT_OFFERED:
    case PB_POP3_ERROR_POLICY:
    case PB_POP3_ERROR_AUTH_FAILED:
    case PB_POP3_ERROR_IN_USE:
    case PB_POP3_ERROR_LOGIN_DELAY:
    case PB_POP3_ERROR_TEMPORARY:
    case PB_POP3_ERROR_PERMANENT:
      return TRUE;
    default:
      return FALSE;
    }
}

static const PbCheckIncomingClass pop3_class = {
  .new_client = pop3_new,
  .get_connection = (PbConnection *(*) (gpointer)) pb_pop3_client_get_connection,
  .get_failure = (const PbFailure *(*) (gpointer)) pb_pop3_client_get_failure,
  .finish = (gboolean (*) (gpointer, GAsyncResult *, GError **)) pb_pop3_client_finish,
  .connect = (PbCheckIncomingStep) pb_pop3_client_connect_async,
  .login = (void (*) (gpointer, PbAuthMethod, const char *, const char *, GCancellable *,
                      GAsyncReadyCallback, gpointer)) pb_pop3_client_authenticate_async,
  .mailbox = (PbCheckIncomingStep) pb_pop3_client_stat_async,
  .quit = (PbCheckIncomingStep) pb_pop3_client_quit_async,
  .collect = pop3_collect,
  .in_step = pop3_in_step,
};

const PbCheckIncomingClass *
pb_check_pop3_get_class (void)
{
  return &pop3_class;
}

void
pb_check_pop3_run (PbCheckSession *session)
{
  pb_check_incoming_run (session, &pop3_class);
}
