/* pb-export-mobileconfig.h: the account as a configuration profile for Apple devices
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An XML property list with one com.apple.mail.managed payload. The profile is unsigned:
 * the device installs it after a warning that calls it "unverified". Its identifiers are
 * derived from the address, so that a newer profile of the same account replaces the
 * older one on the device instead of adding a second account.
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* Needs both servers. password: NULL (the device asks for it, the default), or the
 * password written into the profile for both servers, only when the user asked for it. */
char *pb_export_mobileconfig_write (const PbExportAccount  *account,
                                    const char             *password,
                                    GError                **error);

G_END_DECLS
