/* pb-diagnosis-catalogue.h: the texts of every problem id
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-problem.h"

G_BEGIN_DECLS

/* One text set. The generic entry of an id has no qualifier; a variant
 * (pb-diagnosis-variants.h) replaces it when its qualifier applies to the failure: a
 * provider family ("google", "microsoft", ...), a server to fetch mail from ("incoming":
 * IMAP or POP3), a port ("port-25"), the chosen security ("security-tls") or what the error
 * says ("out-of-turn", "preauth").
 * The strings are untranslated (N_()); {host}, {port}, {provider}, {tls_version},
 * {tls_port} and {starttls_port} are filled in after translation. */
typedef struct {
  PbProblem   problem;
  const char *qualifier;
  const char *title;
  const char *explanation;
  const char *fix;
  const char *link;
  gboolean    retry_may_help;
  const char *example;      /* a typical server reply or error, for docs/problems.md */
} PbProblemEntry;

/* The generic entry of every id, in the order of docs/problems.md. */
extern const PbProblemEntry pb_problem_catalogue[];
extern const guint          pb_problem_catalogue_len;

/* The generic entry of problem, or NULL for a value without one (PB_PROBLEM_NONE). */
const PbProblemEntry *pb_diagnosis_catalogue_lookup (PbProblem problem);

G_END_DECLS
