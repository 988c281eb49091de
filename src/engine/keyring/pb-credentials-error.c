/* pb-credentials-error.c: how the keyring fails
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-credentials-error.h"

G_DEFINE_QUARK (pb-credentials-error-quark, pb_credentials_error)

PbProblem
pb_credentials_error_to_problem (const GError *error)
{
  if (error == NULL || error->domain != PB_CREDENTIALS_ERROR)
    return PB_PROBLEM_NONE;

  switch ((PbCredentialsError) error->code)
    {
    case PB_CREDENTIALS_ERROR_UNAVAILABLE:
      return PB_PROBLEM_KEYRING_UNAVAILABLE;
    case PB_CREDENTIALS_ERROR_LOCKED:
      return PB_PROBLEM_KEYRING_LOCKED;
    case PB_CREDENTIALS_ERROR_DISMISSED:
      return PB_PROBLEM_KEYRING_DISMISSED;
    default:
      return PB_PROBLEM_NONE;
    }
}
