/* pb-stage-clock.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-stage-clock.h"

void
pb_stage_clock_init (PbStageClock *clock,
                     guint         step_ms,
                     guint         total_ms)
{
  clock->step_ms = step_ms;
  clock->total_ms = total_ms;
}

void
pb_stage_clock_start (PbStageClock *clock)
{
  clock->deadline_us = g_get_monotonic_time () + (gint64) clock->total_ms * 1000;
}

guint
pb_stage_clock_limit (PbStageClock *clock,
                      guint         want_ms)
{
  gint64 now = g_get_monotonic_time ();

  if (clock->deadline_us == 0)
    return want_ms;
  return MIN (want_ms, MAX (0, (clock->deadline_us - now) / 1000));
}

guint
pb_stage_clock_begin (PbStageClock *clock,
                      PbStage       stage,
                      const char   *name)
{
  clock->stage = stage;
  clock->name = name;
  clock->stage_start_us = g_get_monotonic_time ();
  return pb_stage_clock_limit (clock, clock->step_ms);
}

gboolean
pb_stage_clock_end (PbStageClock *clock,
                    guint64      *usec)
{
  if (clock->name == NULL)
    return FALSE;
  *usec = g_get_monotonic_time () - clock->stage_start_us;
  clock->name = NULL;
  return TRUE;
}
