/* pb-round-trip-session.h: what the round trip's IMAP and POP3 sessions share
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The round trip (pb-round-trip.c) fills in one of these and starts the driver of its
 * server's protocol: pb-round-trip-imap.c (one session that waits with IDLE or searches
 * again) or pb-round-trip-pop3.c (a fresh session for every look, as POP3 shows a snapshot
 * of the maildrop per session). Both log in through the incoming check's client and steps
 * (pb-check-imap.h, pb-check-pop3.h) and use this file for what is the same: the progress,
 * the pause between looks and its cancel, the bound, the failures of the round trip's own,
 * and the end through pb_check_session_finish(), which the round trip reads in its own
 * callback: nothing here calls back into pb-round-trip.c.
 */
#pragma once

#include <gio/gio.h>

#include "pb-check-incoming.h"
#include "pb-check-session.h"
#include "pb-round-trip-result.h"

G_BEGIN_DECLS

/* How long a look waits for the next one without IDLE: IMAP keeps its session. */
#define PB_ROUND_TRIP_DEFAULT_POLL_MS 1500
/* POP3 logs in again for every look: not more often than this by default, and never more
 * often than the server's LOGIN-DELAY asks (RFC 2449 6.8), so that the looks do not run
 * into the provider's limits on logins. */
#define PB_ROUND_TRIP_POP3_POLL_MS    5000

typedef struct _PbRoundTripSession PbRoundTripSession;

/* After a pause: go on looking, or (cancelled) end; the failure is recorded already. */
typedef void (*PbRoundTripResume) (PbRoundTripSession *self,
                                   gboolean            cancelled);

struct _PbRoundTripSession {
  /* Set by the round trip before the start: the check session (its owner emits ::step and
   * ::progress, its task ends the session), the bound and the poll, the removal. */
  PbCheckSession              session;
  GTask                      *task;          /* the round trip's: its cancellable and context */
  PbRoundTripResult          *result;        /* the round trip's, filled in here */
  guint                       wait_ms;
  guint                       poll_ms;
  gboolean                    remove;
  gint64                      accepted_at;   /* monotonic, microseconds */
  gint64                      deadline;

  /* The driver's */
  const PbCheckIncomingClass *klass;         /* the check's client and steps */
  gpointer                    client;
  guint                       phase;         /* the driver's own enum */
  /* IMAP: the message count at the last search, the UID found */
  gint64                      searched_count;
  guint32                     uid;
  /* POP3: the message looked at, how many this session, the ids seen not to be ours */
  guint                       message;
  guint                       inspected;
  gboolean                    no_uidl;
  gboolean                    marked;        /* DELE was answered +OK */
  gboolean                    logged_in;     /* a look's login was accepted */
  gboolean                    busy;          /* this look's login was refused for now */
  guint                       refused;       /* looks refused for now since the last
                                                accepted login */
  gint64                      login_at;      /* monotonic: the last accepted login */
  PbFailure                   refusal;       /* the last look refused for now, its failure */
  gboolean                    top_worked;    /* a TOP was answered in this round trip */
  guint                       login_delay_ms; /* the server's LOGIN-DELAY, 0 without */
  GHashTable                 *seen;
  char                       *password;      /* for every look's login; wiped at the end */

  GSource                    *progress;
  GSource                    *pause;
  GSource                    *pause_cancel;
  PbRoundTripResume           resume;
};

/* Emits ::progress now and about once a second until the message is found or the end. */
void     pb_round_trip_session_start_progress (PbRoundTripSession *self);
/* The message is there: delivered, with the time since the acceptance. */
void     pb_round_trip_session_found          (PbRoundTripSession *self);
/* How long is left of the bound (0: it passed). */
guint    pb_round_trip_session_time_left      (PbRoundTripSession *self);
/* Waits ms (never past the bound), then resume; a cancel records "cancelled" and resumes
 * at once. */
void     pb_round_trip_session_pause          (PbRoundTripSession *self,
                                               guint               ms,
                                               PbRoundTripResume   resume);
/* The bound passed and the message is not there: the failure, with its problem id. */
void     pb_round_trip_session_give_up        (PbRoundTripSession *self);
/* A failure of the round trip's own (not a server's reply), in the stage "mailbox", with
 * its problem id: recorded as the session's are. Takes error. */
void     pb_round_trip_session_fail           (PbRoundTripSession *self,
                                               GError             *error,
                                               PbProblem           hint);
/* The client's failure after a step failed, as the incoming check records it. */
void     pb_round_trip_session_record_failure (PbRoundTripSession *self);
/* A step's end, what every protocol's session does with it: finishes the step, forgets the
 * password after the login step (noting whether it was taken), and while still logging in
 * collects what the connection and the client learnt. TRUE when the step succeeded. */
gboolean pb_round_trip_session_step_done      (PbRoundTripSession *self,
                                               GAsyncResult       *result,
                                               gboolean            login_step,
                                               gboolean            logging_in,
                                               GError            **error);
/* Drops the client (and the copies of the password it kept for redacting replies). */
void     pb_round_trip_session_drop_client    (PbRoundTripSession *self);
/* Ends the session: the sources, the client, then pb_check_session_finish(). */
void     pb_round_trip_session_end            (PbRoundTripSession *self);
/* Drops what a session keeps after its end: the password, the result, the connection. */
void     pb_round_trip_session_clear          (PbRoundTripSession *self);

G_END_DECLS
