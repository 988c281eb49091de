/* pb-cli-check-run.c: one `postbote check` through the setup flow, and what it prints
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "pb-account-report.h"
#include "pb-check-format.h"
#include "pb-cli-args.h"
#include "pb-cli-asker.h"
#include "pb-cli-check-run.h"
#include "pb-cli-sign-in.h"
#include "pb-credentials.h"
#include "pb-domain-check.h"
#include "pb-report.h"
#include "pb-setup-run.h"
#include "pb-setup-sign-in.h"
#include "pb-smtp-client.h"

#define DEFAULT_TIMEOUT_S 60
/* Round-trip progress on stderr: a line this often while the test message is awaited. */
#define PROGRESS_EVERY_S 5

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

/* The protocol of a half of the account: the steps of two halves arrive mixed. */
static const char *
half_label (PbCliCheckRun *run,
            PbSetupHalf    half)
{
  PbServerConfig *incoming = pb_setup_get_incoming_server (run->setup);

  return pb_protocol_get_label (half == PB_SETUP_HALF_OUTGOING || incoming == NULL
                                ? PB_PROTOCOL_SMTP : incoming->protocol);
}

/* -v, and always for both halves at once outside --json: each step as it ends, with the
 * half it is of when two run. */
/* A step as it ends, on stderr; prefix (NULL: none) says whose it is. */
static void
print_step (const char        *prefix,
            const PbCheckStep *step)
{
  if (prefix != NULL)
    fprintf (stderr, "%-4s ", prefix);
  fprintf (stderr, "%s %s (%.0f ms)\n", step->ok ? "." : "!",
           pb_check_step_get_label (step->name), step->usec / 1000.0);
}

static void
on_step (PbSetup       *setup,
         PbSetupHalf    half,
         PbCheckStep   *step,
         PbCliCheckRun *run)
{
  if (run->args->account && (run->verbose || !run->args->json))
    print_step (half_label (run, half), step);
  else if (run->verbose)
    print_step (NULL, step);
}

static void
on_check_started (PbSetup        *setup,
                  PbCheck        *check,
                  PbServerConfig *server,
                  PbCliCheckRun  *run)
{
  /* Choosing "none" on the command line is the explicit choice that README.md ("Security")
   * asks for. */
  if (run->plaintext && pb_setup_has_password (setup))
    fprintf (stderr, "%s\n", _("Warning: the password is sent without encryption."));
}

static void
print_testing (PbCliCheckRun  *run,
               PbServerConfig *server)
{
  g_autofree char *host = pb_report_terminal_safe (server->host, TRUE);

  fprintf (stderr, _("Testing %s port %u (%s), found by: %s"), host, server->port,
           pb_security_get_label (server->security),
           pb_discovery_source_get_label (
             pb_discovery_result_get_source (pb_setup_get_discovery_result (run->setup))));
  fprintf (stderr, "\n");
}

/* The found server of the asked protocol: the flow's choice for SMTP, else the first of
 * that protocol in the discovery's order. */
static PbServerConfig *
detected_server (PbCliCheckRun *run)
{
  GPtrArray *incoming = pb_discovery_result_get_incoming (pb_setup_get_discovery_result (run->setup));

  if (run->args->protocol == PB_PROTOCOL_SMTP)
    return pb_setup_get_server (run->setup);
  for (guint i = 0; i < incoming->len; i++)
    {
      PbServerConfig *server = incoming->pdata[i];

      if (server->protocol == run->args->protocol)
        return server;
    }
  return NULL;
}

/* The detected servers, once the flow goes ahead with them (a server that needs
 * confirmation is not tested from here). */
static void
on_state (PbSetup       *setup,
          GParamSpec    *pspec,
          PbCliCheckRun *run)
{
  PbServerConfig *incoming = pb_setup_get_incoming_server (setup);

  if (!run->detected || pb_setup_get_state (setup) != PB_SETUP_STATE_CHECKING)
    return;
  run->detected = FALSE;
  if (!run->args->account)
    {
      print_testing (run, detected_server (run));
      return;
    }
  print_testing (run, pb_setup_get_server (setup));
  if (incoming != NULL)
    print_testing (run, incoming);
}

