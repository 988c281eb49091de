/* pb-window-account.h: a test of both halves of an account as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outgoing and the incoming server are checked at once (pb_setup_test_account_async):
 * the test page has a step list a half, filled as the flow's ::step says; the result page
 * waits until every half has its result, then says per half what works, explains the
 * half that failed and keeps each half's password state. A half that asked to trust its
 * certificate and runs again starts its own list afresh. The window hands over its pages
 * and the flow; nothing here knows the window or decides anything.
 */
#pragma once

#include "pb-result-page.h"
#include "pb-server-config.h"
#include "pb-setup.h"
#include "pb-test-page.h"

G_BEGIN_DECLS

typedef struct _PbWindowAccount PbWindowAccount;

PbWindowAccount *pb_window_account_new        (void);
void             pb_window_account_free       (PbWindowAccount *self);

/* A test of the account begins: outgoing and incoming (NULL: none was found) are its
 * servers, name the person's (the hand-offs carry it; NULL or empty: none); send_test: it
 * sends a test message and waits for it in INBOX. The page starts afresh with a list a
 * half. */
void     pb_window_account_begin          (PbWindowAccount *self,
                                           PbTestPage      *page,
                                           PbServerConfig  *outgoing,
                                           PbServerConfig  *incoming,
                                           const char      *name,
                                           gboolean         send_test);
/* A single server's test follows: nothing here applies until the next begin. */
void     pb_window_account_end            (PbWindowAccount *self);
gboolean pb_window_account_is_active      (PbWindowAccount *self);
/* A check of half begins (the first, or again after a trusted certificate). */
void     pb_window_account_check_started  (PbWindowAccount *self,
                                           PbTestPage      *page,
                                           PbSetupHalf      half);
/* Whether the result waits for the round trip of a test message, after both halves: it is
 * shown when the whole test ends. */
gboolean pb_window_account_awaits_round_trip (PbWindowAccount *self);
/* half's check ended with a result; TRUE when now every half has one and none runs. */
gboolean pb_window_account_take_result    (PbWindowAccount *self,
                                           PbSetupHalf      half);
/* Whether every half has its result and none runs. */
gboolean pb_window_account_all_done       (PbWindowAccount *self);
/* Every half tested works, and so did the round trip of a test message that was sent. */
gboolean pb_window_account_works          (PbWindowAccount *self,
                                           PbSetup         *setup);
/* Every half's result on the result page (the flow's half results and explanations), and
 * the round trip's when the test sent a message. */
void     pb_window_account_show           (PbWindowAccount *self,
                                           PbSetup         *setup,
                                           PbTestPage      *test_page,
                                           PbResultPage    *result_page);
/* An account test that sent a test message ended (both halves, then the round trip): its
 * result on the result page, as pb_window_account_show(). FALSE when there is nothing to
 * show: the test was cancelled or replaced by a newer one. */
gboolean pb_window_account_show_round_trip (PbWindowAccount *self,
                                            PbSetup         *setup,
                                            PbTestPage      *test_page,
                                            PbResultPage    *result_page);
/* What became of half's password; shown at once when the result page shows the account,
 * else with it. */
void     pb_window_account_show_password  (PbWindowAccount *self,
                                           PbResultPage    *page,
                                           PbSetupHalf      half,
                                           PbSetupPassword  what,
                                           const GError    *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbWindowAccount, pb_window_account_free)

G_END_DECLS
