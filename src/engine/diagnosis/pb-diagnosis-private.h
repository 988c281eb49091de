/* pb-diagnosis-private.h: the catalogue tables shared by the pb-diagnosis*.c files
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-diagnosis.h"

G_BEGIN_DECLS

/* One text set of the catalogue. The generic entry of an id has no qualifier; a variant
 * replaces it when its qualifier applies to the failure: a provider family ("google",
 * "microsoft", ...), a port ("port-25") or the chosen security ("security-tls").
 * The strings are untranslated (N_()); {host}, {port} and {provider} are filled in after
 * translation. */
typedef struct {
  const char *id;
  const char *qualifier;
  const char *title;
  const char *explanation;
  const char *fix;
  const char *link;
  gboolean    retry_may_help;
  const char *example;      /* a typical server reply or error, for docs/problems.md */
} PbProblemEntry;

/* pb-diagnosis-catalogue.c: the generic entry of every id, in the order of docs/problems.md. */
extern const PbProblemEntry pb_problem_catalogue[];
extern const guint          pb_problem_catalogue_len;

/* pb-diagnosis-providers.c: the provider and port variants. */
extern const PbProblemEntry pb_problem_variants[];
extern const guint          pb_problem_variants_len;

const char *pb_diagnosis_failure_provider  (const PbFailure *failure);
const char *pb_diagnosis_provider_family   (const char      *provider_id);
const char *pb_diagnosis_provider_name     (const char      *provider_id);
const char *pb_diagnosis_provider_link     (const char      *provider_id,
                                            const char      *problem_id);
const char *pb_diagnosis_provider_note     (const char      *provider_id,
                                            const char      *problem_id);
const char *pb_diagnosis_preset_refine     (const char      *problem_id,
                                            const char      *provider_id);
const char *pb_diagnosis_provider_classify (const PbFailure *failure,
                                            const char      *family,
                                            const char      *text_lower);

/* pb-diagnosis.c: the catalogue's own static string for id, or NULL. */
const char *pb_diagnosis_canonical_id      (const char      *id);

/* pb-diagnosis-classify.c */
const char *pb_diagnosis_enhanced_code     (const PbFailure *failure,
                                            char             buffer[16]);
gboolean    pb_diagnosis_text_has_any      (const char      *text_lower,
                                            const char * const *markers);
gboolean    pb_diagnosis_says_too_many_attempts (const char *text_lower);
/* Whether the lower-case reply text `text` in scope contains any of the markers. */
#define HAS(...) pb_diagnosis_text_has_any (text, (const char * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
