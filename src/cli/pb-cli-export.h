/* pb-cli-export.h: postbote export: hand an account's verified settings to a mail program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the verb; returns the exit status (pb-cli-args.h). */
int pb_cli_export (int    argc,
                   char **argv);

G_END_DECLS
