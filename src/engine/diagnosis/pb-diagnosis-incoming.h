/* pb-diagnosis-incoming.h: IMAP and POP3 failures to their problem ids
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"
#include "pb-problem.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

/* The protocol a failure belongs to: the one the check recorded (has_protocol); for a
 * failure built without it, its reply, its error's domain, its stage and its port tell, in
 * that order. SMTP when none of them tells: the
 * failures that name no protocol (a refused connection on an unusual port) read the same
 * for every protocol, and SMTP's texts were the first. */
PbProtocol pb_diagnosis_failure_protocol   (const PbFailure *failure);
/* TRUE when the failure holds an IMAP or POP3 reply or error: what only
 * pb_diagnosis_classify_incoming() can read. */
gboolean   pb_diagnosis_is_incoming        (const PbFailure *failure);
/* The problem an IMAP or POP3 reply or error means, made precise by the provider's family
 * (NULL: none); PB_PROBLEM_NONE when neither says more than the generic rules read from
 * the GError. The client's hint (the failure's problem_hint) stands, but for a
 * LOGINDISABLED that outlived TLS. text_lower is the reply in lower case. */
PbProblem  pb_diagnosis_classify_incoming  (const PbFailure *failure,
                                            PbProblem        hint,
                                            const char      *family,
                                            const char      *text_lower);
/* What an IMAP or POP3 error says about the dialogue beyond its problem id (a variant's
 * qualifier: "preauth", "unexpected-reply", "out-of-turn"), or NULL. */
const char *pb_diagnosis_incoming_qualifier (const PbFailure *failure);

G_END_DECLS
