/* pb-test-export.c: the account the export writers' tests hand to each writer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-i18n.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

void
pb_test_export_init (int    *argc,
                     char ***argv)
{
  pb_i18n_init ();
  /* Every directory of XDG's in a temporary place: nothing a test stores stays. */
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  pb_test_set_language ("en");
}

PbServerConfig *
pb_test_export_server (PbProtocol   protocol,
                       const char  *host,
                       guint16      port,
                       PbSecurity   security,
                       PbAuthMethod auth)
{
  return pb_server_config_new (protocol, host, port, security, auth, NULL);
}

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
