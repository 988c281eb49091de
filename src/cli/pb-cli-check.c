/* pb-cli-check.c: postbote check
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pb-address.h"
#include "pb-cli-args.h"
#include "pb-cli-check.h"
#include "pb-cli-check-run.h"
#include "pb-cli-password.h"

#define MAX_TIMEOUT_S 600

static void
check_args_clear (PbCliCheckArgs *args)
{
  g_free (args->protocol_text);
  g_free (args->server);
  g_free (args->port_text);
  g_free (args->timeout_text);
  g_free (args->wait_text);
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

/* Every option is checked before anything goes over the network. --security is taken in
 * any case and kept in its canonical form, so that "NONE" is the same consent to a
 * plain-text login as "none". */
/* --protocol names the kind of server; without it and without a server named by --server,
 * --port or --security, both halves of the account are tested. Sending is SMTP's alone. */
static const char *
validate_protocol (PbCliCheckArgs *args)
{
  if (args->protocol_text != NULL && !pb_protocol_from_string (args->protocol_text,
                                                               &args->protocol))
    return _("--protocol must be smtp, imap or pop3");
  if (args->protocol != PB_PROTOCOL_SMTP &&
      (args->from != NULL || args->dry_run_send || args->send_test))
    return _("--from, --dry-run-send and --send-test go with the outgoing server (smtp)");
  args->account = args->protocol_text == NULL && args->server == NULL &&
                  args->port_text == NULL && args->security == NULL;
  return NULL;
}

