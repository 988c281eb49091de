/* pb-export-handoff.h: the hand-offs that change something outside Postbote, off the main
 * thread, with the passwords Postbote saved
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window hands a verified account to GNOME Online Accounts or msmtp with these; each
 * runs in a thread (keyring and D-Bus calls may wait for a prompt or a daemon) on its own
 * copy of the account. The passwords are the ones Postbote saved for the servers (the
 * window's "Remember password"): none is ever typed again, shown or written to a file.
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* The password Postbote saved for server; NULL without an error when none is. */
char     *pb_export_saved_password_sync  (const PbServerConfig  *server,
                                          GCancellable          *cancellable,
                                          GError               **error);

/* Adds account to GNOME Online Accounts on bus (details: pb_export_goa_get_details() of the
 * account) with the saved passwords and records the new
 * account (pb_export_store_set_goa_account) for the undo. The object path; NULL with
 * G_IO_ERROR_NOT_FOUND when a password is not saved, G_IO_ERROR_EXISTS when Postbote's
 * earlier hand-off of the address is still there, or the errors of pb_export_goa_add. */
void      pb_export_handoff_goa_async    (GDBusConnection       *bus,
                                          const PbExportAccount *account,
                                          GVariant              *details,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
char     *pb_export_handoff_goa_finish   (GAsyncResult          *result,
                                          GError               **error);
/* Removes the account the hand-off of address added (object_path) and forgets the record. */
void      pb_export_handoff_goa_undo_async  (GDBusConnection    *bus,
                                             const char         *address,
                                             const char         *object_path,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean  pb_export_handoff_goa_undo_finish (GAsyncResult       *result,
                                             GError            **error);

/* Appends account to msmtp's file and copies the saved SMTP password to msmtp's keyring
 * item when one is saved (*password_copied says whether; when the keyring could not be read,
 * *password_error says why). The file's path. */
void      pb_export_handoff_msmtp_async  (const PbExportAccount *account,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
char     *pb_export_handoff_msmtp_finish (GAsyncResult          *result,
                                          gboolean              *password_copied,
                                          GError               **password_error,
                                          GError               **error);

G_END_DECLS
