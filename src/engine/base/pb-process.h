/* pb-process.h: what the whole process gets before it touches a password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No core dump: the core size limit is 0, soft and hard, so a crash while a password is in
 * memory leaves no file with it; and, outside a Flatpak sandbox, the process is not
 * dumpable (PR_SET_DUMPABLE 0), so other processes of the same user cannot ptrace it or
 * read its /proc/PID/mem either. For the window and the command line alike, first thing
 * in main (). FALSE, with errno set, if a step failed; every step is tried. */
gboolean pb_process_harden      (void);

/* The same, told whether the process runs in a Flatpak sandbox instead of looking for
 * /.flatpak-info (for tests). */
gboolean pb_process_harden_for  (gboolean in_flatpak);

G_END_DECLS
