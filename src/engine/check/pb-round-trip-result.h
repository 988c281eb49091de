/* pb-round-trip-result.h: what the round trip of a test message found out
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-check-result.h"
#include "pb-problem.h"

G_BEGIN_DECLS

/* What became of the test message in the mailbox. Registered (pb-engine-enums.h): the nicks
 * ("deleted", "left-no-uidplus", ...) are what JSON says. */
typedef enum {
  PB_ROUND_TRIP_NOT_FOUND,        /* not seen: nothing to remove */
  PB_ROUND_TRIP_DELETED,          /* removed, and nothing else (UID EXPUNGE) */
  PB_ROUND_TRIP_LEFT_NO_UIDPLUS,  /* left: the server cannot remove one message alone */
  PB_ROUND_TRIP_LEFT_READ_ONLY,   /* left: the server opened the mailbox read-only */
  PB_ROUND_TRIP_LEFT_FAILED,      /* left: the removal was refused or broke off */
  PB_ROUND_TRIP_LEFT_ASKED,       /* left: the caller asked to keep it */
  PB_ROUND_TRIP_LEFT_NOT_OURS,    /* left: the header read back had another Message-ID */
  PB_ROUND_TRIP_MAY_REMAIN,       /* POP3: marked (DELE), but QUIT, which removes it, failed */
} PbRoundTripDisposal;

/* Why nothing was looked for, when the setup did not start the round trip at all. */
typedef enum {
  PB_ROUND_TRIP_SKIP_NONE,              /* it ran */
  PB_ROUND_TRIP_SKIP_NOT_SENT,          /* the outgoing server took no test message */
  PB_ROUND_TRIP_SKIP_NO_INCOMING,       /* no incoming server was found */
  PB_ROUND_TRIP_SKIP_INCOMING_FAILED,   /* the incoming check failed: no verified login */
  PB_ROUND_TRIP_SKIP_LOGIN_NOT_TESTED,  /* the incoming check had no password to log in with */
} PbRoundTripSkip;

#define PB_TYPE_ROUND_TRIP_RESULT (pb_round_trip_result_get_type ())
G_DECLARE_FINAL_TYPE (PbRoundTripResult, pb_round_trip_result, PB, ROUND_TRIP_RESULT, GObject)

/* The fields are read-only for everyone but the round trip (pb-round-trip.c and its
 * session) and pb_round_trip_result_new_skipped(). */
struct _PbRoundTripResult
{
  GObject              parent_instance;

  gboolean             ok;              /* the message arrived */
  PbProblem            problem;         /* the session's (a refused login, a timeout, a
                                           cancel), or PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED */
  PbCheckResult       *session;         /* the incoming session (POP3: the last look):
                                           steps, TLS, failure, transcript; NULL when
                                           skipped */
  char                *message_id;      /* what was looked for, "<...>" */
  guint                wait_ms;         /* the bound, from the SMTP acceptance */
  gboolean             delivered;
  guint64              delivery_usec;   /* from the SMTP acceptance until it was seen */
  char               **headers;         /* the names of the header fields that arrived,
                                           each once, in their order ("Received", ...);
                                           NULL when the header was not read (a POP3
                                           header too big to keep, found by its
                                           Message-ID line) */
  char                *dkim_domain;     /* d= of the first DKIM-Signature, or NULL */
  char                *dkim_selector;   /* s= of the same, or NULL */
  PbRoundTripDisposal  disposal;
  PbRoundTripSkip      skipped;         /* not NONE: nothing was tried, problem is NONE */
};

/* The result of a round trip that was not started, and why. message_id: the test message's,
 * or NULL when none was sent. */
PbRoundTripResult *pb_round_trip_result_new_skipped (PbRoundTripSkip  why,
                                                     const char      *message_id,
                                                     guint            wait_ms);
/* The names JSON gives them: the registered nicks ("deleted"; "incoming-failed"). */
const char *pb_round_trip_disposal_to_string (PbRoundTripDisposal disposal);
const char *pb_round_trip_skip_to_string     (PbRoundTripSkip     skip);

/* Takes the header block as the server sent it (CRLF or LF lines, folded or not): its field
 * names, and d= and s= of the first DKIM-Signature; server text, cleaned for display. TRUE
 * when its Message-ID is message_id: the message is ours. */
gboolean pb_round_trip_result_read_header (PbRoundTripResult *self,
                                           const char        *header,
                                           gsize              len);
/* As pb_round_trip_result_read_header(), but only for the header of the test message: for
 * another message's (FALSE) nothing changes. */
gboolean pb_round_trip_result_take_header (PbRoundTripResult *self,
                                           const char        *header,
                                           gsize              len);
/* Whether a field of that name arrived (ASCII case does not matter). */
gboolean pb_round_trip_result_has_header  (PbRoundTripResult *self,
                                           const char        *name);

G_END_DECLS
