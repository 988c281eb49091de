/* pb-diagnosis-text.h: reading a server's reply the way every diagnosis rule does
 *
 * Below the classification and the provider rules, which both read replies: lower-case
 * markers and enhanced status codes (RFC 3463).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"

G_BEGIN_DECLS

/* Whether the lower-case text contains any of the NULL-terminated markers. */
gboolean    pb_diagnosis_text_has_any  (const char         *text_lower,
                                        const char * const *markers);
/* Whether the lower-case reply text `text` in scope contains any of the markers. */
#define HAS(...) pb_diagnosis_text_has_any (text, (const char * const[]) { __VA_ARGS__, NULL })

/* The enhanced status code, also one the server wrote at the start of its text without
 * announcing ENHANCEDSTATUSCODES; NULL when there is none. */
const char *pb_diagnosis_enhanced_code (const PbFailure *failure,
                                        char             buffer[16]);
gboolean    pb_diagnosis_enhanced_is   (const PbFailure *failure,
                                        const char      *code);
/* Too many logins, in the server's words: "too many" alone may be about connections. */
gboolean    pb_diagnosis_says_too_many_attempts (const char *text_lower);

G_END_DECLS
