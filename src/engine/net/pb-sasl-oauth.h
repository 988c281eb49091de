/* pb-sasl-oauth.h: the SASL mechanisms for an OAuth 2.0 bearer token, XOAUTH2 and
 * OAUTHBEARER (RFC 7628), and the server's error answer to them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions, no I/O, as pb-sasl.h. A response carries the access token: release it
 * with pb_secret_free(). A failed token login is a challenge with a JSON document
 * (base64), which the client answers with pb_sasl_oauth_abort_response() to get the final
 * refusal; pb_sasl_oauth_parse_error() reads that document.
 */
#pragma once

#include <glib.h>

#include "pb-secret.h"

G_BEGIN_DECLS

typedef enum {
  PB_SASL_OAUTH_XOAUTH2,      /* Google's and Microsoft's */
  PB_SASL_OAUTH_OAUTHBEARER,  /* RFC 7628 */
} PbSaslOAuthMechanism;

/* What the server's error document says about the token. */
typedef enum {
  PB_SASL_OAUTH_REFUSED,         /* a status this does not know */
  PB_SASL_OAUTH_INVALID_TOKEN,   /* expired, revoked or never valid: refresh once */
  PB_SASL_OAUTH_INSUFFICIENT_SCOPE,
  PB_SASL_OAUTH_INVALID_REQUEST, /* the client's mistake */
} PbSaslOAuthStatus;

typedef struct {
  PbSaslOAuthStatus status;
  char             *status_text;     /* "401", "invalid_token": as the server sent it */
  char             *scope;           /* the scope the server wants, or NULL */
  char             *openid_configuration; /* RFC 7628's discovery URL, or NULL */
} PbSaslOAuthError;

/* The mechanism of those the server offers, OAUTHBEARER before XOAUTH2. When it offers
 * neither: FALSE, with error in the client's domain and code. */
gboolean          pb_sasl_oauth_choose         (gboolean              offers_oauthbearer,
                                                gboolean              offers_xoauth2,
                                                GQuark                domain,
                                                int                   code,
                                                PbSaslOAuthMechanism *mechanism,
                                                GError              **error);
/* base64 of the mechanism's initial response: XOAUTH2 "user=U^Aauth=Bearer T^A^A";
 * OAUTHBEARER "n,a=U,^Ahost=H^Aport=P^Aauth=Bearer T^A^A" (RFC 7628 3.1, "," and "=" in the
 * user escaped). host may be NULL (then no host and port). NULL for a user or token that
 * holds ^A (0x01) or a line end, which would end the message early. */
char             *pb_sasl_oauth_response       (PbSaslOAuthMechanism mechanism,
                                                const char          *username,
                                                const char          *token,
                                                const char          *host,
                                                guint16              port);
/* What a client sends after an error challenge: OAUTHBEARER "^A" (RFC 7628 3.2.3), XOAUTH2
 * an empty response. Static. */
const char       *pb_sasl_oauth_abort_response (PbSaslOAuthMechanism mechanism);
/* The error challenge (base64 JSON), or NULL when it is no such document. */
PbSaslOAuthError *pb_sasl_oauth_parse_error    (const char          *challenge_base64);
void              pb_sasl_oauth_error_free     (PbSaslOAuthError    *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSaslOAuthError, pb_sasl_oauth_error_free)

G_END_DECLS
