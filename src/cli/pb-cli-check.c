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
#include "pb-cli-check.h"
#include "pb-cli-password.h"
#include "pb-credentials.h"
#include "pb-credentials-sync.h"
#include "pb-discovery.h"
#include "pb-problem.h"
#include "pb-report.h"
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

typedef struct {
  GMainLoop     *loop;
  GCancellable  *cancellable;
  PbCheckResult *result;
  GError        *error;
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

/* Without --password-stdin the password comes from the keyring, stored under the login
 * the check uses. A keyring that cannot answer is reported; the check goes on without a
 * login. */
static char *
lookup_saved_password (const PbServerConfig *config,
                       const PbAddress      *address,
                       PbProblem            *problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) saved = NULL;
  /* The login the check uses (pb_check_new): --user or the detected one, as it is. */
  const char *user = config->username != NULL ? config->username : address->address;

  saved = pb_credentials_lookup_sync (config->protocol, config->host, config->port, user,
                                      pb_credentials_default_flags (), NULL, &error);
  if (error != NULL)
    {
      *problem = pb_credentials_error_to_problem (error);
      if (*problem == PB_PROBLEM_NONE)
        *problem = PB_PROBLEM_KEYRING_UNAVAILABLE;
      /* Not the check's problem: the check goes on and reports its own result. */
      fprintf (stderr, "postbote check: %s\n", error->message);
      fprintf (stderr, _("The login is not tested: no password from the keyring (%s)."),
               pb_problem_to_string (*problem));
      fputc ('\n', stderr);
      return NULL;
    }
  /* The check wants a PbSecret; the keyring's own buffer is wiped on return. */
  return saved != NULL ? g_strdup (saved) : NULL;
}

/* --save-password: only after the server accepted the login (README.md, “Security”). FALSE when
 * the keyring could not store it. */
