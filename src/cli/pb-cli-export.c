/* pb-cli-export.c: postbote export: hand an account's verified settings to a mail program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings are those of the last verified check of the address (export/pb-export-store.h)
 * or, with --detect, the discovery's. Nothing is written but what the user names: standard
 * output, the --output file (never replaced without --force), or with --install the account
 * block appended to msmtp's own file and the password copied to msmtp's keyring item (for
 * --output only with --password-stdin). --format goa writes no file: it hands the account to
 * GNOME Online Accounts (pb-cli-export-goa.c), and --remove takes it back.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-cli-args.h"
#include "pb-cli-export.h"
#include "pb-cli-export-goa.h"
#include "pb-cli-password.h"
#include "pb-credentials-sync.h"
#include "pb-discovery-sync.h"
#include "pb-export.h"
#include "pb-enum.h"
#include "pb-engine-enums.h"
#include "pb-export-autoconfig.h"
#include "pb-export-handoff.h"
#include "pb-export-instructions.h"
#include "pb-export-mobileconfig.h"
#include "pb-export-msmtp.h"
#include "pb-export-store.h"
#include "pb-secret.h"

typedef struct {
  char     *format_name;
  char     *program_name;
  char     *output;
  char     *name;
  char     *timeout_text;
  gboolean  force;
  gboolean  detect;
  gboolean  install;
  gboolean  password_stdin;
  gboolean  include_password;
  gboolean  remove;
  PbExportFormat format;
  PbExportProgram program;
  int       timeout;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_free (args->format_name);
  g_free (args->program_name);
  g_free (args->output);
  g_free (args->name);
  g_free (args->timeout_text);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  return pb_cli_usage_error (context, "export", message);
}

/* "postbote export: message" on stderr; returns status. */
static int
fail (int         status,
      const char *message)
{
  return pb_cli_fail ("export", status, message);
}

/* GNOME Online Accounts takes the account itself: no file, and --remove alone. */
static int
check_goa_args (GOptionContext   *context,
                const ExportArgs *args)
{
  if (args->remove && args->format != PB_EXPORT_FORMAT_GOA)
    return usage_error (context, _("--remove is for --format goa"));
  if (args->format == PB_EXPORT_FORMAT_GOA && (args->output != NULL || args->force))
    return usage_error (context, _("--format goa writes no file: --output and --force are "
                                   "not for it"));
  if (args->remove && (args->detect || args->password_stdin || args->name != NULL))
    return usage_error (context, _("--remove takes no other option"));
  return PB_EXIT_OK;
}

/* The instructions are for one program, named with --program. */
static int
check_program_args (GOptionContext *context,
                    ExportArgs     *args)
{
  int value;

  if (args->format != PB_EXPORT_FORMAT_INSTRUCTIONS)
    return args->program_name == NULL ? PB_EXIT_OK
                                      : usage_error (context,
                                                     _("--program is for --format instructions"));
  if (args->program_name == NULL)
    return usage_error (context, _("--format instructions needs --program"));
  if (!pb_enum_from_nick (PB_TYPE_EXPORT_PROGRAM, args->program_name, &value))
    return usage_error (context, _("--program must be thunderbird, outlook, apple-mail, ios or "
                                   "android"));
  args->program = value;
  return PB_EXIT_OK;
}

static int
check_args (GOptionContext *context,
            ExportArgs     *args)
{
  if (args->format_name == NULL)
    return usage_error (context, _("--format is required"));
  if (!pb_export_format_from_string (args->format_name, &args->format))
    return usage_error (context, _("--format must be goa, msmtp, mobileconfig, autoconfig, "
                                   "srv, text or instructions"));
  if (!pb_cli_parse_number (args->timeout_text, 1, 3600, &args->timeout))
    return usage_error (context, _("--timeout must be a decimal number of seconds between 1 "
                                   "and 3600"));
  if (args->timeout != PB_CLI_UNSET && !args->detect)
    return usage_error (context, _("--timeout needs --detect"));
  if (args->install && args->format != PB_EXPORT_FORMAT_MSMTP)
    return usage_error (context, _("--install is for --format msmtp"));
  if (args->install && args->output != NULL)
    return usage_error (context, _("--install and --output exclude each other"));
  if (args->include_password && args->format != PB_EXPORT_FORMAT_MOBILECONFIG)
    return usage_error (context, _("--include-password is for --format mobileconfig"));
  if (args->include_password != args->password_stdin &&
      args->format == PB_EXPORT_FORMAT_MOBILECONFIG)
    return usage_error (context, _("--include-password and --password-stdin go together"));
  if (args->password_stdin && args->format != PB_EXPORT_FORMAT_MOBILECONFIG &&
      args->format != PB_EXPORT_FORMAT_MSMTP && args->format != PB_EXPORT_FORMAT_GOA)
    return usage_error (context, _("--password-stdin is for --format goa, msmtp or "
                                   "mobileconfig"));
  /* msmtp's password goes to its keyring item only, never into the block on stdout. */
  if (args->password_stdin && args->format == PB_EXPORT_FORMAT_MSMTP && !args->install &&
      args->output == NULL)
    return usage_error (context, _("--format msmtp takes --password-stdin only with --install "
                                   "or --output (the password goes to msmtp's keyring item, "
                                   "never into the block)"));
  if (args->output != NULL && *args->output == '\0')
    return usage_error (context, _("--output needs a file name"));
  if (check_program_args (context, args) != PB_EXIT_OK)
    return PB_EXIT_USAGE;
  return check_goa_args (context, args);
}

