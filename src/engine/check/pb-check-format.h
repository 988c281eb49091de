/* pb-check-format.h: localized plain-text pieces of a check result, shared by the window
 * and the command line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check.h"

G_BEGIN_DECLS

const char *pb_check_step_get_label            (const char    *name);
char       *pb_check_result_format_certificate (PbCheckResult *result);
char       *pb_check_result_format_trust_question (PbCheckResult *result);
char       *pb_check_result_format_encryption  (PbCheckResult *result);
char       *pb_check_result_format_transcript  (PbCheckResult *result);
char       *pb_check_result_format_settings    (PbCheckResult *result);

G_END_DECLS
