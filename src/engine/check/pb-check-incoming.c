/* pb-check-incoming.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-check-incoming.h"

typedef enum {
  PHASE_CONNECT,
  PHASE_AUTH,
  PHASE_MAILBOX,
  PHASE_QUIT,
  PHASE_DONE,
} Phase;

typedef struct {
  PbCheckSession             *s;
  const PbCheckIncomingClass *klass;
  gpointer                    client;
  Phase                       phase;
} IncomingRun;

static void advance (IncomingRun *run);

/* The step after phase, when the one in phase went well. */
static Phase
next_phase (IncomingRun *run)
{
  switch (run->phase)
    {
    case PHASE_CONNECT:
      return PHASE_AUTH;
    case PHASE_AUTH:
      return run->s->result->authenticated ? PHASE_MAILBOX : PHASE_QUIT;
    case PHASE_MAILBOX:
      return PHASE_QUIT;
    case PHASE_QUIT:
    case PHASE_DONE:
    default:
      return PHASE_DONE;
    }
}

static void
on_step_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  IncomingRun *run = user_data;
  PbCheckResult *r = run->s->result;
  g_autoptr(GError) error = NULL;
  gboolean done = run->klass->finish (run->client, result, &error);

  if (run->phase == PHASE_AUTH)
    {
      pb_check_session_forget_password (run->s);
      r->authenticated = done;
    }
  if (run->phase <= PHASE_MAILBOX)
    {
      pb_check_session_collect_tls (run->s);
      run->klass->collect (run->client, r);
    }
  /* A failed goodbye changes nothing of what the check found. */
  if (done || run->phase == PHASE_QUIT)
    run->phase = next_phase (run);
  else
    {
      if (run->klass->get_oauth_error != NULL)
        run->s->oauth_error = run->klass->get_oauth_error (run->client);
      pb_check_session_record_failure (run->s, run->klass->get_failure (run->client));
      run->phase = run->klass->in_step (run->client, error) ? PHASE_QUIT : PHASE_DONE;
    }
  advance (run);
}

static void
advance (IncomingRun *run)
{
  GCancellable *cancellable = g_task_get_cancellable (run->s->task);
  PbCheckSession *session = run->s;

  /* A client without a token login does not try one: the login is not tested. */
  if (run->phase == PHASE_AUTH && session->token != NULL && run->klass->login_token == NULL)
    pb_check_session_forget_password (session);
  if (run->phase == PHASE_AUTH && !pb_check_session_will_login (session))
    run->phase = PHASE_QUIT;
  switch (run->phase)
    {
    case PHASE_CONNECT:
      run->klass->connect (run->client, cancellable, on_step_done, run);
      break;
    case PHASE_AUTH:
      if (session->token != NULL)
        run->klass->login_token (run->client, session->options.username, session->token,
                                 cancellable, on_step_done, run);
      else
        run->klass->login (run->client, session->config->auth, session->options.username,
                           session->password, cancellable, on_step_done, run);
      break;
    case PHASE_MAILBOX:
      run->klass->mailbox (run->client, cancellable, on_step_done, run);
      break;
    case PHASE_QUIT:
      run->klass->quit (run->client, cancellable, on_step_done, run);
      break;
    case PHASE_DONE:
    default:
      /* The client, and the copies of the password it kept for redacting replies, go now. */
      g_clear_object (&run->client);
      g_free (run);
      pb_check_session_finish (session);
      break;
    }
}

void
pb_check_incoming_run (PbCheckSession             *session,
                       const PbCheckIncomingClass *klass)
{
  IncomingRun *run = g_new0 (IncomingRun, 1);

  run->s = session;
  run->klass = klass;
  run->client = klass->new_client (session->config, session->options.allow_plaintext_auth);
  pb_check_session_attach (session, klass->get_connection (run->client));
  run->phase = PHASE_CONNECT;
  advance (run);
}
