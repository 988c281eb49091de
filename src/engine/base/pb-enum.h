/* pb-enum.h: a registered enum's values to and from their nicks, the names at the edge
 *
 * The enums of the engine and the window are registered by glib-mkenums, which makes each
 * value's nick from its name (PB_PROBLEM_AUTH_FAILED: "auth-failed"). JSON, the command
 * line, docs and GSettings use these names; code compares the values.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of value, a static string, or NULL when value is none of the type's. */
const char *pb_enum_to_nick   (GType       type,
                               int         value);
/* The value whose nick is nick, stored in *value; FALSE (and *value untouched) for NULL
 * and for anything else. */
gboolean    pb_enum_from_nick (GType       type,
                               const char *nick,
                               int        *value);

G_END_DECLS
