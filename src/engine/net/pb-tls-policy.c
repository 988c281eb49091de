/* pb-tls-policy.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/x509.h>
#include <string.h>

#include "pb-net-error.h"
#include "pb-tls-policy.h"

gboolean
pb_tls_policy_version_outdated (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
      return TRUE;
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default:
      return FALSE;
    }
}

static PbTlsKeyType
key_type (gnutls_pk_algorithm_t algorithm)
{
  switch (algorithm)
    {
    case GNUTLS_PK_RSA:
    case GNUTLS_PK_RSA_PSS:
      return PB_TLS_KEY_RSA;
    case GNUTLS_PK_DSA:
      return PB_TLS_KEY_DSA;
    case GNUTLS_PK_ECDSA:
    case GNUTLS_PK_EDDSA_ED25519:
    case GNUTLS_PK_EDDSA_ED448:
    case GNUTLS_PK_GOST_01:
    case GNUTLS_PK_GOST_12_256:
    case GNUTLS_PK_GOST_12_512:
      return PB_TLS_KEY_EC;
    default:
      return PB_TLS_KEY_UNKNOWN;
    }
}

/* GIO does not tell the key size: the certificate's DER goes through GnuTLS itself. */
gboolean
pb_tls_policy_certificate_key (GTlsCertificate *certificate,
                               PbTlsKeyType    *type,
                               guint           *bits)
{
  g_autoptr(GByteArray) der = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  unsigned int n = 0;
  int algorithm = GNUTLS_E_INTERNAL_ERROR;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), FALSE);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL || gnutls_x509_crt_init (&crt) < 0)
    return FALSE;
  datum.data = der->data;
  datum.size = der->len;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) >= 0)
    algorithm = gnutls_x509_crt_get_pk_algorithm (crt, &n);
  gnutls_x509_crt_deinit (crt);
  if (algorithm < 0)
    return FALSE;
  *type = key_type (algorithm);
  *bits = n;
  return TRUE;
}

guint
pb_tls_policy_minimum_bits (PbTlsKeyType type)
{
  switch (type)
    {
    case PB_TLS_KEY_RSA:
    case PB_TLS_KEY_DSA:
      return 2048;
    case PB_TLS_KEY_EC:
      return 224;
    case PB_TLS_KEY_UNKNOWN:
    default:
      return 0;
    }
}

const char *
pb_tls_key_type_to_string (PbTlsKeyType type)
{
  static const char * const names[] = { "unknown", "RSA", "DSA", "EC" };

  g_return_val_if_fail (type < G_N_ELEMENTS (names), "unknown");
  return names[type];
}

const char *
pb_tls_version_to_string (GTlsProtocolVersion version)
{
  switch (version)
    {
    case G_TLS_PROTOCOL_VERSION_SSL_3_0:
      return "SSL 3.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_0:
      return "TLS 1.0";
    case G_TLS_PROTOCOL_VERSION_TLS_1_1:
      return "TLS 1.1";
    case G_TLS_PROTOCOL_VERSION_TLS_1_2:
      return "TLS 1.2";
    case G_TLS_PROTOCOL_VERSION_TLS_1_3:
      return "TLS 1.3";
    case G_TLS_PROTOCOL_VERSION_DTLS_1_0:
    case G_TLS_PROTOCOL_VERSION_DTLS_1_2:
    case G_TLS_PROTOCOL_VERSION_UNKNOWN:
    default:
      return NULL;
    }
}

gboolean
pb_tls_policy_judge (GTlsConnection  *tls,
                     GTlsCertificate *peer,
                     PbTlsVerdict    *verdict)
{
  GTlsProtocolVersion protocol = g_tls_connection_get_protocol_version (tls);

  memset (verdict, 0, sizeof *verdict);
  if (pb_tls_policy_version_outdated (protocol))
    verdict->outdated_version = pb_tls_version_to_string (protocol) ?: "SSL/TLS";
  verdict->weak_key = peer != NULL &&
                      pb_tls_policy_certificate_key (peer, &verdict->key_type,
                                                     &verdict->key_bits) &&
                      verdict->key_bits < pb_tls_policy_minimum_bits (verdict->key_type);
  return verdict->outdated_version == NULL && !verdict->weak_key;
}

GError *
pb_tls_policy_error (const PbTlsVerdict *verdict,
                     const char         *host)
{
  g_autoptr(GString) message = g_string_new (NULL);

  if (verdict->outdated_version != NULL)
    /* Translators: the first %s is a server, the second a protocol version ("TLS 1.0") */
    g_string_append_printf (message, _("%s offered only %s, an outdated encryption protocol "
                                       "(TLS 1.2 or later is required)"), host,
                            verdict->outdated_version);
  if (verdict->outdated_version != NULL && verdict->weak_key)
    g_string_append (message, "; ");
  if (verdict->weak_key)
    /* Translators: "The certificate of smtp.example.com has a 1024-bit RSA key (at least 2048
     * bits are required)" */
    g_string_append_printf (message, _("The certificate of %s has a %u-bit %s key (at least %u "
                                       "bits are required)"),
                            host, verdict->key_bits, pb_tls_key_type_to_string (verdict->key_type),
                            pb_tls_policy_minimum_bits (verdict->key_type));
  return g_error_new_literal (PB_NET_ERROR, PB_NET_ERROR_POLICY, message->str);
}

char *
pb_tls_policy_override_note (const PbTlsVerdict *verdict)
{
  const char *version = verdict->outdated_version;

  if (verdict->weak_key)
    return g_strdup_printf ("certificate trusted by its fingerprint despite %s%sa %u-bit %s key",
                            version ?: "", version ? " and " : "", verdict->key_bits,
                            pb_tls_key_type_to_string (verdict->key_type));
  return g_strdup_printf ("certificate trusted by its fingerprint despite %s", version);
}
