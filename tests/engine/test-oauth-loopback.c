/* test-oauth-loopback.c: the loopback redirect listener against a browser's requests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "browser" is a thread speaking HTTP/1.1 over real sockets to 127.0.0.1.
 */
#include <string.h>

#include "pb-oauth-loopback.h"
#include "pb-test-util.h"

#define STATE "s7Tq2"

typedef struct {
  guint16       port;
  const char  **requests;  /* sent one after the other, each on its own connection */
  GPtrArray    *replies;
  gboolean      preconnect; /* first open a connection that never speaks */
  guint         crowd;      /* first open this many connections that never speak */
  guint         crowd_closed; /* how many of them the listener closed */
  gint          done;
} Browser;

static char *
exchange (guint16     port,
          const char *request)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  GString *reply = g_string_new (NULL);
  char buf[1024];
  gssize n;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            request, strlen (request), NULL, NULL, &error));
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buf,
                                   sizeof buf, NULL, &error)) > 0)
    g_string_append_len (reply, buf, n);
  return g_string_free (reply, FALSE);
}

static gpointer
browse (gpointer data)
{
  Browser *b = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) idle = NULL;

  g_autoptr(GPtrArray) crowd = g_ptr_array_new_with_free_func (g_object_unref);

  if (b->preconnect)
    idle = g_socket_client_connect_to_host (client, "127.0.0.1", b->port, NULL, NULL);
  for (guint i = 0; i < b->crowd; i++)
    g_ptr_array_add (crowd, g_socket_client_connect_to_host (client, "127.0.0.1", b->port,
                                                             NULL, NULL));
  /* Before the redirect, while the wait goes on: the listener closes the oldest silent
   * ones beyond its limit (they read the end), long before their idle timeout. */
  for (guint i = 0; i < crowd->len; i++)
    {
      GSocket *socket = g_socket_connection_get_socket (crowd->pdata[i]);
      char c;

      /* The oldest are waited for; the others are looked at. */
      if (i < crowd->len - PB_OAUTH_LOOPBACK_MAX_CONNECTIONS)
        g_socket_set_timeout (socket, 3);
      else
        g_socket_set_blocking (socket, FALSE);
      if (g_socket_receive (socket, &c, 1, NULL, NULL) == 0)
        b->crowd_closed++;
    }
  for (guint i = 0; b->requests[i] != NULL; i++)
    g_ptr_array_add (b->replies, exchange (b->port, b->requests[i]));
  g_atomic_int_set (&b->done, TRUE);
  return NULL;
}

static guint16 last_port;

static gboolean
port_open (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;

  /* The pending accept's cancellation reaches the listener in the main loop. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return conn != NULL;
}

/* Runs the wait while the browser sends requests; the wait's code or error. */
static char *
run_crowded (const char **requests,
             gboolean     preconnect,
             guint        crowd,
             guint       *crowd_closed,
             GPtrArray  **replies,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(PbOAuthLoopback) loopback = pb_oauth_loopback_new (&local);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GUri) uri = NULL;
  Browser b = { 0, requests, g_ptr_array_new_with_free_func (g_free), preconnect, crowd, 0,
                FALSE };
  GThread *thread;
  char *code;

  g_assert_no_error (local);
  uri = g_uri_parse (pb_oauth_loopback_get_redirect_uri (loopback), G_URI_FLAGS_NONE, NULL);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/");
  b.port = last_port = g_uri_get_port (uri);
  g_assert_cmpuint (b.port, >, 0);
  pb_oauth_loopback_wait_async (loopback, STATE, NULL, pb_test_store_result, &result);
  thread = g_thread_new ("browser", browse, &b);
  code = pb_oauth_loopback_wait_finish (loopback, pb_test_wait_result (&result), error);
  /* The last answers are written after the wait ended; the browser's thread says when it
   * has read them, which wakes no main loop: look. */
  while (!g_atomic_int_get (&b.done))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_thread_join (thread);
  *replies = b.replies;
  if (crowd_closed != NULL)
    *crowd_closed = b.crowd_closed;
  return code;
}

static char *
run (const char **requests,
     gboolean     preconnect,
     GPtrArray  **replies,
     GError     **error)
{
  return run_crowded (requests, preconnect, 0, NULL, replies, error);
}

/* A favicon request, a foreign state and a request without code are answered and passed
 * over; the redirect with the state gives the code, and the page says what to do. */
