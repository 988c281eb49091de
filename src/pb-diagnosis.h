/* pb-diagnosis.h: failure -> problem id -> localized explanation and fix
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"

G_BEGIN_DECLS

typedef struct {
  const char *problem_id;
  char       *title;
  char       *explanation;
  char       *fix;
  char       *link;
  gboolean    retry_may_help;
} PbExplanation;

/* A static string from the catalogue, never NULL. */
const char         *pb_diagnosis_classify    (const PbFailure *failure);
PbExplanation      *pb_diagnosis_explain     (const char      *problem_id,
                                              const PbFailure *failure);
void                pb_explanation_free      (PbExplanation   *explanation);
const char * const *pb_diagnosis_problem_ids (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbExplanation, pb_explanation_free)

G_END_DECLS
