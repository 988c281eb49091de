/* pb-round-trip-pop3.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-check-pop3.h"
#include "pb-pop3.h"
#include "pb-round-trip-pop3.h"
#include "pb-secret.h"

/* The ids of messages seen not to be ours, kept at most this many. */
#define MAX_SEEN 10000

typedef enum {
  PHASE_CONNECT,
  PHASE_AUTH,
  PHASE_STAT,
  PHASE_UIDL,
  PHASE_TOP,
  PHASE_DELETE,
  PHASE_QUIT,
  PHASE_PAUSE,
  PHASE_DONE,
} Phase;

static void advance (PbRoundTripSession *self);
static void start_look (PbRoundTripSession *self);

static gboolean
uses_uidl (PbRoundTripSession *self)
{
  return !self->no_uidl && pb_pop3_client_may_have_uidl (self->client);
}

/* The next message of this look, newest first; QUIT when the look is over. */
static Phase
next_message (PbRoundTripSession *self)
{
  if (self->message == 0 || self->inspected == PB_ROUND_TRIP_POP3_MAX_INSPECT)
    return PHASE_QUIT;
  self->inspected++;
  return uses_uidl (self) ? PHASE_UIDL : PHASE_TOP;
}

static Phase
older_message (PbRoundTripSession *self)
{
  self->message--;
  return next_message (self);
}

/* TOP is optional (RFC 1939 7): without it the header of a message cannot be read short of
 * downloading all of it, and the round trip cannot tell its message from another. */
static Phase
no_top (PbRoundTripSession *self)
{
  pb_round_trip_session_fail (self, g_error_new (PB_POP3_ERROR, PB_POP3_ERROR_REFUSED,
                                                 _("The server does not offer TOP, which "
                                                   "reads a message’s header")),
                              PB_PROBLEM_POP3_NO_TOP);
  return PHASE_QUIT;
}

/* Whether the server answered CAPA (RFC 2449): then what it lacks, it does not have. */
static gboolean
announces (PbRoundTripSession *self)
{
  const PbPop3Capabilities *caps = pb_pop3_client_get_capabilities (self->client);

  return caps != NULL && caps->announced;
}

static Phase
after_stat (PbRoundTripSession *self)
{
  const PbPop3Capabilities *caps = pb_pop3_client_get_capabilities (self->client);
  guint messages = 0;

  if (announces (self) && !(caps->flags & PB_POP3_CAP_TOP))
    return no_top (self);
  pb_pop3_client_get_mailbox (self->client, &messages, NULL);
  self->message = messages;
  self->inspected = 0;
  pb_round_trip_session_start_progress (self);
  return next_message (self);
}

static Phase
after_uidl (PbRoundTripSession *self)
{
  const char *uid = pb_pop3_client_get_uid (self->client);

  return g_hash_table_contains (self->seen, uid) ? older_message (self) : PHASE_TOP;
}

/* Ours: its header names our Message-ID, or one too big to keep (an MTA may add a long
 * line to ours too) did so among the lines passed over; its fields are then not known. */
static gboolean
is_ours (PbRoundTripSession *self)
{
  GBytes *header = pb_pop3_client_get_header (self->client);
  gsize len = 0;
  const char *data = header != NULL ? g_bytes_get_data (header, &len) : NULL;

  if (data != NULL)
    return pb_round_trip_result_take_header (self->result, data, len);
  return pb_pop3_client_get_id_passed_over (self->client);
}

/* Ours: found, and removed unless asked not to. Another's: not read again. */
static Phase
after_top (PbRoundTripSession *self)
{
  const char *uid = uses_uidl (self) ? pb_pop3_client_get_uid (self->client) : NULL;

  if (is_ours (self))
    {
      pb_round_trip_session_found (self);
      if (self->remove)
        return PHASE_DELETE;
      self->result->disposal = PB_ROUND_TRIP_LEFT_ASKED;
      return PHASE_QUIT;
    }
  if (uid != NULL && g_hash_table_size (self->seen) < MAX_SEEN)
    g_hash_table_add (self->seen, g_strdup (uid));
  return older_message (self);
}

/* After the goodbye: the deletion is done (RFC 1939 6), and another look follows while the
 * message has not come and nothing failed. */
static Phase
after_quit (PbRoundTripSession *self,
            gboolean            done)
{
  PbCheckResult *r = self->session.result;

  if (self->marked)
    self->result->disposal = done ? PB_ROUND_TRIP_DELETED : PB_ROUND_TRIP_MAY_REMAIN;
  if (self->busy)
    {
      self->busy = FALSE;
      return PHASE_PAUSE;
    }
  return self->result->delivered || !r->ok || !r->authenticated ? PHASE_DONE : PHASE_PAUSE;
}

