/* pb-credentials-error.h: how the keyring fails, and the flag that asks for "locked"
 * instead of an unlock prompt
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-problem.h"

G_BEGIN_DECLS

/* Every failure of the keyring is one of these; the problem (docs/problems.md) comes from
 * pb_credentials_error_to_problem().  Cancellation stays G_IO_ERROR_CANCELLED. */
#define PB_CREDENTIALS_ERROR (pb_credentials_error_quark ())

typedef enum {
  PB_CREDENTIALS_ERROR_UNAVAILABLE,  /* no Secret Service, D-Bus error */
  PB_CREDENTIALS_ERROR_LOCKED,       /* locked, and not unlocked */
  PB_CREDENTIALS_ERROR_DISMISSED,    /* the unlock prompt was dismissed */
} PbCredentialsError;

typedef enum {
  PB_CREDENTIALS_FLAGS_NONE      = 0,
  /* A locked keyring is reported as PB_CREDENTIALS_ERROR_LOCKED instead of asking the
   * desktop to show an unlock prompt (for the command line without a display). */
  PB_CREDENTIALS_FLAGS_NO_PROMPT = 1 << 0,
} PbCredentialsFlags;

GQuark              pb_credentials_error_quark         (void);
/* PB_PROBLEM_KEYRING_*, or PB_PROBLEM_NONE for an error of another domain. */
PbProblem           pb_credentials_error_to_problem    (const GError       *error);

G_END_DECLS
