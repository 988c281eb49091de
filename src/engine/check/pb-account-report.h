/* pb-account-report.h: the report of a whole account: both halves, and the round trip of a
 * test message
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"
#include "pb-domain-report.h"
#include "pb-round-trip-result.h"

G_BEGIN_DECLS

/* Both halves of an account, localized: a heading and the check's report a half, then the
 * round trip of the test message (round_trip NULL: none was asked for), the sender domain's
 * records (domain NULL: not checked), then what works and what does not, a line each. The
 * domain is advice: it is not in the summary and does not make the account fail. */
char *pb_account_report_text (GPtrArray            *results,
                              PbRoundTripResult    *round_trip,
                              const PbDomainReport *domain,
                              gboolean              transcript);
/* Every half works, and the test message arrived when one was asked for. */
gboolean pb_account_report_is_ok (GPtrArray         *results,
                                  PbRoundTripResult *round_trip);
/* {"ok": pb_account_report_is_ok (), "checks": [ one check report a half ],
 *  "round_trip": {...}, "domain": {...}} (each of the last two only when not NULL; "domain"
 *  as postbote domain --json prints it). */
char *pb_account_report_json (GPtrArray            *results,
                              PbRoundTripResult    *round_trip,
                              const PbDomainReport *domain,
                              gboolean              transcript);

G_END_DECLS