static void
test_code (void)
{
  const char *requests[] = {
    "GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "GET /?code=forged&state=other HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "GET /?state=" STATE " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    "GET /?code=Splx10BeZQQYbYS6WxSbIA&state=" STATE " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    "User-Agent: test\r\n\r\n",
    NULL
  };
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = run (requests, TRUE, &replies, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "Splx10BeZQQYbYS6WxSbIA");
  /* The sign-in is over: nothing listens on its port any more (run() dropped it). */
  g_assert_false (port_open (last_port));
  g_assert_true (g_str_has_prefix (replies->pdata[0], "HTTP/1.1 404 "));
  g_assert_true (g_str_has_prefix (replies->pdata[1], "HTTP/1.1 400 "));
  g_assert_true (g_str_has_prefix (replies->pdata[2], "HTTP/1.1 400 "));
  g_assert_true (g_str_has_prefix (replies->pdata[3], "HTTP/1.1 200 "));
  g_assert_nonnull (strstr (replies->pdata[3], "Cache-Control: no-store\r\n"));
  g_assert_nonnull (strstr (replies->pdata[3], "Return to Postbote"));
}

/* The server's refusal ends the wait with its words; markup in them stays text. */
static void
test_denied (void)
{
  const char *requests[] = {
    "GET /?error=access_denied&error_description=The+user+said+%3Cb%3Eno%3C%2Fb%3E&state="
    STATE " HTTP/1.1\r\n\r\n",
    NULL
  };
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = run (requests, FALSE, &replies, &error);

  g_assert_null (code);
  g_assert_error (error, PB_OAUTH_ERROR, PB_OAUTH_ERROR_DENIED);
  g_assert_cmpstr (error->message, ==, "access_denied: The user said <b>no</b>");
  g_assert_true (g_str_has_prefix (replies->pdata[0], "HTTP/1.1 200 "));
  g_assert_null (strstr (replies->pdata[0], "<b>no"));
}

/* A head larger than a redirect is refused; the wait goes on to the real redirect. */
static void
test_oversized (void)
{
  g_autofree char *filler = g_strnfill (PB_OAUTH_LOOPBACK_MAX_REQUEST + 10, 'x');
  g_autofree char *big = g_strdup_printf ("GET /?code=x&state=" STATE " HTTP/1.1\r\nX: %s\r\n\r\n",
                                          filler);
  const char *requests[] = { big, "GET /?code=ok&state=" STATE " HTTP/1.0\r\n\r\n", NULL };
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = run (requests, FALSE, &replies, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "ok");
  g_assert_true (g_str_has_prefix (replies->pdata[0], "HTTP/1.1 431 "));
}

/* Another local program opens many connections that never speak: the oldest are dropped,
 * and the browser's redirect still gets through. */
static void
test_crowd (void)
{
  const char *requests[] = { "GET /?code=through&state=" STATE " HTTP/1.1\r\n\r\n", NULL };
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  guint closed = 0;
  g_autofree char *code = run_crowded (requests, FALSE, PB_OAUTH_LOOPBACK_MAX_CONNECTIONS + 4,
                                       &closed, &replies, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "through");
  g_assert_true (g_str_has_prefix (replies->pdata[0], "HTTP/1.1 200 "));
  /* The four over the limit, no more. */
  g_assert_cmpuint (closed, ==, 4);
}

static void
test_cancel (void)
{
  g_autoptr(PbOAuthLoopback) loopback = pb_oauth_loopback_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_oauth_loopback_wait_async (loopback, STATE, cancellable, pb_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_null (pb_oauth_loopback_wait_finish (loopback, pb_test_wait_result (&result),
                                                &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A list of ports: the first free one; none free is the system's error. */
static void
test_ports (void)
{
  g_autoptr(GSocketListener) taken = g_socket_listener_new ();
  g_autoptr(GInetAddress) lo = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(PbOAuthLoopback) second = NULL;
  g_autoptr(PbOAuthLoopback) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  guint16 ports[2];

  g_assert_true (g_socket_listener_add_address (taken, any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
  ports[0] = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  {
    g_autoptr(PbOAuthLoopback) probe = pb_oauth_loopback_new (NULL);
    g_autoptr(GUri) uri = g_uri_parse (pb_oauth_loopback_get_redirect_uri (probe),
                                       G_URI_FLAGS_NONE, NULL);

    ports[1] = g_uri_get_port (uri);
  }
  second = pb_oauth_loopback_new_on_ports (ports, 2, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("http://127.0.0.1:%u/", ports[1]);
  g_assert_cmpstr (pb_oauth_loopback_get_redirect_uri (second), ==, expected);
  none = pb_oauth_loopback_new_on_ports (ports, 1, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-loopback/code", test_code);
  g_test_add_func ("/oauth-loopback/denied", test_denied);
  g_test_add_func ("/oauth-loopback/oversized", test_oversized);
  g_test_add_func ("/oauth-loopback/crowd", test_crowd);
  g_test_add_func ("/oauth-loopback/cancel", test_cancel);
  g_test_add_func ("/oauth-loopback/ports", test_ports);
  return g_test_run ();
}
