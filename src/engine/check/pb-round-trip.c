/* pb-round-trip.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-check-imap.h"
#include "pb-check-session.h"
#include "pb-imap.h"
#include "pb-round-trip.h"

/* The mailbox a message to oneself lands in when no filter moves it. */
#define MAILBOX "INBOX"
/* The IDLE of a round lasts at most this long, then the mailbox is searched again: a server
 * that missed telling of the message costs no more than one round. */
#define IDLE_ROUND_MS 15000
/* After the wait: the fetch, the removal and the goodbye, each within a step. */
#define SESSION_MARGIN_MS 30000
#define PROGRESS_MS 1000

typedef enum {
  PHASE_CONNECT,
  PHASE_ID,
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

struct _PbRoundTrip
{
  GObject             parent_instance;

  PbServerConfig     *config;
  char               *address;
  char               *username;
  char               *pinned_sha256;
  char               *provider_id;
  guint               wait_ms;
  guint               poll_ms;
  gboolean            remove;
  PbCheckSession      session;     /* its options' strings point at the copies above */

  /* one run */
  GTask              *task;
  PbRoundTripResult  *result;
  PbImapClient       *client;
  Phase               phase;
  gint64              accepted_at; /* monotonic, microseconds */
  gint64              deadline;
  gint64              searched_count;
  guint32             uid;
  GSource            *progress;
  GSource            *pause;       /* the poll's wait, without IDLE */
  GSource            *pause_cancel;
};

G_DEFINE_FINAL_TYPE (PbRoundTrip, pb_round_trip, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP,
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
pb_round_trip_finalize (GObject *object)
{
  PbRoundTrip *self = PB_ROUND_TRIP (object);

  pb_server_config_unref (self->config);
  g_free (self->address);
  g_free (self->username);
  g_free (self->pinned_sha256);
  g_free (self->provider_id);
  pb_check_session_forget_password (&self->session);
  g_clear_object (&self->session.result);
  g_clear_object (&self->session.connection);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (pb_round_trip_parent_class)->finalize (object);
}

static void
pb_round_trip_class_init (PbRoundTripClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_round_trip_finalize;

  signals[SIGNAL_STEP] = g_signal_new ("step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
pb_round_trip_init (PbRoundTrip *self)
{
  self->wait_ms = PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  self->poll_ms = PB_ROUND_TRIP_DEFAULT_POLL_MS;
  self->remove = TRUE;
}

PbRoundTrip *
pb_round_trip_new (PbServerConfig       *incoming,
                   const char           *address,
                   const PbCheckOptions *options)
{
  static const PbCheckOptions defaults = { 0 };
  PbRoundTrip *self;
  PbCheckOptions *o;

  g_return_val_if_fail (incoming != NULL && address != NULL, NULL);

  self = g_object_new (PB_TYPE_ROUND_TRIP, NULL);
  self->config = pb_server_config_ref (incoming);
  self->address = g_strdup (address);
  o = &self->session.options;
  *o = options != NULL ? *options : defaults;
  self->username = g_strdup (o->username ? o->username
                             : incoming->username ? incoming->username : address);
  self->pinned_sha256 = g_strdup (o->pinned_sha256);
  self->provider_id = g_strdup (o->provider_id);
  o->username = self->username;
  o->from = o->recipient = self->address;
  o->pinned_sha256 = self->pinned_sha256;
  o->provider_id = self->provider_id;
  o->dry_run_send = o->send_test = FALSE;
  self->session.owner = G_OBJECT (self);
  self->session.config = self->config;
  self->session.address = self->address;
  return self;
}

void
pb_round_trip_set_password (PbRoundTrip *self,
                            const char  *password)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  pb_check_session_forget_password (&self->session);
  self->session.password = g_strdup (password);
}

void
pb_round_trip_set_wait (PbRoundTrip *self,
                        guint        wait_ms,
                        guint        poll_ms)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  self->wait_ms = wait_ms ? wait_ms : PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  self->poll_ms = poll_ms ? poll_ms : PB_ROUND_TRIP_DEFAULT_POLL_MS;
}

void
pb_round_trip_set_delete (PbRoundTrip *self,
                          gboolean     remove)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  self->remove = remove;
}

/* The end */

static void
return_result (PbRoundTrip *self)
{
  GTask *task = g_steal_pointer (&self->task);

  g_task_return_pointer (task, g_steal_pointer (&self->result), g_object_unref);
  g_object_unref (task);
}

/* A message that arrived counts, whatever became of the session after it. */
static void
on_session_finished (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  PbRoundTrip *self = PB_ROUND_TRIP (source);
  PbRoundTripResult *r = self->result;
  PbCheckResult *session = g_task_propagate_pointer (G_TASK (res), NULL);

  g_clear_object (&self->session.result);
  r->session = session;
  r->ok = r->delivered;
  r->problem = r->delivered ? PB_PROBLEM_NONE : session->problem;
  return_result (self);
}

static void
finish_session (PbRoundTrip *self)
{
  destroy_source (&self->progress);
  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  /* The client, and the copies of the password it kept for redacting replies, go now. */
  g_clear_object (&self->client);
  pb_check_session_finish (&self->session);
}

/* The phases */

static void advance (PbRoundTrip *self);

static gboolean
emit_progress (gpointer user_data)
{
  PbRoundTrip *self = user_data;
  gint64 waited = (g_get_monotonic_time () - self->accepted_at) / 1000;

  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, (guint) CLAMP (waited, 0, G_MAXUINT),
                 self->wait_ms);
  return G_SOURCE_CONTINUE;
}

