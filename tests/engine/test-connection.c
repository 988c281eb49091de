/* test-connection.c: the connection core on its own, over a socketpair and a local listener
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tiny line protocol drives PbConnection as SMTP does: the peer's bytes are written into
 * the other end of a socketpair, or a GSocketService on 127.0.0.1 answers. No lab needed.
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pb-connection-connect.h"
#include "pb-connection-op.h"
#include "pb-connection-tls.h"
#include "pb-net-error.h"
#include "pb-test-util.h"

typedef struct {
  PbConnection      *connection;
  GSocketConnection *local;
  int                peer;       /* the server's end */
  gboolean           done;
  gboolean           ok;
  GError            *error;
  GPtrArray         *lines;      /* what the protocol read */
  gsize              max_len;
  guint              want_lines;
  gboolean           upgrade;    /* after the lines: the upgrade handshake */
  const char        *late;       /* written by the peer just before the upgrade */
} Session;

/* The test protocol's operation: the core's, and the session it reports to. */
typedef struct {
  PbConnectionOp  base;
  Session        *session;
} TestOp;

static const PbConnectionOpClass test_op_class = { .size = sizeof (TestOp) };

static void read_next (PbConnectionOp *base);

static void
on_line (PbConnectionOp *base)
{
  Session *s = ((TestOp *) base)->session;

  g_ptr_array_add (s->lines, g_strdup (base->line));
  read_next (base);
}

static void
upgraded (PbConnectionOp *base)
{
  pb_connection_op_succeed (base);
}

static void
read_next (PbConnectionOp *base)
{
  Session *s = ((TestOp *) base)->session;

  if (s->lines->len < s->want_lines)
    {
      pb_connection_op_read_line (base, s->max_len, on_line);
      return;
    }
  if (!s->upgrade)
    {
      pb_connection_op_succeed (base);
      return;
    }
  if (s->late != NULL)
    g_assert_cmpint (write (s->peer, s->late, strlen (s->late)), ==, strlen (s->late));
  pb_connection_op_upgrade (base, PB_STAGE_STARTTLS_HANDSHAKE, "starttls-handshake", upgraded);
}

static void
greet (PbConnectionOp *base)
{
  pb_connection_op_begin_stage (base, PB_STAGE_GREETING, "greeting");
  read_next (base);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Session *s = user_data;

  s->ok = g_task_propagate_boolean (G_TASK (result), &s->error);
  s->done = TRUE;
}

static TestOp *
start_op (Session *s)
{
  GTask *task = g_task_new (s->connection, NULL, on_done, s);
  TestOp *op = (TestOp *) pb_connection_op_new (&test_op_class, s->connection, task);

  op->session = s;
  return op;
}

static void
session_init (Session    *s,
              PbSecurity  security,
              const char *peer_says)
{
  memset (s, 0, sizeof *s);
  s->local = pb_test_socketpair (&s->peer);
  s->connection = pb_connection_new ("mail.example.test", 143, security);
  s->lines = g_ptr_array_new_with_free_func (g_free);
  s->max_len = 100;
  if (peer_says != NULL)
    g_assert_cmpint (write (s->peer, peer_says, strlen (peer_says)), ==, strlen (peer_says));
}

