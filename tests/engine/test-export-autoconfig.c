/* test-export-autoconfig.c: the domain's config-v1.1.xml, read back by Postbote's own parser
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-autoconfig.h"
#include "pb-export-autoconfig.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

static PbAccountConfig *
write_and_parse (const PbExportAccount *account)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = pb_export_autoconfig_write (account, &error);
  PbAccountConfig *config;

  g_assert_no_error (error);
  config = pb_autoconfig_parse (xml, strlen (xml), NULL, &error);
  g_assert_no_error (error);
  return config;
}

static void
assert_server (PbServerConfig *got,
               PbProtocol      protocol,
               const char     *host,
               guint16         port,
               PbSecurity      security,
               const char     *username)
{
  g_assert_nonnull (got);
  g_assert_cmpint (got->protocol, ==, protocol);
  g_assert_cmpstr (got->host, ==, host);
  g_assert_cmpuint (got->port, ==, port);
  g_assert_cmpint (got->security, ==, security);
  g_assert_cmpint (got->auth, ==, PB_AUTH_PASSWORD_CLEARTEXT);
  g_assert_cmpstr (got->username, ==, username);
}

/* A user name that is the address or its local part becomes the placeholder every user of
 * the domain fills in. */
static void
test_round_trip (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, "alice", NULL);
  g_autoptr(PbAccountConfig) config = write_and_parse (a);
  GPtrArray *in = pb_account_config_get_incoming (config);
  GPtrArray *out = pb_account_config_get_outgoing (config);

  g_assert_true (pb_account_config_has_domain (config, "example.com"));
  g_assert_cmpuint (in->len, ==, 1);
  g_assert_cmpuint (out->len, ==, 1);
  assert_server (in->pdata[0], PB_PROTOCOL_IMAP, "imap.example.com", 993, PB_SECURITY_TLS,
                 "%EMAILLOCALPART%");
  assert_server (out->pdata[0], PB_PROTOCOL_SMTP, "smtp.example.com", 587,
                 PB_SECURITY_STARTTLS, "%EMAILADDRESS%");
}

/* Any other user name is kept as it is, XML's special characters escaped by libxml2 and
 * read back unchanged. */
static void
test_escaping (void)
{
  const char *user = "a<b>&c\"d'e]]>";
  g_autoptr(PbExportAccount) a = pb_test_export_account ("<x>&", user, "shared&login");
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = pb_export_autoconfig_write (a, &error);
  g_autoptr(PbAccountConfig) config = write_and_parse (a);
  PbServerConfig *in = pb_account_config_get_first (config, PB_PROTOCOL_IMAP);
  PbServerConfig *out = pb_account_config_get_first (config, PB_PROTOCOL_SMTP);

  g_assert_nonnull (strstr (xml, "<username>a&lt;b&gt;&amp;c\"d'e]]&gt;</username>"));
  /* The person's name is no part of the domain's file. */
  g_assert_null (strstr (xml, "&lt;x&gt;"));
  g_assert_cmpstr (in->username, ==, user);
  g_assert_cmpstr (out->username, ==, "shared&login");
}

static void
test_pop3_and_plain (void)
{
  g_autoptr(PbServerConfig) in = pb_test_export_server (PB_PROTOCOL_POP3, "pop.example.com",
                                                        110, PB_SECURITY_NONE,
                                                        PB_AUTH_PASSWORD_ENCRYPTED);
  g_autoptr(PbExportAccount) alice = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("bob@example.com", NULL, in,
                                                        alice->outgoing, NULL);
  g_autoptr(PbAccountConfig) config = write_and_parse (a);
  PbServerConfig *pop = pb_account_config_get_first (config, PB_PROTOCOL_POP3);

  g_assert_cmpint (pop->security, ==, PB_SECURITY_NONE);
  g_assert_cmpint (pop->auth, ==, PB_AUTH_PASSWORD_ENCRYPTED);
  g_assert_cmpuint (pop->port, ==, 110);
}

static void
test_needs_both_and_urls (void)
{
  g_autoptr(PbServerConfig) out = pb_test_export_server (PB_PROTOCOL_SMTP, "smtp.example.com",
                                                         465, PB_SECURITY_TLS,
                                                         PB_AUTH_PASSWORD_CLEARTEXT);
  g_autoptr(PbExportAccount) a = pb_export_account_new ("bob@example.com", NULL, NULL, out, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = pb_export_autoconfig_write (a, &error);
  g_auto(GStrv) urls = pb_export_autoconfig_get_publish_urls (a);

  g_assert_null (xml);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
  g_assert_cmpuint (g_strv_length (urls), ==, 2);
  g_assert_cmpstr (urls[0], ==, "https://autoconfig.example.com/mail/config-v1.1.xml");
  g_assert_cmpstr (urls[1], ==, "https://example.com/.well-known/autoconfig/mail/config-v1.1.xml");
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-autoconfig/round-trip", test_round_trip);
  g_test_add_func ("/export-autoconfig/escaping", test_escaping);
  g_test_add_func ("/export-autoconfig/pop3-and-plain", test_pop3_and_plain);
  g_test_add_func ("/export-autoconfig/needs-both-and-urls", test_needs_both_and_urls);
  return g_test_run ();
}