/* Without --password-stdin the password comes from the keyring; one that cannot answer is
 * reported, and the check goes on without a login. --save-password: saved only after the
 * server accepted the login (README.md, “Security”). The detail of the signal is the
 * protocol: with two halves each message says whose password it is. */
static void
on_password (PbSetup         *setup,
             PbSetupPassword  what,
             const GError    *error,
             PbCliCheckRun   *run)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (setup);
  PbProtocol protocol = PB_PROTOCOL_SMTP;
  PbCheckResult *result;
  PbProblem problem = error != NULL ? pb_credentials_error_to_problem (error) : PB_PROBLEM_NONE;

  pb_protocol_from_string (g_quark_to_string (hint->detail), &protocol);
  result = pb_setup_get_half_result (setup, pb_setup_half_of (protocol));
  if (run->args->account && what != PB_SETUP_PASSWORD_NOT_REMEMBERED &&
      (what != PB_SETUP_PASSWORD_NOT_ACCEPTED || run->args->save_password))
    fprintf (stderr, "%s: ", pb_protocol_get_label (protocol));

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

/* The round trip's own session, with -v: its steps as they end. */
static void
on_round_trip_step (PbRoundTrip   *trip,
                    PbCheckStep   *step,
                    PbCliCheckRun *run)
{
  if (run->verbose)
    print_step (_("Test"), step);
}

static void
on_round_trip_started (PbSetup       *setup,
                       PbRoundTrip   *trip,
                       PbCliCheckRun *run)
{
  run->waited_s = 0;
  g_signal_connect (trip, "step", G_CALLBACK (on_round_trip_step), run);
}

/* Outside --json, a line every few seconds while the test message is awaited. */
static void
on_round_trip_progress (PbSetup       *setup,
                        guint          waited_ms,
                        guint          wait_ms,
                        PbCliCheckRun *run)
{
  guint waited_s = waited_ms / 1000;

  if (run->args->json || (run->waited_s != 0 && waited_s < run->waited_s + PROGRESS_EVERY_S))
    return;
  run->waited_s = MAX (waited_s, 1);
  /* Translators: "Waiting for the test message… 12 s of 60" */
  fprintf (stderr, _("Waiting for the test message… %u s of %u"), waited_s, wait_ms / 1000);
  fputc ('\n', stderr);
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  PbCliCheckRun *run = user_data;

  run->done = g_object_ref (res);
}

/* The flow's calls run in the default main context: it turns until the call is done. */
static GAsyncResult *
wait_for (PbCliCheckRun *run)
{
  while (run->done == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&run->done);
}

/* Detection gave nothing to test: the reason on stderr, and with --json the object a
 * script expects (stage "detect"). The ids are listed in `postbote check --help`. */
static int
detect_failed (PbCliCheckArgs       *args,
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
      g_autofree char *json = pb_report_check_detect_json (problem, message, fix,
                                                           args->protocol, server);

      printf ("%s\n", json);
    }
  return exit_code;
}

static const char *
name_it (PbCliCheckRun *run)
{
  return run->args->protocol == PB_PROTOCOL_SMTP ? _("Name the outgoing server with --server HOST.")
                                                 : _("Name the server with --server HOST.");
}

static int
nothing_found (PbCliCheckRun *run)
{
  g_autofree char *message = NULL;

  if (run->args->protocol == PB_PROTOCOL_SMTP)
    message = g_strdup (_("No outgoing server found for this address."));
  else
    /* Translators: %s is IMAP or POP3 */
    message = g_strdup_printf (_("No %s server found for this address."),
                               pb_protocol_get_label (run->args->protocol));
  return detect_failed (run->args, PB_PROBLEM_NOT_FOUND, message, name_it (run), NULL,
                        PB_EXIT_FAILED);
}

/* Discovery itself failed: an address literal is the person's input, not our failure
 * (exit 1, with the way on). */