static void
session_run (Session *s)
{
  TestOp *op = start_op (s);

  pb_connection_op_adopt (&op->base, s->local, greet);
  while (!s->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
session_clear (Session *s)
{
  g_clear_object (&s->connection);
  if (s->local != NULL)
    g_io_stream_close (G_IO_STREAM (s->local), NULL, NULL);
  g_clear_object (&s->local);
  if (s->peer >= 0)
    close (s->peer);
  g_ptr_array_unref (s->lines);
  g_clear_error (&s->error);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The last transcript line of this direction, or NULL. */
static const char *
last_line (PbConnection *connection,
           char          direction)
{
  GPtrArray *lines = pb_transcript_get_lines (pb_connection_get_transcript (connection));

  for (guint i = lines->len; i > 0; i--)
    {
      PbTranscriptLine *line = lines->pdata[i - 1];

      if (line->direction == direction)
        return line->text;
    }
  return NULL;
}

/* Lines up to the cap are read, CRLF and bare LF alike; one byte more is a protocol error
 * in the stage that read it, and the buffer never holds more than the cap allows. */
static void
test_line_caps (void)
{
  Session s;
  const PbFailure *f;

  session_init (&s, PB_SECURITY_NONE, "* OK ready\r\n0123456789\nABCDEFGHIJK\r\n");
  s.max_len = 10;
  s.want_lines = 3;
  session_run (&s);

  g_assert_false (s.ok);
  g_assert_error (s.error, PB_NET_ERROR, PB_NET_ERROR_LINE_TOO_LONG);
  g_assert_cmpuint (s.lines->len, ==, 2);
  g_assert_cmpstr (s.lines->pdata[0], ==, "* OK ready");
  g_assert_cmpstr (s.lines->pdata[1], ==, "0123456789");
  f = pb_connection_get_failure (s.connection);
  g_assert_cmpint (f->stage, ==, PB_STAGE_GREETING);
  g_assert_cmpint (f->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
  g_assert_cmpuint (f->reply.kind, ==, PB_REPLY_NONE);
  g_assert_error (f->error, PB_NET_ERROR, PB_NET_ERROR_LINE_TOO_LONG);
  g_assert_cmpstr (last_line (s.connection, 'S'), ==, "0123456789");
  session_clear (&s);

  /* Without a line end, a long line is refused as soon as the cap is passed. */
  session_init (&s, PB_SECURITY_NONE, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  s.max_len = 10;
  s.want_lines = 1;
  session_run (&s);
  g_assert_error (s.error, PB_NET_ERROR, PB_NET_ERROR_LINE_TOO_LONG);
  session_clear (&s);
}

/* A close in the middle of a line is a protocol error; a clean close is not. */
static void
test_closed (void)
{
  Session s;

  session_init (&s, PB_SECURITY_NONE, "* OK");
  s.want_lines = 1;
  g_assert_cmpint (shutdown (s.peer, SHUT_WR), ==, 0);
  session_run (&s);
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_cmpint (pb_connection_get_failure (s.connection)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
  session_clear (&s);

  session_init (&s, PB_SECURITY_NONE, NULL);
  s.want_lines = 1;
  g_assert_cmpint (shutdown (s.peer, SHUT_WR), ==, 0);
  session_run (&s);
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED);
  g_assert_cmpint (pb_connection_get_failure (s.connection)->problem_hint, ==, PB_PROBLEM_NONE);
  session_clear (&s);
}

/* Bytes after the server's yes to STARTTLS and before the handshake were not protected:
 * the upgrade refuses them, in the stage that asked, before any TLS byte is sent. Both
 * bytes already read and bytes still in the socket count. */
static void
test_upgrade_injection (void)
{
  Session s;
  const PbFailure *f;

  session_init (&s, PB_SECURITY_STARTTLS, "+OK begin TLS\r\n+OK injected\r\n");
  s.want_lines = 1;
  s.upgrade = TRUE;
  session_run (&s);
  g_assert_error (s.error, PB_NET_ERROR, PB_NET_ERROR_INJECTION);
  f = pb_connection_get_failure (s.connection);
  g_assert_cmpint (f->stage, ==, PB_STAGE_GREETING);
  g_assert_cmpint (f->problem_hint, ==, PB_PROBLEM_STARTTLS_INJECTION);
  g_assert_null (pb_connection_get_tls_connection (s.connection));
  session_clear (&s);

  session_init (&s, PB_SECURITY_STARTTLS, "+OK begin TLS\r\n");
  s.want_lines = 1;
  s.upgrade = TRUE;
  s.late = "X";
  session_run (&s);
  g_assert_error (s.error, PB_NET_ERROR, PB_NET_ERROR_INJECTION);
  session_clear (&s);
}

/* A silent server: the step's timer ends the stage with a timeout that names it. */
static void
test_step_timeout (void)
{
  Session s;
  const PbFailure *f;
  gint64 start = g_get_monotonic_time ();

  session_init (&s, PB_SECURITY_NONE, NULL);
  pb_connection_set_timeouts (s.connection, 100, 10000);
  s.want_lines = 1;
  session_run (&s);
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (s.error->message, "greeting"));
  f = pb_connection_get_failure (s.connection);
  g_assert_cmpint (f->problem_hint, ==, PB_PROBLEM_TIMEOUT);
  g_assert_cmpint (f->stage, ==, PB_STAGE_GREETING);
  /* The step timeout (100 ms) ended it, not the session's total (10 s). */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, pb_test_scaled_ms (5000));
  session_clear (&s);
}

/* The session's deadline cuts a step short: a server that answers each step in time
 * cannot hold the session past its total. */
static void
test_total_deadline (void)
{
  Session s;
  gint64 start = g_get_monotonic_time ();

  session_init (&s, PB_SECURITY_NONE, "* OK\r\n");
  pb_connection_set_timeouts (s.connection, 10000, 150);
  s.want_lines = 2;
  session_run (&s);
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (s.lines->len, ==, 1);
  /* The total (150 ms) ended it, not the step timeout (10 s). */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, pb_test_scaled_ms (5000));
  session_clear (&s);
}

static char *
shout_client_lines (char                direction,
                    const char         *text,
                    const char * const *secrets,
                    gpointer            user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return direction == 'C' ? g_ascii_strup (text, -1) : NULL;
}

/* Every line passes the hook; the default one redacts registered secrets in what the server
 * says, base64 without its padding too, and leaves earlier redactions alone. */
static void
test_redaction (void)
{
  Session s;
  PbTranscript *t;
  guint calls = 0;
  g_autofree char *twice = NULL;
  const char * const secrets[] = { "red", NULL };

  session_init (&s, PB_SECURITY_NONE,
                "NO hunter2 is wrong\r\nNO aHVudGVyMg is wrong\r\nNO aHVudGVyMg== ends\r\n");
  pb_connection_add_secret (s.connection, "hunter2", FALSE);
  pb_connection_add_secret (s.connection, "aHVudGVyMg==", TRUE);
  s.want_lines = 3;
  session_run (&s);
  g_assert_true (s.ok);
  t = pb_connection_get_transcript (s.connection);
  g_assert_cmpstr (((PbTranscriptLine *) pb_transcript_get_lines (t)->pdata[0])->text, ==,
                   "NO <redacted> is wrong");
  g_assert_cmpstr (((PbTranscriptLine *) pb_transcript_get_lines (t)->pdata[1])->text, ==,
                   "NO <redacted> is wrong");
  /* The padding goes with the secret: nothing is left that hints at its length. */
  g_assert_cmpstr (last_line (s.connection, 'S'), ==, "NO <redacted> ends");
  /* What the protocol read itself is its own to redact (SMTP redacts whole replies). */
  g_assert_cmpstr (s.lines->pdata[0], ==, "NO hunter2 is wrong");

  pb_connection_log (s.connection, 'C', "hunter2 as a command");
  g_assert_cmpstr (last_line (s.connection, 'C'), ==, "hunter2 as a command");
  pb_transcript_set_redactor (t, shout_client_lines, &calls);
  pb_connection_log (s.connection, 'C', "login alice");
  pb_connection_log (s.connection, '*', "an event");
  g_assert_cmpstr (last_line (s.connection, 'C'), ==, "LOGIN ALICE");
  g_assert_cmpstr (last_line (s.connection, '*'), ==, "an event");
  g_assert_cmpuint (calls, ==, 2);
  session_clear (&s);

  twice = pb_transcript_redact_secrets ("a <redacted> red", secrets);
  g_assert_cmpstr (twice, ==, "a <redacted> <redacted>");
  g_assert_null (pb_transcript_redact_secrets ("nothing here", secrets));
}

/* The reader alone: partial lines wait, the limit counts bytes before the line end. */
static void
test_line_reader (void)
{
  g_autoptr(PbLineReader) reader = pb_line_reader_new ();
  char *line = NULL;

  pb_line_reader_append (reader, (const guint8 *) "abc", 3);
  g_assert_cmpint (pb_line_reader_take_line (reader, 5, &line), ==, PB_LINE_INCOMPLETE);
  pb_line_reader_append (reader, (const guint8 *) "de\r\nrest", 8);
  g_assert_cmpint (pb_line_reader_take_line (reader, 5, &line), ==, PB_LINE_COMPLETE);
  g_assert_cmpstr (line, ==, "abcde");
  g_free (line);
  g_assert_cmpuint (pb_line_reader_get_length (reader), ==, 4);
  pb_line_reader_append (reader, (const guint8 *) "xy\r\n", 4);
  g_assert_cmpint (pb_line_reader_take_line (reader, 5, &line), ==, PB_LINE_TOO_LONG);
}

/* Skipping a line too long to keep: what arrives without a line end goes at once; the
 * line end ends the skip and what follows it stays. */
static void
test_line_skip (void)
{
  g_autoptr(PbLineReader) reader = pb_line_reader_new ();
  char *line = NULL;

  pb_line_reader_append (reader, (const guint8 *) "0123456789", 10);
  g_assert_cmpint (pb_line_reader_take_line (reader, 5, &line), ==, PB_LINE_TOO_LONG);
  g_assert_false (pb_line_reader_skip_line (reader));
  g_assert_cmpuint (pb_line_reader_get_length (reader), ==, 0);
  pb_line_reader_append (reader, (const guint8 *) "89\r\nnext\r\n", 10);
  g_assert_true (pb_line_reader_skip_line (reader));
  g_assert_cmpint (pb_line_reader_take_line (reader, 5, &line), ==, PB_LINE_COMPLETE);
  g_assert_cmpstr (line, ==, "next");
  g_free (line);
  g_assert_false (pb_line_reader_skip_line (reader));
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  g_ptr_array_add (user_data, g_object_ref (connection));
  return TRUE;
}

static void
connect_to (Session *s,
            guint16  port)
{
  TestOp *op;

  memset (s, 0, sizeof *s);
  s->peer = -1;
  s->lines = g_ptr_array_new_with_free_func (g_free);
  s->connection = pb_connection_new ("127.0.0.1", port, PB_SECURITY_NONE);
  op = start_op (s);
  pb_connection_op_connect (&op->base, pb_connection_op_succeed);
  while (!s->done)
    g_main_context_iteration (NULL, TRUE);
}

/* Resolve and connect against a listener in this process: the stages are timed and named,
 * each address tried is in the transcript, and a refusal is recorded in "connect". */
static void
test_connect (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *expected = NULL;
  Session s;
  guint16 port;

  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), any,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, NULL));
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), accepted);
  g_socket_service_start (service);

  connect_to (&s, port);
  g_assert_no_error (s.error);
  g_assert_nonnull (pb_connection_get_socket_connection (s.connection));
  expected = g_strdup_printf ("connect 127.0.0.1 port %u", port);
  g_assert_cmpstr (last_line (s.connection, '*'), ==, expected);
  session_clear (&s);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  connect_to (&s, port);
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpint (pb_connection_get_failure (s.connection)->stage, ==, PB_STAGE_CONNECT);
  session_clear (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection/line-reader", test_line_reader);
  g_test_add_func ("/connection/line-skip", test_line_skip);
  g_test_add_func ("/connection/line-caps", test_line_caps);
  g_test_add_func ("/connection/closed", test_closed);
  g_test_add_func ("/connection/upgrade-injection", test_upgrade_injection);
  g_test_add_func ("/connection/step-timeout", test_step_timeout);
  g_test_add_func ("/connection/total-deadline", test_total_deadline);
  g_test_add_func ("/connection/redaction", test_redaction);
  g_test_add_func ("/connection/connect", test_connect);

  return g_test_run ();
}
