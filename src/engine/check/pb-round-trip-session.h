/* pb-round-trip-session.h: the round trip's IMAP session, from the login to the goodbye
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of the round trip (pb-round-trip.c) that speaks IMAP: it logs in with the same
 * rules, steps and diagnosis as the incoming check, waits for the message within the bound
 * and decides what becomes of it. The round trip owns the session and fills it in; the
 * session writes what it finds into the round trip's result.
 */
#pragma once

#include <gio/gio.h>

#include "pb-check-session.h"
#include "pb-imap-client.h"
#include "pb-round-trip-result.h"

G_BEGIN_DECLS

typedef enum {
  PB_ROUND_TRIP_PHASE_CONNECT,
  PB_ROUND_TRIP_PHASE_ID,
  PB_ROUND_TRIP_PHASE_AUTH,
  PB_ROUND_TRIP_PHASE_CAPABILITY,
  PB_ROUND_TRIP_PHASE_OPEN,
  PB_ROUND_TRIP_PHASE_SEARCH,
  PB_ROUND_TRIP_PHASE_WAIT,
  PB_ROUND_TRIP_PHASE_FETCH,
  PB_ROUND_TRIP_PHASE_DELETE,
  PB_ROUND_TRIP_PHASE_QUIT,
  PB_ROUND_TRIP_PHASE_DONE,
} PbRoundTripPhase;

typedef struct {
  /* Set by the round trip before the start: the check session (its owner emits ::step and
   * ::progress, its task ends the session), the bound and the poll, the removal. */
  PbCheckSession      session;
  GTask              *task;          /* the round trip's: its cancellable and context */
  PbRoundTripResult  *result;        /* the round trip's, filled in here */
  guint               wait_ms;
  guint               poll_ms;
  gboolean            remove;
  gint64              accepted_at;   /* monotonic, microseconds */
  gint64              deadline;

  /* The session's own */
  PbImapClient       *client;
  PbRoundTripPhase    phase;
  gint64              searched_count;
  guint32             uid;
  GSource            *progress;
  GSource            *pause;         /* the poll's wait, without IDLE */
  GSource            *pause_cancel;
} PbRoundTripSession;

/* Connects and runs the phases; the session ends with pb_check_session_finish(). */
void pb_round_trip_session_start (PbRoundTripSession *self);
/* Drops what a session keeps after its end: the password, the result, the connection. */
void pb_round_trip_session_clear (PbRoundTripSession *self);

G_END_DECLS