static void
start_progress (PbRoundTrip *self)
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
take_found (PbRoundTrip *self)
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
take_header (PbRoundTrip *self)
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
next_phase (PbRoundTrip *self)
{
  switch (self->phase)
    {
    case PHASE_CONNECT:
    case PHASE_ID:
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

/* Where a failure leaves the round trip: a refused ID or fetch costs only what they would
 * have told; a refused removal leaves the message; anything else ends it. */
static Phase
phase_after_failure (PbRoundTrip  *self,
                     const GError *error)
{
  gboolean in_step = pb_check_imap_in_step (self->client, error);

  if (self->phase == PHASE_QUIT)
    return PHASE_DONE;
  if (self->phase == PHASE_DELETE)
    self->result->disposal = PB_ROUND_TRIP_LEFT_FAILED;
  if (in_step && (self->phase == PHASE_ID || self->phase == PHASE_CAPABILITY))
    return next_phase (self);
  /* Without its header read back, the message is not known to be ours: it stays. */
  if (in_step && (self->phase == PHASE_FETCH || self->phase == PHASE_DELETE))
    {
      if (self->phase == PHASE_FETCH)
        self->result->disposal = PB_ROUND_TRIP_LEFT_NOT_OURS;
      return PHASE_QUIT;
    }
  pb_check_session_record_failure (&self->session, pb_imap_client_get_failure (self->client));
  return in_step ? PHASE_QUIT : PHASE_DONE;
}

static void
on_step_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbRoundTrip *self = user_data;
  PbCheckResult *r = self->session.result;
  g_autoptr(GError) error = NULL;
  gboolean done = pb_imap_client_command_finish (self->client, result, &error);

  if (self->phase == PHASE_AUTH)
    {
      pb_check_session_forget_password (&self->session);
      r->authenticated = done;
    }
  if (self->phase <= PHASE_OPEN)
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
  PbRoundTrip *self = user_data;

  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  self->phase = PHASE_SEARCH;
  advance (self);
  return G_SOURCE_REMOVE;
}

/* A failure of the round trip's own (not the server's): diagnosed as the session's are. */
static void
record_own_failure (PbRoundTrip *self,
                    GError      *error,
                    const char  *hint)
{
  PbFailure f = { .stage = PB_STAGE_MAILBOX, .error = error, .problem_hint = hint,
                  .host = self->config->host, .port = self->config->port,
                  .security = self->config->security };

  pb_connection_log (self->session.connection, '*', error->message);
  pb_check_session_record_failure (&self->session, &f);
  g_error_free (error);
}

static gboolean
on_pause_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  PbRoundTrip *self = user_data;

  destroy_source (&self->pause);
  destroy_source (&self->pause_cancel);
  record_own_failure (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 _("The round trip was cancelled")),
                      "cancelled");
  self->phase = PHASE_DONE;
  advance (self);
  return G_SOURCE_REMOVE;
}

/* The bound passed and the message is not there. */
static void
give_up (PbRoundTrip *self)
{
  record_own_failure (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                         _("No message with the Message-ID %s arrived in %s "
                                           "within %u seconds"),
                                         self->result->message_id, MAILBOX,
                                         self->wait_ms / 1000),
                      "test-message-not-received");
  self->phase = PHASE_QUIT;
}

