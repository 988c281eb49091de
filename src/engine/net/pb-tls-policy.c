/* pb-tls-policy.c
 *
 * The policy itself knows nothing of SMTP; pb_smtp_client_enforce_tls_policy() at the end
 * applies it to the client's session.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/x509.h>

#include "pb-smtp-client-private.h"
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

/* ---- the SMTP client ------------------------------------------------------------------- */

static GError *
policy_error (PbSmtpClient *self,
              const char   *version,
              gboolean      weak,
              PbTlsKeyType  type,
              guint         bits)
{
  g_autoptr(GString) message = g_string_new (NULL);

  if (version != NULL)
    /* Translators: the first %s is a server, the second a protocol version ("TLS 1.0") */
    g_string_append_printf (message, _("%s offered only %s, an outdated encryption protocol "
                                       "(TLS 1.2 or later is required)"), self->host, version);
  if (version != NULL && weak)
    g_string_append (message, "; ");
  if (weak)
    /* Translators: "The certificate of smtp.example.com has a 1024-bit RSA key (at least 2048
     * bits are required)" */
    g_string_append_printf (message, _("The certificate of %s has a %u-bit %s key (at least %u "
                                       "bits are required)"),
                            self->host, bits, pb_tls_key_type_to_string (type),
                            pb_tls_policy_minimum_bits (type));
  return g_error_new_literal (PB_SMTP_ERROR, PB_SMTP_ERROR_POLICY, message->str);
}

/* Right after a handshake, before anything is sent through it. A weak key counts as an
 * insecure certificate (G_TLS_CERTIFICATE_INSECURE), so the report, the JSON and the offer to
 * trust the certificate treat it like GnuTLS's own verdict on a weak signature. The only way
 * past: the user trusts exactly this certificate for this host and port, and the transcript
 * says what that overrides. */
gboolean
pb_smtp_client_enforce_tls_policy (PbSmtpOp *op)
{
  PbSmtpClient *self = g_task_get_source_object (op->task);
  GTlsProtocolVersion protocol = g_tls_connection_get_protocol_version (self->tls);
  const char *version = NULL;
  PbTlsKeyType type = PB_TLS_KEY_UNKNOWN;
  guint bits = 0;
  gboolean weak;
  g_autofree char *event = NULL;

  if (pb_tls_policy_version_outdated (protocol))
    version = pb_smtp_client_get_tls_version (self) ?: "SSL/TLS";
  weak = self->peer_cert != NULL &&
         pb_tls_policy_certificate_key (self->peer_cert, &type, &bits) &&
         bits < pb_tls_policy_minimum_bits (type);
  if (weak)
    self->cert_errors |= G_TLS_CERTIFICATE_INSECURE;
  if (version == NULL && !weak)
    return TRUE;

  if (self->peer_cert != NULL && pb_smtp_client_certificate_matches_pin (self, self->peer_cert))
    {
      self->cert_pinned = TRUE;
      if (weak)
        event = g_strdup_printf ("certificate trusted by its fingerprint despite %s%sa %u-bit %s "
                                 "key", version ?: "", version ? " and " : "", bits,
                                 pb_tls_key_type_to_string (type));
      else
        event = g_strdup_printf ("certificate trusted by its fingerprint despite %s", version);
      pb_smtp_client_log (self, '*', event);
      return TRUE;
    }
  pb_smtp_op_fail (op, policy_error (self, version, weak, type, bits),
                   version != NULL ? "tls-outdated" : "cert-insecure");
  return FALSE;
}