static int
discovery_failed (PbCliCheckRun *run,
                  const GError  *error)
{
  gboolean literal = g_error_matches (error, PB_ADDRESS_ERROR,
                                      PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE);

  if (g_error_matches (error, PB_DISCOVERY_ERROR, PB_DISCOVERY_ERROR_NOT_DISCOVERABLE))
    return detect_failed (run->args, PB_PROBLEM_NOT_DISCOVERABLE, error->message, name_it (run),
                          NULL, PB_EXIT_FAILED);
  return detect_failed (run->args, PB_PROBLEM_DETECT_FAILED, error->message,
                        literal ? name_it (run) : NULL, NULL,
                        literal ? PB_EXIT_FAILED : PB_EXIT_INTERNAL);
}

gboolean
pb_cli_check_detect (PbCliCheckRun *run,
                     int           *exit_code)
{
  PbCliCheckArgs *args = run->args;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  PbServerConfig *best;

  if (args->timeout != PB_CLI_UNSET)
    pb_setup_set_discovery_timeout_ms (run->setup, args->timeout * 1000);
  pb_setup_discover_async (run->setup, run->address, NULL, on_done, run);
  done = wait_for (run);
  result = pb_setup_discover_finish (run->setup, done, &error);
  if (result == NULL)
    {
      *exit_code = discovery_failed (run, error);
      return FALSE;
    }
  best = args->account ? pb_setup_get_server (run->setup) : detected_server (run);
  if (best == NULL)
    {
      *exit_code = nothing_found (run);
      return FALSE;
    }
  run->detected = TRUE;
  if (args->account)
    return TRUE;
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
confirmation_needed (PbCliCheckRun *run)
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
check_options (PbCliCheckRun  *run,
               PbServerConfig *config,
               const char     *from,
               gint64          started,
               PbCheckOptions *options)
{
  PbCliCheckArgs *args = run->args;

  /* Only the user's own --security none allows a plain-text login, never a detected one. */
  run->plaintext = run->plaintext && config != NULL && config->security == PB_SECURITY_NONE;
  options->allow_plaintext_auth = run->plaintext;
  options->username = args->account ? args->user : NULL;
  options->from = from;
  options->dry_run_send = args->dry_run_send;
  options->send_test = args->send_test;
  if (args->account && args->send_test)
    pb_setup_set_round_trip_wait (run->setup, args->wait * 1000);
  /* --timeout bounds the whole command: detection took its part already. */
  if (args->timeout != PB_CLI_UNSET)
    options->timeout_ms = MAX (1000, args->timeout * 1000 -
                                     (g_get_monotonic_time () - started) / 1000);
  else
    options->timeout_ms = DEFAULT_TIMEOUT_S * 1000;
  options->step_timeout_ms = MIN (options->timeout_ms, PB_SMTP_DEFAULT_STEP_TIMEOUT_MS);
}

/* Runs the flow's call until it is done, SIGINT cancelling it. */
static GAsyncResult *
wait_interruptible (PbCliCheckRun *run,
                    GCancellable  *cancellable)
{
  guint sigint_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  GAsyncResult *done = wait_for (run);

  g_source_remove (sigint_id);
  return done;
}

/* What the flow answered instead of results: a refusal is the confirmation the command line
 * could not give, nothing at all an internal error. -1 when there are results. */
static int
no_results (PbCliCheckRun *run,
            gconstpointer  results,
            const GError  *error)
{
  if (g_error_matches (error, PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED))
    return confirmation_needed (run);
  if (results != NULL)
    return -1;
  fprintf (stderr, "postbote check: %s\n", error->message);
  return PB_EXIT_INTERNAL;
}

/* Prints report (transfer full); the exit status says whether everything worked. */
static int
print_report (PbCliCheckRun *run,
              char          *report,
              gboolean       ok)
{
  fputs (report, stdout);
  fputc ('\n', stdout);
  g_free (report);
  return ok && !run->save_failed ? PB_EXIT_OK : PB_EXIT_FAILED;
}

/* The password is saved (or not), and wiped, before the report is written: a reader that
 * is slow to take the report (a pager, a full pipe) does not keep it in memory. */
int
pb_cli_check_test_server (PbCliCheckRun  *run,
                          PbServerConfig *config,
                          const char     *from,
                          gint64          started)
{
  PbCheckOptions options = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbCheckResult) result = NULL;
  int exit_code;

  check_options (run, config, from, started, &options);
  pb_setup_test_async (run->setup, config, run->address->address, &options, cancellable,
                       on_done, run);
  done = wait_interruptible (run, cancellable);
  result = pb_setup_test_finish (run->setup, done, &error);
  if ((exit_code = no_results (run, result, error)) >= 0)
    return exit_code;
  return print_report (run, run->args->json ? pb_report_check_json (result, run->args->transcript)
                                            : pb_report_check_text (result, run->args->transcript),
                       result->ok);
}

