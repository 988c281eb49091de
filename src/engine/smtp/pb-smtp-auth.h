/* pb-smtp-auth.h: which SASL mechanism an SMTP login uses (the responses: pb-sasl.h)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pb-problem.h"
#include "pb-sasl.h"
#include "pb-server-config.h"
#include "pb-smtp-reply.h"

G_BEGIN_DECLS

/* Picks what to use for the configured method; on failure sets error and *problem_hint
 * (PB_PROBLEM_AUTH_NOT_OFFERED or _AUTH_MECHANISM_UNSUPPORTED). */
PbSaslMechanism  pb_smtp_auth_choose (const PbSmtpCapabilities *caps,
                                     PbAuthMethod              method,
                                     PbProblem               *problem_hint,
                                     GError                  **error);

G_END_DECLS
