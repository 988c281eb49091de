/* test-check-engine.c: PbCheck against the lab's scripted servers, driven as the GUI does:
 * its steps and the redacted transcript, certificates pinned and refused by the TLS policy,
 * the consent a plain-text login needs, cancelling, the overall deadline, injection before
 * the handshake and pipelined refusals
 * Run through the lab: tests/lab/lab-run --tap test-check-engine --tap
 *
 * The check against the lab's real Postfix: test-check-postfix.c.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-check.h"
#include "pb-diagnosis.h"
#include "pb-i18n.h"
#include "pb-report.h"
#include "pb-smtp.h"
#include "pb-test-check.h"
#include "pb-test-util.h"

#define PASSWORD "Scripted-Pass-1"

/* The check of SCENARIO.smtp.test on port, with the scripted server's password. */
static PbCheckResult *
run_check (const char           *scenario,
           guint16               port,
           PbSecurity            security,
           const PbCheckOptions *options,
           guint                 cancel_after_ms,
           GPtrArray           **steps)
{
  g_autofree char *host = g_strdup_printf ("%s.smtp.test", scenario);

  return pb_test_run_check (host, port, security, options, PASSWORD, cancel_after_ms, steps);
}

static gboolean
transcript_contains (PbCheckResult *r,
                     const char    *needle)
{
  return pb_test_lines_have (r->transcript, 0, needle);
}

static void
test_steps_and_redaction (void)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(PbCheckResult) r = run_check ("ok", 465, PB_SECURITY_TLS, NULL, 0, &steps);
  const char *want[] = { "resolve", "connect", "tls", "greeting", "ehlo", "auth", "quit" };
  g_autofree char *plain_b64 = g_base64_encode ((const guchar *) "\0user@ok.smtp.test\0" PASSWORD,
                                                1 + 18 + 1 + strlen (PASSWORD));

  g_assert_true (r->ok);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_NONE);
  g_assert_cmpuint (steps->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      PbCheckStep *step = r->steps->pdata[i];

      g_assert_cmpstr (steps->pdata[i], ==, want[i]);
      g_assert_cmpstr (step->name, ==, want[i]);
      g_assert_true (step->ok);
    }
  g_assert_cmpstr (r->tls_version, ==, "TLS 1.3");
  g_assert_nonnull (r->tls_cipher);
  g_assert_nonnull (strstr (r->cert_subject, "ok.smtp.test"));
  g_assert_cmpuint (strlen (r->cert_sha256), ==, 95);
  g_assert_cmpuint (r->cert_errors, ==, 0);
  g_assert_cmpstr (r->auth_mechanism, ==, "PLAIN");
  g_assert_true (r->authenticated);
  g_assert_true (transcript_contains (r, "AUTH PLAIN <redacted>"));
  g_assert_false (transcript_contains (r, PASSWORD));
  g_assert_false (transcript_contains (r, plain_b64));
}

static void
test_login_redacted (void)
{
  g_autoptr(PbCheckResult) r = run_check ("ms-basicauth", 587, PB_SECURITY_STARTTLS, NULL, 0,
                                          NULL);
  g_autofree char *user_b64 = g_base64_encode ((const guchar *) PASSWORD, strlen (PASSWORD));
  guint redacted = 0;

  g_assert_cmpstr (r->auth_mechanism, ==, "LOGIN");
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_AUTH_BASIC_DISABLED);
  g_assert_cmpuint (r->failure.reply.smtp.code, ==, 535);
  g_assert_cmpstr (r->failure.reply.smtp.enhanced_code, ==, "5.7.139");
  for (guint i = 0; i < r->transcript->len; i++)
    redacted += g_str_equal (((PbTranscriptLine *) r->transcript->pdata[i])->text,
                             "<redacted>");
  g_assert_cmpuint (redacted, ==, 2);
  g_assert_false (transcript_contains (r, user_b64));
}

