/* pb-check-imap.c: IMAP's client as the incoming check's steps
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-check-imap.h"
#include "pb-check-incoming.h"
#include "pb-imap.h"
#include "pb-imap-auth-oauth.h"

/* The examined mailbox: read-only, and the one every account has. */
#define MAILBOX "INBOX"

static gpointer
imap_new (const PbServerConfig *config,
          gboolean              allow_plaintext_auth)
{
  PbImapClient *client = pb_imap_client_new (config->host, config->port, config->security);

  pb_imap_client_set_allow_plaintext_auth (client, allow_plaintext_auth);
  /* ID rides along with EXAMINE: the check costs no round trip for it. */
  pb_imap_client_set_identify (client, TRUE);
  return client;
}

static void
imap_examine (gpointer             client,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  pb_imap_client_examine_async (client, MAILBOX, cancellable, callback, user_data);
}

/* AUTH=PLAIN among the capabilities is the mechanism PLAIN. */
static char **
mechanisms_of (const char * const *capabilities)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **mechanisms;

  for (guint i = 0; capabilities != NULL && capabilities[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (capabilities[i], "AUTH=", 5) == 0)
        g_strv_builder_add (builder, capabilities[i] + 5);
    }
  mechanisms = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return mechanisms;
}

/* What the client knows now (capabilities, login facts, alert, the mailbox) into r. */
static void
imap_collect (PbImapClient  *client,
              PbCheckResult *r)
{
  const char * const *capabilities = pb_imap_client_get_capabilities (client);
  const char *alert = pb_imap_client_get_alert (client);
  gint64 messages = pb_imap_client_get_messages (client);

  if (capabilities != NULL)
    {
      g_auto(GStrv) mechanisms = mechanisms_of (capabilities);

      g_strfreev (r->capabilities);
      r->capabilities = g_strdupv ((char **) capabilities);
      /* After the login a server lists what it offers now, no AUTH= any more: the
       * mechanisms are the ones it offered for the login. */
      if (mechanisms[0] != NULL || r->auth_mechanisms == NULL)
        {
          g_strfreev (r->auth_mechanisms);
          r->auth_mechanisms = g_steal_pointer (&mechanisms);
        }
    }
  r->auth_sent = pb_imap_client_get_auth_sent (client);
  g_free (r->auth_mechanism);
  r->auth_mechanism = g_strdup (pb_imap_client_get_auth_mechanism (client));
  if (alert != NULL)
    {
      g_free (r->alert);
      r->alert = g_strdup (alert);
    }
  if (messages >= 0)
    {
      g_free (r->mailbox_name);
      r->mailbox_name = g_strdup (MAILBOX);
      r->mailbox_messages = messages;
    }
}

/* After a failure: is the dialogue still in step, so that LOGOUT is polite and safe (a
 * refusal), not after garbage, a timeout, a closed session or an injection? */
static gboolean
imap_in_step (PbImapClient *client,
              const GError *error)
{
  if (error == NULL || error->domain != PB_IMAP_ERROR)
    return FALSE;
  switch (error->code)
    {
    case PB_IMAP_ERROR_REFUSED:
    case PB_IMAP_ERROR_AUTH_FAILED:
    case PB_IMAP_ERROR_NO_MAILBOX:
    case PB_IMAP_ERROR_NOT_OFFERED:
    case PB_IMAP_ERROR_POLICY:
    case PB_IMAP_ERROR_LOGIN_DISABLED:
    case PB_IMAP_ERROR_NO_STARTTLS:
      return TRUE;
    default:
      return FALSE;
    }
}

static const PbCheckIncomingClass imap_class = {
  .new_client = imap_new,
  .get_connection = (PbConnection *(*) (gpointer)) pb_imap_client_get_connection,
  .get_failure = (const PbFailure *(*) (gpointer)) pb_imap_client_get_failure,
  .finish = (gboolean (*) (gpointer, GAsyncResult *, GError **)) pb_imap_client_command_finish,
  .connect = (PbCheckIncomingStep) pb_imap_client_connect_async,
  .login = (void (*) (gpointer, PbAuthMethod, const char *, const char *, GCancellable *,
                      GAsyncReadyCallback, gpointer)) pb_imap_client_login_async,
  .login_token = (void (*) (gpointer, const char *, const char *, GCancellable *,
                            GAsyncReadyCallback, gpointer)) pb_imap_client_login_token_async,
  .get_oauth_error = (const PbSaslOAuthError *(*) (gpointer)) pb_imap_client_get_oauth_error,
  .mailbox = imap_examine,
  .quit = (PbCheckIncomingStep) pb_imap_client_logout_async,
  .collect = (void (*) (gpointer, PbCheckResult *)) imap_collect,
  .in_step = (gboolean (*) (gpointer, const GError *)) imap_in_step,
};

const PbCheckIncomingClass *
pb_check_imap_get_class (void)
{
  return &imap_class;
}

void
pb_check_imap_run (PbCheckSession *session)
{
  pb_check_incoming_run (session, &imap_class);
}
