/* pb-oauth-device.h: the device authorization grant (RFC 8628)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For support staff on a machine without a browser the person can use: Postbote asks the
 * issuer's device endpoint for a code, the person enters it at the issuer's page on any
 * device (a phone), and Postbote polls the token endpoint until the person has answered
 * (pb_oauth_token_device_poll_async()). Only over HTTPS with a valid certificate.
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-oauth-client.h"
#include "pb-oauth-error.h"

G_BEGIN_DECLS

/* RFC 8628 3.5: the interval when the server names none. */
#define PB_OAUTH_DEVICE_DEFAULT_INTERVAL_S 5

typedef struct {
  char  *device_code;               /* wiped on free: it fetches the tokens */
  char  *user_code;                 /* what the person types */
  char  *verification_uri;          /* https: where */
  char  *verification_uri_complete; /* https, with the code in it, or NULL */
  guint  expires_in;                /* seconds */
  guint  interval;                  /* seconds between polls */
} PbOAuthDeviceGrant;

void                pb_oauth_device_grant_free     (PbOAuthDeviceGrant *grant);
/* The device authorization response (RFC 8628 3.2): NULL and PB_OAUTH_ERROR_PROTOCOL without
 * a device code, a user code, an https verification URI or a positive lifetime; the
 * server's refusal (RFC 6749 5.2) as PB_OAUTH_ERROR_DENIED. */
PbOAuthDeviceGrant *pb_oauth_device_grant_parse    (const char         *json,
                                                    gsize               len,
                                                    GError            **error);
/* POSTs client_id (and secret) and scope to device_url. */
void                pb_oauth_device_authorize_async  (SoupSession         *session,
                                                      const char          *device_url,
                                                      const PbOAuthClient *client,
                                                      const char          *scope,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PbOAuthDeviceGrant *pb_oauth_device_authorize_finish (GAsyncResult        *result,
                                                      GError             **error);

/* What the person must see to answer the grant. */
typedef void (*PbOAuthDeviceShow) (const PbOAuthDeviceGrant *grant,
                                   gpointer                  user_data);

/* The whole grant: asks for a code, shows it (show is called once), and polls the token
 * endpoint at the server's interval (longer after slow_down) until the person answered,
 * the grant expired or timeout_ms passed (PB_OAUTH_ERROR_TIMED_OUT). Finished with
 * pb_oauth_token_finish(): the tokens, or PB_OAUTH_ERROR_DENIED when the person said no. */
void                pb_oauth_device_sign_in_async  (SoupSession         *session,
                                                    const char          *device_url,
                                                    const char          *token_url,
                                                    const PbOAuthClient *client,
                                                    const char          *scope,
                                                    guint                timeout_ms,
                                                    PbOAuthDeviceShow    show,
                                                    gpointer             show_data,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbOAuthDeviceGrant, pb_oauth_device_grant_free)

G_END_DECLS
