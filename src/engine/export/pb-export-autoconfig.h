/* pb-export-autoconfig.h: the account's settings as the domain's autoconfig file
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thunderbird's config-v1.1 format, which Thunderbird, Evolution, GNOME Online Accounts
 * and Postbote read from https://autoconfig.<domain>/mail/config-v1.1.xml. It serves every
 * user of the domain, so a user name that is the address or its local part is written as
 * the placeholder (%EMAILADDRESS%, %EMAILLOCALPART%) that each client fills in.
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

char  *pb_export_autoconfig_write            (const PbExportAccount  *account,
                                              GError                **error);
/* Where the file is published for the domain, the address clients ask first first. */
GStrv  pb_export_autoconfig_get_publish_urls (const PbExportAccount  *account);

G_END_DECLS
