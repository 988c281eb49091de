/* pb-process.c: what the whole process gets before it touches a password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "pb-process.h"

gboolean
pb_process_harden_for (gboolean in_flatpak)
{
  /* Hard limit 0 as well: without privileges the process cannot raise it again. It also
   * holds for any program the process starts. */
  const struct rlimit no_core = { 0, 0 };
  gboolean ok = TRUE;
  int saved_errno = 0;

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    {
      ok = FALSE;
      saved_errno = errno;
    }
  /* Not dumpable: the kernel writes no core dump at all (not to a core_pattern pipe
   * either), and only root may ptrace the process or read its memory. In a Flatpak that
   * would cut the process off from every portal, the Secret portal the keyring needs
   * included: xdg-desktop-portal tells which app calls by reading the caller's
   * /proc/PID/root, which a process that is not dumpable denies it
   * (https://github.com/flatpak/xdg-desktop-portal/issues/1490). There the core limit has
   * to do. */
  if (!in_flatpak && prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    {
      ok = FALSE;
      saved_errno = errno;
    }
  errno = saved_errno;
  return ok;
}

gboolean
pb_process_harden (void)
{
  /* How GLib and libsecret tell that they run in a Flatpak, too. */
  return pb_process_harden_for (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
}
