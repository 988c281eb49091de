/* pb-cli-check.c: postbote check
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-address.h"
#include "pb-check.h"
#include "pb-check-format.h"
#include "pb-cli-args.h"
#include "pb-cli-asker.h"
#include "pb-cli-check.h"
#include "pb-cli-password.h"
#include "pb-credentials.h"
#include "pb-report.h"
#include "pb-setup-run.h"
#include "pb-smtp-auth.h"
#include "pb-smtp-client.h"

#define DEFAULT_TIMEOUT_S 60
#define MAX_TIMEOUT_S 600

typedef struct {
  gboolean  json;
  gboolean  transcript;
  char     *server;
  char     *port_text;
  int       port;
  char     *security;
  char     *user;
  gboolean  password_stdin;
  char     *from;
  gboolean  dry_run_send;
  gboolean  send_test;
  char     *timeout_text;
  int       timeout;
  gboolean  save_password;
} CheckArgs;

/* One `postbote check`: the flow, and what its signals need to print. */
typedef struct {
  CheckArgs       *args;
  const PbAddress *address;
  PbSetup         *setup;
  gboolean         verbose;
  gboolean         plaintext;   /* the user's own --security none */
  gboolean         detected;    /* the server came from detection */
  gboolean         save_failed;
  GAsyncResult    *done;
} CheckRun;

static void
check_args_clear (CheckArgs *args)
{
  g_free (args->server);
  g_free (args->port_text);
  g_free (args->timeout_text);
  g_free (args->security);
  g_free (args->user);
  g_free (args->from);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  return pb_cli_usage_error (context, "check", message);
}