/* After an account that works, the records of its sender domain, as advice (an address at
 * a mailbox provider gets none). The selector and signing domain come from the test
 * message's DKIM-Signature, when one arrived (the check asks only for valid names).
 * Ctrl-C ends it: the report goes without it. */
static PbDomainReport *
check_domain (PbCliCheckRun     *run,
              PbRoundTripResult *round_trip)
{
  PbDomainOptions options = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) done = NULL;
  PbDomainReport *report;

  if (run->address->is_literal)
    return NULL;
  if (round_trip != NULL && round_trip->dkim_selector != NULL
      && round_trip->dkim_domain != NULL)
    {
      options.selector = round_trip->dkim_selector;
      options.signing_domain = round_trip->dkim_domain;
    }
  pb_domain_check_run_async (run->address, &options, cancellable, on_done, run);
  done = wait_interruptible (run, cancellable);
  report = pb_domain_check_run_finish (done, NULL);
  if (report != NULL && report->mailbox_provider)
    g_clear_pointer (&report, pb_domain_report_free);
  return report;
}

int
pb_cli_check_test_account (PbCliCheckRun *run,
                           const char    *from,
                           gint64         started)
{
  PbCheckOptions options = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(PbDomainReport) domain = NULL;
  PbRoundTripResult *round_trip;
  gboolean ok;
  int exit_code;

  check_options (run, NULL, from, started, &options);
  pb_setup_test_account_async (run->setup, &options, cancellable, on_done, run);
  done = wait_interruptible (run, cancellable);
  results = pb_setup_test_account_finish (run->setup, done, &error);
  if ((exit_code = no_results (run, results, error)) >= 0)
    return exit_code;
  /* A test message that did not arrive fails the check like a half that does not work. */
  round_trip = pb_setup_get_round_trip_result (run->setup);
  ok = pb_account_report_is_ok (results, round_trip);
  if (ok)
    domain = check_domain (run, round_trip);
  return print_report (run, run->args->json
                            ? pb_account_report_json (results, round_trip, domain,
                                                      run->args->transcript)
                            : pb_account_report_text (results, round_trip, domain,
                                                      run->args->transcript),
                       ok);
}

PbSetup *
pb_cli_check_setup_new (PbCliCheckRun  *run,
                        PbSecret      **password)
{
  PbSetup *setup = pb_setup_new ();
  g_autoptr(PbCliAsker) asker = pb_cli_asker_new ();

  /* The asker lives as long as the flow that asks it. */
  g_object_set_data_full (G_OBJECT (setup), "pb-cli-asker", g_object_ref (asker),
                          g_object_unref);
  pb_setup_set_asker (setup, PB_SETUP_ASKER (asker));
  pb_setup_set_password (setup, *password);
  g_clear_pointer (password, pb_secret_free);
  pb_setup_set_lookup_saved_password (setup, !run->args->password_stdin);
  pb_setup_set_remember_password (setup, run->args->save_password);
  pb_setup_set_oauth (setup, run->args->oauth || run->args->oauth_device);
  pb_setup_set_oauth_device (setup, run->args->oauth_device);
  pb_setup_set_oauth_interactive (setup, !run->args->no_browser);
  pb_cli_sign_in_follow (setup);
  g_signal_connect (setup, "notify::state", G_CALLBACK (on_state), run);
  g_signal_connect (setup, "check-started", G_CALLBACK (on_check_started), run);
  g_signal_connect (setup, "step", G_CALLBACK (on_step), run);
  g_signal_connect (setup, "password", G_CALLBACK (on_password), run);
  g_signal_connect (setup, "round-trip-started", G_CALLBACK (on_round_trip_started), run);
  g_signal_connect (setup, "round-trip-progress", G_CALLBACK (on_round_trip_progress), run);
  return setup;
}
