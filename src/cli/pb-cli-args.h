/* pb-cli-args.h: what every verb of the command line shares: exit codes, numbers, the
 * address, usage errors
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pb-address.h"

G_BEGIN_DECLS

enum {
  PB_EXIT_OK = 0,
  PB_EXIT_FAILED = 1,
  PB_EXIT_USAGE = 2,
  PB_EXIT_INTERNAL = 3,
  PB_EXIT_NOT_AVAILABLE = 4,  /* a hand-off this build or machine cannot do (yet) */
};

/* An integer option not given keeps this value, so that an explicit 0 is refused like any
 * other value out of range. */
#define PB_CLI_UNSET (-1)

/* An integer option, taken as a string (G_OPTION_ARG_STRING) because GOption's own
 * parsing (strtol with base 0) reads "0x1d" as 29, "010" as 8, " 5" and "+5" as 5, and
 * "-1" as PB_CLI_UNSET, that is as not given. @text NULL (not given) sets PB_CLI_UNSET;
 * otherwise only decimal digits without a leading zero are accepted, from @min (at least
 * 1) to @max. FALSE for anything else. */
gboolean pb_cli_parse_number (const char *text,
                              int         min,
                              int         max,
                              int        *value);

/* "postbote VERB: message", the usage line and a hint to --help on stderr; returns
 * PB_EXIT_USAGE. */
int      pb_cli_usage_error (GOptionContext *context,
                             const char     *verb,
                             const char     *message);
/* "postbote VERB: message" on stderr; returns status. */
int      pb_cli_fail        (const char     *verb,
                             int             status,
                             const char     *message);
/* The exit status of an error from the engine: PB_EXIT_NOT_AVAILABLE for a hand-off that
 * is not available here, else PB_EXIT_FAILED. */
int      pb_cli_exit_status_of (const GError *error);
/* The one mail address a verb takes: @args are the @n_args arguments left after the
 * options. NULL after reporting a usage error (pb_cli_usage_error). */
PbAddress *pb_cli_parse_address_arg (GOptionContext *context,
                                     const char     *verb,
                                     int             n_args,
                                     char          **args);

G_END_DECLS
