/* test-tls-probe.c: implicit TLS to a port that speaks plain text (pb-connection-tls.c),
 * for the IMAP and the POP3 client, against a listener on 127.0.0.1 in this process
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After a failed handshake the core opens a second connection: greeted there in plain text,
 * the port expects STARTTLS (tls-wrong-port). The SMTP client meets this in the lab
 * (test-diagnosis-net.c); the incoming clients know their own greetings.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "pb-imap.h"
#include "pb-pop3.h"
#include "pb-test-util.h"

typedef struct {
  GSocketService *service;
  GPtrArray      *accepted;
  const char     *greeting;   /* written to every connection as it is accepted */
  gboolean        once;       /* the port closes after the first connection */
  guint16         port;
  gboolean        done;
  GAsyncResult   *result;
} Server;

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Server *server = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_assert_true (g_output_stream_write_all (out, server->greeting, strlen (server->greeting),
                                            NULL, NULL, NULL));
  g_ptr_array_add (server->accepted, g_object_ref (connection));
  if (server->once)
    {
      g_socket_service_stop (service);
      g_socket_listener_close (G_SOCKET_LISTENER (service));
    }
  return TRUE;
}

static void
server_start (Server     *server,
              const char *greeting,
              gboolean    once)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  memset (server, 0, sizeof *server);
  server->service = g_socket_service_new ();
  server->accepted = g_ptr_array_new_with_free_func (g_object_unref);
  server->greeting = greeting;
  server->once = once;
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), any,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, NULL));
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
  g_socket_service_start (server->service);
}

static void
server_stop (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_ptr_array_unref (server->accepted);
  g_clear_object (&server->result);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Server *server = user_data;

  server->result = g_object_ref (result);
  server->done = TRUE;
}

static void
wait_done (Server *server)
{
  while (!server->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The IMAP client's connect with implicit TLS to the server: its failure. */
static const PbFailure *
imap_connect (Server        *server,
              PbImapClient **client,
              GError       **error)
{
  *client = pb_imap_client_new ("127.0.0.1", server->port, PB_SECURITY_TLS);
  pb_imap_client_set_timeouts (*client, 5000, 20000);
  pb_imap_client_connect_async (*client, NULL, on_done, server);
  wait_done (server);
  g_assert_false (pb_imap_client_connect_finish (*client, server->result, error));
  return pb_imap_client_get_failure (*client);
}

static const PbFailure *
pop3_connect (Server        *server,
              PbPop3Client **client,
              GError       **error)
{
  *client = pb_pop3_client_new ("127.0.0.1", server->port, PB_SECURITY_TLS);
  pb_connection_set_timeouts (pb_pop3_client_get_connection (*client), 5000, 20000);
  pb_pop3_client_connect_async (*client, NULL, on_done, server);
  wait_done (server);
  g_assert_false (pb_pop3_client_finish (*client, server->result, error));
  return pb_pop3_client_get_failure (*client);
}

static gboolean
transcript_has (PbConnection *connection,
                const char   *needle)
{
  return pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (connection)),
                             '*', needle);
}

/* A plain greeting on the second connection: the port expects STARTTLS. */
static void
test_plain_greeting (void)
{
  g_autoptr(PbImapClient) imap = NULL;
  g_autoptr(PbPop3Client) pop3 = NULL;
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Server server;

  server_start (&server, "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n", FALSE);
  f = imap_connect (&server, &imap, &error);
  g_assert_true (error->domain == G_TLS_ERROR);
  g_assert_cmpint (f->stage, ==, PB_STAGE_TLS);
  g_assert_cmpint (f->problem_hint, ==, PB_PROBLEM_TLS_WRONG_PORT);
  g_assert_true (transcript_has (pb_imap_client_get_connection (imap), "expects STARTTLS"));
  g_assert_cmpuint (server.accepted->len, ==, 2);
  server_stop (&server);
  g_clear_error (&error);

  server_start (&server, "+OK POP3 ready\r\n", FALSE);
  f = pop3_connect (&server, &pop3, &error);
  g_assert_true (error->domain == G_TLS_ERROR);
  g_assert_cmpint (f->problem_hint, ==, PB_PROBLEM_TLS_WRONG_PORT);
  server_stop (&server);
}

/* The other protocol's greeting on the second connection is no sign of STARTTLS: the
 * handshake's error stands on its own. */
static void
test_other_greeting (void)
{
  g_autoptr(PbImapClient) imap = NULL;
  g_autoptr(PbPop3Client) pop3 = NULL;
  g_autoptr(GError) error = NULL;
  Server server;

  server_start (&server, "+OK POP3 ready\r\n", FALSE);
  g_assert_cmpint (imap_connect (&server, &imap, &error)->problem_hint, ==, PB_PROBLEM_NONE);
  g_assert_true (error->domain == G_TLS_ERROR);
  g_assert_false (transcript_has (pb_imap_client_get_connection (imap), "expects STARTTLS"));
  server_stop (&server);
  g_clear_error (&error);

  server_start (&server, "* OK IMAP ready\r\n", FALSE);
  g_assert_cmpint (pop3_connect (&server, &pop3, &error)->problem_hint, ==, PB_PROBLEM_NONE);
  g_assert_true (error->domain == G_TLS_ERROR);
  server_stop (&server);
}

/* No second connection (the port closed after the first), or none at all (a connection
 * handed over, as tests and the fuzzer do): the handshake's error, as it was. */
static void
test_no_probe (void)
{
  g_autoptr(PbImapClient) imap = NULL;
  g_autoptr(PbImapClient) adopted = NULL;
  g_autoptr(GSocketConnection) local = NULL;
  g_autoptr(GError) error = NULL;
  Server server;
  int peer;

  server_start (&server, "* OK ready\r\n", TRUE);
  g_assert_cmpint (imap_connect (&server, &imap, &error)->problem_hint, ==, PB_PROBLEM_NONE);
  g_assert_true (error->domain == G_TLS_ERROR);
  g_assert_cmpuint (server.accepted->len, ==, 1);
  server_stop (&server);
  g_clear_error (&error);

  memset (&server, 0, sizeof server);
  local = pb_test_socketpair (&peer);
  g_assert_cmpint (write (peer, "* OK ready\r\n", 12), ==, 12);
  adopted = pb_imap_client_new ("imap.example.test", 993, PB_SECURITY_TLS);
  pb_imap_client_connect_on_connection_async (adopted, local, NULL, on_done, &server);
  wait_done (&server);
  g_assert_false (pb_imap_client_connect_finish (adopted, server.result, &error));
  g_assert_true (error->domain == G_TLS_ERROR);
  g_assert_cmpint (pb_imap_client_get_failure (adopted)->problem_hint, ==, PB_PROBLEM_NONE);
  g_clear_object (&server.result);
  close (peer);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls-probe/plain-greeting", test_plain_greeting);
  g_test_add_func ("/tls-probe/other-greeting", test_other_greeting);
  g_test_add_func ("/tls-probe/no-probe", test_no_probe);

  return g_test_run ();
}
