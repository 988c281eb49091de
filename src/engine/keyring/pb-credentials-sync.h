/* pb-credentials-sync.h: blocking forms of the keyring calls, for the command line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-credentials.h"

G_BEGIN_DECLS

/* Each runs the async call of pb-credentials.h on a private main context until it ends.
 * The GUI uses the async calls. */
gboolean            pb_credentials_store_sync          (PbProtocol          protocol,
                                                        const char         *host,
                                                        guint16             port,
                                                        const char         *user,
                                                        const char         *password,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
gboolean            pb_credentials_store_foreign_sync  (const SecretSchema *schema,
                                                        GHashTable         *attributes,
                                                        const char         *label,
                                                        const char         *password,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
PbPassword         *pb_credentials_lookup_sync         (PbProtocol          protocol,
                                                        const char         *host,
                                                        guint16             port,
                                                        const char         *user,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
gboolean            pb_credentials_clear_sync          (const char         *user,
                                                        const char         *host,
                                                        guint16             port,
                                                        PbCredentialsFlags  flags,
                                                        guint              *n_removed,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
gboolean            pb_credentials_clear_foreign_sync  (const SecretSchema *schema,
                                                        GHashTable         *attributes,
                                                        PbCredentialsFlags  flags,
                                                        guint              *n_removed,
                                                        GCancellable       *cancellable,
                                                        GError            **error);

G_END_DECLS