static void
print_keyring_error (const GError *error)
{
  fprintf (stderr, "postbote check: %s\n", error->message);
  if (pb_credentials_error_to_problem (error) != PB_PROBLEM_NONE)
    fprintf (stderr, "%s: %s\n", _("Problem"),
             pb_problem_to_string (pb_credentials_error_to_problem (error)));
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_step (PbCheck     *check,
         PbCheckStep *step,
         gpointer     user_data)
{
  const gboolean *verbose = user_data;

  if (*verbose)
    fprintf (stderr, "%s %s (%.0f ms)\n", step->ok ? "." : "!",
             pb_check_step_get_label (step->name), step->usec / 1000.0);
}

static void
on_check_started (PbSetup        *setup,
                  PbCheck        *check,
                  PbServerConfig *server,
                  CheckRun       *run)
{
  /* Choosing "none" on the command line is the explicit choice that README.md ("Security")
   * asks for. */
  if (run->plaintext && pb_setup_has_password (setup))
    fprintf (stderr, "%s\n", _("Warning: the password is sent without encryption."));
  g_signal_connect (check, "step", G_CALLBACK (on_step), &run->verbose);
}

/* The detected server, once the flow goes ahead with it (a server that needs confirmation
 * is not tested from here). */
static void
on_state (PbSetup    *setup,
          GParamSpec *pspec,
          CheckRun   *run)
{
  PbServerConfig *best = pb_setup_get_server (setup);
  g_autofree char *host = NULL;

  if (!run->detected || pb_setup_get_state (setup) != PB_SETUP_STATE_CHECKING)
    return;
  run->detected = FALSE;
  host = pb_report_terminal_safe (best->host, TRUE);
  fprintf (stderr, _("Testing %s port %u (%s), found by: %s"), host, best->port,
           pb_security_get_label (best->security),
           pb_discovery_source_get_label (
             pb_discovery_result_get_source (pb_setup_get_discovery_result (setup))));
  fprintf (stderr, "\n");
}

/* Without --password-stdin the password comes from the keyring; one that cannot answer is
 * reported, and the check goes on without a login. --save-password: saved only after the
 * server accepted the login (README.md, “Security”). */
static void
on_password (PbSetup         *setup,
             PbSetupPassword  what,
             const GError    *error,
             CheckRun        *run)
{
  PbCheckResult *result = pb_setup_get_result (setup);
  PbProblem problem = error != NULL ? pb_credentials_error_to_problem (error) : PB_PROBLEM_NONE;

  switch (what)
    {
    case PB_SETUP_PASSWORD_LOOKUP_FAILED:
      fprintf (stderr, "postbote check: %s\n", error->message);
      fprintf (stderr, _("The login is not tested: no password from the keyring (%s)."),
               pb_problem_to_string (problem != PB_PROBLEM_NONE ? problem
                                                                 : PB_PROBLEM_KEYRING_UNAVAILABLE));
      fputc ('\n', stderr);
      break;
    case PB_SETUP_PASSWORD_NOT_ACCEPTED:
      if (run->args->save_password)
        fprintf (stderr, "%s\n", _("The password was not saved: the server did not accept a "
                                   "login in this check."));
      break;
    case PB_SETUP_PASSWORD_SAVED:
      fprintf (stderr, _("The password for %s on %s is saved in the keyring."),
               result->username, result->server->host);
      fprintf (stderr, "\n");
      break;
    case PB_SETUP_PASSWORD_SAVE_FAILED:
      print_keyring_error (error);
      run->save_failed = TRUE;
      break;
    case PB_SETUP_PASSWORD_NOT_REMEMBERED:
    default:
      break;
    }
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  CheckRun *run = user_data;

  run->done = g_object_ref (res);
}

/* The flow's calls run in the default main context: it turns until the call is done. */
static GAsyncResult *
wait_for (CheckRun *run)
{
  while (run->done == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&run->done);
}

/* Every option is checked before anything goes over the network. --security is taken in
 * any case and kept in its canonical form, so that "NONE" is the same consent to a
 * plain-text login as "none". */
static gboolean
validate_args (CheckArgs      *args,
               GOptionContext *context,
               int            *exit_code)
{
  PbSecurity security;
  const char *message = NULL;

  if (args->security != NULL && !pb_security_from_string (args->security, &security))
    message = _("--security must be tls, starttls or none");
  else if (!pb_cli_parse_number (args->port_text, 1, 65535, &args->port))
    message = _("--port must be a decimal number between 1 and 65535");
  else if (!pb_cli_parse_number (args->timeout_text, 1, MAX_TIMEOUT_S, &args->timeout))
    message = _("--timeout must be between 1 and 600 seconds");
  else if (args->server != NULL && args->server[0] == '\0')
    message = _("--server needs a host name");
  if (message != NULL)
    {
      *exit_code = usage_error (context, message);
      return FALSE;
    }
  if (args->security != NULL)
    {
      g_free (args->security);
      args->security = g_strdup (pb_security_to_string (security));
    }
  return TRUE;
}

/* The addresses of the SMTP envelope (the sender, and the recipient of --send-test) must fit
 * between < and >: refused here, with the reason, rather than by the engine after the
 * login. */
static PbAddress *
parse_envelope_address (GOptionContext *context,
                        int             n_args,
                        char          **args,
                        const char     *from_text,
                        PbAddress     **from,
                        int            *exit_code)
{
  g_autoptr(PbAddress) address = pb_cli_parse_address_arg (context, "check", n_args, args);
  g_autoptr(GError) error = NULL;

  *exit_code = PB_EXIT_USAGE;
  if (address == NULL)
    return NULL;
  if (!pb_address_check_sendable (address, &error) ||
      (from_text != NULL && ((*from = pb_address_parse (from_text, &error)) == NULL ||
                             !pb_address_check_sendable (*from, &error))))
    {
      *exit_code = usage_error (context, error->message);
      return NULL;
    }
  return g_steal_pointer (&address);
}

static PbServerConfig *
config_from_args (CheckArgs *args)
{
  PbSecurity security = PB_SECURITY_TLS;

  if (args->security != NULL)
    pb_security_from_string (args->security, &security);
  /* Without --security, the port says what it speaks (465 TLS, 587/25 STARTTLS). */
  else if (args->port != PB_CLI_UNSET && args->port != 465)
    security = PB_SECURITY_STARTTLS;
  if (args->port == PB_CLI_UNSET)
    args->port = pb_security_default_port (PB_PROTOCOL_SMTP, security);

  return pb_server_config_new (PB_PROTOCOL_SMTP, args->server, args->port, security,
                               PB_AUTH_PASSWORD_CLEARTEXT, args->user);
}

/* Detection gave nothing to test: the reason on stderr, and with --json the object a
 * script expects (stage "detect"). The ids are listed in `postbote check --help`. */
static int
detect_failed (CheckArgs            *args,
               PbProblem             problem,
               const char           *message,
               const char           *fix,
               const PbServerConfig *server,
               int                   exit_code)
{
  g_autofree char *safe = pb_report_terminal_safe (message, TRUE);

  fprintf (stderr, "postbote check: %s\n", safe);
  if (fix != NULL)
    fprintf (stderr, "%s\n", fix);
  if (args->json)
    {
      g_autofree char *json = pb_report_check_detect_json (problem, message, fix, server);

      printf ("%s\n", json);
    }
  return exit_code;
}

/* Without --server: detect, and test the server the flow chose (README.md, “Command line”);
 * --port, --security and --user still apply to it. */
static gboolean
detect_server (CheckRun *run,
               int      *exit_code)
{
  CheckArgs *args = run->args;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  PbServerConfig *best;

  if (args->timeout != PB_CLI_UNSET)
    pb_setup_set_discovery_timeout_ms (run->setup, args->timeout * 1000);
  pb_setup_discover_async (run->setup, run->address, NULL, on_done, run);
  done = wait_for (run);
  result = pb_setup_discover_finish (run->setup, done, &error);
  if (result == NULL && g_error_matches (error, PB_DISCOVERY_ERROR,
                                         PB_DISCOVERY_ERROR_NOT_DISCOVERABLE))
    {
      *exit_code = detect_failed (args, PB_PROBLEM_NOT_DISCOVERABLE, error->message,
                                  _("Name the outgoing server with --server HOST."), NULL,
                                  PB_EXIT_FAILED);
      return FALSE;
    }
  if (result == NULL)
    {
      /* An address literal is the person's input, not our failure: exit 1, with the way on. */
      gboolean literal = g_error_matches (error, PB_ADDRESS_ERROR,
                                          PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE);

      *exit_code = detect_failed (args, PB_PROBLEM_DETECT_FAILED, error->message,
                                  literal ? _("Name the outgoing server with --server HOST.")
                                          : NULL,
                                  NULL, literal ? PB_EXIT_FAILED : PB_EXIT_INTERNAL);
      return FALSE;
    }
  best = pb_setup_get_server (run->setup);
  if (best == NULL)
    {
      *exit_code = detect_failed (args, PB_PROBLEM_NOT_FOUND,
                                  _("No outgoing server found for this address."),
                                  _("Name the outgoing server with --server HOST."), NULL,
                                  PB_EXIT_FAILED);
      return FALSE;
    }
  run->detected = TRUE;
  args->server = g_strdup (best->host);
  if (args->port == PB_CLI_UNSET && args->security == NULL)
    {
      args->port = best->port;
      args->security = g_strdup (pb_security_to_string (best->security));
    }
  if (args->user == NULL && best->auth != PB_AUTH_NONE && best->username != NULL)
    args->user = g_strdup (best->username);
  return TRUE;
}

/* The flow asked to confirm the detected server, and the command line said no: naming it
 * with --server is the confirmation. The message gives the flow's reason. */
static int
confirmation_needed (CheckRun *run)
{
  PbServerConfig *best = pb_setup_get_server (run->setup);
  const PbSetupQuestion *question = pb_setup_get_confirmation (run->setup);
  g_autofree char *host = pb_report_terminal_safe (best->host, TRUE);
  g_autofree char *message = NULL;
  g_autofree char *fix = g_strdup_printf (_("To test it, confirm it with --server %s."), host);

  if (question != NULL && question->kind == PB_SETUP_QUESTION_PLAIN_HTTP)
    message = g_strdup_printf (_("The settings that name the detected server %s came over an "
                                 "unencrypted connection and could have been changed on the "
                                 "way."), host);
  else
    message = g_strdup_printf (_("The detected server %s is outside %s."), host,
                               run->address->domain);
  return detect_failed (run->args, PB_PROBLEM_CONFIRMATION_NEEDED, message, fix, best, PB_EXIT_FAILED);
}

static void
check_options (CheckRun       *run,
               PbServerConfig *config,
               const char     *from,
               gint64          started,
               PbCheckOptions *options)
{
  CheckArgs *args = run->args;

  /* Only the user's own --security none allows a plain-text login, never a detected one. */
  run->plaintext = run->plaintext && config->security == PB_SECURITY_NONE;
  options->allow_plaintext_auth = run->plaintext;
  options->from = from;
  options->dry_run_send = args->dry_run_send;
  options->send_test = args->send_test;
  /* --timeout bounds the whole command: detection took its part already. */
  if (args->timeout != PB_CLI_UNSET)
    options->timeout_ms = MAX (1000, args->timeout * 1000 -
                                     (g_get_monotonic_time () - started) / 1000);
  else
    options->timeout_ms = DEFAULT_TIMEOUT_S * 1000;
  options->step_timeout_ms = MIN (options->timeout_ms, PB_SMTP_DEFAULT_STEP_TIMEOUT_MS);
}

/* The password is saved (or not), and wiped, before the report is written: a reader that
 * is slow to take the report (a pager, a full pipe) does not keep it in memory. */
static int
run_test (CheckRun       *run,
          PbServerConfig *config,
          const char     *from,
          gint64          started)
{
  PbCheckOptions options = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbCheckResult) result = NULL;
  g_autofree char *report = NULL;
  guint sigint_id;

  check_options (run, config, from, started, &options);
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  pb_setup_test_async (run->setup, config, run->address->address, &options, cancellable,
                       on_done, run);
  done = wait_for (run);
  g_source_remove (sigint_id);
  result = pb_setup_test_finish (run->setup, done, &error);
  if (g_error_matches (error, PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED))
    return confirmation_needed (run);
  if (result == NULL)
    {
      fprintf (stderr, "postbote check: %s\n", error->message);
      return PB_EXIT_INTERNAL;
    }
  report = run->args->json ? pb_report_check_json (result, run->args->transcript)
                           : pb_report_check_text (result, run->args->transcript);
  fputs (report, stdout);
  fputc ('\n', stdout);
  return result->ok && !run->save_failed ? PB_EXIT_OK : PB_EXIT_FAILED;
}

