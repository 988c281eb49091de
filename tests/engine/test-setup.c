/* test-setup.c: the setup flow against an SMTP server inside the test
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow (PbSetup) runs the real check against a GSocketService on 127.0.0.1 that speaks
 * just enough SMTP (greeting, EHLO, AUTH PLAIN, QUIT) and counts what reaches it; the found
 * settings are built as a discovery run builds them, so no network and no lab are needed.
 * Passwords are not remembered here (the keyring tests cover the keyring itself): what the
 * flow would do with the password is what it reports.
 */
#include "config.h"

#include <string.h>

#include "pb-discovery-result-private.h"
#include "pb-discovery-source.h"
#include "pb-setup-run.h"
#include "pb-setup-sign-in.h"
#include "pb-test-util.h"
#include "setup-test-asker.h"

#define RIGHT_PASSWORD "Setup-Secret-1"

/* ---- The server ------------------------------------------------------------------------ */

typedef struct {
  GSocketService *service;
  guint16         port;
  gboolean        stall;         /* accept, then say nothing */
  guint           connections;
  guint           auth_lines;
} Server;

typedef struct {
  Server            *server;
  GSocketConnection *connection;
  GDataInputStream  *in;
  GOutputStream     *out;
} Session;

static void
session_free (Session *session)
{
  g_io_stream_close (G_IO_STREAM (session->connection), NULL, NULL);
  g_object_unref (session->in);
  g_object_unref (session->connection);
  g_free (session);
}

static void
say (Session    *session,
     const char *text)
{
  g_output_stream_write_all (session->out, text, strlen (text), NULL, NULL, NULL);
}

static gboolean
plain_response_is_right (const char *b64)
{
  gsize len = 0;
  g_autofree guchar *decoded = g_base64_decode (b64, &len);
  const char *password;

  /* authzid NUL authcid NUL password */
  if (decoded == NULL || len < 2)
    return FALSE;
  password = memchr (decoded + 1, '\0', len - 1);
  return password != NULL &&
         (gsize) (len - (password + 1 - (const char *) decoded)) == strlen (RIGHT_PASSWORD) &&
         memcmp (password + 1, RIGHT_PASSWORD, strlen (RIGHT_PASSWORD)) == 0;
}

static void on_line (GObject *source, GAsyncResult *res, gpointer user_data);

/* FALSE when the session ends with this line. */
static gboolean
answer (Session    *session,
        const char *line)
{
  if (g_ascii_strncasecmp (line, "EHLO", 4) == 0)
    say (session, "250-test.invalid\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n");
  else if (g_ascii_strncasecmp (line, "AUTH PLAIN ", 11) == 0)
    {
      session->server->auth_lines++;
      say (session, plain_response_is_right (line + 11)
                    ? "235 2.7.0 Authentication successful\r\n"
                    : "535 5.7.8 Authentication credentials invalid\r\n");
    }
  else if (g_ascii_strncasecmp (line, "QUIT", 4) == 0)
    {
      say (session, "221 2.0.0 Bye\r\n");
      return FALSE;
    }
  else
    say (session, "502 5.5.1 Not here\r\n");
  return TRUE;
}

static void
read_next (Session *session)
{
  g_data_input_stream_read_line_async (session->in, G_PRIORITY_DEFAULT, NULL, on_line,
                                       session);
}

static void
on_line (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Session *session = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source),
                                                                res, NULL, NULL);

  if (line == NULL || !answer (session, g_strchomp (line)))
    {
      session_free (session);
      return;
    }
  read_next (session);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Server *server = user_data;
  Session *session = g_new0 (Session, 1);

  server->connections++;
  session->server = server;
  session->connection = g_object_ref (connection);
  session->in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (session->in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  session->out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (server->stall)
    {
      /* Held until the client gives up: closed when the test's server goes. */
      g_object_set_data_full (G_OBJECT (service), "stalled", session,
                              (GDestroyNotify) session_free);
      return TRUE;
    }
  say (session, "220 test.invalid ESMTP\r\n");
  read_next (session);
  return TRUE;
}

static Server *
server_start (void)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) want = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) got = NULL;
  g_autoptr(GError) error = NULL;

  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), want,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &got,
                                 &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (got));
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
  g_socket_service_start (server->service);
  return server;
}

