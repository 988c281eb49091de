/* pb-round-trip-session.c: the round trip's IMAP session, from the login to the goodbye
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One phase after the other, each a command of the IMAP client: log in, open INBOX, search
 * for the Message-ID, wait for news (IDLE, or a pause) and search again until the bound,
 * then read the header, remove the message where that is safe, and log out. The session
 * ends through pb_check_session_finish(): the round trip that started it reads the result
 * in its own callback, so nothing here calls back into pb-round-trip.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-check-imap.h"
#include "pb-imap.h"
#include "pb-round-trip-session.h"

/* The mailbox a message to oneself lands in when no filter moves it. */
#define MAILBOX "INBOX"
/* The IDLE of a round lasts at most this long, then the mailbox is searched again: a server
 * that missed telling of the message costs no more than one round. */
#define IDLE_ROUND_MS 15000
#define PROGRESS_MS 1000

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
finish_session (PbRoundTripSession *self)
{
  destroy_source (&self->progress);
  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  /* The client, and the copies of the password it kept for redacting replies, go now. */
  g_clear_object (&self->client);
  pb_check_session_finish (&self->session);
}

/* The phases */

static void advance (PbRoundTripSession *self);

static gboolean
emit_progress (gpointer user_data)
{
  PbRoundTripSession *self = user_data;
  gint64 waited = (g_get_monotonic_time () - self->accepted_at) / 1000;

  g_signal_emit_by_name (self->session.owner, "progress", (guint) CLAMP (waited, 0, G_MAXUINT),
                         self->wait_ms);
  return G_SOURCE_CONTINUE;
}

static void
start_progress (PbRoundTripSession *self)
{
  if (self->progress != NULL)
    return;
  emit_progress (self);
  self->progress = g_timeout_source_new (PROGRESS_MS);
  g_source_set_callback (self->progress, emit_progress, self, NULL);
  g_source_attach (self->progress, g_task_get_context (self->task));
}

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
  self->result->delivered = TRUE;
  self->result->delivery_usec = MAX (0, g_get_monotonic_time () - self->accepted_at);
  destroy_source (&self->progress);
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
static PbRoundTripPhase
next_phase (PbRoundTripSession *self)
{
  switch (self->phase)
    {
    case PB_ROUND_TRIP_PHASE_CONNECT:
    case PB_ROUND_TRIP_PHASE_ID:
    case PB_ROUND_TRIP_PHASE_CAPABILITY:
    case PB_ROUND_TRIP_PHASE_OPEN:
      return self->phase + 1;
    case PB_ROUND_TRIP_PHASE_WAIT:
      return PB_ROUND_TRIP_PHASE_SEARCH;
    case PB_ROUND_TRIP_PHASE_AUTH:
      return self->session.result->authenticated ? PB_ROUND_TRIP_PHASE_CAPABILITY : PB_ROUND_TRIP_PHASE_QUIT;
    case PB_ROUND_TRIP_PHASE_SEARCH:
      if (take_found (self))
        return PB_ROUND_TRIP_PHASE_FETCH;
      /* News during the search may be the message the search just missed. */
      return pb_imap_client_get_messages (self->client) != self->searched_count
             ? PB_ROUND_TRIP_PHASE_SEARCH : PB_ROUND_TRIP_PHASE_WAIT;
    case PB_ROUND_TRIP_PHASE_FETCH:
      take_header (self);
      return PB_ROUND_TRIP_PHASE_DELETE;
    case PB_ROUND_TRIP_PHASE_DELETE:
      self->result->disposal = PB_ROUND_TRIP_DELETED;
      return PB_ROUND_TRIP_PHASE_QUIT;
    case PB_ROUND_TRIP_PHASE_QUIT:
    case PB_ROUND_TRIP_PHASE_DONE:
    default:
      return PB_ROUND_TRIP_PHASE_DONE;
    }
}

/* Where a failure leaves the round trip: a refused ID or fetch costs only what they would
 * have told; a refused removal leaves the message; anything else ends it. */
