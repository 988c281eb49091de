/* test-diagnosis-net.c: real network and TLS failures, as GIO reports them, get the right
 * problem id and the text of the current language.
 *
 * Runs inside tests/lab/lab-run (the scripted SMTP server, Postfix, dnsmasq), once with
 * LANGUAGE=en and once with LANGUAGE=de. The SMTP-level ids come from `postbote check` in
 * test-diagnosis-lab.sh; this test needs only GIO, so it also pins the error domains and
 * codes that pb-smtp-client passes on.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-diagnosis-private.h"
#include "pb-test-util.h"

static gboolean german;

/* The failure text for the current language must be the catalogue's translation. */
static void
assert_explained (const PbFailure *f,
                  const char      *expect)
{
  const char *id = pb_diagnosis_classify (f);
  g_autoptr(PbExplanation) e = NULL;
  const PbProblemEntry *generic = NULL;

  g_test_message ("%s:%u %s: %s (%s %d) -> %s", f->host, f->port, pb_stage_to_string (f->stage),
                  f->error ? f->error->message : "-",
                  f->error ? g_quark_to_string (f->error->domain) : "-",
                  f->error ? f->error->code : 0, id);
  g_assert_cmpstr (id, ==, expect);

  e = pb_diagnosis_explain (id, f);
  generic = pb_test_catalogue_entry (id);
  if (e->variant == NULL && strstr (generic->explanation, "{host}") != NULL)
    g_assert_nonnull (strstr (e->explanation, f->host));
  if (german)
    g_assert_cmpstr (e->title, !=, generic->title);
  if (e->variant == NULL)
    g_assert_cmpstr (e->title, ==, _(generic->title));
}

static GSocketConnection *
connect_to (PbFailure    *f,
            const char   *host,
            guint16       port,
            PbSecurity    security,
            guint         timeout,
            GCancellable *cancellable)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *connection;

  memset (f, 0, sizeof *f);
  f->host = g_strdup (host);
  f->port = port;
  f->security = security;
  g_socket_client_set_timeout (client, timeout);
  connection = g_socket_client_connect_to_host (client, host, port, cancellable, &f->error);
  if (connection == NULL)
    f->stage = f->error->domain == G_RESOLVER_ERROR ? PB_STAGE_RESOLVE : PB_STAGE_CONNECT;
  return connection;
}

static void
check_connect (const char *host,
               guint16     port,
               const char *expect)
{
  PbFailure f;
  g_autoptr(GSocketConnection) connection = connect_to (&f, host, port, PB_SECURITY_STARTTLS,
                                                        2, NULL);

  g_assert_null (connection);
  assert_explained (&f, expect);
  if (g_str_equal (expect, "connect-timeout") && port == 25)
    {
      g_autoptr(PbExplanation) e = pb_diagnosis_explain (expect, &f);

      g_assert_cmpstr (e->variant, ==, "port-25");
      g_assert_nonnull (strstr (e->fix, "465"));
      g_assert_nonnull (strstr (e->fix, "587"));
    }
  pb_failure_clear (&f);
}

static void
test_dns (void)
{
  check_connect ("nxdomain.smtp.test", 587, "dns-not-found");
}

static void
test_refused (void)
{
  check_connect ("refused.smtp.test", 587, "connect-refused");
}

static void
test_dropped (void)
{
  check_connect ("dropped.smtp.test", 25, "connect-timeout");
}

static void
test_unreachable (void)
{
  /* The lab namespace has loopback only: no route to anything else. */
  check_connect ("192.0.2.25", 587, "network-unreachable");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  PbFailure f;

  g_cancellable_cancel (cancellable);
  connection = connect_to (&f, "dropped.smtp.test", 587, PB_SECURITY_STARTTLS, 5, cancellable);
  g_assert_null (connection);
  assert_explained (&f, "cancelled");
  pb_failure_clear (&f);
}

