/* test-check-format.c: the localized pieces of a check result the window shows and copies
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-check-format.h"
#include "pb-i18n.h"
#include "pb-report.h"
#include "pb-test-util.h"

static PbCheckResult *
new_result (PbSecurity  security,
            const char *tls_version)
{
  PbCheckResult *r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  r->server = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.test", 587, security,
                                    PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  r->address = g_strdup ("user@example.test");
  r->username = g_strdup ("user@example.test");
  r->ok = TRUE;
  r->auth_skipped = TRUE;
  if (tls_version != NULL)
    {
      r->tls_version = g_strdup (tls_version);
      r->tls_cipher = g_strdup ("TLS_AES_256_GCM_SHA384");
    }
  return r;
}

/* "Copy Settings" gives what a person types into another program: the encryption as the
 * window names it ("STARTTLS", "No encryption"), never the internal id ("starttls"). */
static void
test_settings (void)
{
  g_autoptr(PbCheckResult) starttls = new_result (PB_SECURITY_STARTTLS, "TLS 1.3");
  g_autoptr(PbCheckResult) plain = new_result (PB_SECURITY_NONE, NULL);
  g_autofree char *text = pb_check_result_format_settings (starttls);
  g_autofree char *none = pb_check_result_format_settings (plain);
  g_autofree char *german = NULL;

  g_assert_cmpstr (text, ==,
                   "Outgoing server (SMTP): smtp.example.test\n"
                   "Port: 587\n"
                   "Encryption: STARTTLS\n"
                   "User name: user@example.test\n");
  g_assert_nonnull (strstr (none, "\nEncryption: No encryption\n"));

  pb_test_set_language ("de");
  german = pb_check_result_format_settings (plain);
  pb_test_set_language ("en");
  g_assert_nonnull (strstr (german, "\nVerschlüsselung: Keine Verschlüsselung\n"));
}

/* One line for the connection's encryption, in the certificate block when there is a
 * certificate and on its own in the report when there is none. */
static void
test_encryption (void)
{
  g_autoptr(PbCheckResult) tls = new_result (PB_SECURITY_TLS, "TLS 1.3");
  g_autoptr(PbCheckResult) plain = new_result (PB_SECURITY_NONE, NULL);
  g_autofree char *line = pb_check_result_format_encryption (tls);
  g_autofree char *report = NULL;
  g_autofree char *plain_report = NULL;
  g_autofree char *cert = NULL;

  g_assert_cmpstr (line, ==, "Encryption: TLS 1.3, TLS_AES_256_GCM_SHA384");
  g_assert_null (pb_check_result_format_encryption (plain));
  g_assert_null (pb_check_result_format_certificate (tls));

  report = pb_report_check_text (tls, FALSE);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "\nEncryption: TLS 1.3, TLS_AES_256_GCM_SHA384\n"));
  plain_report = pb_report_check_text (plain, FALSE);
  g_assert_null (strstr (plain_report, "Encryption:"));

  tls->cert_sha256 = g_strdup ("ab:cd");
  tls->cert_subject = g_strdup ("CN=smtp.example.test");
  cert = pb_check_result_format_certificate (tls);
  g_assert_true (g_str_has_suffix (cert, "\nEncryption: TLS 1.3, TLS_AES_256_GCM_SHA384"));
}

/* What a trust in the certificate can override: a failed validation (bad), an outdated TLS
 * version (old), or both. */
typedef struct {
  PbCheckResult *bad;
  PbCheckResult *old;
  PbCheckResult *both;
} Overrides;

static void
overrides_init (Overrides *o)
{
  o->bad = new_result (PB_SECURITY_TLS, "TLS 1.3");
  o->old = new_result (PB_SECURITY_TLS, "TLS 1.0");
  o->both = new_result (PB_SECURITY_TLS, "TLS 1.1");
  o->bad->cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA;
  o->old->tls_outdated = TRUE;
  o->both->tls_outdated = TRUE;
  o->both->cert_errors = G_TLS_CERTIFICATE_INSECURE;
}

static void
overrides_clear (Overrides *o)
{
  g_clear_object (&o->bad);
  g_clear_object (&o->old);
  g_clear_object (&o->both);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Overrides, overrides_clear)

/* Before the user trusts a certificate, the question lists everything the trust overrides:
 * a failed validation, an outdated TLS version, or both. */
