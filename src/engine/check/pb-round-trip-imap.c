/* pb-round-trip-imap.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One phase after the other, each a command of the IMAP client.
 */
#include "config.h"

#include "pb-check-imap.h"
#include "pb-imap.h"
#include "pb-round-trip-imap.h"

/* The mailbox a message to oneself lands in when no filter moves it. */
#define MAILBOX "INBOX"
/* The IDLE of a round lasts at most this long, then the mailbox is searched again: a server
 * that missed telling of the message costs no more than one round. */
#define IDLE_ROUND_MS 15000

typedef enum {
  PHASE_CONNECT,
  PHASE_AUTH,
  PHASE_CAPABILITY,
  PHASE_OPEN,
  PHASE_SEARCH,
  PHASE_WAIT,
  PHASE_FETCH,
  PHASE_DELETE,
  PHASE_QUIT,
  PHASE_DONE,
} Phase;

/* The phases */

static void advance (PbRoundTripSession *self);

/* The newest of the messages the search found: the test message was the last to come. */
static gboolean
take_found (PbRoundTripSession *self)
{
  guint n;
  const guint32 *uids = pb_imap_client_get_found_uids (self->client, &n);

  for (guint i = 0; i < n; i++)
    self->uid = MAX (self->uid, uids[i]);
  if (self->uid == 0)
    return FALSE;
  pb_round_trip_session_found (self);
  return TRUE;
}

static void
take_header (PbRoundTripSession *self)
{
  GBytes *header = pb_imap_client_get_header (self->client, self->uid);
  gsize len;
  const char *data = g_bytes_get_data (header, &len);

  /* Only a message that carries our Message-ID is ours to remove. */
  if (!pb_round_trip_result_read_header (self->result, data, len))
    self->result->disposal = PB_ROUND_TRIP_LEFT_NOT_OURS;
}

/* The step after the one in phase went well. */
static Phase
next_phase (PbRoundTripSession *self)
{
  switch (self->phase)
    {
    case PHASE_CONNECT:
    case PHASE_CAPABILITY:
    case PHASE_OPEN:
      return self->phase + 1;
    case PHASE_WAIT:
      return PHASE_SEARCH;
    case PHASE_AUTH:
      return self->session.result->authenticated ? PHASE_CAPABILITY : PHASE_QUIT;
    case PHASE_SEARCH:
      if (take_found (self))
        return PHASE_FETCH;
      /* News during the search may be the message the search just missed. */
      return pb_imap_client_get_messages (self->client) != self->searched_count
             ? PHASE_SEARCH : PHASE_WAIT;
    case PHASE_FETCH:
      take_header (self);
      return PHASE_DELETE;
    case PHASE_DELETE:
      self->result->disposal = PB_ROUND_TRIP_DELETED;
      return PHASE_QUIT;
    case PHASE_QUIT:
    case PHASE_DONE:
    default:
      return PHASE_DONE;
    }
}

/* Where a failure leaves the round trip: a refused CAPABILITY or fetch costs only what they
 * would have told; a refused removal leaves the message; anything else ends it. */
static Phase
phase_after_failure (PbRoundTripSession *self,
                     const GError       *error)
{
  gboolean in_step = self->klass->in_step (self->client, error);

  if (self->phase == PHASE_QUIT)
    return PHASE_DONE;
  if (self->phase == PHASE_DELETE)
    self->result->disposal = PB_ROUND_TRIP_LEFT_FAILED;
  if (in_step && self->phase == PHASE_CAPABILITY)
    return next_phase (self);
  /* Without its header read back, the message is not known to be ours: it stays. */
  if (in_step && (self->phase == PHASE_FETCH || self->phase == PHASE_DELETE))
    {
      if (self->phase == PHASE_FETCH)
        self->result->disposal = PB_ROUND_TRIP_LEFT_NOT_OURS;
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
                                                   self->phase <= PHASE_OPEN, &error);

  self->phase = done ? next_phase (self) : phase_after_failure (self, error);
  advance (self);
}

/* Without IDLE: a pause, then the next search; cancelled, the end. */
static void
on_pause_over (PbRoundTripSession *self,
               gboolean            cancelled)
{
  self->phase = cancelled ? PHASE_DONE : PHASE_SEARCH;
  advance (self);
}

/* Wait for news until the bound: IDLE where offered, else a pause. FALSE: the time is up. */
static gboolean
wait_for_news (PbRoundTripSession *self,
               GCancellable       *cancellable)
{
  guint left_ms = pb_round_trip_session_time_left (self);

  if (left_ms == 0)
    return FALSE;
  if (pb_imap_client_has_capability (self->client, "IDLE"))
    pb_imap_client_idle_async (self->client, MIN (left_ms, IDLE_ROUND_MS), cancellable,
                               on_step_done, self);
  else
    pb_round_trip_session_pause (self, self->poll_ms ? self->poll_ms
                                       : PB_ROUND_TRIP_DEFAULT_POLL_MS, on_pause_over);
  return TRUE;
}

