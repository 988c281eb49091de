/* pb-round-trip.h: send and receive, the test message seen arriving in INBOX
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a check sent its test message (PbCheckOptions.send_test) and the outgoing server took
 * it, the round trip logs in to the incoming server and waits, within a bound counted from
 * that acceptance, until a message with the test message's Message-ID is in INBOX. It reads
 * which header fields arrived (Received, DKIM-Signature with its d= and s=,
 * Authentication-Results, ...) without marking the message as read, and removes that one
 * message where the server can remove one alone; it never touches another message.
 *
 * IMAP (pb-round-trip-imap.h): one session, with IDLE where the server offers it, else
 * searching again every poll; removal with UIDPLUS only (UID EXPUNGE, never a bare EXPUNGE
 * or CLOSE), else the message stays and the result says so. POP3 (pb-round-trip-pop3.h): a
 * fresh session every poll (UIDL and TOP n 0 over the newest messages), DELE of that
 * message alone and QUIT; a failed QUIT may leave it, and the result says so.
 *
 * Each session has the same client, rules, steps and diagnosis as the incoming check (TLS,
 * certificates, STARTTLS required when chosen, the password only inside TLS). The options'
 * timeout_ms bounds the network's part (each POP3 session; an IMAP session beyond the
 * wait), step_timeout_ms every stage.
 */
#pragma once

#include <gio/gio.h>

#include "pb-check-options.h"
#include "pb-check-result.h"
#include "pb-round-trip-result.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

#define PB_ROUND_TRIP_DEFAULT_WAIT_MS 60000

/* Signals:
 *   ::step (PbCheckStep *step)                 a step of the incoming session ended
 *   ::progress (guint waited_ms, guint wait_ms) about once a second while the message is
 *                                               looked for: the time since the outgoing
 *                                               server took it, and the bound */
#define PB_TYPE_ROUND_TRIP (pb_round_trip_get_type ())
G_DECLARE_FINAL_TYPE (PbRoundTrip, pb_round_trip, PB, ROUND_TRIP, GObject)

/* incoming: the account's incoming server, IMAP or POP3; address: the account, whose INBOX receives the
 * test message; options as for the check of that server (username, pin, step timeout,
 * plain-text consent, provider). */
PbRoundTrip       *pb_round_trip_new          (PbServerConfig       *incoming,
                                               const char           *address,
                                               const PbCheckOptions *options);
/* The incoming password (copied, used once and wiped). Without one nothing can be looked
 * for: the result says the login was not tested. */
void               pb_round_trip_set_password (PbRoundTrip          *self,
                                               const char           *password);
/* An OAuth 2.0 access token instead (copied, used once and wiped): IMAP only; a POP3 round
 * trip with a token has no login. */
void               pb_round_trip_set_access_token (PbRoundTrip      *self,
                                                   const char       *token);
/* How long after the acceptance the message may take (0: 60 s), and without IDLE how often
 * to look (0: IMAP 1.5 s, POP3 5 s or the server's LOGIN-DELAY). */
void               pb_round_trip_set_wait     (PbRoundTrip          *self,
                                               guint                 wait_ms,
                                               guint                 poll_ms);
/* Whether to remove the message once seen, where the server allows it; the default. */
void               pb_round_trip_set_delete   (PbRoundTrip          *self,
                                               gboolean              remove);
/* sent: the result of the check that sent the test message (test_sent, its Message-ID and
 * the time of the acceptance). Cancelling ends the wait at once: the result says
 * "cancelled". */
void               pb_round_trip_run_async    (PbRoundTrip          *self,
                                               PbCheckResult        *sent,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* A result also when the message did not come; NULL only on a programming error. */
PbRoundTripResult *pb_round_trip_run_finish   (PbRoundTrip          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
