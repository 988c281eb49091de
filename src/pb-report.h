/* pb-report.h: text and JSON rendering of results, for the command line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"
#include "pb-json-writer.h"

G_BEGIN_DECLS

/* Localized, for a terminal; server text is cleaned of control characters already. */
char *pb_report_check_text        (PbCheckResult *result,
                                   gboolean       transcript);
/* One JSON object with the fields of handbook §8 (and a few more). */
char *pb_report_check_json        (PbCheckResult *result,
                                   gboolean       transcript);
/* The members of that object, written into an object the caller has begun, so a detect
 * report can embed a check. */
void  pb_report_write_check_members (PbJsonWriter  *writer,
                                     PbCheckResult *result,
                                     gboolean       transcript);

G_END_DECLS
