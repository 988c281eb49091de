/* pb-test-diagnosis.c: what the diagnosis tests share (pb-test-diagnosis.h)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-diagnosis-classify.h"
#include "pb-test-diagnosis.h"

const char * const pb_test_incoming_ids[] = {
  "password-expired", "login-delay", "mailbox-in-use", "mailbox-not-found", "contact-provider",
  "pop3-no-top", "pop3-busy", NULL
};

const char * const pb_test_detection_ids[] = {
  "not-discoverable", "not-found", "confirmation-needed", "detect-failed", NULL
};

const char *
pb_test_classify_id (const PbFailure *failure)
{
  return pb_problem_to_string (pb_diagnosis_classify (failure));
}

PbExplanation *
pb_test_explain_id (const char      *id,
                    const PbFailure *failure)
{
  return pb_diagnosis_explain (pb_problem_from_string (id), failure);
}
