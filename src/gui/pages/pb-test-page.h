/* pb-test-page.h: the live step list of a check
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum {
  PB_STEP_STATE_RUNNING,
  PB_STEP_STATE_OK,
  PB_STEP_STATE_FAILED,
} PbStepState;

#define PB_TYPE_TEST_PAGE (pb_test_page_get_type ())

G_DECLARE_FINAL_TYPE (PbTestPage, pb_test_page, PB, TEST_PAGE, AdwBin)

void pb_test_page_reset           (PbTestPage  *self,
                                   const char  *title);
void pb_test_page_finish          (PbTestPage  *self);
void pb_test_page_set_step        (PbTestPage  *self,
                                   const char  *id,
                                   const char  *label,
                                   PbStepState  state,
                                   guint        ms);
void pb_test_page_set_certificate (PbTestPage  *self,
                                   const char  *details);
guint pb_test_page_get_n_steps    (PbTestPage  *self);

G_END_DECLS
