/* pb-problem.c: problem ids to and from their names, through the GEnum
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-engine-enums.h"
#include "pb-problem.h"

/* The class lives as long as the program: the nicks it hands out are static. */
static GEnumClass *
problem_class (void)
{
  static GEnumClass *klass = NULL;

  if (g_once_init_enter (&klass))
    g_once_init_leave (&klass, g_type_class_ref (PB_TYPE_PROBLEM));
  return klass;
}

const char *
pb_problem_to_string (PbProblem problem)
{
  GEnumValue *value = g_enum_get_value (problem_class (), problem);

  return value != NULL ? value->value_nick : NULL;
}

PbProblem
pb_problem_from_string (const char *str)
{
  GEnumValue *value;

  if (str == NULL)
    return PB_PROBLEM_NONE;
  value = g_enum_get_value_by_nick (problem_class (), str);
  return value != NULL ? (PbProblem) value->value : PB_PROBLEM_NONE;
}
