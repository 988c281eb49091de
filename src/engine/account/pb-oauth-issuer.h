/* pb-oauth-issuer.h: a provider's OAuth 2.0 authorization server, as autoconfig's <oAuth2>
 * names it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *issuer;     /* "accounts.google.com" */
  char *scope;      /* space-separated, as the authorization request sends it */
  char *auth_url;   /* https */
  char *token_url;  /* https */
  char *device_url; /* https: the device authorization endpoint (RFC 8628), or NULL */
  char *identifier; /* https: the issuer identifier of RFC 8414 ("https://login.example/
                     * realms/mail"), where the preset names one, or NULL: its metadata
                     * tells whether Postbote may register itself (pb-oauth-registration.h) */
} PbOAuthIssuer;

/* Whether url is an https URL with a host (what every OAuth endpoint must be, RFC 6749 3.1). */
gboolean       pb_oauth_url_is_https (const char          *url);
/* NULL unless all four are there and both URLs are https URLs with a host. */
PbOAuthIssuer *pb_oauth_issuer_new  (const char          *issuer,
                                     const char          *scope,
                                     const char          *auth_url,
                                     const char          *token_url);
PbOAuthIssuer *pb_oauth_issuer_copy (const PbOAuthIssuer *issuer);
/* Sets the device authorization endpoint; NULL, or a URL that is no https URL, unsets it. */
void           pb_oauth_issuer_set_device_url (PbOAuthIssuer *issuer,
                                               const char    *device_url);
/* Sets the issuer identifier (RFC 8414 2: https, no query, no fragment); NULL, or one that
 * is not that, unsets it. */
void           pb_oauth_issuer_set_identifier (PbOAuthIssuer *issuer,
                                               const char    *identifier);
void           pb_oauth_issuer_free (PbOAuthIssuer       *issuer);
/* Whether the space-separated scope holds this one. */
gboolean       pb_oauth_issuer_has_scope (const PbOAuthIssuer *issuer,
                                          const char          *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOAuthIssuer, pb_oauth_issuer_free)

G_END_DECLS