static void
server_stop (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_object_unref (server->service);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_stop)

/* ---- The found settings ------------------------------------------------------------------ */

/* What one source found: the outgoing servers, without encryption, on the test's ports. */
static PbSourceAnswer *
found (const char *host,
       guint16     port,
       guint16     second_port)
{
  g_autoptr(PbAccountConfig) config = pb_account_config_new ("setup-test");
  g_autoptr(PbServerConfig) first = pb_server_config_new (PB_PROTOCOL_SMTP, host, port,
                                                          PB_SECURITY_NONE,
                                                          PB_AUTH_PASSWORD_CLEARTEXT, NULL);

  pb_account_config_add_server (config, first, PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));
  if (second_port != 0)
    {
      g_autoptr(PbServerConfig) second = pb_server_config_new (PB_PROTOCOL_SMTP, host,
                                                               second_port, PB_SECURITY_NONE,
                                                               PB_AUTH_PASSWORD_CLEARTEXT,
                                                               NULL);

      pb_account_config_add_server (config, second, PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));
    }
  return pb_source_answer_new (config, "test");
}

static PbDiscoveryResult *
result_new (void)
{
  g_autoptr(PbAddress) address = pb_address_parse ("alice@example.test", NULL);

  return pb_discovery_result_new (address);
}

static void
add_find (PbDiscoveryResult *result,
          PbDiscoverySource  source,
          PbSourceAnswer    *answer)
{
  pb_discovery_result_set_outcome (result, source, PB_SOURCE_STATE_FOUND, "test", 1, answer);
}

/* ---- Running the flow --------------------------------------------------------------------- */

typedef struct {
  PbSetup       *setup;
  TestAsker     *asker;
  GPtrArray     *events;     /* what the flow said, in order: "result", "password:N", … */
  PbCheckResult *result;
  GError        *error;
  gboolean       done;
} Run;

static void
on_result_notify (PbSetup *setup,
                  GParamSpec *pspec,
                  Run     *run)
{
  g_ptr_array_add (run->events, g_strdup ("result"));
}

static void
on_password (PbSetup         *setup,
             PbSetupPassword  what,
             const GError    *error,
             Run             *run)
{
  g_ptr_array_add (run->events, g_strdup_printf ("password:%d", what));
}

static void
on_check_started (PbSetup        *setup,
                  PbCheck        *check,
                  PbServerConfig *server,
                  Run            *run)
{
  g_ptr_array_add (run->events, g_strdup ("check"));
}

static void
run_init (Run    *run,
          Server *server)
{
  run->setup = pb_setup_new ();
  run->asker = g_object_new (TEST_TYPE_ASKER, NULL);
  run->asker->connections = server != NULL ? &server->connections : NULL;
  run->events = g_ptr_array_new_with_free_func (g_free);
  pb_setup_set_asker (run->setup, PB_SETUP_ASKER (run->asker));
  g_signal_connect (run->setup, "notify::result", G_CALLBACK (on_result_notify), run);
  g_signal_connect (run->setup, "password", G_CALLBACK (on_password), run);
  g_signal_connect (run->setup, "check-started", G_CALLBACK (on_check_started), run);
}

/* The flow, given what source found on the test's server (a preset's find is curated);
 * with_rival: an autoconfig also found another server. */
static void
run_init_found (Run              *run,
                Server           *server,
                PbDiscoverySource source,
                gboolean          with_rival)
{
  g_autoptr(PbDiscoveryResult) result = result_new ();
  PbSourceAnswer *answer = found ("127.0.0.1", server->port, with_rival ? 1 : 0);

  answer->curated = source == PB_DISCOVERY_SOURCE_PRESET;
  add_find (result, source, answer);
  if (with_rival)
    add_find (result, PB_DISCOVERY_SOURCE_AUTOCONFIG, found ("127.0.0.2", 2, 0));
  pb_discovery_result_conclude (result, 1);
  run_init (run, server);
  pb_setup_use_result (run->setup, result);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->setup);
  g_clear_object (&run->asker);
  g_clear_pointer (&run->events, g_ptr_array_unref);
  g_clear_object (&run->result);
  g_clear_error (&run->error);
}

