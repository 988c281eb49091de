/* pb-cli.c: dispatches the command-line verbs
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pb-cli.h"
#include "pb-cli-args.h"
#include "pb-cli-check.h"
#include "pb-cli-detect.h"
#include "pb-cli-domain.h"
#include "pb-cli-export.h"
#include "pb-cli-forget.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *synopsis;
  const char *summary;
} PbCliVerb;

/* Verbs are added here as they land. */
static const PbCliVerb verbs[] = {
  { "check", pb_cli_check, "check [--json] [--transcript] [--protocol smtp|imap|pop3]\n"
    "                 [--server HOST] [--port N] [--security tls|starttls|none]\n"
    "                 [--user NAME] [--password-stdin] [--from ADDR] [--dry-run-send]\n"
    "                 [--send-test [--wait S]] [--timeout S] [--save-password] ADDRESS",
    N_("Test an account live: outgoing and incoming server, encryption, login, mailbox") },
  { "detect", pb_cli_detect, "detect [--json] [--offline] [--timeout S] ADDRESS",
    N_("Find the server settings for an address") },
  { "domain", pb_cli_domain, "domain [--json] [--selector S] [--signing-domain D]\n"
    "                 [--server HOST] ADDRESS",
    N_("Check your own domain's SPF, DKIM and DMARC records") },
  { "export", pb_cli_export, "export --format goa|msmtp|mobileconfig|autoconfig|srv|text\n"
    "                 [--output FILE [--force]] [--install] [--detect] [--name NAME]\n"
    "                 [--password-stdin [--include-password]] ADDRESS",
    N_("Hand the verified settings to a mail program, or write them for the domain") },
  { "forget", pb_cli_forget, "forget [--server HOST [--port N]] [--user NAME] ADDRESS",
    N_("Remove a stored password from the keyring") },
  { NULL }
};

static const PbCliVerb *
find_verb (const char *name)
{
  for (guint i = 0; verbs[i].name != NULL; i++)
    {
      if (g_str_equal (verbs[i].name, name))
        return &verbs[i];
    }
  return NULL;
}

/* Options GApplication itself handles for the window (GTK 4 parses none). Everything else
 * is the command line's, so a typo is a usage error instead of a window. */
static gboolean
is_application_option (const char *arg)
{
  static const char * const options[] = {
    "--gapplication-service", "--help-all", "--help-gapplication", NULL
  };

  return g_strv_contains (options, arg);
}

gboolean
pb_cli_handles (int    argc,
                char **argv)
{
  return argc >= 2 && !is_application_option (argv[1]);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:"));
  fprintf (stream, "  postbote                %s\n", _("Open the assistant window"));
  for (guint i = 0; verbs[i].name != NULL; i++)
    fprintf (stream, "  postbote %s\n      %s\n", verbs[i].synopsis, _(verbs[i].summary));
  fprintf (stream, "  postbote --version      %s\n", _("Show the version"));
  fprintf (stream, "  postbote --help         %s\n", _("Show this help"));
  fprintf (stream, "\n%s\n", _("Exit status: 0 ok, 1 the check failed, 2 usage error, 3 internal error."));
  fprintf (stream, "%s\n", _("Run “postbote VERB --help” for the options of a command."));
}

int
pb_cli_main (int    argc,
             char **argv)
{
  const PbCliVerb *verb = find_verb (argv[1]);

  if (verb != NULL)
    {
      /* GOption's help then says "postbote check [OPTION…]", not "check [OPTION…]". */
      g_autofree char *prgname = g_strconcat ("postbote ", verb->name, NULL);

      g_set_prgname (prgname);
      return verb->run (argc - 1, argv + 1);
    }

  if (g_str_equal (argv[1], "--version") && argc == 2)
    {
      printf ("postbote %s\n", PACKAGE_VERSION);
      return PB_EXIT_OK;
    }

  if ((g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
       g_str_equal (argv[1], "help")) && argc == 2)
    {
      print_usage (stdout);
      return PB_EXIT_OK;
    }

  if (argv[1][0] == '-')
    fprintf (stderr, _("postbote: unknown option %s"), argv[1]);
  else
    fprintf (stderr, _("postbote: unknown command %s"), argv[1]);
  fputs ("\n\n", stderr);
  print_usage (stderr);
  return PB_EXIT_USAGE;
}
