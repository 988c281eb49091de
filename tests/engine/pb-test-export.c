/* pb-test-export.c: the account the export writers' tests hand to each writer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-test-export.h"

PbExportAccount *
pb_test_export_account (const char *name,
                        const char *in_user,
                        const char *out_user)
{
  g_autoptr(PbServerConfig) in = pb_server_config_new (PB_PROTOCOL_IMAP, "imap.example.com",
                                                       993, PB_SECURITY_TLS,
                                                       PB_AUTH_PASSWORD_CLEARTEXT, in_user);
  g_autoptr(PbServerConfig) out = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                        587, PB_SECURITY_STARTTLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT, out_user);
  g_autoptr(GError) error = NULL;
  PbExportAccount *account = pb_export_account_new ("alice@example.com", name, in, out, &error);

  g_assert_no_error (error);
  return account;
}
