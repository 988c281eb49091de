/* pb-window-check.h: a live check as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its steps on the test page, its result on the result page (what was verified, or the
 * problem with its fix), and what became of the password; the parts that an account's two
 * halves (pb-window-account.c) show the same way. The window hands over its pages
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

/* A check of server alone begins: the page starts afresh. */
void pb_window_check_begin         (PbTestPage          *page,
                                    PbServerConfig      *server);
/* A step of list's check ended (a PbSetupHalf, or PB_TEST_PAGE_ROUND_TRIP). */
void pb_window_check_show_step     (PbTestPage          *page,
                                    guint                list,
                                    const PbCheckStep   *step);
/* What result verified, a line each (NULL-terminated, for pb_result_page_set_half()). */
GPtrArray *pb_window_check_verified (PbCheckResult      *result);
/* The check ran to its end; explanation: the flow's, for a failed check. A success offers
 * the server's hand-offs, with name (the person's, or NULL). */
void pb_window_check_show_result   (PbTestPage          *test_page,
                                    PbResultPage        *result_page,
                                    PbCheckResult       *result,
                                    const PbExplanation *explanation,
                                    const char          *name);
/* What the flow did with half's password, under what that half verified. */
/* The notice of a result that works (pb_check_result_get_notice), if it has one. */
void pb_window_check_show_notice   (PbResultPage        *page,
                                    PbCheckResult       *result);
void pb_window_check_show_password (PbResultPage        *page,
                                    PbSetupHalf          half,
                                    PbSetupPassword      what,
                                    const GError        *error);

G_END_DECLS
