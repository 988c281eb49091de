/* pb-export-goa.h: the verified account handed to GNOME Online Accounts
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * goa-daemon (org.gnome.OnlineAccounts on the session bus) keeps the accounts that
 * Evolution, Geary and GNOME's calendar and contacts read. Its "imap_smtp" provider takes an
 * account as details (the strings of its accounts.conf) and the passwords as credentials,
 * which the daemon stores in the keyring under its own schema: nothing of it is written by
 * Postbote. The provider knows IMAP and SMTP only, and logs in to SMTP with PLAIN or LOGIN.
 * A port other than the one it assumes travels in the host as "host:port": the daemon and
 * Evolution both read the host with g_network_address_parse(), assuming 993 (SSL) or 143
 * for IMAP and 465 (SSL) or 587 for SMTP.
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

#define PB_EXPORT_GOA_BUS_NAME "org.gnome.OnlineAccounts"

/* The provider's details (a{ss}, floating): booleans "true"/"false", certificate errors
 * never accepted. NO_SERVER without both halves; UNSUPPORTED for a POP3 account or a login
 * the provider cannot do. */
GVariant *pb_export_goa_get_details         (const PbExportAccount *account,
                                             GError               **error);

/* Whether the outgoing server takes a login, so that the account carries its password. */
gboolean  pb_export_goa_smtp_needs_password (const PbExportAccount *account);

/* Whether goa-daemon is on bus: the name has an owner or the bus can start it. */
void      pb_export_goa_is_available_async  (GDBusConnection      *bus,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  pb_export_goa_is_available_finish (GAsyncResult         *result);
gboolean  pb_export_goa_is_available_sync   (GDBusConnection      *bus,
                                             GCancellable         *cancellable);

/* Adds the account (Manager.AddAccount) with details (pb_export_goa_get_details() of the
 * account, made once: it also says whether GOA can take it) and its passwords:
 * imap_password, and smtp_password when the outgoing server needs a login. The new
 * account's object path; NULL with NOT_AVAILABLE when goa-daemon is not on the bus.
 * Blocks: call it off the main thread (pb-export-handoff) or from a command line. */
char     *pb_export_goa_add_sync            (GDBusConnection       *bus,
                                             const PbExportAccount *account,
                                             GVariant              *details,
                                             const char            *imap_password,
                                             const char            *smtp_password,
                                             GCancellable          *cancellable,
                                             GError               **error);

/* Removes the account at object_path (Account.Remove), its keyring item with it: the undo
 * of an add. G_IO_ERROR_NOT_FOUND when it is gone already. */
gboolean  pb_export_goa_remove_sync         (GDBusConnection       *bus,
                                             const char            *object_path,
                                             GCancellable          *cancellable,
                                             GError               **error);

G_END_DECLS
