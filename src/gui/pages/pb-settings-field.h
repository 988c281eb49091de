/* pb-settings-field.h: which field of the settings a failure points at
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-problem.h"

G_BEGIN_DECLS

typedef enum {
  PB_SETTINGS_FIELD_NONE,
  PB_SETTINGS_FIELD_HOST,       /* the server's name, or where it is reached */
  PB_SETTINGS_FIELD_SECURITY,   /* the encryption (and with it the port) */
  PB_SETTINGS_FIELD_LOGIN,      /* the password, or the user name */
  PB_SETTINGS_FIELD_SENDER,
  PB_SETTINGS_FIELD_RECIPIENT,
} PbSettingsField;

/* What Edit Settings goes to after a failure with problem. */
PbSettingsField pb_settings_field_for_problem (PbProblem problem);

G_END_DECLS
