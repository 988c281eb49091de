/* pb-test-diagnosis.h: what the diagnosis tests share: problems named by their ids, the
 * reply part of an SMTP failure, and the ids that only detection or IMAP and POP3 produce
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-diagnosis.h"
#include "pb-failure.h"

G_BEGIN_DECLS

/* A failure's reply part as the SMTP client fills it (text and enhanced code may be NULL). */
#define SMTP_REPLY(code_, enhanced_, text_) \
  .reply = { .kind = PB_REPLY_SMTP, .text = (char *) (text_), \
             .smtp = { .code = (code_), .enhanced_code = (char *) (enhanced_) } }

/* The tests name problems by their ids, as docs/problems.md and the JSON do. */
const char    *pb_test_classify_id (const PbFailure *failure);
PbExplanation *pb_test_explain_id  (const char      *id,
                                    const PbFailure *failure);

/* The ids that only an IMAP or POP3 server's answer yields: never an SMTP failure. */
extern const char * const pb_test_incoming_ids[];

/* The ids of detection, which the command line prints (`postbote check --help` lists them). */
extern const char * const pb_test_detection_ids[];

G_END_DECLS
