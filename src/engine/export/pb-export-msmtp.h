/* pb-export-msmtp.h: the account for msmtp, the sender many mail programs use
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An account block of msmtp's configuration file without a password: msmtp (built with
 * libsecret, as Debian's is) looks the password up in the keyring under its own schema,
 * "de.marlam.msmtp.password" with the attributes host, service ("smtp") and user, the
 * host and user exactly as the block writes them. pb_export_msmtp_store_password_sync()
 * puts it there.
 */
#pragma once

#include "pb-credentials.h"
#include "pb-export-account.h"

G_BEGIN_DECLS

/* The block's account name: the address, with every character that msmtp's account
 * syntax gives a meaning (blanks, ':' and ',') replaced by '_'. */
char     *pb_export_msmtp_get_account_name   (const PbExportAccount  *account);
/* The account block (needs the outgoing server). */
char     *pb_export_msmtp_write              (const PbExportAccount  *account,
                                              GError                **error);
/* The file msmtp reads: ~/.msmtprc when it exists (msmtp then ignores the other), else
 * $XDG_CONFIG_HOME/msmtp/config. */
char     *pb_export_msmtp_get_config_path    (void);
/* Appends the block to path (created with mode 0600, its folder 0700, when missing); the
 * file's other accounts stay as they are. G_IO_ERROR_EXISTS when the file already has an
 * account of that name. */
gboolean  pb_export_msmtp_install            (const PbExportAccount  *account,
                                              const char             *path,
                                              GError                **error);
/* Stores password (the outgoing server's, accepted by it) where msmtp looks for it. */
gboolean  pb_export_msmtp_store_password_sync (const PbExportAccount *account,
                                               const char            *password,
                                               PbCredentialsFlags     flags,
                                               GCancellable          *cancellable,
                                               GError               **error);

G_END_DECLS
