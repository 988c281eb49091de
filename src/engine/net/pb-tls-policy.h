/* pb-tls-policy.h: what a TLS session must offer before a password goes through it
 *
 * GIO (glib-networking with GnuTLS) still negotiates TLS 1.0 and 1.1 and accepts a 1024-bit
 * RSA certificate without a flag. RFC 8996 deprecates TLS 1.0 and 1.1, and RFC 8314 asks mail
 * clients for TLS 1.2 or later; keys under 2048 bits (RSA, DSA) or 224 bits (elliptic
 * curves) are within reach of attackers. This policy says so; the SMTP client refuses such a
 * session right after the handshake, before AUTH, unless the user trusts exactly that
 * certificate for that host and port.
 *
 * Everything here is about TLS alone: the connection core (pb-connection-tls.c) applies it
 * after each handshake, whatever protocol runs on top.
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
/* "TLS 1.2", "SSL 3.0", ...; NULL for a DTLS or unknown version. */
const char *pb_tls_version_to_string       (GTlsProtocolVersion  version);

/* What the policy finds in one session. */
typedef struct {
  const char   *outdated_version;  /* static: "TLS 1.0" when too old, else NULL */
  gboolean      weak_key;
  PbTlsKeyType  key_type;          /* when weak_key */
  guint         key_bits;
} PbTlsVerdict;

/* Judges a session after its handshake; peer may be NULL. TRUE when nothing is wrong. */
gboolean    pb_tls_policy_judge            (GTlsConnection      *tls,
                                            GTlsCertificate     *peer,
                                            PbTlsVerdict        *verdict);
/* The refusal, for people (PB_NET_ERROR_POLICY): host is the server's name. */
GError     *pb_tls_policy_error            (const PbTlsVerdict  *verdict,
                                            const char          *host);
/* The transcript's note when a pinned certificate lets such a session through. */
char       *pb_tls_policy_override_note    (const PbTlsVerdict  *verdict);

G_END_DECLS
