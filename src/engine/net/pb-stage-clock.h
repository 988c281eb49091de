/* pb-stage-clock.h: the stage that runs, how long it took, and what is left of the session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each stage gets the step timeout, cut short by the session's deadline: a server that
 * answers every step just in time still cannot hold the session past its total.
 */
#pragma once

#include <glib.h>

#include "pb-failure.h"

G_BEGIN_DECLS

typedef struct {
  guint        step_ms;
  guint        total_ms;
  gint64       deadline_us;     /* 0 before the session started */
  PbStage      stage;
  const char  *name;            /* static; NULL when no stage is running */
  gint64       stage_start_us;
} PbStageClock;

void     pb_stage_clock_init       (PbStageClock *clock,
                                    guint         step_ms,
                                    guint         total_ms);
/* The session starts: the deadline is set from now. */
void     pb_stage_clock_start      (PbStageClock *clock);
/* Begins a stage; returns its timeout in milliseconds. */
guint    pb_stage_clock_begin      (PbStageClock *clock,
                                    PbStage       stage,
                                    const char   *name);
/* A timeout of at most want_ms, within the deadline. */
guint    pb_stage_clock_limit      (PbStageClock *clock,
                                    guint         want_ms);
/* Ends the running stage: FALSE when none was running, else its duration. */
gboolean pb_stage_clock_end        (PbStageClock *clock,
                                    guint64      *usec);

G_END_DECLS