static void
on_tested (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Run *run = user_data;

  run->result = pb_setup_test_finish (PB_SETUP (source), res, &run->error);
  run->done = TRUE;
}

/* Tests server (NULL: the flow's choice) with password, plain-text login allowed (the
 * test's server has no TLS). */
static void
run_test (Run            *run,
          PbServerConfig *server,
          const char     *password,
          GCancellable   *cancellable)
{
  PbCheckOptions options = { .allow_plaintext_auth = TRUE, .timeout_ms = 20000 };

  run->done = FALSE;
  pb_setup_set_password (run->setup, password);
  pb_setup_test_async (run->setup, server, NULL, &options, cancellable, on_tested, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_event (Run        *run,
           const char *event)
{
  return g_ptr_array_find_with_equal_func (run->events, event, g_str_equal, NULL);
}

static char *
password_event (PbSetupPassword what)
{
  return g_strdup_printf ("password:%d", what);
}

/* ---- The tests ---------------------------------------------------------------------------- */

/* The preset beats an autoconfig that also answered, and the first of its servers is
 * tested: a curated source needs no confirmation, and the accepted password is the one
 * the flow would keep. */
/* The properties (what a face binds to) say what the getters say. */
static void
assert_properties (PbSetup *setup)
{
  g_autoptr(PbDiscovery) discovery = NULL;
  g_autoptr(PbDiscoveryResult) found = NULL;
  g_autoptr(PbServerConfig) server = NULL;
  g_autoptr(PbCheckResult) result = NULL;
  int state = -1;

  g_object_get (setup, "state", &state, "discovery", &discovery, "discovery-result", &found,
                "server", &server, "result", &result, NULL);
  g_assert_cmpint (state, ==, pb_setup_get_state (setup));
  g_assert_true (discovery == pb_setup_get_discovery (setup));
  g_assert_true (found == pb_setup_get_discovery_result (setup));
  g_assert_true (server == pb_setup_get_server (setup));
  g_assert_true (result == pb_setup_get_result (setup));
}

static void
test_best_server (void)
{
  g_autoptr(Server) server = server_start ();
  g_autofree char *not_remembered = password_event (PB_SETUP_PASSWORD_NOT_REMEMBERED);
  Run run = { 0 };

  run_init_found (&run, server, PB_DISCOVERY_SOURCE_PRESET, TRUE);

  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_DISCOVERED);
  g_assert_null (pb_setup_get_confirmation (run.setup));
  g_assert_cmpstr (pb_setup_get_server (run.setup)->host, ==, "127.0.0.1");
  g_assert_cmpuint (pb_setup_get_server (run.setup)->port, ==, server->port);
  assert_properties (run.setup);

  run_test (&run, NULL, RIGHT_PASSWORD, NULL);
  g_assert_no_error (run.error);
  g_assert_true (run.result->ok);
  g_assert_true (run.result->authenticated);
  g_assert_cmpuint (run.result->server->port, ==, server->port);
  g_assert_true (pb_setup_get_result (run.setup) == run.result);
  g_assert_null (pb_setup_get_explanation (run.setup));
  g_assert_true (pb_setup_has_password (run.setup));
  g_assert_cmpuint (run.asker->n_asked, ==, 0);
  g_assert_cmpuint (server->connections, ==, 1);
  g_assert_cmpuint (server->auth_lines, ==, 1);
  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_DONE);
  assert_properties (run.setup);
  /* The password's fate is told after the result. */
  g_assert_cmpuint (run.events->len, ==, 3);
  g_assert_cmpstr (run.events->pdata[0], ==, "check");
  g_assert_cmpstr (run.events->pdata[1], ==, "result");
  g_assert_cmpstr (run.events->pdata[2], ==, not_remembered);
  run_clear (&run);
}

/* A foreign server found by the domain's own autoconfig: asked once, before anything
 * connects; "no" stops the test with nothing sent, "yes" lets it run. */
