/* pb-window-round-trip.h: the round trip of a test message as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After "Send Test Message" both halves are tested, then the flow waits for the message in
 * INBOX (PbRoundTrip): the test page shows how long it has waited of the bound and the
 * steps of the incoming session that looks; the result page says in a group of its own
 * whether the message arrived, how fast, what became of it and which header fields came
 * with it, or why it was not looked for. Nothing here decides anything.
 */
#pragma once

#include "pb-result-page.h"
#include "pb-round-trip.h"
#include "pb-test-page.h"

G_BEGIN_DECLS

/* The flow started waiting for the message (::round-trip-started), with wait_ms the bound:
 * the page follows the trip's steps from now on. */
void pb_window_round_trip_begin    (PbTestPage        *page,
                                    PbRoundTrip       *trip,
                                    guint              wait_ms);
/* ::round-trip-progress: waited_ms of wait_ms. */
void pb_window_round_trip_progress (PbTestPage        *page,
                                    guint              waited_ms,
                                    guint              wait_ms);
/* What the round trip found, as rows of its group on the result page. */
void pb_window_round_trip_show     (PbResultPage      *page,
                                    PbRoundTripResult *result);

G_END_DECLS
