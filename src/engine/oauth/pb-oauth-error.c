/* pb-oauth-error.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "pb-credentials.h"
#include "pb-oauth-error.h"

G_DEFINE_QUARK (pb-oauth-error-quark, pb_oauth_error)

PbProblem
pb_oauth_error_to_problem (const GError *error)
{
  PbProblem keyring;

  g_return_val_if_fail (error != NULL, PB_PROBLEM_OAUTH_SIGN_IN_FAILED);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return PB_PROBLEM_CANCELLED;
  if ((keyring = pb_credentials_error_to_problem (error)) != PB_PROBLEM_NONE)
    return keyring;
  if (error->domain != PB_OAUTH_ERROR)
    return PB_PROBLEM_OAUTH_SIGN_IN_FAILED;
  switch ((PbOAuthError) error->code)
    {
    case PB_OAUTH_ERROR_DENIED:
      return PB_PROBLEM_OAUTH_DENIED;
    case PB_OAUTH_ERROR_INVALID_GRANT:
      return PB_PROBLEM_OAUTH_SIGN_IN_EXPIRED;
    case PB_OAUTH_ERROR_TIMED_OUT:
      return PB_PROBLEM_OAUTH_TIMED_OUT;
    case PB_OAUTH_ERROR_NO_CLIENT:
      return PB_PROBLEM_OAUTH_NO_CLIENT;
    case PB_OAUTH_ERROR_NO_DEVICE:
      return PB_PROBLEM_OAUTH_NO_DEVICE;
    case PB_OAUTH_ERROR_INVALID_CLIENT:
      return PB_PROBLEM_OAUTH_DENIED;
    case PB_OAUTH_ERROR_METADATA:
      return PB_PROBLEM_OAUTH_METADATA_INVALID;
    case PB_OAUTH_ERROR_REGISTRATION_REFUSED:
      return PB_PROBLEM_OAUTH_REGISTRATION_REFUSED;
    case PB_OAUTH_ERROR_PROTOCOL:
    case PB_OAUTH_ERROR_PENDING:
    case PB_OAUTH_ERROR_SLOW_DOWN:
    default:
      return PB_PROBLEM_OAUTH_SIGN_IN_FAILED;
    }
}

gboolean
pb_oauth_problem_is_sign_in (PbProblem problem)
{
  switch (problem)
    {
    case PB_PROBLEM_OAUTH_NO_CLIENT:
    case PB_PROBLEM_OAUTH_NO_DEVICE:
    case PB_PROBLEM_OAUTH_METADATA_INVALID:
    case PB_PROBLEM_OAUTH_REGISTRATION_REFUSED:
    case PB_PROBLEM_OAUTH_DENIED:
    case PB_PROBLEM_OAUTH_TIMED_OUT:
    case PB_PROBLEM_OAUTH_SIGN_IN_EXPIRED:
    case PB_PROBLEM_OAUTH_SIGN_IN_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}