static void
test_confirm_foreign (void)
{
  g_autoptr(Server) server = server_start ();
  Run run = { 0 };

  run_init_found (&run, server, PB_DISCOVERY_SOURCE_AUTOCONFIG, FALSE);
  g_assert_nonnull (pb_setup_get_confirmation (run.setup));
  g_assert_cmpint (pb_setup_get_confirmation (run.setup)->kind, ==,
                   PB_SETUP_QUESTION_FOREIGN_HOST);

  run.asker->answer = FALSE;
  run_test (&run, NULL, RIGHT_PASSWORD, NULL);
  g_assert_error (run.error, PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED);
  g_assert_null (run.result);
  g_assert_cmpuint (run.asker->n_asked, ==, 1);
  g_assert_cmpint (run.asker->kind, ==, PB_SETUP_QUESTION_FOREIGN_HOST);
  g_assert_cmpstr (run.asker->hosts, ==, "127.0.0.1");
  g_assert_cmpuint (server->connections, ==, 0);
  g_assert_cmpuint (server->auth_lines, ==, 0);
  g_assert_cmpuint (run.events->len, ==, 0);
  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_STOPPED);
  g_clear_error (&run.error);

  run.asker->answer = TRUE;
  run_test (&run, NULL, RIGHT_PASSWORD, NULL);
  g_assert_no_error (run.error);
  g_assert_true (run.result->ok);
  g_assert_cmpuint (run.asker->n_asked, ==, 2);
  g_assert_cmpuint (run.asker->connections_when_asked, ==, 0);
  g_assert_cmpuint (server->auth_lines, ==, 1);
  run_clear (&run);
}

/* Settings over plain HTTP name a server inside the domain: still asked, naming it. */
static void
test_confirm_plain_http (void)
{
  g_autoptr(PbDiscoveryResult) result = result_new ();
  Run run = { 0 };

  add_find (result, PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP, found ("smtp.example.test", 25, 0));
  pb_discovery_result_conclude (result, 1);
  run_init (&run, NULL);
  pb_setup_use_result (run.setup, result);

  run_test (&run, NULL, RIGHT_PASSWORD, NULL);
  g_assert_error (run.error, PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED);
  g_assert_cmpuint (run.asker->n_asked, ==, 1);
  g_assert_cmpint (run.asker->kind, ==, PB_SETUP_QUESTION_PLAIN_HTTP);
  g_assert_cmpstr (run.asker->hosts, ==, "smtp.example.test");
  g_assert_false (has_event (&run, "check"));
  run_clear (&run);
}

/* Nothing found: nothing to ask and nothing to test; a server the user names afterwards
 * is tested without a question. */
static void
test_not_found_then_manual (void)
{
  g_autoptr(Server) server = server_start ();
  g_autoptr(PbDiscoveryResult) result = result_new ();
  g_autoptr(PbServerConfig) named = pb_server_config_new (PB_PROTOCOL_SMTP, "127.0.0.1",
                                                          server->port, PB_SECURITY_NONE,
                                                          PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  PbCheckOptions options = { .allow_plaintext_auth = TRUE };
  Run run = { 0 };

  pb_discovery_result_conclude (result, 1);
  run_init (&run, server);
  pb_setup_use_result (run.setup, result);
  g_assert_null (pb_setup_get_server (run.setup));
  g_assert_null (pb_setup_get_confirmation (run.setup));
  run_test (&run, NULL, RIGHT_PASSWORD, NULL);
  g_assert_error (run.error, PB_SETUP_ERROR, PB_SETUP_ERROR_NOT_FOUND);
  g_clear_error (&run.error);

  pb_setup_clear (run.setup);
  run.done = FALSE;
  pb_setup_test_async (run.setup, named, "bob@example.test", &options, NULL, on_tested, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.asker->n_asked, ==, 0);
  g_assert_cmpstr (run.result->address, ==, "bob@example.test");
  /* No password given: no login, and nothing to save. */
  g_assert_false (run.result->authenticated);
  g_assert_false (pb_setup_has_password (run.setup));
  g_assert_cmpuint (server->auth_lines, ==, 0);
  run_clear (&run);
}

/* A wrong password: the server refuses it, the diagnosis explains, and nothing is saved
 * even with remembering on. */
static void
test_wrong_password_not_saved (void)
{
  g_autoptr(Server) server = server_start ();
  g_autofree char *not_accepted = password_event (PB_SETUP_PASSWORD_NOT_ACCEPTED);
  Run run = { 0 };

  run_init_found (&run, server, PB_DISCOVERY_SOURCE_PRESET, FALSE);
  pb_setup_set_remember_password (run.setup, TRUE);

  run_test (&run, NULL, "Wrong-Secret", NULL);
  g_assert_no_error (run.error);
  g_assert_false (run.result->ok);
  g_assert_cmpint (run.result->problem, ==, PB_PROBLEM_AUTH_FAILED);
  g_assert_nonnull (pb_setup_get_explanation (run.setup));
  g_assert_cmpint (pb_setup_get_explanation (run.setup)->problem, ==, PB_PROBLEM_AUTH_FAILED);
  g_assert_cmpuint (server->auth_lines, ==, 1);
  g_assert_cmpuint (run.events->len, ==, 3);
  g_assert_cmpstr (run.events->pdata[2], ==, not_accepted);
  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_DONE);
  run_clear (&run);
}