static void
test_capabilities_after_starttls (void)
{
  g_autoptr(PbCheckResult) r = run_check ("ok", 587, PB_SECURITY_STARTTLS, NULL, 0, NULL);

  /* Before TLS the server offers STARTTLS and no AUTH; only what came after TLS counts. */
  g_assert_true (r->ok);
  g_assert_false (g_strv_contains ((const char * const *) r->capabilities, "STARTTLS"));
  g_assert_true (g_strv_contains ((const char * const *) r->auth_mechanisms, "PLAIN"));
}

static void
test_pinned_certificate (void)
{
  PbCheckOptions pin = { 0 };
  PbCheckOptions wrong_pin = { 0 };
  g_autoptr(PbCheckResult) first = NULL;
  g_autoptr(PbCheckResult) pinned = NULL;
  g_autoptr(PbCheckResult) other = NULL;
  guint before;

  before = pb_test_auth_lines ("badcert-selfsigned");
  first = run_check ("badcert-selfsigned", 465, PB_SECURITY_TLS, NULL, 0, NULL);
  g_assert_cmpint (first->problem, ==, PB_PROBLEM_CERT_UNTRUSTED);
  g_assert_cmpint (first->failure.stage, ==, PB_STAGE_TLS);
  g_assert_true (first->failure.cert_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_nonnull (first->cert_sha256);
  g_assert_false (first->auth_sent);
  g_assert_cmpuint (pb_test_auth_lines ("badcert-selfsigned"), ==, before);

  /* The user trusts exactly this certificate for this host and port. */
  pin.pinned_sha256 = first->cert_sha256;
  pinned = run_check ("badcert-selfsigned", 465, PB_SECURITY_TLS, &pin, 0, NULL);
  g_assert_true (pinned->ok);
  g_assert_true (pinned->cert_pinned);
  g_assert_true (pinned->cert_errors & G_TLS_CERTIFICATE_UNKNOWN_CA);
  g_assert_cmpuint (pb_test_auth_lines ("badcert-selfsigned"), ==, before + 1);

  /* Another certificate's fingerprint is no key to this one. */
  wrong_pin.pinned_sha256 =
    "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:"
    "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";
  other = run_check ("badcert-selfsigned", 465, PB_SECURITY_TLS, &wrong_pin, 0, NULL);
  g_assert_cmpint (other->problem, ==, PB_PROBLEM_CERT_UNTRUSTED);
  g_assert_false (other->cert_pinned);
  g_assert_cmpuint (pb_test_auth_lines ("badcert-selfsigned"), ==, before + 1);
}

/* RFC 8996/8314: a server that negotiates only TLS 1.0 or 1.1 is refused right after the
 * handshake, on 465 and after STARTTLS, before AUTH; the explanation names the server and the
 * version, and the user may get past it only by trusting the certificate explicitly. */
static void
assert_tls_outdated (const char *scenario,
                     guint16     port,
                     PbSecurity  security,
                     const char *version)
{
  guint before = pb_test_auth_lines (scenario);
  g_autoptr(PbCheckResult) r = run_check (scenario, port, security, NULL, 0, NULL);
  g_autoptr(PbExplanation) ex = NULL;
  g_autofree char *refusal = g_strdup_printf ("%s.smtp.test offered only %s", scenario, version);

  g_test_message ("%s port %u: %s", scenario, port, pb_problem_to_string (r->problem));
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TLS_OUTDATED);
  g_assert_cmpint (r->failure.stage, ==, security == PB_SECURITY_TLS
                                         ? PB_STAGE_TLS : PB_STAGE_STARTTLS_HANDSHAKE);
  g_assert_error (r->failure.error, PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY);
  g_assert_cmpstr (r->tls_version, ==, version);
  g_assert_true (r->tls_outdated);
  g_assert_true (transcript_contains (r, refusal));
  g_assert_false (r->auth_sent);
  g_assert_false (r->cert_pinned);
  g_assert_cmpuint (pb_test_auth_lines (scenario), ==, before);
  g_assert_true (pb_check_result_certificate_trustable (r));

  ex = pb_diagnosis_explain (r->problem, &r->failure);
  g_assert_nonnull (strstr (ex->explanation, version));
  g_assert_nonnull (strstr (ex->explanation, scenario));
}