/* The flow, told what the options say; the password goes to it and ours is wiped. */
static PbSetup *
setup_new (CheckRun   *run,
           PbSecret  **password)
{
  PbSetup *setup = pb_setup_new ();
  g_autoptr(PbCliAsker) asker = pb_cli_asker_new (run->args->server);

  /* The asker lives as long as the flow that asks it. */
  g_object_set_data_full (G_OBJECT (setup), "pb-cli-asker", g_object_ref (asker),
                          g_object_unref);
  pb_setup_set_asker (setup, PB_SETUP_ASKER (asker));
  pb_setup_set_password (setup, *password);
  g_clear_pointer (password, pb_secret_free);
  pb_setup_set_lookup_saved_password (setup, !run->args->password_stdin);
  pb_setup_set_remember_password (setup, run->args->save_password);
  g_signal_connect (setup, "notify::state", G_CALLBACK (on_state), run);
  g_signal_connect (setup, "check-started", G_CALLBACK (on_check_started), run);
  g_signal_connect (setup, "password", G_CALLBACK (on_password), run);
  return setup;
}

static const char check_description[] = N_(
  "Without --server, the address's settings are detected first and the best outgoing\n"
  "server is tested. A server outside the address's domain is not tested until you\n"
  "name it with --server.\n"
  "Without --password-stdin, the password comes from the keyring. If there is none,\n"
  "the login is not tested: the result says so, JSON has \"login_tested\": false,\n"
  "and the exit status is 0 if everything else works.\n"
  "--security none without --port tests port 587; a password is then sent without\n"
  "encryption, which only your explicit --security none allows.\n"
  "\n"
  "Exit status: 0 the server works, 1 the check failed (the problem id is in the\n"
  "output), 2 usage error, 3 internal error.\n"
  "When detection gives no server to test, the stage is \"detect\" and the problem is\n"
  "not-found (nothing detected), confirmation-needed (a server outside the domain)\n"
  "or not-discoverable (an address that is never looked up), with exit status 1,\n"
  "or detect-failed, with exit status 3.");

