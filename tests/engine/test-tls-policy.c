/* test-tls-policy.c: which TLS versions and certificate keys are too weak for a password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gnutls/x509.h>
#include <string.h>
#include <time.h>

#include "pb-net-error.h"
#include "pb-tls-policy.h"

/* RFC 8996: TLS 1.0 and 1.1 (and SSL 3.0, DTLS 1.0) are out; TLS 1.2 and 1.3 are fine. A
 * version GIO does not know is newer than TLS 1.3, not older. */
static void
test_versions (void)
{
  g_assert_true (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_SSL_3_0));
  g_assert_true (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_TLS_1_0));
  g_assert_true (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_TLS_1_1));
  g_assert_true (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_DTLS_1_0));
  g_assert_false (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_TLS_1_2));
  g_assert_false (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_TLS_1_3));
  g_assert_false (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_DTLS_1_2));
  g_assert_false (pb_tls_policy_version_outdated (G_TLS_PROTOCOL_VERSION_UNKNOWN));
  /* The names a report shows; none for DTLS or what GIO does not know. */
  g_assert_cmpstr (pb_tls_version_to_string (G_TLS_PROTOCOL_VERSION_SSL_3_0), ==, "SSL 3.0");
  g_assert_cmpstr (pb_tls_version_to_string (G_TLS_PROTOCOL_VERSION_TLS_1_3), ==, "TLS 1.3");
  g_assert_null (pb_tls_version_to_string (G_TLS_PROTOCOL_VERSION_DTLS_1_0));
  g_assert_null (pb_tls_version_to_string (G_TLS_PROTOCOL_VERSION_UNKNOWN));
}

/* An old protocol and a weak key at once: one refusal that names both. */
static void
test_error_both (void)
{
  PbTlsVerdict verdict = { "TLS 1.0", TRUE, PB_TLS_KEY_DSA, 1024 };
  g_autoptr(GError) error = pb_tls_policy_error (&verdict, "mail.example.test");

  g_assert_error (error, PB_NET_ERROR, PB_NET_ERROR_POLICY);
  g_assert_cmpstr (error->message, ==,
                   "mail.example.test offered only TLS 1.0, an outdated encryption protocol "
                   "(TLS 1.2 or later is required); The certificate of mail.example.test has "
                   "a 1024-bit DSA key (at least 2048 bits are required)");
}

/* RSA and DSA need 2048 bits, elliptic curves 224; a type nobody knows is not judged. */
static void
test_minimum_bits (void)
{
  g_assert_cmpuint (pb_tls_policy_minimum_bits (PB_TLS_KEY_RSA), ==, 2048);
  g_assert_cmpuint (pb_tls_policy_minimum_bits (PB_TLS_KEY_DSA), ==, 2048);
  g_assert_cmpuint (pb_tls_policy_minimum_bits (PB_TLS_KEY_EC), ==, 224);
  g_assert_cmpuint (pb_tls_policy_minimum_bits (PB_TLS_KEY_UNKNOWN), ==, 0);
  g_assert_cmpstr (pb_tls_key_type_to_string (PB_TLS_KEY_RSA), ==, "RSA");
  g_assert_cmpstr (pb_tls_key_type_to_string (PB_TLS_KEY_EC), ==, "EC");
}

/* A self-signed certificate with a fresh key of this algorithm and size, as GIO sees it. */
static GTlsCertificate *
make_certificate (gnutls_pk_algorithm_t algorithm,
                  unsigned int          bits)
{
  gnutls_x509_privkey_t key;
  gnutls_x509_crt_t crt;
  gnutls_datum_t pem = { NULL, 0 };
  time_t now = time (NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, algorithm, bits, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, "\x01", 1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 60), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                  "policy.test", strlen ("policy.test")), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
  /* Ed25519 hashes with SHA-512 by definition. */
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, crt, key, algorithm == GNUTLS_PK_EDDSA_ED25519
                                                           ? GNUTLS_DIG_SHA512
                                                           : GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &pem), ==, 0);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);

  certificate = g_tls_certificate_new_from_pem ((const char *) pem.data, pem.size, &error);
  gnutls_free (pem.data);
  g_assert_no_error (error);
  return certificate;
}

static void
assert_key (GTlsCertificate *certificate,
            PbTlsKeyType     want_type,
            guint            want_bits,
            gboolean         want_weak)
{
  PbTlsKeyType type = PB_TLS_KEY_UNKNOWN;
  guint bits = 0;

  g_assert_true (pb_tls_policy_certificate_key (certificate, &type, &bits));
  g_assert_cmpint (type, ==, want_type);
  g_assert_cmpuint (bits, ==, want_bits);
  g_assert_cmpint (bits < pb_tls_policy_minimum_bits (type), ==, want_weak);
}

/* The key size comes from the certificate itself (GIO does not tell it). */
static void
test_certificate_keys (void)
{
  g_autoptr(GTlsCertificate) rsa1024 = make_certificate (GNUTLS_PK_RSA, 1024);
  g_autoptr(GTlsCertificate) rsa2048 = make_certificate (GNUTLS_PK_RSA, 2048);
  g_autoptr(GTlsCertificate) p256 =
    make_certificate (GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1));
  g_autoptr(GTlsCertificate) p192 =
    make_certificate (GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP192R1));
  g_autoptr(GTlsCertificate) ed25519 =
    make_certificate (GNUTLS_PK_EDDSA_ED25519, GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_ED25519));
  g_autoptr(GTlsCertificate) dsa = make_certificate (GNUTLS_PK_DSA, 2048);

  assert_key (rsa1024, PB_TLS_KEY_RSA, 1024, TRUE);
  assert_key (rsa2048, PB_TLS_KEY_RSA, 2048, FALSE);
  assert_key (p256, PB_TLS_KEY_EC, 256, FALSE);
  assert_key (p192, PB_TLS_KEY_EC, 192, TRUE);
  assert_key (ed25519, PB_TLS_KEY_EC, 256, FALSE);
  assert_key (dsa, PB_TLS_KEY_DSA, 2048, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tls-policy/versions", test_versions);
  g_test_add_func ("/tls-policy/minimum-bits", test_minimum_bits);
  g_test_add_func ("/tls-policy/certificate-keys", test_certificate_keys);
  g_test_add_func ("/tls-policy/error-both", test_error_both);

  return g_test_run ();
}