/* The settings: the last verified ones, or the discovery's with --detect. */
static PbExportAccount *
load_account (const ExportArgs *args,
              const PbAddress  *address,
              GError          **error)
{
  g_autoptr(PbDiscoveryResult) result = NULL;
  g_autoptr(PbDiscovery) discovery = NULL;

  if (!args->detect)
    {
      g_autoptr(PbExportAccount) stored = pb_export_store_load (address->address, error);

      /* Made anew, so that --name is checked like every other value. */
      if (stored == NULL)
        return NULL;
      {
        PbExportAccount *account = pb_export_account_new (stored->address, args->name,
                                                          stored->incoming, stored->outgoing,
                                                          error);

        /* What the verified login used goes along (GOA is told LOGIN or PLAIN by it). */
        if (account != NULL)
          account->outgoing_mechanism = stored->outgoing_mechanism;
        return account;
      }
    }
  discovery = pb_discovery_new (address);
  if (args->timeout != PB_CLI_UNSET)
    pb_discovery_set_timeout_ms (discovery, args->timeout * 1000);
  result = pb_discovery_run_sync (discovery, NULL, error);
  if (result == NULL)
    return NULL;
  return pb_export_account_new_from_discovery (result, args->name, error);
}

/* Writes text to path, a new file unless force, with mode 0600 for one person's account. */
static gboolean
write_file (const char  *path,
            const char  *text,
            gboolean     personal,
            gboolean     force,
            GError     **error)
{
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
  int fd = g_open (path, flags, personal ? 0600 : 0644);
  gsize len = strlen (text);
  gsize done = 0;

  if (fd < 0 && errno == EEXIST)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s exists; it was left as it is (--force replaces it)."), path);
      return FALSE;
    }
  /* A replaced file gets the mode a new one would have. */
  if (fd >= 0 && fchmod (fd, personal ? 0600 : 0644) != 0)
    {
      close (fd);
      fd = -1;
    }
  while (fd >= 0 && done < len)
    {
      gssize n = write (fd, text + done, len - done);

      if (n < 0 && errno != EINTR)
        break;
      done += MAX (n, 0);
    }
  if (fd < 0 || done < len || !g_close (fd, NULL))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Where the domain's administrator publishes an autoconfig file, on stderr: the file itself
 * stays exactly what a client reads. */
static void
print_publish_hint (const PbExportAccount *account)
{
  g_auto(GStrv) urls = pb_export_autoconfig_get_publish_urls (account);

  fprintf (stderr, "%s\n", _("Publish this file at one of:"));
  for (guint i = 0; urls[i] != NULL; i++)
    fprintf (stderr, "  %s\n", urls[i]);
}

/* msmtp's password: the one typed (--password-stdin), else the one Postbote saved for the
 * outgoing server. NULL without an error when there is none. */
static char *
msmtp_password (const ExportArgs      *args,
                const PbExportAccount *account,
                GError               **error)
{
  if (args->password_stdin)
    return pb_cli_read_password (STDIN_FILENO, error);
  return pb_export_saved_password_sync (account->outgoing, NULL, error);
}

/* Copies the outgoing server's password to msmtp's keyring item. */
static int
store_msmtp_password (const ExportArgs      *args,
                      const PbExportAccount *account)
{
  g_autoptr(GError) error = NULL;
  char *password = msmtp_password (args, account, &error);
  gboolean ok;

  if (password == NULL && error == NULL)
    {
      printf ("%s\n", _("No password is saved for the outgoing server: msmtp will ask for it "
                        "(or run postbote check --save-password first)."));
      return PB_EXIT_OK;
    }
  ok = password != NULL &&
       pb_export_msmtp_store_password_sync (account, password, pb_credentials_default_flags (),
                                            NULL, &error);
  pb_secret_free (password);
  if (!ok)
    return fail (PB_EXIT_FAILED, error->message);
  printf ("%s\n", _("The password is in the keyring where msmtp looks for it."));
  return PB_EXIT_OK;
}

