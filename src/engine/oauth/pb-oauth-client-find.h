/* pb-oauth-client-find.h: the client a sign-in uses, configured or registered
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A configured client (the "oauth-clients" setting, else the build's default:
 * pb-oauth-client.h) always wins. Without one, where the preset names the issuer identifier,
 * Postbote's own registration there: saved in the keyring (pb-oauth-store.h), else made now
 * (pb-oauth-registration.h) and saved. A registration belongs to the installation:
 * forgetting an address's sign-ins keeps it.
 */
#pragma once

#include <gio/gio.h>

#include "pb-credentials.h"
#include "pb-oauth-client.h"
#include "pb-oauth-issuer.h"

G_BEGIN_DECLS

typedef enum {
  PB_OAUTH_CLIENT_FIND_DEFAULT    = 0,
  /* The server refused the saved registration (invalid_client): drop it, register again. */
  PB_OAUTH_CLIENT_FIND_RENEW      = 1 << 0,
  /* A configured or saved client only, no registration now: for a sign-in that may not
   * open a browser, which could only use a saved sign-in, and that belongs to a client
   * registered before. Without one: PB_OAUTH_ERROR_INVALID_GRANT (no sign-in saved). */
  PB_OAUTH_CLIENT_FIND_SAVED_ONLY = 1 << 1,
} PbOAuthClientFindFlags;

/* clients: the setting's value (type a{sa{ss}}), or NULL to read it. */
void           pb_oauth_client_find_async  (const PbOAuthIssuer   *issuer,
                                            GVariant              *clients,
                                            PbOAuthClientFindFlags find_flags,
                                            PbCredentialsFlags     flags,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
/* The client, and whether it is a registration; or NULL and PB_OAUTH_ERROR_NO_CLIENT (the
 * message says why), an error of the registration (pb_oauth_register_async()),
 * PB_OAUTH_ERROR_INVALID_GRANT (SAVED_ONLY) or G_IO_ERROR_CANCELLED. */
PbOAuthClient *pb_oauth_client_find_finish (GAsyncResult        *result,
                                            gboolean            *registered,
                                            GError             **error);

G_END_DECLS