/* Implicit TLS to host:port; the failure as pb-smtp-client records it. */
static void
check_tls (const char *host,
           guint16     port,
           const char *expect)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  PbFailure f;

  connection = connect_to (&f, host, port, PB_SECURITY_TLS, 10, NULL);
  g_assert_no_error (f.error);
  identity = g_network_address_new (host, port);
  tls = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &f.error);
  g_assert_no_error (f.error);
  f.stage = PB_STAGE_TLS;
  g_assert_false (g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &f.error));
  g_assert_nonnull (f.error);
  if (g_error_matches (f.error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    f.cert_errors = g_tls_connection_get_peer_certificate_errors (G_TLS_CONNECTION (tls));
  assert_explained (&f, expect);
  pb_failure_clear (&f);
}

static void
test_cert_selfsigned (void)
{
  check_tls ("badcert-selfsigned.smtp.test", 465, "cert-untrusted");
}

static void
test_cert_unknown_ca (void)
{
  check_tls ("badcert-unknownca.smtp.test", 465, "cert-untrusted");
}

static void
test_cert_wrong_host (void)
{
  check_tls ("badcert-wronghost.smtp.test", 465, "cert-hostname-mismatch");
}

static void
test_cert_expired (void)
{
  check_tls ("badcert-expired.smtp.test", 465, "cert-expired");
}

static void
test_cert_not_yet_valid (void)
{
  check_tls ("badcert-notyet.smtp.test", 465, "cert-not-yet-valid");
}

static void
test_cert_insecure (void)
{
  check_tls ("badcert-insecure.smtp.test", 465, "cert-insecure");
}

static void
test_tls_to_plain_port (void)
{
  /* The scripted server speaking plain SMTP on 465, and the real Postfix on 587. */
  check_tls ("plain-on-465.smtp.test", 465, "tls-wrong-port");
  check_tls ("mail.lab.test", 587, "tls-wrong-port");
}

/* A TLS server that answers the ClientHello with a fatal handshake_failure alert, like a
 * server that shares no cipher or protocol version with us. */
static gpointer
alert_server (gpointer data)
{
  GSocket *listener = data;
  g_autoptr(GSocket) peer = g_socket_accept (listener, NULL, NULL);
  static const guint8 alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };
  char buffer[4096];

  if (peer == NULL)
    return NULL;
  g_socket_receive (peer, buffer, sizeof buffer, NULL, NULL);
  g_socket_send (peer, (const char *) alert, sizeof alert, NULL, NULL);
  g_socket_close (peer, NULL);
  return NULL;
}

static void
test_tls_handshake_alert (void)
{
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GThread) thread = NULL;

  g_assert_true (g_socket_bind (listener, any, TRUE, NULL));
  g_assert_true (g_socket_listen (listener, NULL));
  bound = g_socket_get_local_address (listener, NULL);
  thread = g_thread_new ("alert", alert_server, listener);
  check_tls ("127.0.0.1", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)),
             "tls-handshake-failed");
  g_thread_join (g_steal_pointer (&thread));
}

/* STARTTLS chosen, but the port speaks TLS at once: no greeting ever comes. */
static void
test_starttls_to_tls_port (void)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  PbFailure f;

  connection = connect_to (&f, "mail.lab.test", 465, PB_SECURITY_STARTTLS, 2, NULL);
  g_assert_no_error (f.error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  f.stage = PB_STAGE_GREETING;
  line = g_data_input_stream_read_line (in, NULL, NULL, &f.error);
  g_assert_null (line);
  assert_explained (&f, "tls-wrong-port");
  pb_failure_clear (&f);
}

static void
test_stall (void)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  PbFailure f;

  connection = connect_to (&f, "stall.smtp.test", 587, PB_SECURITY_STARTTLS, 2, NULL);
  g_assert_no_error (f.error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  f.stage = PB_STAGE_GREETING;
  line = g_data_input_stream_read_line (in, NULL, NULL, &f.error);
  g_assert_null (line);
  assert_explained (&f, "timeout");
  pb_failure_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  german = pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis-net/dns-not-found", test_dns);
  g_test_add_func ("/diagnosis-net/connect-refused", test_refused);
  g_test_add_func ("/diagnosis-net/connect-timeout", test_dropped);
  g_test_add_func ("/diagnosis-net/network-unreachable", test_unreachable);
  g_test_add_func ("/diagnosis-net/cancelled", test_cancelled);
  g_test_add_func ("/diagnosis-net/cert-untrusted/self-signed", test_cert_selfsigned);
  g_test_add_func ("/diagnosis-net/cert-untrusted/unknown-ca", test_cert_unknown_ca);
  g_test_add_func ("/diagnosis-net/cert-hostname-mismatch", test_cert_wrong_host);
  g_test_add_func ("/diagnosis-net/cert-expired", test_cert_expired);
  g_test_add_func ("/diagnosis-net/cert-not-yet-valid", test_cert_not_yet_valid);
  g_test_add_func ("/diagnosis-net/cert-insecure", test_cert_insecure);
  g_test_add_func ("/diagnosis-net/tls-wrong-port/tls-to-plain", test_tls_to_plain_port);
  g_test_add_func ("/diagnosis-net/tls-wrong-port/starttls-to-tls", test_starttls_to_tls_port);
  g_test_add_func ("/diagnosis-net/tls-handshake-failed", test_tls_handshake_alert);
  g_test_add_func ("/diagnosis-net/timeout", test_stall);
  return g_test_run ();
}
