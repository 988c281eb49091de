/* pb-export-srv.h: the account's servers as the domain's SRV records (RFC 6186, RFC 8314)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In zone-file syntax, one record per verified server: _submissions, _imaps or _pop3s for
 * implicit TLS, _submission, _imap or _pop3 for STARTTLS (and for a server without
 * encryption, which SRV cannot say). Implicit TLS gets priority 0 and STARTTLS 10, so that
 * a client that finds both prefers implicit TLS (RFC 8314, section 5.1).
 */
#pragma once

#include "pb-export-account.h"

G_BEGIN_DECLS

/* PB_EXPORT_ERROR_NO_SERVER when the settings have neither server. */
char *pb_export_srv_write (const PbExportAccount  *account,
                           GError                **error);

G_END_DECLS