static void
test_tls_outdated (void)
{
  assert_tls_outdated ("tls10", 465, PB_SECURITY_TLS, "TLS 1.0");
  assert_tls_outdated ("tls10", 587, PB_SECURITY_STARTTLS, "TLS 1.0");
  assert_tls_outdated ("tls11", 465, PB_SECURITY_TLS, "TLS 1.1");
  assert_tls_outdated ("tls11", 587, PB_SECURITY_STARTTLS, "TLS 1.1");
}

/* A 1024-bit RSA key passes GnuTLS's validation unflagged; the policy calls it insecure. */
static void
test_weak_key (void)
{
  for (guint i = 0; i < 2; i++)
    {
      guint16 port = i == 0 ? 465 : 587;
      PbSecurity security = i == 0 ? PB_SECURITY_TLS : PB_SECURITY_STARTTLS;
      guint before = pb_test_auth_lines ("weakkey");
      g_autoptr(PbCheckResult) r = run_check ("weakkey", port, security, NULL, 0, NULL);

      g_assert_cmpint (r->problem, ==, PB_PROBLEM_CERT_INSECURE);
      g_assert_error (r->failure.error, PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY);
      g_assert_cmpuint (r->failure.cert_errors, ==, G_TLS_CERTIFICATE_INSECURE);
      g_assert_cmpuint (r->cert_errors, ==, G_TLS_CERTIFICATE_INSECURE);
      g_assert_cmpstr (r->tls_version, ==, "TLS 1.3");
      g_assert_false (r->tls_outdated);
      g_assert_true (transcript_contains (r, "has a 1024-bit RSA key"));
      g_assert_false (r->auth_sent);
      g_assert_cmpuint (pb_test_auth_lines ("weakkey"), ==, before);
      g_assert_true (pb_check_result_certificate_trustable (r));
    }
}

/* The user's explicit trust in exactly this certificate is the one way past, and both the
 * transcript and the report say what it overrides. */
static void
test_pinned_overrides_policy (void)
{
  PbCheckOptions pin = { 0 };
  PbCheckOptions wrong_pin = { 0 };
  g_autoptr(PbCheckResult) old = run_check ("tls10", 465, PB_SECURITY_TLS, NULL, 0, NULL);
  g_autoptr(PbCheckResult) weak = run_check ("weakkey", 587, PB_SECURITY_STARTTLS, NULL, 0,
                                             NULL);
  g_autoptr(PbCheckResult) old_pinned = NULL;
  g_autoptr(PbCheckResult) weak_pinned = NULL;
  g_autoptr(PbCheckResult) other = NULL;
  g_autofree char *old_report = NULL;
  g_autofree char *weak_report = NULL;
  guint before = pb_test_auth_lines ("tls10");

  pin.pinned_sha256 = old->cert_sha256;
  old_pinned = run_check ("tls10", 465, PB_SECURITY_TLS, &pin, 0, NULL);
  g_assert_true (old_pinned->ok);
  g_assert_true (old_pinned->cert_pinned);
  g_assert_true (old_pinned->authenticated);
  g_assert_cmpuint (pb_test_auth_lines ("tls10"), ==, before + 1);
  g_assert_true (transcript_contains (old_pinned,
                                      "certificate trusted by its fingerprint despite TLS 1.0"));
  old_report = pb_report_check_text (old_pinned, FALSE);
  g_test_message ("%s", old_report);
  g_assert_nonnull (strstr (old_report, "although the connection uses TLS 1.0, an outdated "
                                        "protocol"));

  /* The pin is for one certificate, not for the port: another fingerprint changes nothing. */
  wrong_pin.pinned_sha256 = weak->cert_sha256;
  other = run_check ("tls10", 465, PB_SECURITY_TLS, &wrong_pin, 0, NULL);
  g_assert_cmpint (other->problem, ==, PB_PROBLEM_TLS_OUTDATED);
  g_assert_cmpuint (pb_test_auth_lines ("tls10"), ==, before + 1);

  pin.pinned_sha256 = weak->cert_sha256;
  weak_pinned = run_check ("weakkey", 587, PB_SECURITY_STARTTLS, &pin, 0, NULL);
  g_assert_true (weak_pinned->ok);
  g_assert_true (weak_pinned->cert_pinned);
  g_assert_true (weak_pinned->cert_errors & G_TLS_CERTIFICATE_INSECURE);
  g_assert_true (transcript_contains (weak_pinned, "certificate trusted by its fingerprint "
                                                   "despite a 1024-bit RSA key"));
  weak_report = pb_report_check_text (weak_pinned, FALSE);
  g_assert_nonnull (strstr (weak_report, "although it failed validation"));
  g_assert_nonnull (strstr (weak_report, "validation errors: insecure algorithm or key too "
                                         "short"));
}