static gboolean
cancel_when_connected (gpointer user_data)
{
  GCancellable *cancellable = user_data;
  Server *server = g_object_get_data (G_OBJECT (cancellable), "server");

  if (server->connections == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* Cancelled while the user is asked: nothing connects. Cancelled during the check: the
 * result says so, it is not the flow's result, and no password is kept. */
static void
test_cancel (void)
{
  g_autoptr(Server) server = server_start ();
  g_autoptr(GCancellable) asking = g_cancellable_new ();
  g_autoptr(GCancellable) checking = g_cancellable_new ();
  g_autofree char *not_accepted = password_event (PB_SETUP_PASSWORD_NOT_ACCEPTED);
  Run run = { 0 };

  run_init_found (&run, server, PB_DISCOVERY_SOURCE_AUTOCONFIG, FALSE);
  pb_setup_set_remember_password (run.setup, TRUE);

  run.asker->wait = TRUE;
  g_timeout_add_once (50, (GSourceOnceFunc) g_cancellable_cancel, asking);
  run_test (&run, NULL, RIGHT_PASSWORD, asking);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.asker->n_asked, ==, 1);
  g_assert_cmpuint (server->connections, ==, 0);
  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_STOPPED);
  g_clear_error (&run.error);

  run.asker->wait = FALSE;
  run.asker->answer = TRUE;
  server->stall = TRUE;
  g_object_set_data (G_OBJECT (checking), "server", server);
  g_timeout_add (10, cancel_when_connected, checking);
  run_test (&run, NULL, RIGHT_PASSWORD, checking);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.result->problem, ==, PB_PROBLEM_CANCELLED);
  g_assert_null (pb_setup_get_result (run.setup));
  g_assert_false (has_event (&run, "result"));
  g_assert_true (has_event (&run, not_accepted));
  g_assert_cmpuint (server->auth_lines, ==, 0);
  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_STOPPED);
  run_clear (&run);
}

/* A sign-in before anything was found: no sign-in server, so no client, and no token. */
static void
test_sign_in_without_issuer (void)
{
  g_autoptr(PbSetup) setup = pb_setup_new ();
  g_autoptr(GAsyncResult) result = NULL;
  PbProblem problem = PB_PROBLEM_NONE;

  pb_setup_sign_in_async (setup, "alice@example.com", NULL, pb_test_store_result, &result);
  g_assert_null (pb_setup_sign_in_finish (setup, pb_test_wait_result (&result), &problem, NULL));
  g_assert_cmpint (problem, ==, PB_PROBLEM_OAUTH_NO_CLIENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/setup/best-server", test_best_server);
  g_test_add_func ("/setup/confirm/foreign", test_confirm_foreign);
  g_test_add_func ("/setup/confirm/plain-http", test_confirm_plain_http);
  g_test_add_func ("/setup/not-found-then-manual", test_not_found_then_manual);
  g_test_add_func ("/setup/wrong-password-not-saved", test_wrong_password_not_saved);
  g_test_add_func ("/setup/cancel", test_cancel);
  g_test_add_func ("/setup/sign-in-without-issuer", test_sign_in_without_issuer);
  return g_test_run ();
}
