/* pb-cli-args.c: what every verb of the command line shares: numbers, the address, usage errors
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pb-cli-args.h"
#include "pb-export-account.h"

gboolean
pb_cli_parse_number (const char *text,
                     int         min,
                     int         max,
                     int        *value)
{
  guint64 number;

  g_return_val_if_fail (min >= 1 && min <= max, FALSE);

  if (text == NULL)
    {
      *value = PB_CLI_UNSET;
      return TRUE;
    }
  if (text[0] < '1' || text[0] > '9' || text[strspn (text, "0123456789")] != '\0' ||
      !g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &number, NULL))
    return FALSE;
  *value = (int) number;
  return TRUE;
}

int
pb_cli_fail (const char *verb,
             int         status,
             const char *message)
{
  fprintf (stderr, "postbote %s: %s\n", verb, message);
  return status;
}

int
pb_cli_exit_status_of (const GError *error)
{
  if (g_error_matches (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE))
    return PB_EXIT_NOT_AVAILABLE;
  return PB_EXIT_FAILED;
}

int
pb_cli_usage_error (GOptionContext *context,
                    const char     *verb,
                    const char     *message)
{
  g_autofree char *help = context ? g_option_context_get_help (context, TRUE, NULL) : NULL;
  const char *blank = help ? strstr (help, "\n\n") : NULL;

  pb_cli_fail (verb, PB_EXIT_USAGE, message);
  /* The usage line only ("Usage:\n  postbote check [OPTION…] ADDRESS"), not every option. */
  if (blank != NULL)
    fprintf (stderr, "%.*s\n", (int) (blank - help), help);
  fprintf (stderr, _("Run “postbote %s --help” for the options."), verb);
  fputc ('\n', stderr);
  return PB_EXIT_USAGE;
}

PbAddress *
pb_cli_parse_address_arg (GOptionContext *context,
                          const char     *verb,
                          int             n_args,
                          char          **args)
{
  g_autoptr(GError) error = NULL;
  PbAddress *address;

  if (n_args != 1)
    {
      pb_cli_usage_error (context, verb, _("Give exactly one mail address"));
      return NULL;
    }
  address = pb_address_parse (args[0], &error);
  if (address == NULL)
    pb_cli_usage_error (context, verb, error->message);
  return address;
}