static PbRoundTripPhase
phase_after_failure (PbRoundTripSession *self,
                     const GError *error)
{
  gboolean in_step = pb_check_imap_in_step (self->client, error);

  if (self->phase == PB_ROUND_TRIP_PHASE_QUIT)
    return PB_ROUND_TRIP_PHASE_DONE;
  if (self->phase == PB_ROUND_TRIP_PHASE_DELETE)
    self->result->disposal = PB_ROUND_TRIP_LEFT_FAILED;
  if (in_step && (self->phase == PB_ROUND_TRIP_PHASE_ID || self->phase == PB_ROUND_TRIP_PHASE_CAPABILITY))
    return next_phase (self);
  /* Without its header read back, the message is not known to be ours: it stays. */
  if (in_step && (self->phase == PB_ROUND_TRIP_PHASE_FETCH || self->phase == PB_ROUND_TRIP_PHASE_DELETE))
    {
      if (self->phase == PB_ROUND_TRIP_PHASE_FETCH)
        self->result->disposal = PB_ROUND_TRIP_LEFT_NOT_OURS;
      return PB_ROUND_TRIP_PHASE_QUIT;
    }
  pb_check_session_record_failure (&self->session, pb_imap_client_get_failure (self->client));
  return in_step ? PB_ROUND_TRIP_PHASE_QUIT : PB_ROUND_TRIP_PHASE_DONE;
}

static void
on_step_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbRoundTripSession *self = user_data;
  PbCheckResult *r = self->session.result;
  g_autoptr(GError) error = NULL;
  gboolean done = pb_imap_client_command_finish (self->client, result, &error);

  if (self->phase == PB_ROUND_TRIP_PHASE_AUTH)
    {
      pb_check_session_forget_password (&self->session);
      r->authenticated = done;
    }
  if (self->phase <= PB_ROUND_TRIP_PHASE_OPEN)
    {
      pb_check_session_collect_tls (&self->session);
      pb_check_imap_collect (self->client, r);
    }
  self->phase = done ? next_phase (self) : phase_after_failure (self, error);
  advance (self);
}

/* Without IDLE: a pause, then the next search. */
static gboolean
on_pause_over (gpointer user_data)
{
  PbRoundTripSession *self = user_data;

  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  self->phase = PB_ROUND_TRIP_PHASE_SEARCH;
  advance (self);
  return G_SOURCE_REMOVE;
}

/* A failure of the round trip's own (not the server's): diagnosed as the session's are. */
static void
record_own_failure (PbRoundTripSession *self,
                    GError      *error,
                    const char  *hint)
{
  PbFailure f = { .stage = PB_STAGE_MAILBOX, .error = error, .problem_hint = hint,
                  .host = self->session.config->host, .port = self->session.config->port,
                  .security = self->session.config->security };

  pb_connection_log (self->session.connection, '*', error->message);
  pb_check_session_record_failure (&self->session, &f);
  g_error_free (error);
}

static gboolean
on_pause_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  PbRoundTripSession *self = user_data;

  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  record_own_failure (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 _("The round trip was cancelled")),
                      "cancelled");
  self->phase = PB_ROUND_TRIP_PHASE_DONE;
  advance (self);
  return G_SOURCE_REMOVE;
}

/* The bound passed and the message is not there. */
static void
give_up (PbRoundTripSession *self)
{
  record_own_failure (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                         _("No message with the Message-ID %s arrived in %s "
                                           "within %u seconds"),
                                         self->result->message_id, MAILBOX,
                                         self->wait_ms / 1000),
                      "test-message-not-received");
  self->phase = PB_ROUND_TRIP_PHASE_QUIT;
}

static void
pause_then_search (PbRoundTripSession *self,
                   guint        ms)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  GMainContext *context = g_task_get_context (self->task);

  self->pause = g_timeout_source_new (ms);
  g_source_set_callback (self->pause, on_pause_over, self, NULL);
  g_source_attach (self->pause, context);
  if (cancellable != NULL)
    {
      self->pause_cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->pause_cancel, G_SOURCE_FUNC (on_pause_cancelled), self,
                             NULL);
      g_source_attach (self->pause_cancel, context);
    }
}