static gboolean
validate_args (PbCliCheckArgs *args,
               GOptionContext *context,
               int            *exit_code)
{
  PbSecurity security;
  const char *message = validate_protocol (args);

  if (message != NULL)
    ;
  else if (args->security != NULL && !pb_security_from_string (args->security, &security))
    message = _("--security must be tls, starttls or none");
  else if (!pb_cli_parse_number (args->port_text, 1, 65535, &args->port))
    message = _("--port must be a decimal number between 1 and 65535");
  else if (!pb_cli_parse_number (args->timeout_text, 1, MAX_TIMEOUT_S, &args->timeout))
    message = _("--timeout must be between 1 and 600 seconds");
  else if (!pb_cli_parse_number (args->wait_text, 1, MAX_TIMEOUT_S, &args->wait))
    message = _("--wait must be between 1 and 600 seconds");
  else if (args->wait_text != NULL && !(args->send_test && args->account))
    message = _("--wait goes with --send-test for the whole account (no --protocol or "
                "--server)");
  else if (args->server != NULL && args->server[0] == '\0')
    message = _("--server needs a host name");
  else if (args->oauth && args->oauth_device)
    message = _("--oauth and --oauth-device are two ways of the same sign-in: choose one");
  else if ((args->oauth || args->oauth_device) && (args->password_stdin || args->server != NULL))
    message = _("--oauth signs in at the provider of the detected settings: it goes without "
                "--password-stdin and --server");
  else if (args->no_browser && !args->oauth && !args->oauth_device)
    message = _("--no-browser goes with --oauth");
  if (message != NULL)
    {
      *exit_code = usage_error (context, message);
      return FALSE;
    }
  if (args->wait == PB_CLI_UNSET)
    args->wait = PB_ROUND_TRIP_DEFAULT_WAIT_MS / 1000;
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
config_from_args (PbCliCheckArgs *args)
{
  PbSecurity security = PB_SECURITY_TLS;

  if (args->security != NULL)
    pb_security_from_string (args->security, &security);
  /* Without --security, the port says what it speaks: the protocol's implicit-TLS port
   * (465, 993, 995) TLS, any other STARTTLS (587, 25; 143; 110). */
  else if (args->port != PB_CLI_UNSET &&
           args->port != pb_security_default_port (args->protocol, PB_SECURITY_TLS))
    security = PB_SECURITY_STARTTLS;
  if (args->port == PB_CLI_UNSET)
    args->port = pb_security_default_port (args->protocol, security);

  return pb_server_config_new (args->protocol, args->server, args->port, security,
                               PB_AUTH_PASSWORD_CLEARTEXT, args->user);
}

static const char check_description[] = N_(
  "--protocol smtp, imap or pop3 tests one server of that kind; without --server,\n"
  "--port and --security the address's settings are detected first and the one found\n"
  "is tested. Without --protocol and a server, both halves of the account are tested\n"
  "at once, the best outgoing and the best incoming server (IMAP before POP3), and\n"
  "--json prints {\"ok\": …, \"checks\": [ a report for each ]}. A server outside the\n"
  "address's domain is not tested until you name it with --server.\n"
  "Without --password-stdin, the password comes from the keyring. If there is none,\n"
  "the login is not tested: the result says so, JSON has \"login_tested\": false,\n"
  "and the exit status is 0 if everything else works.\n"
  "--oauth signs in at the provider instead (Gmail, Outlook.com, Microsoft 365, …):\n"
  "with the sign-in saved in the keyring, else by printing an address to open in a\n"
  "browser on this computer and waiting for the sign-in (5 minutes). It needs Postbote\n"
  "to be registered with the provider: the setting oauth-clients (docs/oauth.md).\n"
  "--oauth-device prints a code to enter at the provider's page on any device instead\n"
  "(where the provider offers that), for a computer without a browser.\n"
  "--security none without --port tests port 587 (IMAP 143, POP3 110); a password\n"
  "is then sent without encryption, which only your explicit --security none allows.\n"
  "--send-test for the whole account sends a test message to the address and waits\n"
  "(--wait, 60 seconds) until it is in the inbox of the incoming server (IMAP or POP3),\n"
  "logged in as its check was; it removes that message again where the server can remove\n"
  "one alone (IMAP with UIDPLUS; POP3 always). --wait bounds the waiting; --timeout also\n"
  "bounds each network step of the round trip and the network part as a whole.\n"
  "--json adds \"round_trip\": {\"ok\", \"delivered\", \"delivery_ms\", …}.\n"
  "\n"
  "Exit status: 0 every server tested works (and the test message arrived), 1 a check\n"
  "failed or the test message did not arrive (the problem id is in the output), 2 usage\n"
  "error, 3 internal error.\n"
  "When detection gives no server to test, the stage is \"detect\" and the problem is\n"
  "not-found (nothing detected), confirmation-needed (a server outside the domain)\n"
  "or not-discoverable (an address that is never looked up), with exit status 1,\n"
  "or detect-failed, with exit status 3.");

/* The options of `postbote check`, parsed into args and run. */
static GOptionContext *
check_context_new (PbCliCheckArgs *args,
                   PbCliCheckRun  *run)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json, N_("Print one JSON object"), NULL },
    { "transcript", 0, 0, G_OPTION_ARG_NONE, &args->transcript,
      N_("Show the dialogue with the server (passwords removed)"), NULL },
    { "protocol", 0, 0, G_OPTION_ARG_STRING, &args->protocol_text,
      N_("The kind of server to test: smtp (outgoing), imap or pop3 (incoming)"),
      "smtp|imap|pop3" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &args->server,
      N_("Server to test (of --protocol; default: the outgoing one)"), N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_STRING, &args->port_text,
      N_("Port, 1–65535 (default: SMTP 465 for tls, 587 for starttls and none; IMAP 993, "
         "143; POP3 995, 110)"), N_("N") },
    { "security", 0, 0, G_OPTION_ARG_STRING, &args->security,
      N_("Encryption: tls, starttls or none"), "tls|starttls|none" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &args->user, N_("Login name (default: the address)"),
      N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &args->password_stdin,
      N_("Read the password from the first line of standard input"), NULL },
    { "save-password", 0, 0, G_OPTION_ARG_NONE, &args->save_password,
      N_("After a successful login, keep the password (with --oauth: the sign-in) in the "
         "keyring"), NULL },
    { "oauth", 0, 0, G_OPTION_ARG_NONE, &args->oauth,
      N_("Sign in at the provider (OAuth 2.0) instead of using a password"), NULL },
    { "oauth-device", 0, 0, G_OPTION_ARG_NONE, &args->oauth_device,
      N_("Sign in at the provider with a code entered on any device (phone, other computer)"),
      NULL },
    { "no-browser", 0, 0, G_OPTION_ARG_NONE, &args->no_browser,
      N_("With --oauth: use only the sign-in saved in the keyring, never wait for a browser"),
      NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &args->from,
      N_("Sender address for --dry-run-send and --send-test (default: the address)"),
      N_("ADDR") },
    { "dry-run-send", 0, 0, G_OPTION_ARG_NONE, &args->dry_run_send,
      N_("Ask whether the server accepts the sender, without sending anything"), NULL },
    { "send-test", 0, 0, G_OPTION_ARG_NONE, &args->send_test,
      N_("Send a test message to the address (for the whole account: and wait for it in the inbox)"),
      NULL },
    { "wait", 0, 0, G_OPTION_ARG_STRING, &args->wait_text,
      N_("How long --send-test waits for the message in the inbox (1–600; default: 60)"),
      N_("S") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &args->timeout_text,
      N_("Give up after this many seconds, detection included (1–600; default: 60 for the test)"),
      N_("S") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &run->verbose, N_("Report each step as it ends"), NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (_("ADDRESS"));

  g_option_context_set_summary (context, _("Test a mail account's servers live: outgoing (SMTP) and incoming (IMAP, POP3)."));
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
  PbCliCheckArgs args = { .port = PB_CLI_UNSET, .timeout = PB_CLI_UNSET,
                          .wait = PB_CLI_UNSET };
  PbCliCheckRun run = { .args = &args };
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
  run.setup = setup = pb_cli_check_setup_new (&run, &password);
  if (args.server == NULL && !pb_cli_check_detect (&run, &exit_code))
    goto out;
  if (args.account)
    {
      exit_code = pb_cli_check_test_account (&run, from ? from->address : NULL, started);
      goto out;
    }
  config = config_from_args (&args);
  exit_code = pb_cli_check_test_server (&run, config, from ? from->address : NULL, started);
out:
  check_args_clear (&args);
  return exit_code;
}
