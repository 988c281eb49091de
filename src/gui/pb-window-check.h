/* pb-window-check.h: a live check as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its steps on the test page, its result on the result page (what was verified, or the
 * problem with its fix), and what became of the password. The window hands over its pages
 * and the flow's state; nothing here knows the window or decides anything.
 */
#pragma once

#include "pb-check.h"
#include "pb-diagnosis.h"
#include "pb-result-page.h"
#include "pb-server-config.h"
#include "pb-setup.h"
#include "pb-test-page.h"

G_BEGIN_DECLS

/* A check of server begins: the page starts afresh and follows its steps. */
void pb_window_check_begin         (PbTestPage          *page,
                                    PbCheck             *check,
                                    PbServerConfig      *server);
/* The check ran to its end; explanation: the flow's, for a failed check. */
void pb_window_check_show_result   (PbTestPage          *test_page,
                                    PbResultPage        *result_page,
                                    PbCheckResult       *result,
                                    const PbExplanation *explanation);
/* What the flow did with the password, under what the check verified. */
void pb_window_check_show_password (PbResultPage        *page,
                                    PbSetupPassword      what,
                                    const GError        *error);

G_END_DECLS