/* A look got in: the looks refused for now before it no longer count. */
static Phase
after_login (PbRoundTripSession *self)
{
  if (!self->session.result->authenticated)
    return PHASE_QUIT;
  self->logged_in = TRUE;
  self->refused = 0;
  self->login_at = g_get_monotonic_time ();
  return PHASE_STAT;
}

/* The step after the one in phase went well. */
static Phase
next_phase (PbRoundTripSession *self)
{
  switch (self->phase)
    {
    case PHASE_CONNECT:
      return PHASE_AUTH;
    case PHASE_AUTH:
      return after_login (self);
    case PHASE_STAT:
      return after_stat (self);
    case PHASE_UIDL:
      return after_uidl (self);
    case PHASE_TOP:
      self->top_worked = TRUE;
      return after_top (self);
    case PHASE_DELETE:
      self->marked = TRUE;
      return PHASE_QUIT;
    case PHASE_QUIT:
      return after_quit (self, TRUE);
    case PHASE_PAUSE:
    case PHASE_DONE:
    default:
      return PHASE_DONE;
    }
}

/* A login refused for now (RFC 2449 8.1: the mailbox in use, a login too soon, the
 * server's passing trouble) after an earlier look's was accepted: the password is right,
 * and the next look may get in. */
static gboolean
is_refused_for_now (PbRoundTripSession *self,
                    const GError       *error)
{
  return self->phase == PHASE_AUTH && self->logged_in &&
         (g_error_matches (error, PB_POP3_ERROR, PB_POP3_ERROR_IN_USE) ||
          g_error_matches (error, PB_POP3_ERROR, PB_POP3_ERROR_LOGIN_DELAY) ||
          g_error_matches (error, PB_POP3_ERROR, PB_POP3_ERROR_TEMPORARY));
}

/* This look's login was refused for now: the next look tries again; the refusal is kept
 * for the end, should no look get in any more. */
static Phase
note_refusal (PbRoundTripSession *self)
{
  pb_connection_log (self->session.connection, '*',
                     "<refused for now; the next look logs in again>");
  self->busy = TRUE;
  self->refused++;
  pb_failure_clear (&self->refusal);
  pb_failure_copy_into (self->klass->get_failure (self->client), &self->refusal);
  return PHASE_QUIT;
}

/* A server without UIDL (optional, RFC 1939 7) is read by TOP alone; a refused DELE
 * leaves the message; a failed goodbye may leave it; a login refused for now pauses;
 * anything else ends the round trip. */
static Phase
phase_after_failure (PbRoundTripSession *self,
                     const GError       *error)
{
  gboolean in_step = self->klass->in_step (self->client, error);

  if (self->phase == PHASE_QUIT)
    return after_quit (self, FALSE);
  if (in_step && is_refused_for_now (self, error))
    return note_refusal (self);
  if (in_step && self->phase == PHASE_UIDL)
    {
      self->no_uidl = TRUE;
      return PHASE_TOP;
    }
  /* Without CAPA only a TOP refused before any was answered says TOP is missing (a later
   * one may be for a message deleted meanwhile). */
  if (in_step && self->phase == PHASE_TOP && !announces (self) && !self->top_worked &&
      g_error_matches (error, PB_POP3_ERROR, PB_POP3_ERROR_REFUSED))
    return no_top (self);
  if (self->phase == PHASE_DELETE)
    {
      self->result->disposal = PB_ROUND_TRIP_LEFT_FAILED;
      if (in_step)
        return PHASE_QUIT;
    }
  pb_round_trip_session_record_failure (self);
  return in_step ? PHASE_QUIT : PHASE_DONE;
}

static void
on_step_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbRoundTripSession *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = pb_round_trip_session_step_done (self, result, self->phase == PHASE_AUTH,
                                                   self->phase <= PHASE_STAT, &error);
  const PbPop3Capabilities *caps = pb_pop3_client_get_capabilities (self->client);

  if (caps != NULL && (caps->flags & PB_POP3_CAP_LOGIN_DELAY))
    self->login_delay_ms = MIN (caps->login_delay, 3600) * 1000;

  self->phase = done ? next_phase (self) : phase_after_failure (self, error);
  advance (self);
}

static void
on_pause_over (PbRoundTripSession *self,
               gboolean            cancelled)
{
  if (cancelled)
    {
      self->phase = PHASE_DONE;
      advance (self);
      return;
    }
  start_look (self);
}

