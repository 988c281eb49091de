/* pb-oauth-issuer.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-oauth-issuer.h"

gboolean
pb_oauth_url_is_https (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && g_str_equal (g_uri_get_scheme (uri), "https") &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

/* An endpoint: https, and no fragment (RFC 6749 3.1). */
static gboolean
is_https (const char *url)
{
  return pb_oauth_url_is_https (url) && strchr (url, '#') == NULL;
}

PbOAuthIssuer *
pb_oauth_issuer_new (const char *issuer,
                     const char *scope,
                     const char *auth_url,
                     const char *token_url)
{
  PbOAuthIssuer *self;

  if (issuer == NULL || *issuer == '\0' || scope == NULL || *scope == '\0' ||
      !is_https (auth_url) || !is_https (token_url))
    return NULL;
  self = g_new0 (PbOAuthIssuer, 1);
  self->issuer = g_strdup (issuer);
  self->scope = g_strdup (scope);
  self->auth_url = g_strdup (auth_url);
  self->token_url = g_strdup (token_url);
  return self;
}

PbOAuthIssuer *
pb_oauth_issuer_copy (const PbOAuthIssuer *issuer)
{
  PbOAuthIssuer *copy;

  if (issuer == NULL)
    return NULL;
  copy = pb_oauth_issuer_new (issuer->issuer, issuer->scope, issuer->auth_url,
                              issuer->token_url);
  pb_oauth_issuer_set_device_url (copy, issuer->device_url);
  pb_oauth_issuer_set_identifier (copy, issuer->identifier);
  return copy;
}

void
pb_oauth_issuer_set_device_url (PbOAuthIssuer *issuer,
                                const char    *device_url)
{
  g_return_if_fail (issuer != NULL);
  g_free (issuer->device_url);
  issuer->device_url = is_https (device_url) ? g_strdup (device_url) : NULL;
}

void
pb_oauth_issuer_set_identifier (PbOAuthIssuer *issuer,
                                const char    *identifier)
{
  g_return_if_fail (issuer != NULL);
  g_free (issuer->identifier);
  issuer->identifier = is_https (identifier) && strchr (identifier, '?') == NULL
                       ? g_strdup (identifier) : NULL;
}

void
pb_oauth_issuer_free (PbOAuthIssuer *issuer)
{
  if (issuer == NULL)
    return;
  g_free (issuer->issuer);
  g_free (issuer->scope);
  g_free (issuer->auth_url);
  g_free (issuer->token_url);
  g_free (issuer->device_url);
  g_free (issuer->identifier);
  g_free (issuer);
}

gboolean
pb_oauth_issuer_has_scope (const PbOAuthIssuer *issuer,
                           const char          *scope)
{
  g_auto(GStrv) scopes = NULL;

  g_return_val_if_fail (issuer != NULL && scope != NULL, FALSE);
  scopes = g_strsplit (issuer->scope, " ", -1);
  return g_strv_contains ((const char * const *) scopes, scope);
}
