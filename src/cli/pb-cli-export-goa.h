/* pb-cli-export-goa.h: postbote export --format goa: the account into GNOME Online Accounts
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* Adds account to GNOME Online Accounts with its passwords (the one typed with
 * password_stdin, else those Postbote saved for its servers) and records what it added.
 * An exit status. */
int pb_cli_export_goa        (const PbExportAccount *account,
                              gboolean               password_stdin);
/* Removes the account the last hand-off of address added. An exit status. */
int pb_cli_export_goa_remove (const char            *address);

G_END_DECLS
