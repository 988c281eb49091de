/* test-oauth-sign-in.c: PbOAuthSignIn where it ends before tokens, without a network
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sign-in server's address is a port on 127.0.0.1 where nothing listens, so every
 * request to it is refused; the whole flow with tokens runs against the lab's glewlwyd
 * (oauth-engine-lab), the saved refresh token in a real keyring (setup-sign-in-lab).
 */
#include <string.h>

#include "pb-oauth-error.h"
#include "pb-oauth-sign-in.h"
#include "pb-test-util.h"

#define USER "alice@example.com"

static const PbOAuthClient any_port = {
  .issuer = (char *) "127.0.0.1", .client_id = (char *) "postbote-test",
};

/* An issuer whose every endpoint refuses the connection; device: with a device endpoint. */
static PbOAuthIssuer *
gone_issuer (gboolean device)
{
  PbOAuthIssuer *issuer = pb_oauth_issuer_new ("127.0.0.1", "mail", "https://127.0.0.1:1/auth",
                                               "https://127.0.0.1:1/token");

  if (device)
    pb_oauth_issuer_set_device_url (issuer, "https://127.0.0.1:1/device");
  return issuer;
}

static PbOAuthTokens *
run (PbOAuthSignIn  *sign_in,
     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_oauth_sign_in_run_async (sign_in, NULL, pb_test_store_result, &result);
  return pb_oauth_sign_in_run_finish (sign_in, pb_test_wait_result (&result), error);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_open (PbOAuthSignIn *sign_in,
            const char    *url,
            guint         *opened)
{
  (*opened)++;
}

/* Neither a saved sign-in nor the person may be asked: refused at once, still idle. With a
 * code on another device at a provider without a device endpoint: no such sign-in. */
static void
test_nothing_to_ask (void)
{
  g_autoptr(PbOAuthIssuer) issuer = gone_issuer (FALSE);
  g_autoptr(PbOAuthSignIn) quiet = pb_oauth_sign_in_new (issuer, &any_port, USER);
  g_autoptr(PbOAuthSignIn) device = pb_oauth_sign_in_new (issuer, &any_port, USER);
  g_autoptr(GError) none_saved = NULL;
  g_autoptr(GError) no_device = NULL;
  PbOAuthSignInStage stage = PB_OAUTH_SIGN_IN_STAGE_DONE;
  guint notified = 0;

  pb_oauth_sign_in_set_use_saved (quiet, FALSE);
  pb_oauth_sign_in_set_interactive (quiet, FALSE);
  g_assert_null (run (quiet, &none_saved));
  g_assert_error (none_saved, PB_OAUTH_ERROR, PB_OAUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (none_saved->message, ==, "No sign-in is saved for this account");
  g_object_get (quiet, "stage", &stage, NULL);
  g_assert_cmpint (stage, ==, PB_OAUTH_SIGN_IN_STAGE_IDLE);

  pb_oauth_sign_in_set_use_saved (device, FALSE);
  pb_oauth_sign_in_set_device (device, TRUE);
  g_signal_connect (device, "notify::stage", G_CALLBACK (count_notify), &notified);
  g_assert_null (run (device, &no_device));
  g_assert_error (no_device, PB_OAUTH_ERROR, PB_OAUTH_ERROR_NO_DEVICE);
  g_assert_cmpint (pb_oauth_error_to_problem (no_device), !=, PB_PROBLEM_NONE);
  g_assert_cmpuint (notified, ==, 0);
}

/* The device endpoint cannot be reached: that error, after the stage said "browser" once. */
static void
test_device_unreachable (void)
{
  g_autoptr(PbOAuthIssuer) issuer = gone_issuer (TRUE);
  g_autoptr(PbOAuthSignIn) sign_in = pb_oauth_sign_in_new (issuer, &any_port, USER);
  g_autoptr(GError) error = NULL;
  PbOAuthSignInStage stage = PB_OAUTH_SIGN_IN_STAGE_IDLE;
  guint notified = 0;

  pb_oauth_sign_in_set_use_saved (sign_in, FALSE);
  pb_oauth_sign_in_set_device (sign_in, TRUE);
  g_signal_connect (sign_in, "notify::stage", G_CALLBACK (count_notify), &notified);
  g_assert_null (run (sign_in, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_object_get (sign_in, "stage", &stage, NULL);
  g_assert_cmpint (stage, ==, PB_OAUTH_SIGN_IN_STAGE_BROWSER);
  g_assert_cmpuint (notified, ==, 1);
}

/* Every port the client may redirect to is taken: the loopback's error, no URL opened. */
static void
test_ports_taken (void)
{
  g_autoptr(GSocketListener) taken = g_socket_listener_new ();
  g_autoptr(GInetAddress) lo = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(PbOAuthIssuer) issuer = gone_issuer (FALSE);
  g_autoptr(PbOAuthSignIn) sign_in = NULL;
  g_autoptr(GError) error = NULL;
  PbOAuthClient one_port = any_port;
  guint16 port;
  guint opened = 0;

  g_assert_true (g_socket_listener_add_address (taken, any, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &bound, NULL));
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  one_port.ports = &port;
  one_port.n_ports = 1;
  sign_in = pb_oauth_sign_in_new (issuer, &one_port, USER);
  pb_oauth_sign_in_set_use_saved (sign_in, FALSE);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (count_open), &opened);
  g_assert_null (run (sign_in, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_assert_cmpuint (opened, ==, 0);
}

typedef struct {
  char    *redirect;   /* the request the browser sends to the loopback */
  guint16  port;
  GThread *thread;
} Browser;

/* The browser: the redirect to the loopback with a code and the state, its answer read. */
static gpointer
browse (gpointer data)
{
  Browser *b = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  char buf[1024];

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", b->port, NULL, NULL);
  g_assert_nonnull (conn);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                                            b->redirect, strlen (b->redirect), NULL, NULL,
                                            NULL));
  while (g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (conn)), buf,
                              sizeof buf, NULL, NULL) > 0)
    ;
  return NULL;
}

static void
on_open_uri (PbOAuthSignIn *sign_in,
             const char    *url,
             Browser       *b)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                                     G_URI_PARAMS_NONE, NULL);
  g_autoptr(GUri) redirect = g_uri_parse (g_hash_table_lookup (params, "redirect_uri"),
                                          G_URI_FLAGS_NONE, NULL);

  g_assert_true (g_str_has_prefix (url, "https://127.0.0.1:1/auth?"));
  g_assert_cmpstr (g_hash_table_lookup (params, "login_hint"), ==, USER);
  b->port = g_uri_get_port (redirect);
  b->redirect = g_strdup_printf ("GET /?code=the-code&state=%s HTTP/1.1\r\n"
                                 "Host: 127.0.0.1\r\n\r\n",
                                 (char *) g_hash_table_lookup (params, "state"));
  b->thread = g_thread_new ("browser", browse, b);
}

