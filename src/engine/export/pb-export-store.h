/* pb-export-store.h: the last verified settings of each address, for a later hand-off
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a setup test verified a server (connection, encryption and login all worked) and
 * the user chose to remember the account (the window's "Remember password", the command
 * line's --save-password), its settings are kept in one small key file per address under
 * $XDG_STATE_HOME/postbote/verified/ (mode 0600): protocol, host, port, security, login
 * method and the SASL mechanism the login used, user name and the time, never a password. Each half of the account (outgoing,
 * incoming) keeps its own group, so a test of one half leaves the other as it was; a
 * hand-off that can be undone (GNOME Online Accounts) records there what it added.
 * `postbote export` reads them back; `postbote forget ADDRESS` removes them.
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* The file of address (which need not exist). */
char            *pb_export_store_get_path (const char            *address);
/* Records server (the verified one) with user and mechanism (NULL when none was used), the
 * login it was verified with. */
gboolean         pb_export_store_save     (const char            *address,
                                           const PbServerConfig  *server,
                                           const char            *user,
                                           const char            *mechanism,
                                           GError               **error);
/* The settings of address; NULL with G_IO_ERROR_NOT_FOUND when none were verified, or a
 * PB_EXPORT_ERROR for a file that does not hold valid settings. */
PbExportAccount *pb_export_store_load     (const char            *address,
                                           GError               **error);
/* The GNOME Online Accounts account that the hand-off of address added (its object path),
 * kept so that it can be removed again; NULL for none. set_goa_account records path, or
 * with NULL forgets it. */
gboolean         pb_export_store_set_goa_account (const char    *address,
                                                  const char    *path,
                                                  GError       **error);
char            *pb_export_store_get_goa_account (const char    *address);
/* Removes the verified settings of address; TRUE also when there were none. The record of
 * an account the GOA hand-off added stays, so that it can still be removed. */
gboolean         pb_export_store_forget   (const char            *address,
                                           GError               **error);

G_END_DECLS
