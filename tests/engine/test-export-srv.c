/* test-export-srv.c: SRV records in zone-file syntax (RFC 6186, RFC 8314)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-export-srv.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

/* One comment, then one record per server, in the zone's own syntax. */
static void
test_records (void)
{
  g_autoptr(PbExportAccount) account = pb_test_export_account (NULL, NULL, NULL);
  g_autofree char *zone = pb_export_srv_write (account, NULL);
  g_auto(GStrv) lines = g_strsplit (zone, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "; SRV records (RFC 6186, RFC 8314) for the zone of example.com");
  g_assert_cmpstr (lines[1], ==,
                   "_submission._tcp.example.com.\t3600\tIN\tSRV\t10 1 587 smtp.example.com.");
  g_assert_cmpstr (lines[2], ==, "_imaps._tcp.example.com.\t3600\tIN\tSRV\t0 1 993 imap.example.com.");
  g_assert_cmpstr (lines[3], ==, "");
}

/* Each protocol and security has its service name; implicit TLS the preferred priority. */
static void
test_service_names (void)
{
  static const struct {
    PbProtocol protocol;
    PbSecurity security;
    guint16 port;
    const char *line;
  } cases[] = {
    { PB_PROTOCOL_SMTP, PB_SECURITY_TLS, 465, "_submissions._tcp.example.com.\t3600\tIN\tSRV\t0 1 465 mail.example.com." },
    { PB_PROTOCOL_IMAP, PB_SECURITY_STARTTLS, 143, "_imap._tcp.example.com.\t3600\tIN\tSRV\t10 1 143 mail.example.com." },
    { PB_PROTOCOL_POP3, PB_SECURITY_TLS, 995, "_pop3s._tcp.example.com.\t3600\tIN\tSRV\t0 1 995 mail.example.com." },
    { PB_PROTOCOL_POP3, PB_SECURITY_STARTTLS, 110, "_pop3._tcp.example.com.\t3600\tIN\tSRV\t10 1 110 mail.example.com." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbServerConfig) s = pb_server_config_new (cases[i].protocol, "Mail.Example.com.",
                                                          cases[i].port, cases[i].security,
                                                          PB_AUTH_PASSWORD_CLEARTEXT, NULL);
      gboolean smtp = cases[i].protocol == PB_PROTOCOL_SMTP;
      g_autoptr(PbExportAccount) a = pb_export_account_new ("bob@example.com", NULL,
                                                            smtp ? NULL : s, smtp ? s : NULL,
                                                            NULL);
      g_autofree char *zone = pb_export_srv_write (a, NULL);
      g_auto(GStrv) lines = g_strsplit (zone, "\n", -1);

      g_assert_cmpuint (g_strv_length (lines), ==, 3);
      g_assert_cmpstr (lines[1], ==, cases[i].line);
      g_assert_cmpstr (lines[2], ==, "");
    }
}

/* An international domain is written as the DNS has it; a newline in a host never gets
 * as far as the zone (the model refuses it). */
static void
test_hostile_names (void)
{
  g_autoptr(PbServerConfig) idn = pb_test_export_server (PB_PROTOCOL_SMTP, "mail.bücher.example",
                                                         465, PB_SECURITY_TLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbServerConfig) evil = pb_server_config_new (PB_PROTOCOL_SMTP,
                                                         "a.example.com.\n@ IN NS evil.example",
                                                         465, PB_SECURITY_TLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("eva@bücher.example", NULL, NULL, idn,
                                                        NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) b = pb_export_account_new ("eva@example.com", NULL, NULL, evil,
                                                        &error);
  g_autofree char *zone = pb_export_srv_write (a, NULL);

  g_assert_nonnull (strstr (zone, "\n_submissions._tcp.xn--bcher-kva.example.\t3600\tIN\tSRV\t0 1 465 "
                                  "mail.xn--bcher-kva.example.\n"));
  g_assert_null (b);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-srv/records", test_records);
  g_test_add_func ("/export-srv/service-names", test_service_names);
  g_test_add_func ("/export-srv/hostile-names", test_hostile_names);
  return g_test_run ();
}