static void
pause_then_search (PbRoundTrip *self,
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
wait_for_news (PbRoundTrip  *self,
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
may_remove (PbRoundTrip *self)
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
skip_phases (PbRoundTrip *self)
{
  if (self->phase == PHASE_AUTH && !pb_check_session_will_login (&self->session))
    self->phase = PHASE_QUIT;
  if (self->phase == PHASE_CAPABILITY &&
      (pb_imap_client_can_delete_uid (self->client) ||
       pb_imap_client_has_capability (self->client, "IDLE")))
    self->phase = PHASE_OPEN;
  if (self->phase == PHASE_WAIT && self->deadline <= g_get_monotonic_time ())
    give_up (self);
  if (self->phase == PHASE_DELETE && !may_remove (self))
    self->phase = PHASE_QUIT;
}

static void
advance (PbRoundTrip *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  PbImapClient *client = self->client;

  skip_phases (self);
  switch (self->phase)
    {
    case PHASE_CONNECT:
      pb_imap_client_connect_async (client, cancellable, on_step_done, self);
      break;
    case PHASE_ID:
      pb_imap_client_id_async (client, cancellable, on_step_done, self);
      break;
    case PHASE_AUTH:
      pb_imap_client_login_async (client, self->config->auth, self->username,
                                  self->session.password, cancellable, on_step_done, self);
      break;
    case PHASE_CAPABILITY:
      pb_imap_client_capability_async (client, cancellable, on_step_done, self);
      break;
    case PHASE_OPEN:
      /* Read-write only where the message can be removed alone; else read-only. */
      if (self->remove && pb_imap_client_can_delete_uid (client))
        pb_imap_client_select_async (client, MAILBOX, cancellable, on_step_done, self);
      else
        pb_imap_client_examine_async (client, MAILBOX, cancellable, on_step_done, self);
      break;
    case PHASE_SEARCH:
      start_progress (self);
      self->searched_count = pb_imap_client_get_messages (client);
      pb_imap_client_search_header_async (client, "Message-ID", self->result->message_id,
                                          cancellable, on_step_done, self);
      break;
    case PHASE_WAIT:
      if (!wait_for_news (self, cancellable))
        {
          give_up (self);
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
      pb_imap_client_logout_async (client, cancellable, on_step_done, self);
      break;
    case PHASE_DONE:
    default:
      finish_session (self);
      break;
    }
}

/* The run */

static void
start_session (PbRoundTrip *self)
{
  PbCheckSession *s = &self->session;
  PbCheckResult *r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  guint total = self->wait_ms + SESSION_MARGIN_MS;

  r->ok = TRUE;
  r->server = pb_server_config_ref (self->config);
  r->protocol = self->config->protocol;
  r->address = g_strdup (self->address);
  r->username = g_strdup (self->username);
  s->result = r;
  s->task = g_task_new (self, NULL, on_session_finished, NULL);
  s->options.timeout_ms = MAX (s->options.timeout_ms, total);
  self->client = pb_imap_client_new (self->config->host, self->config->port,
                                     self->config->security);
  pb_imap_client_set_allow_plaintext_auth (self->client, s->options.allow_plaintext_auth);
  pb_check_session_attach (s, pb_imap_client_get_connection (self->client));
  self->uid = 0;
  self->phase = PHASE_CONNECT;
  advance (self);
}

void
pb_round_trip_run_async (PbRoundTrip         *self,
                         PbCheckResult       *sent,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PbRoundTripResult *r;

  g_return_if_fail (PB_IS_ROUND_TRIP (self) && self->task == NULL);
  g_return_if_fail (PB_IS_CHECK_RESULT (sent) && sent->test_sent &&
                    sent->test_message_id != NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, pb_round_trip_run_async);
  /* A cancelled round trip still has a result: the steps so far and "cancelled". */
  g_task_set_check_cancellable (self->task, FALSE);
  r = self->result = g_object_new (PB_TYPE_ROUND_TRIP_RESULT, NULL);
  r->message_id = g_strdup (sent->test_message_id);
  r->wait_ms = self->wait_ms;
  self->accepted_at = sent->test_accepted_at ? sent->test_accepted_at
                                             : g_get_monotonic_time ();
  self->deadline = self->accepted_at + (gint64) self->wait_ms * 1000;
  if (self->config->protocol != PB_PROTOCOL_IMAP)
    {
      r->needs_imap = TRUE;
      return_result (self);
      return;
    }
  start_session (self);
}

PbRoundTripResult *
pb_round_trip_run_finish (PbRoundTrip   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
