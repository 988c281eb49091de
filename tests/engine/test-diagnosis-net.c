/* test-diagnosis-net.c: real network and TLS failures, met by the real check (PbCheck, as
 * the window runs it), get the right problem id, stage and the text of the current language.
 *
 * Runs inside tests/lab/lab-run (the scripted SMTP server, Postfix, dnsmasq), once with
 * LANGUAGE=en and once with LANGUAGE=de. The SMTP-level ids come from `postbote check` in
 * test-diagnosis-lab.sh; this test covers what happens before SMTP: name lookup, connect,
 * TLS and the greeting. No login reaches a server here: no password is given.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-diagnosis.h"
#include "pb-test-util.h"

static gboolean german;

/* The failure text for the current language must be the catalogue's translation. */
static void
assert_explained (const PbFailure *f,
                  const char      *id)
{
  g_autoptr(PbExplanation) e = pb_diagnosis_explain (pb_problem_from_string (id), f);
  const PbProblemEntry *generic = pb_test_catalogue_entry (id);

  if (e->variant == NULL && strstr (generic->explanation, "{host}") != NULL)
    g_assert_nonnull (strstr (e->explanation, f->host));
  if (german)
    g_assert_cmpstr (e->title, !=, generic->title);
  if (e->variant == NULL)
    g_assert_cmpstr (e->title, ==, _(generic->title));
}

/* Short enough that the cases waiting for bytes that never come end quickly; the lab's
 * servers answer in milliseconds otherwise. Scaled for sanitizer and Valgrind builds. */
#define STEP_TIMEOUT_MS 2000

/* The real check of host:port, to the end; its problem id, stage and explanation. */
static PbCheckResult *
check_server (const char *host,
              guint16     port,
              PbSecurity  security,
              guint       cancel_after_ms,
              PbStage     stage,
              const char *expect)
{
  PbCheckOptions options = { .step_timeout_ms = pb_test_scaled_ms (STEP_TIMEOUT_MS) };
  PbCheckResult *r = pb_test_run_check (host, port, security, &options, NULL, cancel_after_ms,
                                        NULL);

  g_test_message ("%s:%u %s: %s (%s %d) -> %s", host, port, pb_stage_to_string (r->failure.stage),
                  r->failure.error ? r->failure.error->message : "-",
                  r->failure.error ? g_quark_to_string (r->failure.error->domain) : "-",
                  r->failure.error ? r->failure.error->code : 0,
                  pb_problem_to_string (r->problem));
  g_assert_false (r->ok);
  g_assert_cmpstr (pb_problem_to_string (r->problem), ==, expect);
  g_assert_cmpstr (r->failure.host, ==, host);
  g_assert_cmpuint (r->failure.port, ==, port);
  g_assert_cmpint (r->failure.stage, ==, stage);
  g_assert_false (r->auth_sent);
  assert_explained (&r->failure, pb_problem_to_string (r->problem));
  return r;
}

