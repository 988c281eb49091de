/* pb-certificate.h: a certificate's fingerprint, pins, and its validation errors in words
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table turns GTlsCertificateFlags into ids (JSON), short labels (the text report) and
 * sentence parts (the window and the trust question), so the three always name the same
 * errors in the same order.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Lower-case hex SHA-256 of the DER form, colon separated ("ab:cd:..."). */
char     *pb_certificate_sha256                  (GTlsCertificate      *certificate);
/* 64 lower-case hex digits from a fingerprint with or without colons or spaces, or NULL
 * when it is not a SHA-256 fingerprint. */
char     *pb_certificate_normalize_fingerprint   (const char           *sha256);
/* Whether the certificate has this fingerprint (normalized, see above). */
gboolean  pb_certificate_matches_fingerprint     (GTlsCertificate      *certificate,
                                                  const char           *normalized);

/* "unknown-ca", "bad-identity", "not-activated", "expired", "revoked", "insecure",
 * "generic-error", NULL-terminated; free with g_strfreev. */
char    **pb_certificate_flags_to_strings        (GTlsCertificateFlags  flags);
/* Localized short labels joined by ", " ("issuer not trusted, expired"); "" for none. */
char     *pb_certificate_flags_to_labels         (GTlsCertificateFlags  flags);
/* Localized parts of a sentence joined by "; " ("it has expired; ..."); for no known reason
 * "it could not be verified". */
char     *pb_certificate_flags_to_reasons        (GTlsCertificateFlags  flags);

G_END_DECLS
