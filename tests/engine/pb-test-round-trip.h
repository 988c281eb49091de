/* pb-test-round-trip.h: running a round trip in the lab, and looking into Maildirs
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the round-trip tests (test-round-trip.c over IMAP, test-round-trip-pop3.c), inside
 * tests/lab/lab-run: Postfix delivers to Dovecot over LMTP, swaks sends on port 25.
 */
#pragma once

#include "pb-round-trip.h"

G_BEGIN_DECLS

#define ALICE          "alice@lab.test"
#define ALICE_PASSWORD "Alice-Secret-1"
#define BOB            "bob@lab.test"
#define BOB_PASSWORD   "Bob-Secret-2"

typedef struct {
  const char  *host;
  guint16      port;
  PbProtocol   protocol;
  const char  *address;
  const char  *password;
  const char  *pin;
  guint        wait_ms;
  guint        cancel_after_ms;
  guint        deliver_after_ms; /* swaks delivers the message this long after the start;
                                    0: never */
  const char  *message_id;       /* what to look for (a scripted server's); NULL: a new id */
  guint        step_timeout_ms;  /* 0: the default */
  guint        timeout_ms;       /* the network's part (PbCheckOptions); 0: the default */
} Trip;

typedef struct {
  GMainLoop          *loop;
  PbRoundTripResult  *result;
  GPtrArray          *steps;     /* names */
  guint               progress;  /* ::progress signals */
  guint               last_waited;
  guint               wait_ms;
  gint64              usec;      /* how long the run took */
  char               *message_id; /* of the message this test sent itself */
  char               *commands;  /* what the client sent, without tags, a line each */
} Run;

/* The round trip of sent, or with sent NULL of a message only this test sends (its
 * Message-ID in run->message_id). Steps, progress and the client's commands in run. */
PbRoundTripResult *pb_test_round_trip             (const Trip    *t,
                                                   PbCheckResult *sent,
                                                   Run           *run);
void               pb_test_round_trip_clear       (Run           *run);
guint              pb_test_round_trip_count_steps (Run           *run,
                                                   const char    *name);
/* The Maildir file of the message with that Message-ID in the user's mailbox, or NULL. */
char              *pb_test_maildir_file           (const char    *local_part,
                                                   const char    *message_id);
/* A message another program left in alice's mailbox, delivered before the round trip; its
 * Message-ID. */
char              *pb_test_deliver_other          (void);
/* That message in alice's Maildir has neither \Seen nor \Deleted. */
void               pb_test_assert_untouched       (const char    *message_id);
/* What the check that sent a test message reports, for a message only this test sends. */
PbCheckResult     *pb_test_sent_now               (const char    *message_id);

G_END_DECLS