static void
test_plaintext_needs_consent (void)
{
  PbCheckOptions allow = { .allow_plaintext_auth = TRUE };
  g_autoptr(PbCheckResult) refused = NULL;
  g_autoptr(PbCheckResult) allowed = NULL;
  g_autoptr(PbCheckResult) starttls_first = NULL;
  guint before = pb_test_auth_lines ("nostarttls");

  refused = run_check ("nostarttls", 25, PB_SECURITY_NONE, NULL, 0, NULL);
  g_assert_cmpint (refused->problem, ==, PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  g_assert_cmpuint (pb_test_auth_lines ("nostarttls"), ==, before);

  allowed = run_check ("nostarttls", 25, PB_SECURITY_NONE, &allow, 0, NULL);
  g_assert_true (allowed->ok);
  g_assert_cmpuint (pb_test_auth_lines ("nostarttls"), ==, before + 1);

  /* A server that offers AUTH only after STARTTLS: the answer is "encrypt", not "no AUTH". */
  before = pb_test_auth_lines ("ok");
  starttls_first = run_check ("ok", 25, PB_SECURITY_NONE, &allow, 0, NULL);
  g_assert_cmpint (starttls_first->problem, ==, PB_PROBLEM_AUTH_ENCRYPTION_REQUIRED);
  g_assert_cmpuint (pb_test_auth_lines ("ok"), ==, before);
}

/* The stall server never greets: only the cancel can end the check before the step timeout,
 * and then the failure is the cancel (a timeout would be G_IO_ERROR_TIMED_OUT). */
static void
test_cancel (void)
{
  g_autoptr(PbCheckResult) r = run_check ("stall", 587, PB_SECURITY_STARTTLS, NULL, 300, NULL);

  g_assert_cmpint (r->problem, ==, PB_PROBLEM_CANCELLED);
  g_assert_cmpint (r->failure.stage, ==, PB_STAGE_GREETING);
  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The whole check's deadline is a promise to the user: the slow EHLO (slower than the whole
 * deadline, far quicker than the step timeout) must end the check at the deadline, not
 * before it and not at the step timeout. The margin above it is one more deadline, scaled
 * for sanitizer and Valgrind builds. */
static void
test_overall_deadline (void)
{
  const guint deadline_ms = 1500;
  PbCheckOptions short_total = { .timeout_ms = deadline_ms, .step_timeout_ms = 20000 };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PbCheckResult) r = run_check ("slow-ehlo", 465, PB_SECURITY_TLS, &short_total, 0,
                                          NULL);
  gint64 took_ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TIMEOUT);
  g_assert_cmpint (r->failure.stage, ==, PB_STAGE_EHLO);
  g_assert_error (r->failure.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* The timers count whole milliseconds: each may round one away. */
  g_assert_cmpint (took_ms, >=, deadline_ms - 2);
  g_assert_cmpint (took_ms, <, deadline_ms + pb_test_scaled_ms (deadline_ms));
}

