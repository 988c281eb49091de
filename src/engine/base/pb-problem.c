/* pb-problem.c: problem ids to and from their names, through the GEnum
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-engine-enums.h"
#include "pb-enum.h"
#include "pb-problem.h"

const char *
pb_problem_to_string (PbProblem problem)
{
  return pb_enum_to_nick (PB_TYPE_PROBLEM, problem);
}

PbProblem
pb_problem_from_string (const char *str)
{
  int value = PB_PROBLEM_NONE;

  pb_enum_from_nick (PB_TYPE_PROBLEM, str, &value);
  return value;
}
