/* pb-settings-field.c: which field of the settings a failure points at
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-settings-field.h"

PbSettingsField
pb_settings_field_for_problem (PbProblem problem)
{
  switch (problem)
    {
    case PB_PROBLEM_DNS_NOT_FOUND:
    case PB_PROBLEM_CONNECT_REFUSED:
    case PB_PROBLEM_CONNECT_TIMEOUT:
    case PB_PROBLEM_CERT_HOSTNAME_MISMATCH:
      return PB_SETTINGS_FIELD_HOST;
    case PB_PROBLEM_TLS_WRONG_PORT:
    case PB_PROBLEM_TLS_HANDSHAKE_FAILED:
    case PB_PROBLEM_STARTTLS_NOT_OFFERED:
    case PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED:
      return PB_SETTINGS_FIELD_SECURITY;
    case PB_PROBLEM_AUTH_FAILED:
    case PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED:
    case PB_PROBLEM_PASSWORD_EXPIRED:
    case PB_PROBLEM_AUTH_REQUIRED:
      return PB_SETTINGS_FIELD_LOGIN;
    case PB_PROBLEM_SENDER_NOT_ALLOWED:
    case PB_PROBLEM_SENDER_INVALID:
      return PB_SETTINGS_FIELD_SENDER;
    case PB_PROBLEM_RECIPIENT_REJECTED:
    case PB_PROBLEM_RELAY_DENIED:
      return PB_SETTINGS_FIELD_RECIPIENT;
    default:
      return PB_SETTINGS_FIELD_NONE;
    }
}