static void
test_injection_stops_before_handshake (void)
{
  g_autoptr(PbCheckResult) r = run_check ("starttls-inject", 587, PB_SECURITY_STARTTLS, NULL, 0,
                                          NULL);

  g_assert_cmpint (r->problem, ==, PB_PROBLEM_STARTTLS_INJECTION);
  g_assert_cmpint (r->failure.stage, ==, PB_STAGE_STARTTLS);
  g_assert_error (r->failure.error, PB_SMTP_ERROR, PB_SMTP_ERROR_STARTTLS_INJECTION);
  g_assert_null (r->tls_version);
}

/* With PIPELINING, MAIL, RCPT and RSET/DATA leave together; a refusal of MAIL is still the
 * failure, the rest of the replies are read, the session stays in step (QUIT gets 221), and
 * no message is sent after a refused envelope. */
static void
test_pipelined_refusals (void)
{
  PbCheckOptions dry = { .dry_run_send = TRUE };
  PbCheckOptions send = { .send_test = TRUE };
  g_autoptr(PbCheckResult) r550 = run_check ("code-550", 587, PB_SECURITY_STARTTLS, &dry, 0,
                                             NULL);
  g_autoptr(PbCheckResult) r552 = run_check ("code-552", 465, PB_SECURITY_TLS, &send, 0, NULL);
  PbTranscriptLine *last;

  g_assert_cmpint (r550->failure.stage, ==, PB_STAGE_MAIL_FROM);
  g_assert_cmpuint (r550->failure.reply.smtp.code, ==, 550);
  g_assert_true (g_str_has_prefix (r550->failure.reply.text, "550 5.7.1 "));
  g_assert_cmpint (transcript_find (r550, 'C', "MAIL FROM:")->ms, ==,
                   transcript_find (r550, 'C', "RSET")->ms);
  last = r550->transcript->pdata[r550->transcript->len - 1];
  g_assert_cmpstr (transcript_find (r550, 'C', "QUIT")->text, ==, "QUIT");
  g_assert_true (last->direction == 'S' && g_str_has_prefix (last->text, "221 "));

  g_assert_cmpint (r552->problem, ==, PB_PROBLEM_MESSAGE_TOO_LARGE);
  g_assert_cmpint (r552->failure.stage, ==, PB_STAGE_MAIL_FROM);
  g_assert_nonnull (strstr (transcript_find (r552, 'C', "MAIL FROM:")->text, " SIZE="));
  g_assert_nonnull (transcript_find (r552, 'C', "DATA"));
  g_assert_null (transcript_find (r552, 'C', "<message"));
  g_assert_false (r552->test_sent);
}

int
main (int    argc,
      char **argv)
{
  if (pb_test_skip_without_lab ())
    return 0;
  /* The locale and the build tree's catalogues (LANGUAGE=en: the English texts). */
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-engine/steps-and-redaction", test_steps_and_redaction);
  g_test_add_func ("/check-engine/login-redacted", test_login_redacted);
  g_test_add_func ("/check-engine/capabilities-after-starttls", test_capabilities_after_starttls);
  g_test_add_func ("/check-engine/pinned-certificate", test_pinned_certificate);
  g_test_add_func ("/check-engine/tls-outdated", test_tls_outdated);
  g_test_add_func ("/check-engine/weak-key", test_weak_key);
  g_test_add_func ("/check-engine/pinned-overrides-policy", test_pinned_overrides_policy);
  g_test_add_func ("/check-engine/plaintext-needs-consent", test_plaintext_needs_consent);
  g_test_add_func ("/check-engine/cancel", test_cancel);
  g_test_add_func ("/check-engine/overall-deadline", test_overall_deadline);
  g_test_add_func ("/check-engine/injection", test_injection_stops_before_handshake);
  g_test_add_func ("/check-engine/pipelined-refusals", test_pipelined_refusals);

  return g_test_run ();
}
