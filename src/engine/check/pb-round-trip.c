/* pb-round-trip.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The round trip's object, its settings and its run; the session that does the work is
 * pb-round-trip-imap.c or pb-round-trip-pop3.c, on pb-round-trip-session.c.
 */
#include "config.h"

#include "pb-round-trip.h"
#include "pb-round-trip-imap.h"
#include "pb-round-trip-pop3.h"

/* Without a bound of the caller's (PbCheckOptions.timeout_ms), the network's part of the
 * round trip beyond the wait: the login, the fetch, the removal and the goodbye. */
#define NETWORK_MS 30000

struct _PbRoundTrip
{
  GObject             parent_instance;

  PbServerConfig     *config;
  char               *address;
  char               *username;
  char               *pinned_sha256;
  char               *provider_id;
  /* its options' strings point at the copies above; the bound, poll and removal are set
   * here, the run's fields at each run */
  PbRoundTripSession  trip;
};

G_DEFINE_FINAL_TYPE (PbRoundTrip, pb_round_trip, G_TYPE_OBJECT)

enum {
  SIGNAL_STEP,
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pb_round_trip_finalize (GObject *object)
{
  PbRoundTrip *self = PB_ROUND_TRIP (object);

  pb_server_config_unref (self->config);
  g_free (self->address);
  g_free (self->username);
  g_free (self->pinned_sha256);
  g_free (self->provider_id);
  pb_round_trip_session_clear (&self->trip);
  g_clear_object (&self->trip.result);

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
  self->trip.wait_ms = PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  self->trip.poll_ms = 0;
  self->trip.remove = TRUE;
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
  o = &self->trip.session.options;
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
  self->trip.session.owner = G_OBJECT (self);
  self->trip.session.config = self->config;
  self->trip.session.address = self->address;
  return self;
}

void
pb_round_trip_set_password (PbRoundTrip *self,
                            const char  *password)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  pb_check_session_forget_password (&self->trip.session);
  self->trip.session.password = g_strdup (password);
}

void
pb_round_trip_set_access_token (PbRoundTrip *self,
                                const char  *token)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  g_clear_pointer (&self->trip.session.token, pb_secret_free);
  self->trip.session.token = g_strdup (token);
}

void
pb_round_trip_set_wait (PbRoundTrip *self,
                        guint        wait_ms,
                        guint        poll_ms)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  self->trip.wait_ms = wait_ms ? wait_ms : PB_ROUND_TRIP_DEFAULT_WAIT_MS;
  /* 0: each protocol's own default (PB_ROUND_TRIP_DEFAULT_POLL_MS, _POP3_POLL_MS). */
  self->trip.poll_ms = poll_ms;
}

void
pb_round_trip_set_delete (PbRoundTrip *self,
                          gboolean     remove)
{
  g_return_if_fail (PB_IS_ROUND_TRIP (self));
  self->trip.remove = remove;
}

/* The end */

static void
return_result (PbRoundTrip *self)
{
  GTask *task = g_steal_pointer (&self->trip.task);

  g_task_return_pointer (task, g_steal_pointer (&self->trip.result), g_object_unref);
  g_object_unref (task);
}

/* A message that arrived counts, whatever became of the session after it. */
static void
on_session_finished (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  PbRoundTrip *self = PB_ROUND_TRIP (source);
  PbRoundTripResult *r = self->trip.result;
  PbCheckResult *session = g_task_propagate_pointer (G_TASK (res), NULL);

  g_clear_object (&self->trip.session.result);
  r->session = session;
  r->ok = r->delivered;
  r->problem = r->delivered ? PB_PROBLEM_NONE : session->problem;
  return_result (self);
}

/* The run */

/* The caller's timeout bounds the network's part: an IMAP session waits in it too, so its
 * deadline is the rest of the wait and that; each POP3 look is network alone. Every stage
 * keeps the step timeout. */
static guint
session_timeout (PbRoundTrip *self)
{
  PbCheckOptions *o = &self->trip.session.options;
  guint network_ms = o->timeout_ms ? o->timeout_ms : NETWORK_MS;
  gint64 left_ms = (self->trip.deadline - g_get_monotonic_time ()) / 1000;

  if (self->config->protocol == PB_PROTOCOL_POP3)
    return network_ms;
  return (guint) MIN (G_MAXUINT, MAX (left_ms, 0) + network_ms);
}

static void
start_session (PbRoundTrip *self)
{
  PbCheckSession *s = &self->trip.session;
  PbCheckResult *r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  r->ok = TRUE;
  r->server = pb_server_config_ref (self->config);
  r->protocol = self->config->protocol;
  r->address = g_strdup (self->address);
  r->username = g_strdup (self->username);
  s->result = r;
  s->task = g_task_new (self, NULL, on_session_finished, NULL);
  s->options.timeout_ms = session_timeout (self);
  if (self->config->protocol == PB_PROTOCOL_POP3)
    pb_round_trip_pop3_start (&self->trip);
  else
    pb_round_trip_imap_start (&self->trip);
}

void
pb_round_trip_run_async (PbRoundTrip         *self,
                         PbCheckResult       *sent,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  PbRoundTripResult *r;

  g_return_if_fail (PB_IS_ROUND_TRIP (self) && self->trip.task == NULL);
  g_return_if_fail (PB_IS_CHECK_RESULT (sent) && sent->test_sent &&
                    sent->test_message_id != NULL);
  g_return_if_fail (self->config->protocol == PB_PROTOCOL_IMAP ||
                    self->config->protocol == PB_PROTOCOL_POP3);

  self->trip.task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->trip.task, pb_round_trip_run_async);
  /* A cancelled round trip still has a result: the steps so far and "cancelled". */
  g_task_set_check_cancellable (self->trip.task, FALSE);
  r = self->trip.result = g_object_new (PB_TYPE_ROUND_TRIP_RESULT, NULL);
  r->message_id = g_strdup (sent->test_message_id);
  r->wait_ms = self->trip.wait_ms;
  self->trip.accepted_at = sent->test_accepted_at ? sent->test_accepted_at
                                             : g_get_monotonic_time ();
  self->trip.deadline = self->trip.accepted_at + (gint64) self->trip.wait_ms * 1000;
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
