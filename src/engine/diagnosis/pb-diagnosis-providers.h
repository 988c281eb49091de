/* pb-diagnosis-providers.h: which provider a failure belongs to, and what it means by it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"
#include "pb-server-config.h"
#include "pb-problem.h"

G_BEGIN_DECLS

/* The preset id ("gmail", "outlook", "gmx", ...) a server host name belongs to, or NULL. */
const char *pb_diagnosis_provider_from_host (const char      *host);
/* The caller's preset id, else a guess from the host name, else from the reply's
 * signature; NULL when none of them tells. */
const char *pb_diagnosis_failure_provider   (const PbFailure *failure);
/* The family of providers that share replies and fixes ("google"), or NULL. */
const char *pb_diagnosis_provider_family    (const char      *provider_id);
/* The name shown in texts; the id itself for a provider this file does not know. */
const char *pb_diagnosis_provider_name      (const char      *provider_id);
/* The provider's own page for the fix, and its own words on it, from its preset; NULL
 * when it has none. */
const char *pb_diagnosis_provider_link      (const char      *provider_id,
                                             PbProblem        problem);
const char *pb_diagnosis_provider_note      (const char      *provider_id,
                                             PbProblem        problem);
/* A word for a check that works today but will not keep working: a password login that the
 * provider is switching off (mechanism: the one the login used; an OAuth one has none).
 * Localized, naming the sign-in as the window's switch does; NULL when there is nothing to
 * say; transfer full. */
char       *pb_diagnosis_provider_notice    (const char      *provider_id,
                                             PbProtocol       protocol,
                                             const char      *mechanism);
/* A plain rejected login made precise by what the preset knows about the provider. */
PbProblem   pb_diagnosis_preset_refine      (PbProblem        problem,
                                             const char      *provider_id);
/* What the family's reply means, or PB_PROBLEM_NONE when the generic rules should decide;
 * text is the reply in lower case. */
PbProblem   pb_diagnosis_provider_classify  (const PbFailure *failure,
                                             const char      *family,
                                             const char      *text_lower);

G_END_DECLS
