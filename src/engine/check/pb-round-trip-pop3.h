/* pb-round-trip-pop3.h: the round trip's POP3 sessions, one for every look into the maildrop
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A POP3 session shows the maildrop as it was at the login (RFC 1939), so each look is a
 * session of its own, logged in as the incoming check does (its client and steps): STAT,
 * then from the newest message down, at most PB_ROUND_TRIP_POP3_MAX_INSPECT of them, UIDL n
 * (where the server has it: a message seen before not to be ours is not read again) and
 * TOP n 0, until a header carries the test message's Message-ID. That message alone gets
 * DELE n in the same session, and QUIT removes it; a failed QUIT may leave it. Between
 * looks a pause (the poll), until the bound.
 */
#pragma once

#include "pb-round-trip-session.h"

G_BEGIN_DECLS

/* The newest messages a look reads at most: a huge maildrop costs no more. */
#define PB_ROUND_TRIP_POP3_MAX_INSPECT 20

/* Starts the first look; the round trip ends with pb_round_trip_session_end(). */
void pb_round_trip_pop3_start (PbRoundTripSession *self);

G_END_DECLS
