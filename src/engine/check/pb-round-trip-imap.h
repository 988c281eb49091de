/* pb-round-trip-imap.h: the round trip's IMAP session, from the login to the goodbye
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One session: log in as the incoming check does (its client, with ID riding along with
 * the mailbox's command), open INBOX, search for the Message-ID, wait for news (IDLE, or a
 * pause) and search again until the bound, then read the header, remove the message where
 * that is safe (UIDPLUS: UID EXPUNGE of that UID alone), and log out.
 */
#pragma once

#include "pb-round-trip-session.h"

G_BEGIN_DECLS

/* Connects and runs the phases; the session ends with pb_round_trip_session_end(). */
void pb_round_trip_imap_start (PbRoundTripSession *self);

G_END_DECLS