static gboolean
maybe_save_password (const PbServerConfig *config,
                     PbCheckResult        *result,
                     const char           *password)
{
  g_autoptr(GError) error = NULL;

  if (!result->ok || !result->authenticated || password == NULL)
    {
      fprintf (stderr, "%s\n", _("The password was not saved: the server did not accept a "
                                 "login in this check."));
      return TRUE;
    }
  if (!pb_credentials_store_sync (config->protocol, config->host, config->port,
                                  result->username, password, pb_credentials_default_flags (),
                                  NULL, &error))
    {
      print_keyring_error (error);
      return FALSE;
    }
  fprintf (stderr, _("The password for %s on %s is saved in the keyring."), result->username,
           config->host);
  fprintf (stderr, "\n");
  return TRUE;
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
on_check_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  CheckRun *run = user_data;

  run->result = pb_check_run_finish (PB_CHECK (source), res, &run->error);
  g_main_loop_quit (run->loop);
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

/* Without --server: detect, and test the best outgoing server (README.md, “Command line”).
 * A server that needs confirmation (outside the address's domain, or found over plain HTTP) is not
 * sent a password from here: naming it with --server is the confirmation. */
static PbDiscoveryResult *
detect_server (CheckArgs       *args,
               const PbAddress *address,
               int             *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  g_autofree char *host = NULL;
  g_autofree char *message = NULL;
  g_autofree char *fix = NULL;
  GPtrArray *outgoing;
  PbServerConfig *best;

  result = pb_discovery_run_for_check (address->address,
                                       args->timeout != PB_CLI_UNSET ? args->timeout : 0,
                                       NULL, &error);
  if (result == NULL && g_error_matches (error, PB_DISCOVERY_ERROR,
                                         PB_DISCOVERY_ERROR_NOT_DISCOVERABLE))
    {
      *exit_code = detect_failed (args, PB_PROBLEM_NOT_DISCOVERABLE, error->message,
                                  _("Name the outgoing server with --server HOST."), NULL,
                                  PB_EXIT_FAILED);
      return NULL;
    }
  if (result == NULL)
    {
      *exit_code = detect_failed (args, PB_PROBLEM_DETECT_FAILED, error->message, NULL, NULL,
                                  PB_EXIT_INTERNAL);
      return NULL;
    }
  outgoing = pb_discovery_result_get_outgoing (result);
  if (outgoing->len == 0)
    {
      *exit_code = detect_failed (args, PB_PROBLEM_NOT_FOUND,
                                  _("No outgoing server found for this address."),
                                  _("Name the outgoing server with --server HOST."), NULL,
                                  PB_EXIT_FAILED);
      return NULL;
    }
  best = g_ptr_array_index (outgoing, 0);
  host = pb_report_terminal_safe (best->host, TRUE);
  if (pb_discovery_result_get_needs_confirmation (result))
    {
      message = g_strdup_printf (_("The detected server %s is outside %s."), host,
                                 address->domain);
      fix = g_strdup_printf (_("To test it, confirm it with --server %s."), host);
      *exit_code = detect_failed (args, PB_PROBLEM_CONFIRMATION_NEEDED, message, fix, best,
                                  PB_EXIT_FAILED);
      return NULL;
    }
  fprintf (stderr, _("Testing %s port %u (%s), found by: %s"), host, best->port,
           pb_security_get_label (best->security),
           pb_discovery_source_get_label (pb_discovery_result_get_source (result)));
  fprintf (stderr, "\n");
  args->server = g_strdup (best->host);
  if (args->port == PB_CLI_UNSET && args->security == NULL)
    {
      args->port = best->port;
      args->security = g_strdup (pb_security_to_string (best->security));
    }
  if (args->user == NULL && best->auth != PB_AUTH_NONE && best->username != NULL)
    args->user = g_strdup (best->username);
  return g_steal_pointer (&result);
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

int
pb_cli_check (int    argc,
              char **argv)
{
  CheckArgs args = { .port = PB_CLI_UNSET, .timeout = PB_CLI_UNSET };
  gboolean verbose = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &args.json, N_("Print one JSON object"), NULL },
    { "transcript", 0, 0, G_OPTION_ARG_NONE, &args.transcript,
      N_("Show the SMTP dialogue (passwords removed)"), NULL },
    { "server", 0, 0, G_OPTION_ARG_STRING, &args.server, N_("Outgoing server to test"),
      N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_STRING, &args.port_text,
      N_("Port, 1–65535 (default: 465 for tls, 587 for starttls and none)"), N_("N") },
    { "security", 0, 0, G_OPTION_ARG_STRING, &args.security,
      N_("Encryption: tls, starttls or none"), "tls|starttls|none" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &args.user, N_("Login name (default: the address)"),
      N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &args.password_stdin,
      N_("Read the password from the first line of standard input"), NULL },
    { "save-password", 0, 0, G_OPTION_ARG_NONE, &args.save_password,
      N_("After a successful login, keep the password in the keyring"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args.from,
      N_("Sender address for --dry-run-send and --send-test (default: the address)"),
      N_("ADDR") },
    { "dry-run-send", 0, 0, G_OPTION_ARG_NONE, &args.dry_run_send,
      N_("Ask whether the server accepts the sender, without sending anything"), NULL },
    { "send-test", 0, 0, G_OPTION_ARG_NONE, &args.send_test,
      N_("Send a test message to the address"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &args.timeout_text,
      N_("Give up after this many seconds, detection included (1–600; default: 60 for the test)"),
      N_("S") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Report each step as it ends"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbServerConfig) config = NULL;
  g_autoptr(PbAddress) address = NULL;
  g_autoptr(PbAddress) from = NULL;
  g_autoptr(PbCheck) check = NULL;
  g_autoptr(PbSecret) password = NULL;
  PbProblem password_problem = PB_PROBLEM_NONE;
  g_autoptr(PbDiscoveryResult) detected = NULL;
  PbCheckOptions options = { 0 };
  CheckRun run = { 0 };
  gboolean plaintext_chosen;
  int exit_code = PB_EXIT_USAGE;
  guint sigint_id;

  gint64 started = g_get_monotonic_time ();

  g_option_context_set_summary (context, _("Test an outgoing (SMTP) server live."));
  /* GOption translates the summary and the description itself. */
  g_option_context_set_description (context, check_description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
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
  /* Only the user's own --security none allows a plain-text login, never a detected one. */
  plaintext_chosen = g_strcmp0 (args.security, "none") == 0;
  if (args.server == NULL &&
      (detected = detect_server (&args, address, &exit_code)) == NULL)
    goto out;
  config = config_from_args (&args);
  if (!args.password_stdin)
    password = lookup_saved_password (config, address, &password_problem);

  /* Choosing "none" on the command line is the explicit choice that README.md ("Security")
   * asks for. */
  options.allow_plaintext_auth = plaintext_chosen && config->security == PB_SECURITY_NONE;
  if (options.allow_plaintext_auth && password != NULL)
    fprintf (stderr, "%s\n", _("Warning: the password is sent without encryption."));
  options.from = from ? from->address : NULL;
  if (detected != NULL && pb_discovery_result_get_config (detected) != NULL)
    options.provider_id =
      pb_account_config_get_provider_id (pb_discovery_result_get_config (detected));
  options.dry_run_send = args.dry_run_send;
  options.send_test = args.send_test;
  /* --timeout bounds the whole command: detection took its part already. */
  if (args.timeout != PB_CLI_UNSET)
    options.timeout_ms = MAX (1000, args.timeout * 1000 -
                                    (g_get_monotonic_time () - started) / 1000);
  else
    options.timeout_ms = DEFAULT_TIMEOUT_S * 1000;
  options.step_timeout_ms = MIN (options.timeout_ms, PB_SMTP_DEFAULT_STEP_TIMEOUT_MS);

  check = pb_check_new (config, address->address, &options);
  pb_check_set_password (check, password);
  /* The check has its own copy, wiped after the login. Ours is needed only to save it in
   * the keyring afterwards: otherwise it goes now, not when the report has been written. */
  if (!args.save_password)
    g_clear_pointer (&password, pb_smtp_secret_free);
  pb_check_set_password_problem (check, password_problem);
  g_signal_connect (check, "step", G_CALLBACK (on_step), &verbose);

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, run.cancellable);
  pb_check_run_async (check, run.cancellable, on_check_done, &run);
  g_main_loop_run (run.loop);
  g_source_remove (sigint_id);

  if (run.result == NULL)
    {
      fprintf (stderr, "postbote check: %s\n", run.error ? run.error->message : "?");
      exit_code = PB_EXIT_INTERNAL;
    }
  else
    {
      g_autofree char *report = NULL;

      exit_code = run.result->ok ? PB_EXIT_OK : PB_EXIT_FAILED;
      /* Saved, and wiped, before the report is written: a reader that is slow to take the
       * report (a pager, a full pipe) does not keep the password in memory. */
      if (args.save_password && !maybe_save_password (config, run.result, password))
        exit_code = PB_EXIT_FAILED;
      g_clear_pointer (&password, pb_smtp_secret_free);
      report = args.json ? pb_report_check_json (run.result, args.transcript)
                         : pb_report_check_text (run.result, args.transcript);
      fputs (report, stdout);
      fputc ('\n', stdout);
    }

  g_clear_object (&run.result);
  g_clear_error (&run.error);
  g_clear_object (&run.cancellable);
  g_clear_pointer (&run.loop, g_main_loop_unref);
out:
  check_args_clear (&args);
  return exit_code;
}
