/* pb-credentials.h: passwords in the desktop keyring (libsecret), and nowhere else
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "pb-credentials-error.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

/* A password from the keyring: free (and wipe) it with pb_credentials_password_free().
 * g_autoptr(PbPassword) pw = pb_credentials_lookup_finish (...); */
typedef char PbPassword;


/* The schema "io.github.postbote.Postbote": protocol (string smtp|imap|pop3),
 * host (string), port (integer), user (string). */
const SecretSchema *pb_credentials_get_schema          (void);

/* "Postbote: alice@example.com on smtp.example.com (SMTP)", in the current locale. */
char               *pb_credentials_make_label          (PbProtocol          protocol,
                                                        const char         *host,
                                                        const char         *user);

/* The attributes of a password under that schema (host in lower case). */
GHashTable         *pb_credentials_make_attributes     (PbProtocol          protocol,
                                                        const char         *host,
                                                        guint16             port,
                                                        const char         *user);

/* Whether the caller may let the desktop show an unlock prompt: a display is there. */
PbCredentialsFlags  pb_credentials_default_flags       (void);

/* Stores (or replaces: the same four attributes are one item) the password. The password
 * is copied into non-pageable memory at once; the caller may wipe its copy on return. */
void                pb_credentials_store               (PbProtocol          protocol,
                                                        const char         *host,
                                                        guint16             port,
                                                        const char         *user,
                                                        const char         *password,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
gboolean            pb_credentials_store_finish        (GAsyncResult       *result,
                                                        GError            **error);

/* Stores the password as another program looks it up: under its schema and attributes
 * (string values; the table is not changed), with the same unlocking and errors as
 * pb_credentials_store(). Finish with pb_credentials_store_finish(). */
void                pb_credentials_store_foreign       (const SecretSchema *schema,
                                                        GHashTable         *attributes,
                                                        const char         *label,
                                                        const char         *password,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);

/* Finishes with the password, or NULL without an error when none is stored. */
void                pb_credentials_lookup              (PbProtocol          protocol,
                                                        const char         *host,
                                                        guint16             port,
                                                        const char         *user,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
PbPassword         *pb_credentials_lookup_finish       (GAsyncResult       *result,
                                                        GError            **error);
/* The same for an item of another schema (an OAuth refresh token); attributes are not
 * taken. Finished with pb_credentials_lookup_finish(). */
void                pb_credentials_lookup_foreign      (const SecretSchema *schema,
                                                        GHashTable         *attributes,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);

/* Removes the stored passwords of @user, of every protocol; only those on @host when it
 * is not NULL, and only those on @port when it is not 0. */
void                pb_credentials_clear               (const char         *user,
                                                        const char         *host,
                                                        guint16             port,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
/* The same for the items of another schema that have these attributes (the OAuth refresh
 * tokens of a user); attributes are not taken. Finished with pb_credentials_clear_finish(). */
void                pb_credentials_clear_foreign       (const SecretSchema *schema,
                                                        GHashTable         *attributes,
                                                        PbCredentialsFlags  flags,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
/* Returns FALSE on error; @n_removed (may be NULL) is how many passwords were removed. */
gboolean            pb_credentials_clear_finish        (GAsyncResult       *result,
                                                        guint              *n_removed,
                                                        GError            **error);

/* Wipes and frees a password from pb_credentials_lookup_finish(); NULL is fine. */
void                pb_credentials_password_free       (PbPassword         *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbPassword, pb_credentials_password_free)

G_END_DECLS