/* --install: the block appended to msmtp's file, and the password where msmtp finds it. */
static int
install_msmtp (const ExportArgs      *args,
               const PbExportAccount *account)
{
  g_autofree char *path = pb_export_msmtp_get_config_path ();
  g_autoptr(GError) error = NULL;

  if (!pb_export_msmtp_install (account, path, &error))
    return fail (PB_EXIT_FAILED, error->message);
  /* Translators: %s is msmtp's configuration file */
  printf (_("The account is in %s."), path);
  printf ("\n");
  return store_msmtp_password (args, account);
}

static char *
write_format (const ExportArgs       *args,
              const PbExportAccount  *account,
              GError                **error)
{
  g_autoptr(PbSecret) password = NULL;

  if (args->format == PB_EXPORT_FORMAT_INSTRUCTIONS)
    {
      g_autoptr(PbExportSteps) steps = pb_export_instructions_new (args->program, account,
                                                                    error);

      return steps != NULL ? pb_export_steps_to_text (steps) : NULL;
    }
  if (!args->include_password)
    return pb_export_write (args->format, account, error);
  password = pb_cli_read_password (STDIN_FILENO, error);
  if (password == NULL)
    return NULL;
  return pb_export_mobileconfig_write (account, password, error);
}

static int
export (const ExportArgs      *args,
        const PbExportAccount *account)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (args->install)
    return install_msmtp (args, account);
  if (args->format == PB_EXPORT_FORMAT_GOA)
    return pb_cli_export_goa (account, args->password_stdin);
  text = write_format (args, account, &error);
  if (text == NULL)
    return fail (pb_cli_exit_status_of (error), error->message);
  if (args->format == PB_EXPORT_FORMAT_AUTOCONFIG)
    print_publish_hint (account);
  if (args->output == NULL)
    {
      fputs (text, stdout);
      return PB_EXIT_OK;
    }
  if (!write_file (args->output, text, pb_export_format_is_personal (args->format),
                   args->force, &error))
    return fail (PB_EXIT_FAILED, error->message);
  /* The keyring is written only when asked: --install, or a password typed for it. */
  if (args->format == PB_EXPORT_FORMAT_MSMTP && args->password_stdin)
    return store_msmtp_password (args, account);
  return PB_EXIT_OK;
}

static void
set_summary (GOptionContext *context)
{
  g_option_context_set_summary (context,
    _("Hand an address's settings to a mail program: those of its last verified check "
      "(postbote check --save-password), or with --detect those found now. Formats: goa "
      "(GNOME Online Accounts), msmtp (an account block; --install appends it to msmtp's "
      "file and puts the password where msmtp finds it), mobileconfig (Apple devices), "
      "autoconfig and srv (for the domain's administrator), text (for a ticket), instructions "
      "(the steps in the mail program named with --program: thunderbird, outlook, apple-mail, "
      "ios or android). No "
      "password is written unless asked. goa adds the account to GNOME Online Accounts with "
      "its password (typed, or the one Postbote saved); --remove takes it out again.\n\nExit status: 0 ok, 1 failed, 2 usage error, "
      "3 internal error, 4 not available (yet)."));
}

int
pb_cli_export (int    argc,
               char **argv)
{
  ExportArgs args = { 0 };
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &args.format_name,
      N_("goa, msmtp, mobileconfig, autoconfig, srv, text or instructions"), N_("FORMAT") },
    { "program", 0, 0, G_OPTION_ARG_STRING, &args.program_name,
      N_("instructions: thunderbird, outlook, apple-mail, ios or android"), N_("PROGRAM") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &args.output,
      N_("Write to this file (a new one) instead of standard output"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &args.force, N_("Replace the --output file"), NULL },
    { "install", 0, 0, G_OPTION_ARG_NONE, &args.install,
      N_("msmtp: append the account to msmtp's own file"), NULL },
    { "detect", 0, 0, G_OPTION_ARG_NONE, &args.detect,
      N_("Use the settings found now instead of the last verified ones"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &args.timeout_text,
      N_("Give up detecting after S seconds"), N_("S") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &args.name, N_("Your name, for the account"),
      N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &args.password_stdin,
      N_("Read the password from the first line of standard input"), NULL },
    { "include-password", 0, 0, G_OPTION_ARG_NONE, &args.include_password,
      N_("mobileconfig: put the password into the profile"), NULL },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &args.remove,
      N_("goa: remove the account the last hand-off added"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) address = NULL;
  g_autoptr(PbExportAccount) account = NULL;
  int status;

  args.timeout = PB_CLI_UNSET;
  set_summary (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage_error (context, error->message);
  else if ((address = pb_cli_parse_address_arg (context, "export", argc - 1, argv + 1)) == NULL)
    status = PB_EXIT_USAGE;
  else if ((status = check_args (context, &args)) != PB_EXIT_OK)
    ;
  else if (args.remove)
    status = pb_cli_export_goa_remove (address->address);
  else if ((account = load_account (&args, address, &error)) == NULL)
    status = fail (pb_cli_exit_status_of (error), error->message);
  else
    status = export (&args, account);
  export_args_clear (&args);
  return status;
}