/* The person came back with a code, but the token endpoint cannot be reached: that error,
 * in the stage of the exchange. */
static void
test_exchange_unreachable (void)
{
  g_autoptr(PbOAuthIssuer) issuer = gone_issuer (FALSE);
  g_autoptr(PbOAuthSignIn) sign_in = pb_oauth_sign_in_new (issuer, &any_port, USER);
  g_autoptr(GError) error = NULL;
  Browser b = { 0 };

  pb_oauth_sign_in_set_use_saved (sign_in, FALSE);
  pb_oauth_sign_in_set_remember (sign_in, TRUE);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), &b);
  g_assert_null (run (sign_in, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpint (pb_oauth_sign_in_get_stage (sign_in), ==, PB_OAUTH_SIGN_IN_STAGE_EXCHANGING);
  g_assert_null (pb_oauth_sign_in_get_save_error (sign_in));
  g_assert_nonnull (b.thread);
  g_thread_join (b.thread);
  g_free (b.redirect);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-sign-in/nothing-to-ask", test_nothing_to_ask);
  g_test_add_func ("/oauth-sign-in/device-unreachable", test_device_unreachable);
  g_test_add_func ("/oauth-sign-in/ports-taken", test_ports_taken);
  g_test_add_func ("/oauth-sign-in/exchange-unreachable", test_exchange_unreachable);
  return g_test_run ();
}