/* What to do with the message once seen; FALSE: leave it, and the result says why. */
static gboolean
may_remove (PbRoundTripSession *self)
{
  PbRoundTripResult *r = self->result;

  if (r->disposal == PB_ROUND_TRIP_LEFT_NOT_OURS)
    return FALSE;
  r->disposal = !self->remove ? PB_ROUND_TRIP_LEFT_ASKED
              : !pb_imap_client_can_delete_uid (self->client) ? PB_ROUND_TRIP_LEFT_NO_UIDPLUS
              : !pb_imap_client_get_read_write (self->client) ? PB_ROUND_TRIP_LEFT_READ_ONLY
              : PB_ROUND_TRIP_NOT_FOUND;
  return r->disposal == PB_ROUND_TRIP_NOT_FOUND;
}

/* Skips what is not needed: the capabilities are asked again only when the login's answer
 * listed neither UIDPLUS nor IDLE. */
static void
skip_phases (PbRoundTripSession *self)
{
  if (self->phase == PHASE_AUTH && !pb_check_session_will_login (&self->session))
    self->phase = PHASE_QUIT;
  if (self->phase == PHASE_CAPABILITY &&
      (pb_imap_client_can_delete_uid (self->client) ||
       pb_imap_client_has_capability (self->client, "IDLE")))
    self->phase = PHASE_OPEN;
  if (self->phase == PHASE_WAIT && pb_round_trip_session_time_left (self) == 0)
    {
      pb_round_trip_session_give_up (self);
      self->phase = PHASE_QUIT;
    }
  if (self->phase == PHASE_DELETE && !may_remove (self))
    self->phase = PHASE_QUIT;
}

/* Read-write only where the message can be removed alone; else read-only. ID rides along
 * (the check's client). */
static void
open_mailbox (PbRoundTripSession *self,
              GCancellable       *cancellable)
{
  if (self->remove && pb_imap_client_can_delete_uid (self->client))
    pb_imap_client_select_async (self->client, MAILBOX, cancellable, on_step_done, self);
  else
    self->klass->mailbox (self->client, cancellable, on_step_done, self);
}

static void
advance (PbRoundTripSession *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  PbImapClient *client = self->client;

  skip_phases (self);
  switch (self->phase)
    {
    case PHASE_CONNECT:
      self->klass->connect (client, cancellable, on_step_done, self);
      break;
    case PHASE_AUTH:
      if (self->session.token != NULL)
        self->klass->login_token (client, self->session.options.username, self->session.token,
                                  cancellable, on_step_done, self);
      else
        self->klass->login (client, self->session.config->auth, self->session.options.username,
                            self->session.password, cancellable, on_step_done, self);
      break;
    case PHASE_CAPABILITY:
      pb_imap_client_capability_async (client, cancellable, on_step_done, self);
      break;
    case PHASE_OPEN:
      open_mailbox (self, cancellable);
      break;
    case PHASE_SEARCH:
      pb_round_trip_session_start_progress (self);
      self->searched_count = pb_imap_client_get_messages (client);
      pb_imap_client_search_header_async (client, "Message-ID", self->result->message_id,
                                          cancellable, on_step_done, self);
      break;
    case PHASE_WAIT:
      if (!wait_for_news (self, cancellable))
        {
          pb_round_trip_session_give_up (self);
          self->phase = PHASE_QUIT;
          advance (self);
        }
      break;
    case PHASE_FETCH:
      pb_imap_client_fetch_header_async (client, self->uid, cancellable, on_step_done, self);
      break;
    case PHASE_DELETE:
      pb_imap_client_delete_uid_async (client, self->uid, cancellable, on_step_done, self);
      break;
    case PHASE_QUIT:
      self->klass->quit (client, cancellable, on_step_done, self);
      break;
    case PHASE_DONE:
    default:
      pb_round_trip_session_end (self);
      break;
    }
}

/* The start */

void
pb_round_trip_imap_start (PbRoundTripSession *self)
{
  self->klass = pb_check_imap_get_class ();
  self->client = self->klass->new_client (self->session.config,
                                          self->session.options.allow_plaintext_auth);
  pb_check_session_attach (&self->session, self->klass->get_connection (self->client));
  self->uid = 0;
  self->phase = PHASE_CONNECT;
  advance (self);
}
