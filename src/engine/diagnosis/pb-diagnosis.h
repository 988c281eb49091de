/* pb-diagnosis.h: failure -> problem id -> localized explanation and fix
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"

G_BEGIN_DECLS

/* Localized for the current locale. Plain text, not markup: the host name in it comes from
 * the user or the network, so escape the strings before they go into a markup label. */
typedef struct {
  const char *problem_id;
  char       *title;
  char       *explanation;
  char       *fix;
  char       *link;
  gboolean    retry_may_help;
  const char *variant;       /* the qualifier of the text set used ("google", "port-25", ...)
                                or NULL for the generic one */
} PbExplanation;

/* A static string from the catalogue, never NULL.
 *
 * Callers keep the failure in its original form. The classification looks at, in order:
 * - problem_hint, when it is a catalogue id: set it for what the reply and the error cannot
 *   tell ("starttls-injection", "starttls-not-offered", "auth-not-offered", "protocol-error",
 *   ...). A hint the reply can also tell ("auth-failed", "relay-denied", ...) yields to the
 *   reply when there is an SMTP code; "tls-wrong-port" on a TLS error and
 *   "auth-mechanism-unsupported" with only OAuth mechanisms offered are re-checked;
 * - the keyring stage, a cancelled operation, the GError (resolver, socket, TLS with
 *   cert_errors);
 * - the SMTP code, the enhanced code and stable markers in reply_text, refined by the
 *   provider: provider_id, else guessed from host (preset server names, known suffixes),
 *   else from the reply's signature ("gsmtp", ...), and by the preset's quirks. */
const char         *pb_diagnosis_classify    (const PbFailure *failure);
PbExplanation      *pb_diagnosis_explain     (const char      *problem_id,
                                              const PbFailure *failure);
void                pb_explanation_free      (PbExplanation   *explanation);
const char * const *pb_diagnosis_problem_ids (void);

/* TRUE when id is one of pb_diagnosis_problem_ids(). */
gboolean            pb_diagnosis_is_problem_id      (const char *id);
/* The preset id ("gmail", "outlook", "gmx", ...) a server host name belongs to, or NULL. */
const char         *pb_diagnosis_provider_from_host (const char *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbExplanation, pb_explanation_free)

G_END_DECLS
