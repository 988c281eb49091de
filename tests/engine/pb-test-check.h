/* pb-test-check.h: what the check's tests in the lab read in a result's transcript
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"
#include "pb-transcript.h"

G_BEGIN_DECLS

/* The first line of the transcript in direction ('C' the client's, 'S' the server's) that
 * starts with prefix, or NULL. */
PbTranscriptLine *transcript_find (PbCheckResult *r,
                                   char           direction,
                                   const char    *prefix);

G_END_DECLS