static void
test_dns (void)
{
  g_autoptr(PbCheckResult) r = check_server ("nxdomain.smtp.test", 587, PB_SECURITY_STARTTLS,
                                             0, PB_STAGE_RESOLVE, "dns-not-found");

  g_assert_error (r->failure.error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
}

static void
test_refused (void)
{
  g_autoptr(PbCheckResult) r = check_server ("refused.smtp.test", 587, PB_SECURITY_STARTTLS,
                                             0, PB_STAGE_CONNECT, "connect-refused");

  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* On port 25 the explanation is the one about providers blocking it. */
static void
test_dropped (void)
{
  g_autoptr(PbCheckResult) r = check_server ("dropped.smtp.test", 25, PB_SECURITY_STARTTLS,
                                             0, PB_STAGE_CONNECT, "connect-timeout");
  g_autoptr(PbExplanation) e = pb_diagnosis_explain (r->problem, &r->failure);

  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpstr (e->variant, ==, "port-25");
  g_assert_nonnull (strstr (e->fix, "465"));
  g_assert_nonnull (strstr (e->fix, "587"));
}

static void
test_unreachable (void)
{
  /* The lab namespace has loopback only: no route to anything else. */
  g_autoptr(PbCheckResult) r = check_server ("192.0.2.25", 587, PB_SECURITY_STARTTLS, 0,
                                             PB_STAGE_CONNECT, "network-unreachable");

  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE);
}

/* The user cancels while the connect to a server that drops every SYN is still waiting. */
static void
test_cancelled (void)
{
  g_autoptr(PbCheckResult) r = check_server ("dropped.smtp.test", 587, PB_SECURITY_STARTTLS,
                                             200, PB_STAGE_CONNECT, "cancelled");

  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Implicit TLS on 465 to a certificate that fails validation. */
static void
check_certificate (const char          *host,
                   GTlsCertificateFlags flag,
                   const char          *expect)
{
  g_autoptr(PbCheckResult) r = check_server (host, 465, PB_SECURITY_TLS, 0, PB_STAGE_TLS,
                                             expect);

  g_assert_error (r->failure.error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_true (r->failure.cert_errors & flag);
}

static void
test_cert_selfsigned (void)
{
  check_certificate ("badcert-selfsigned.smtp.test", G_TLS_CERTIFICATE_UNKNOWN_CA,
                     "cert-untrusted");
}

static void
test_cert_unknown_ca (void)
{
  check_certificate ("badcert-unknownca.smtp.test", G_TLS_CERTIFICATE_UNKNOWN_CA,
                     "cert-untrusted");
}

static void
test_cert_wrong_host (void)
{
  check_certificate ("badcert-wronghost.smtp.test", G_TLS_CERTIFICATE_BAD_IDENTITY,
                     "cert-hostname-mismatch");
}

static void
test_cert_expired (void)
{
  check_certificate ("badcert-expired.smtp.test", G_TLS_CERTIFICATE_EXPIRED, "cert-expired");
}

static void
test_cert_not_yet_valid (void)
{
  check_certificate ("badcert-notyet.smtp.test", G_TLS_CERTIFICATE_NOT_ACTIVATED,
                     "cert-not-yet-valid");
}

static void
test_cert_insecure (void)
{
  check_certificate ("badcert-insecure.smtp.test", G_TLS_CERTIFICATE_INSECURE, "cert-insecure");
}

static void
test_tls_to_plain_port (void)
{
  /* The scripted server speaking plain SMTP on 465, and the real Postfix on 587. */
  g_object_unref (check_server ("plain-on-465.smtp.test", 465, PB_SECURITY_TLS, 0,
                                PB_STAGE_TLS, "tls-wrong-port"));
  g_object_unref (check_server ("mail.lab.test", 587, PB_SECURITY_TLS, 0, PB_STAGE_TLS,
                                "tls-wrong-port"));
}

/* A server that answers the ClientHello with a fatal handshake_failure alert, like one that
 * shares no cipher or protocol version with us. */
static void
test_tls_handshake_alert (void)
{
  g_autoptr(PbCheckResult) r = check_server ("tls-refuse.smtp.test", 465, PB_SECURITY_TLS, 0,
                                             PB_STAGE_TLS, "tls-handshake-failed");

  g_assert_true (r->failure.error->domain == G_TLS_ERROR);
}

/* STARTTLS chosen, but the real Postfix's port 465 speaks TLS at once: no greeting comes. */
static void
test_starttls_to_tls_port (void)
{
  g_object_unref (check_server ("mail.lab.test", 465, PB_SECURITY_STARTTLS, 0,
                                PB_STAGE_GREETING, "tls-wrong-port"));
}

/* A server that accepts the connection and never greets. */
static void
test_stall (void)
{
  g_autoptr(PbCheckResult) r = check_server ("stall.smtp.test", 587, PB_SECURITY_STARTTLS, 0,
                                             PB_STAGE_GREETING, "timeout");

  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
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
