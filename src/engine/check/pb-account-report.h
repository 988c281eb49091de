/* pb-account-report.h: the report of a whole account: both halves, and the round trip of a
 * test message
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"
#include "pb-round-trip-result.h"

G_BEGIN_DECLS

/* Both halves of an account, localized: a heading and the check's report a half, then the
 * round trip of the test message (round_trip NULL: none was asked for), then what works and
 * what does not, a line each. */
char *pb_account_report_text (GPtrArray         *results,
                              PbRoundTripResult *round_trip,
                              gboolean           transcript);
/* Every half works, and the test message arrived when one was asked for. */
gboolean pb_account_report_is_ok (GPtrArray         *results,
                                  PbRoundTripResult *round_trip);
/* {"ok": pb_account_report_is_ok (), "checks": [ one check report a half ],
 *  "round_trip": {...}} (the member only when round_trip is not NULL). */
char *pb_account_report_json (GPtrArray         *results,
                              PbRoundTripResult *round_trip,
                              gboolean           transcript);

G_END_DECLS
