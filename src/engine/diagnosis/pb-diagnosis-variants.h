/* pb-diagnosis-variants.h: the texts of an id for a provider, a port, a security, an error
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-diagnosis-catalogue.h"

G_BEGIN_DECLS

extern const PbProblemEntry pb_problem_variants[];
extern const guint          pb_problem_variants_len;

/* The variant of problem for qualifier, or NULL (also for a NULL qualifier). */
const PbProblemEntry *pb_diagnosis_variant_lookup (PbProblem   problem,
                                                   const char *qualifier);

G_END_DECLS