/* Wait for news until the bound: IDLE where offered, else a pause. FALSE: the time is up. */
static gboolean
wait_for_news (PbRoundTripSession *self,
               GCancellable *cancellable)
{
  gint64 left_ms = (self->deadline - g_get_monotonic_time ()) / 1000;

  if (left_ms <= 0)
    return FALSE;
  if (pb_imap_client_has_capability (self->client, "IDLE"))
    pb_imap_client_idle_async (self->client, MIN (left_ms, IDLE_ROUND_MS), cancellable,
                               on_step_done, self);
  else
    pause_then_search (self, MIN (left_ms, self->poll_ms));
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
  if (self->phase == PB_ROUND_TRIP_PHASE_AUTH && !pb_check_session_will_login (&self->session))
    self->phase = PB_ROUND_TRIP_PHASE_QUIT;
  if (self->phase == PB_ROUND_TRIP_PHASE_CAPABILITY &&
      (pb_imap_client_can_delete_uid (self->client) ||
       pb_imap_client_has_capability (self->client, "IDLE")))
    self->phase = PB_ROUND_TRIP_PHASE_OPEN;
  if (self->phase == PB_ROUND_TRIP_PHASE_WAIT && self->deadline <= g_get_monotonic_time ())
    give_up (self);
  if (self->phase == PB_ROUND_TRIP_PHASE_DELETE && !may_remove (self))
    self->phase = PB_ROUND_TRIP_PHASE_QUIT;
}

static void
advance (PbRoundTripSession *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  PbImapClient *client = self->client;

  skip_phases (self);
  switch (self->phase)
    {
    case PB_ROUND_TRIP_PHASE_CONNECT:
      pb_imap_client_connect_async (client, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_ID:
      pb_imap_client_id_async (client, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_AUTH:
      pb_imap_client_login_async (client, self->session.config->auth, self->session.options.username,
                                  self->session.password, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_CAPABILITY:
      pb_imap_client_capability_async (client, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_OPEN:
      /* Read-write only where the message can be removed alone; else read-only. */
      if (self->remove && pb_imap_client_can_delete_uid (client))
        pb_imap_client_select_async (client, MAILBOX, cancellable, on_step_done, self);
      else
        pb_imap_client_examine_async (client, MAILBOX, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_SEARCH:
      start_progress (self);
      self->searched_count = pb_imap_client_get_messages (client);
      pb_imap_client_search_header_async (client, "Message-ID", self->result->message_id,
                                          cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_WAIT:
      if (!wait_for_news (self, cancellable))
        {
          give_up (self);
          advance (self);
        }
      break;
    case PB_ROUND_TRIP_PHASE_FETCH:
      pb_imap_client_fetch_header_async (client, self->uid, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_DELETE:
      pb_imap_client_delete_uid_async (client, self->uid, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_QUIT:
      pb_imap_client_logout_async (client, cancellable, on_step_done, self);
      break;
    case PB_ROUND_TRIP_PHASE_DONE:
    default:
      finish_session (self);
      break;
    }
}

/* The start */

void
pb_round_trip_session_start (PbRoundTripSession *self)
{
  PbServerConfig *config = (PbServerConfig *) self->session.config;

  self->client = pb_imap_client_new (config->host, config->port, config->security);
  pb_imap_client_set_allow_plaintext_auth (self->client,
                                           self->session.options.allow_plaintext_auth);
  pb_check_session_attach (&self->session, pb_imap_client_get_connection (self->client));
  self->uid = 0;
  self->phase = PB_ROUND_TRIP_PHASE_CONNECT;
  advance (self);
}

void
pb_round_trip_session_clear (PbRoundTripSession *self)
{
  pb_check_session_forget_password (&self->session);
  g_clear_object (&self->session.result);
  g_clear_object (&self->session.connection);
}
