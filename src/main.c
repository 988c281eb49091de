/* main.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "pb-application.h"
#include "pb-cli.h"
#include "pb-i18n.h"
#include "pb-process.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;
  gboolean hardened;
  int hardening_errno;

  /* Before anything can hold a password: no core dump of this process. */
  hardened = pb_process_harden ();
  hardening_errno = errno;
  pb_i18n_init ();
  if (!hardened)
    g_printerr (_("postbote: core dumps could not be switched off (%s)\n"),
                g_strerror (hardening_errno));

  /* The command line needs no display: it never initialises GTK. */
  if (pb_cli_handles (argc, argv))
    return pb_cli_main (argc, argv);

  app = pb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
