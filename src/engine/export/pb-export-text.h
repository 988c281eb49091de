/* pb-export-text.h: the whole account as text, for a ticket or a note
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* Both servers with host, port, security, user name and login method, in the current
 * language. Never a password: the model holds none, and the text says so. */
char *pb_export_text_write (const PbExportAccount *account);

G_END_DECLS
