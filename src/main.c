/* main.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pb-application.h"
#include "pb-cli.h"
#include "pb-i18n.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;

  pb_i18n_init ();

  /* The command line needs no display: it never initialises GTK. */
  if (pb_cli_handles (argc, argv))
    return pb_cli_main (argc, argv);

  app = pb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