/* The bound passed, and every look since the last that got in was refused for now: the
 * inbox was not seen since, so that the message may have come unseen. The verdict is the
 * round trip's own, with the server's last refusal as its reply. */
static void
give_up_refused (PbRoundTripSession *self)
{
  gint64 after_us = MAX (self->login_at - self->accepted_at, 0);
  PbFailure f;

  pb_failure_copy_into (&self->refusal, &f);
  g_clear_error (&f.error);
  f.error = g_error_new (PB_POP3_ERROR, self->refusal.error != NULL ? self->refusal.error->code
                                                                    : PB_POP3_ERROR_IN_USE,
                         /* Translators: the first %s is a Message-ID, the second a folder
                          * name; %u is seconds */
                         _("No message with the Message-ID %s was in %s at the last look the "
                           "server let in, %u seconds after sending; it refused every later "
                           "login for now"),
                         self->result->message_id, "INBOX",
                         (guint) (after_us / G_USEC_PER_SEC));
  f.stage = PB_STAGE_MAILBOX;
  f.problem_hint = PB_PROBLEM_POP3_BUSY;
  pb_connection_log (self->session.connection, '*', f.error->message);
  pb_check_session_record_failure (&self->session, &f);
  pb_failure_clear (&f);
}

/* Until the bound, a pause and another look; then the message did not come, or the server
 * did not let the round trip see. */
static void
pause_or_give_up (PbRoundTripSession *self)
{
  guint ms = MAX (self->poll_ms ? self->poll_ms : PB_ROUND_TRIP_POP3_POLL_MS,
                  self->login_delay_ms);

  if (pb_round_trip_session_time_left (self) > 0)
    {
      pb_round_trip_session_pause (self, ms, on_pause_over);
      return;
    }
  if (self->refused > 0)
    give_up_refused (self);
  else
    pb_round_trip_session_give_up (self);
  self->phase = PHASE_DONE;
  advance (self);
}

static void
advance (PbRoundTripSession *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  const PbCheckIncomingClass *klass = self->klass;
  gpointer client = self->client;

  if (self->phase == PHASE_AUTH && !pb_check_session_will_login (&self->session))
    self->phase = PHASE_QUIT;
  switch (self->phase)
    {
    case PHASE_CONNECT:
      klass->connect (client, cancellable, on_step_done, self);
      break;
    case PHASE_AUTH:
      klass->login (client, self->session.config->auth, self->session.options.username,
                    self->session.password, cancellable, on_step_done, self);
      break;
    case PHASE_STAT:
      klass->mailbox (client, cancellable, on_step_done, self);
      break;
    case PHASE_UIDL:
      pb_pop3_client_uidl_async (client, self->message, cancellable, on_step_done, self);
      break;
    case PHASE_TOP:
      pb_pop3_client_top_async (client, self->message, self->result->message_id, cancellable,
                                on_step_done, self);
      break;
    case PHASE_DELETE:
      pb_pop3_client_dele_async (client, self->message, cancellable, on_step_done, self);
      break;
    case PHASE_QUIT:
      klass->quit (client, cancellable, on_step_done, self);
      break;
    case PHASE_PAUSE:
      pause_or_give_up (self);
      break;
    case PHASE_DONE:
    default:
      pb_round_trip_session_end (self);
      break;
    }
}

/* A fresh session. The result keeps the steps of the newest look only: its transcript is
 * that look's, and a minute of looks would bury what matters. */
static void
start_look (PbRoundTripSession *self)
{
  PbCheckResult *r = self->session.result;

  pb_round_trip_session_drop_client (self);
  g_ptr_array_set_size (r->steps, 0);
  r->authenticated = FALSE;
  pb_check_session_forget_password (&self->session);
  self->session.password = g_strdup (self->password);
  self->client = self->klass->new_client (self->session.config,
                                          self->session.options.allow_plaintext_auth);
  pb_check_session_attach (&self->session, self->klass->get_connection (self->client));
  self->phase = PHASE_CONNECT;
  advance (self);
}

void
pb_round_trip_pop3_start (PbRoundTripSession *self)
{
  self->klass = pb_check_pop3_get_class ();
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->no_uidl = self->marked = self->logged_in = self->busy = self->top_worked = FALSE;
  self->refused = 0;
  /* Each look logs in: the password stays until the round trip ends. POP3 has no login
   * with a token here. */
  self->password = g_steal_pointer (&self->session.password);
  g_clear_pointer (&self->session.token, pb_secret_free);
  start_look (self);
}
