/* pb-oauth-registration.h: Postbote registers itself at an issuer (RFC 7591)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a preset names the issuer identifier and no client is configured for it, the
 * issuer's metadata (pb-oauth-metadata.h) may name a registration endpoint. Postbote then
 * registers as a native app with loopback redirect URIs on PB_OAUTH_REGISTRATION_PORTS
 * (servers that compare redirect URIs exactly, against RFC 8252 7.3, take only those), for
 * the code and refresh grants and the device grant where the metadata lists it. A
 * registration is an entry as the "oauth-clients" setting holds one (pb-oauth-client.h),
 * plus what only a registration has: registration-access-token and registration-client-uri
 * (RFC 7592). client-secret and registration-access-token are secrets.
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-oauth-issuer.h"
#include "pb-oauth-metadata.h"

G_BEGIN_DECLS

/* A registration's answer is a few kilobytes; more is not one. */
#define PB_OAUTH_MAX_REGISTRATION_RESPONSE 65536
/* The loopback ports of a registration, as redirect-ports (pb-oauth-client.h) says them. */
#define PB_OAUTH_REGISTRATION_PORTS "47100-47109"

/* The registration request (RFC 7591 2, 3.1) for issuer, as JSON. device_grant: ask for
 * the device grant too. */
char     *pb_oauth_registration_request (const PbOAuthIssuer   *issuer,
                                         const PbOAuthMetadata *metadata,
                                         gboolean               device_grant);
/* The answer of a registration endpoint (RFC 7591 3.2.1), status its HTTP status: the entry
 * (type a{ss}, floating), or NULL and PB_OAUTH_ERROR_REGISTRATION_REFUSED with the server's
 * error and description (3.2.2), or PB_OAUTH_ERROR_PROTOCOL for what is neither. */
GVariant *pb_oauth_registration_parse   (guint                  status,
                                         const char            *json,
                                         gsize                  len,
                                         GError               **error);

/* Fetches the metadata of issuer (its identifier must be set) and registers there:
 * finishes with the entry, or PB_OAUTH_ERROR_NO_CLIENT when the server allows no
 * registration Postbote can do (the message says why), _METADATA, _REGISTRATION_REFUSED,
 * _PROTOCOL, a network error. */
void      pb_oauth_register_async       (SoupSession           *session,
                                         const PbOAuthIssuer   *issuer,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
GVariant *pb_oauth_register_finish      (GAsyncResult          *result,
                                         GError               **error);

G_END_DECLS