/* The options of `postbote check`, parsed into args and run. */
static GOptionContext *
check_context_new (CheckArgs *args,
                   CheckRun  *run)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json, N_("Print one JSON object"), NULL },
    { "transcript", 0, 0, G_OPTION_ARG_NONE, &args->transcript,
      N_("Show the SMTP dialogue (passwords removed)"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, &args->server, N_("Outgoing server to test"),
      N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_STRING, &args->port_text,
      N_("Port, 1–65535 (default: 465 for tls, 587 for starttls and none)"), N_("N") },
    { "security", 0, 0, G_OPTION_ARG_STRING, &args->security,
      N_("Encryption: tls, starttls or none"), "tls|starttls|none" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &args->user, N_("Login name (default: the address)"),
      N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &args->password_stdin,
      N_("Read the password from the first line of standard input"), NULL },
    { "save-password", 0, 0, G_OPTION_ARG_NONE, &args->save_password,
      N_("After a successful login, keep the password in the keyring"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args->from,
      N_("Sender address for --dry-run-send and --send-test (default: the address)"),
      N_("ADDR") },
    { "dry-run-send", 0, 0, G_OPTION_ARG_NONE, &args->dry_run_send,
      N_("Ask whether the server accepts the sender, without sending anything"), NULL },
    { "send-test", 0, 0, G_OPTION_ARG_NONE, &args->send_test,
      N_("Send a test message to the address"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &args->timeout_text,
      N_("Give up after this many seconds, detection included (1–600; default: 60 for the test)"),
      N_("S") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &run->verbose, N_("Report each step as it ends"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (_("ADDRESS"));

  g_option_context_set_summary (context, _("Test an outgoing (SMTP) server live."));
  /* GOption translates the summary and the description itself. */
  g_option_context_set_description (context, check_description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

int
pb_cli_check (int    argc,
              char **argv)
{
  CheckArgs args = { .port = PB_CLI_UNSET, .timeout = PB_CLI_UNSET };
  CheckRun run = { .args = &args };
  g_autoptr(GOptionContext) context = check_context_new (&args, &run);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbServerConfig) config = NULL;
  g_autoptr(PbAddress) address = NULL;
  g_autoptr(PbAddress) from = NULL;
  g_autoptr(PbSecret) password = NULL;
  g_autoptr(PbSetup) setup = NULL;
  int exit_code = PB_EXIT_USAGE;

  gint64 started = g_get_monotonic_time ();

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      exit_code = usage_error (context, error->message);
      goto out;
    }
  address = parse_envelope_address (context, argc - 1, argv + 1, args.from, &from, &exit_code);
  if (address == NULL || !validate_args (&args, context, &exit_code))
    goto out;
  /* A password that cannot be used is a usage error too, found before the network. */
  if (args.password_stdin && (password = pb_cli_read_password (STDIN_FILENO, &error)) == NULL)
    {
      exit_code = usage_error (context, error->message);
      goto out;
    }
  run.address = address;
  run.plaintext = g_strcmp0 (args.security, "none") == 0;
  run.setup = setup = setup_new (&run, &password);
  if (args.server == NULL && !detect_server (&run, &exit_code))
    goto out;
  config = config_from_args (&args);
  exit_code = run_test (&run, config, from ? from->address : NULL, started);
out:
  check_args_clear (&args);
  return exit_code;
}
