/* pb-test-page.h: the live step lists of a test: one server, or both halves of an account
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-setup.h"

G_BEGIN_DECLS

typedef enum {
  PB_STEP_STATE_RUNNING,
  PB_STEP_STATE_OK,
  PB_STEP_STATE_FAILED,
} PbStepState;

/* The step list of the round trip's own session (its login, the search, the removal), after
 * the halves' lists. */
#define PB_TEST_PAGE_ROUND_TRIP PB_SETUP_N_HALVES

#define PB_TYPE_TEST_PAGE (pb_test_page_get_type ())

G_DECLARE_FINAL_TYPE (PbTestPage, pb_test_page, PB, TEST_PAGE, AdwBin)

/* Starts afresh with one step list (a server alone) titled "Steps". */
void pb_test_page_reset           (PbTestPage  *self,
                                   const char  *title);
/* Names half's step list and shows it (an account test shows both). */
void pb_test_page_set_half        (PbTestPage  *self,
                                   PbSetupHalf  half,
                                   const char  *title,
                                   const char  *description);
/* A check of half runs again (after a certificate was trusted): its list starts afresh. */
void pb_test_page_restart_half    (PbTestPage  *self,
                                   PbSetupHalf  half);
/* A line under the title (NULL: none), e.g. that a half is not tested. */
void pb_test_page_set_note        (PbTestPage  *self,
                                   const char  *note);
void pb_test_page_finish          (PbTestPage  *self);
/* A step of list (a PbSetupHalf, or PB_TEST_PAGE_ROUND_TRIP) begins or ends. */
void pb_test_page_set_step        (PbTestPage  *self,
                                   guint        list,
                                   const char  *id,
                                   const char  *label,
                                   PbStepState  state,
                                   guint        ms);
/* What list's check waits for now (NULL: nothing), shown with the seconds once it has
 * waited a second; pb_test_page_finish() ends every wait. */
void pb_test_page_set_waiting     (PbTestPage  *self,
                                   guint        list,
                                   const char  *what);
void pb_test_page_set_certificate (PbTestPage  *self,
                                   const char  *details);
/* The round trip of a test message, below the halves: status NULL hides it and forgets its
 * steps, else it is shown with status ("Waiting for the test message… 12 s of 60") and
 * fraction (0 to 1) of the wait that has passed. */
void pb_test_page_set_round_trip  (PbTestPage  *self,
                                   const char  *status,
                                   double       fraction);
/* The steps shown in half's list. */
guint pb_test_page_get_n_steps    (PbTestPage  *self,
                                   PbSetupHalf  half);

G_END_DECLS
