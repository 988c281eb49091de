/* pb-diagnosis.h: problem id -> localized explanation and fix
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"
#include "pb-problem.h"

G_BEGIN_DECLS

/* Localized for the current locale. Plain text, not markup: the host name in it comes from
 * the user or the network, so escape the strings before they go into a markup label. */
typedef struct {
  PbProblem   problem;
  char       *title;
  char       *explanation;
  char       *fix;
  char       *link;
  gboolean    retry_may_help;
  const char *variant;       /* the qualifier of the text set used ("google", "port-25", ...)
                                or NULL for the generic one */
} PbExplanation;

/* A problem without texts (PB_PROBLEM_NONE) is explained as PB_PROBLEM_PROTOCOL_ERROR. */
PbExplanation      *pb_diagnosis_explain     (PbProblem        problem,
                                              const PbFailure *failure);
void                pb_explanation_free      (PbExplanation   *explanation);
/* Every id of the catalogue, in its order; NULL-terminated, static. */
const char * const *pb_diagnosis_problem_ids (void);
/* TRUE when id is one of pb_diagnosis_problem_ids(). */
gboolean            pb_diagnosis_is_problem_id (const char *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbExplanation, pb_explanation_free)

G_END_DECLS