static void
test_trust_question (void)
{
  g_auto(Overrides) o = { 0 };
  g_autofree char *bad_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *both_text = NULL;
  g_autofree char *german = NULL;
  const char *reach = "\n\nTrust it only if you know it is right, for example because your "
                      "administrator gave you this fingerprint. The trust holds for this server "
                      "and port only.";

  overrides_init (&o);
  bad_text = pb_check_result_format_trust_question (o.bad);
  old_text = pb_check_result_format_trust_question (o.old);
  both_text = pb_check_result_format_trust_question (o.both);

  g_assert_true (g_str_has_prefix (bad_text, "The certificate of smtp.example.test:587 cannot be "
                                             "verified: it was not issued by an authority this "
                                             "computer trusts."));
  g_assert_null (strstr (bad_text, "outdated"));
  g_assert_true (g_str_has_prefix (old_text, "The connection to smtp.example.test:587 uses "
                                             "TLS 1.0, an outdated encryption protocol; trusting "
                                             "the certificate accepts that too."));
  g_assert_null (strstr (old_text, "cannot be verified"));
  g_assert_nonnull (strstr (both_text, "cannot be verified: it uses an insecure algorithm or too "
                                       "short a key. The connection to smtp.example.test:587 "
                                       "uses TLS 1.1"));
  g_assert_true (g_str_has_suffix (bad_text, reach));
  g_assert_true (g_str_has_suffix (old_text, reach));
  g_assert_true (g_str_has_suffix (both_text, reach));

  pb_test_set_language ("de");
  german = pb_check_result_format_trust_question (o.old);
  pb_test_set_language ("en");
  g_assert_true (g_str_has_prefix (german, "Die Verbindung zu smtp.example.test:587 verwendet "
                                           "TLS 1.0, ein veraltetes Verschlüsselungsprotokoll"));
}

/* A certificate the user trusted: the certificate lines say what the trust let through. */
static void
test_override_stated (void)
{
  g_auto(Overrides) o = { 0 };
  g_autofree char *bad_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *both_text = NULL;

  overrides_init (&o);
  for (guint i = 0; i < 3; i++)
    {
      PbCheckResult *r = (PbCheckResult *[]) { o.bad, o.old, o.both }[i];

      r->cert_sha256 = g_strdup ("ab:cd");
      r->cert_pinned = TRUE;
    }
  bad_text = pb_check_result_format_certificate (o.bad);
  old_text = pb_check_result_format_certificate (o.old);
  both_text = pb_check_result_format_certificate (o.both);

  g_assert_nonnull (strstr (bad_text, "\nTrusted by you for this server and port, although it "
                                      "failed validation\n"));
  g_assert_nonnull (strstr (old_text, "\nTrusted by you for this server and port, although the "
                                      "connection uses TLS 1.0, an outdated protocol\n"));
  g_assert_nonnull (strstr (both_text, "\nTrusted by you for this server and port, although it "
                                       "failed validation and the connection uses TLS 1.1, an "
                                       "outdated protocol\n"));
}

/* The certificate's names are the server's words: a right-to-left override or an isolate
 * in them shows as U+FFFD in the lines the window shows, not obeyed. */
static void
test_certificate_names_safe (void)
{
  g_autoptr(PbCheckResult) r = new_result (PB_SECURITY_TLS, "TLS 1.3");
  g_autofree char *cert = NULL;

  r->cert_sha256 = g_strdup ("ab:cd");
  r->cert_subject = g_strdup ("CN=\xe2\x80\xaemoc.knab\xe2\x80\xac");
  r->cert_issuer = g_strdup ("O=Evil\xe2\x81\xa6 CA\xe2\x80\x8b");
  cert = pb_check_result_format_certificate (r);
  g_assert_true (g_str_has_prefix (cert, "Issued to: CN=\xef\xbf\xbdmoc.knab\xef\xbf\xbd\n"
                                         "Issued by: O=Evil\xef\xbf\xbd CA\xef\xbf\xbd\n"));
}

int
main (int   argc,
      char *argv[])
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-format/settings", test_settings);
  g_test_add_func ("/check-format/encryption", test_encryption);
  g_test_add_func ("/check-format/trust-question", test_trust_question);
  g_test_add_func ("/check-format/override-stated", test_override_stated);
  g_test_add_func ("/check-format/certificate-names-safe", test_certificate_names_safe);

  return g_test_run ();
}
