/* pb-oauth-metadata.h: an authorization server's metadata (RFC 8414, OpenID Connect
 * Discovery), read only to register Postbote there
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preset is trusted, a fetched document is not: its issuer must be the preset's
 * identifier (RFC 8414 3.3), every endpoint it names https, and its authorization and token
 * endpoints the preset's own. Of the rest only what a registration needs is kept.
 */
#pragma once

#include <glib.h>

#include "pb-oauth-issuer.h"

G_BEGIN_DECLS

/* A metadata document is a few kilobytes; more is not one. */
#define PB_OAUTH_MAX_METADATA 65536
/* RFC 8628's grant type, as grant_types_supported names it. */
#define PB_OAUTH_DEVICE_GRANT_TYPE "urn:ietf:params:oauth:grant-type:device_code"

typedef struct {
  char     *registration_endpoint; /* https, or NULL: the server allows no registration */
  gboolean  device_grant;          /* grant_types_supported names the device grant */
  char     *auth_method;           /* the token_endpoint_auth_method to register with:
                                    * "none", or "client_secret_post" where the server lists
                                    * methods without "none"; NULL: none Postbote can do */
} PbOAuthMetadata;

/* Where the metadata of identifier is, in the order to try: RFC 8414 3.1's
 * /.well-known/oauth-authorization-server inserted between host and path, then OpenID
 * Connect Discovery's identifier + /.well-known/openid-configuration. NULL-terminated;
 * NULL when identifier is no https URL. */
GStrv            pb_oauth_metadata_urls  (const char          *identifier);
/* The document (at most PB_OAUTH_MAX_METADATA bytes) checked against issuer (whose
 * identifier must be set), or NULL and PB_OAUTH_ERROR_METADATA that says what is wrong. */
PbOAuthMetadata *pb_oauth_metadata_parse (const char          *json,
                                          gsize                len,
                                          const PbOAuthIssuer *issuer,
                                          GError             **error);
void             pb_oauth_metadata_free  (PbOAuthMetadata     *metadata);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOAuthMetadata, pb_oauth_metadata_free)

G_END_DECLS
