/* pb-diagnosis-classify.h: a failure, in its original form, to its problem id
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-failure.h"
#include "pb-problem.h"

G_BEGIN_DECLS

/* Never PB_PROBLEM_NONE.
 *
 * Callers keep the failure in its original form. The classification looks at, in order:
 * - problem_hint, when set: the client sets it for what the reply and the error cannot tell
 *   ("starttls-injection", "starttls-not-offered", "auth-not-offered", "protocol-error",
 *   ...). A hint the reply can also tell ("auth-failed", "relay-denied", ...) yields to the
 *   reply when there is an SMTP code; "tls-wrong-port" on a TLS error and
 *   "auth-mechanism-unsupported" with only OAuth mechanisms offered are re-checked;
 * - the keyring stage, a cancelled operation, the GError (resolver, socket, TLS with
 *   cert_errors);
 * - an IMAP or POP3 reply or error: its response code, stage and stable markers
 *   (pb-diagnosis-incoming.h), refined by the provider;
 * - the SMTP code, the enhanced code and stable markers in the reply text, refined by the
 *   provider: provider_id, else guessed from host (preset server names, known suffixes),
 *   else from the reply's signature ("gsmtp", ...), and by the preset's quirks. */
PbProblem pb_diagnosis_classify (const PbFailure *failure);

G_END_DECLS
