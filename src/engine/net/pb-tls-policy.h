/* pb-tls-policy.h: what a TLS session must offer before a password goes through it
 *
 * GIO (glib-networking with GnuTLS) still negotiates TLS 1.0 and 1.1 and accepts a 1024-bit
 * RSA certificate without a flag. RFC 8996 deprecates TLS 1.0 and 1.1, and RFC 8314 asks mail
 * clients for TLS 1.2 or later; keys under 2048 bits (RSA, DSA) or 224 bits (elliptic
 * curves) are within reach of attackers. This policy says so; the SMTP client refuses such a
 * session right after the handshake, before AUTH, unless the user trusts exactly that
 * certificate for that host and port.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  PB_TLS_KEY_UNKNOWN,
  PB_TLS_KEY_RSA,        /* RSA and RSA-PSS */
  PB_TLS_KEY_DSA,
  PB_TLS_KEY_EC,         /* elliptic curves: ECDSA, EdDSA, GOST */
} PbTlsKeyType;

/* The oldest acceptable version is TLS 1.2 (DTLS 1.2). UNKNOWN is a version newer than GIO
 * knows, not an old one. */
gboolean    pb_tls_policy_version_outdated (GTlsProtocolVersion  version);

/* The public key of the certificate: its type and size in bits. FALSE if it cannot be read. */
gboolean    pb_tls_policy_certificate_key  (GTlsCertificate     *certificate,
                                            PbTlsKeyType        *type,
                                            guint               *bits);
/* The fewest bits acceptable for a key of this type; 0 for a type this policy cannot judge. */
guint       pb_tls_policy_minimum_bits     (PbTlsKeyType         type);
/* "RSA", "DSA", "EC" or "unknown". */
const char *pb_tls_key_type_to_string      (PbTlsKeyType         type);

G_END_DECLS
