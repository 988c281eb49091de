/* pb-oauth-pkce.h: the secrets of one authorization request: PKCE (RFC 7636) and state
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 8252 8.1 asks a native app to use PKCE with S256 and RFC 6749 10.12 a state that
 * binds the redirect to the request. Both come from the system's random source (GLib's
 * g_random is not one: it is seeded for simulations, not secrets).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 43 characters of base64url (32 random bytes, RFC 7636 4.1): a code_verifier or a state.
 * NULL only when the system has no random source (then an error). */
char *pb_oauth_random_token      (GError     **error);
/* S256: BASE64URL (SHA256 (verifier)) without padding (RFC 7636 4.2). */
char *pb_oauth_pkce_challenge    (const char  *verifier);
/* Whether text is a verifier RFC 7636 allows: 43 to 128 characters of [A-Za-z0-9-._~]. */
gboolean pb_oauth_pkce_is_verifier (const char *text);

G_END_DECLS
