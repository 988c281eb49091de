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
void pb_test_page_set_step        (PbTestPage  *self,
                                   PbSetupHalf  half,
                                   const char  *id,
                                   const char  *label,
                                   PbStepState  state,
                                   guint        ms);
void pb_test_page_set_certificate (PbTestPage  *self,
                                   const char  *details);
/* The steps shown in half's list. */
guint pb_test_page_get_n_steps    (PbTestPage  *self,
                                   PbSetupHalf  half);

G_END_DECLS
