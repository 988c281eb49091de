/* pb-cli.h: the command line for support staff
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether argv is a command line (a verb, --help, --version, or a mistake) rather than
 * the window's start. */
gboolean pb_cli_handles   (int    argc,
                           char **argv);
int      pb_cli_main      (int    argc,
                           char **argv);

G_END_DECLS
