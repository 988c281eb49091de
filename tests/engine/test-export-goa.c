/* test-export-goa.c: the details GNOME Online Accounts gets, what it is never given, and
 * the calls on a bus without goa-daemon (the real daemon: tests/cli/test-export-goa-lab.sh)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-export-goa.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

/* The value of key in details, NULL when it is missing. */
static const char *
detail (GVariant   *details,
        const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (details, key, "&s", &value))
    return NULL;
  return value;
}

static GVariant *
details_of (const PbExportAccount *account)
{
  g_autoptr(GError) error = NULL;
  GVariant *details = pb_export_goa_get_details (account, &error);

  g_assert_no_error (error);
  return g_variant_ref_sink (details);
}

/* An account with these servers, the SMTP login verified with mechanism. */
static PbExportAccount *
account_with (PbServerConfig  *in,
              PbServerConfig  *out,
              PbSaslMechanism  mechanism)
{
  g_autoptr(GError) error = NULL;
  PbExportAccount *account = pb_export_account_new ("bob@example.com", NULL, in, out, &error);

  g_assert_no_error (error);
  account->outgoing_mechanism = mechanism;
  pb_server_config_unref (in);
  if (out != NULL)
    pb_server_config_unref (out);
  return account;
}

static void
test_default_ports (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account ("Alice", "alice", "alice.smtp");
  g_autoptr(GVariant) d = details_of (a);

  g_assert_cmpstr (detail (d, "Enabled"), ==, "true");
  g_assert_cmpstr (detail (d, "EmailAddress"), ==, "alice@example.com");
  g_assert_cmpstr (detail (d, "Name"), ==, "Alice");
  /* 993 with SSL and 587 are what GOA assumes: the bare host name. */
  g_assert_cmpstr (detail (d, "ImapHost"), ==, "imap.example.com");
  g_assert_cmpstr (detail (d, "ImapUserName"), ==, "alice");
  g_assert_cmpstr (detail (d, "ImapUseSsl"), ==, "true");
  g_assert_cmpstr (detail (d, "ImapUseTls"), ==, "false");
  g_assert_cmpstr (detail (d, "ImapAcceptSslErrors"), ==, "false");
  g_assert_cmpstr (detail (d, "SmtpHost"), ==, "smtp.example.com");
  g_assert_cmpstr (detail (d, "SmtpUseAuth"), ==, "true");
  g_assert_cmpstr (detail (d, "SmtpUserName"), ==, "alice.smtp");
  /* No mechanism known: PLAIN, as GOA itself assumes then. */
  g_assert_cmpstr (detail (d, "SmtpAuthPlain"), ==, "true");
  g_assert_cmpstr (detail (d, "SmtpAuthLogin"), ==, "false");
  g_assert_cmpstr (detail (d, "SmtpUseSsl"), ==, "false");
  g_assert_cmpstr (detail (d, "SmtpUseTls"), ==, "true");
  g_assert_cmpstr (detail (d, "SmtpAcceptSslErrors"), ==, "false");
}

static void
test_other_ports (void)
{
  g_autoptr(PbExportAccount) a = account_with (
    pb_server_config_new (PB_PROTOCOL_IMAP, "mx.example.com", 143, PB_SECURITY_TLS,
                          PB_AUTH_PASSWORD_CLEARTEXT, NULL),
    pb_server_config_new (PB_PROTOCOL_SMTP, "mx.example.com", 25, PB_SECURITY_NONE,
                          PB_AUTH_PASSWORD_CLEARTEXT, NULL),
    PB_SASL_LOGIN);
  g_autoptr(GVariant) d = details_of (a);

  /* GOA would take 993 for SSL and 587 without it. */
  g_assert_cmpstr (detail (d, "ImapHost"), ==, "mx.example.com:143");
  g_assert_cmpstr (detail (d, "SmtpHost"), ==, "mx.example.com:25");
  g_assert_cmpstr (detail (d, "SmtpUseSsl"), ==, "false");
  g_assert_cmpstr (detail (d, "SmtpUseTls"), ==, "false");
  g_assert_cmpstr (detail (d, "SmtpAuthLogin"), ==, "true");
  g_assert_cmpstr (detail (d, "SmtpAuthPlain"), ==, "false");
  g_assert_null (detail (d, "Name"));
}

static void
test_no_smtp_login (void)
{
  g_autoptr(PbExportAccount) a = account_with (
    pb_server_config_new (PB_PROTOCOL_IMAP, "mx.example.com", 993, PB_SECURITY_TLS,
                          PB_AUTH_PASSWORD_CLEARTEXT, NULL),
    pb_server_config_new (PB_PROTOCOL_SMTP, "mx.example.com", 465, PB_SECURITY_TLS,
                          PB_AUTH_CLIENT_IP, NULL),
    PB_SASL_NONE);
  g_autoptr(GVariant) d = details_of (a);

  g_assert_false (pb_export_goa_smtp_needs_password (a));
  g_assert_cmpstr (detail (d, "SmtpHost"), ==, "mx.example.com");
  g_assert_cmpstr (detail (d, "SmtpUseAuth"), ==, "false");
  g_assert_null (detail (d, "SmtpUserName"));
  g_assert_cmpstr (detail (d, "SmtpAuthPlain"), ==, "false");
}

static void
test_refused (void)
{
  const struct {
    PbProtocol      in_protocol;
    PbAuthMethod    in_auth;
    PbAuthMethod    out_auth;
    PbSaslMechanism mechanism;
  } cases[] = {
    /* POP3: the provider has IMAP only. */
    { PB_PROTOCOL_POP3, PB_AUTH_PASSWORD_CLEARTEXT, PB_AUTH_PASSWORD_CLEARTEXT, PB_SASL_PLAIN },
    /* An SMTP login with CRAM-MD5, said or implied: GOA knows PLAIN and LOGIN only. */
    { PB_PROTOCOL_IMAP, PB_AUTH_PASSWORD_CLEARTEXT, PB_AUTH_PASSWORD_ENCRYPTED, PB_SASL_CRAM_MD5 },
    { PB_PROTOCOL_IMAP, PB_AUTH_PASSWORD_CLEARTEXT, PB_AUTH_PASSWORD_ENCRYPTED, PB_SASL_NONE },
    /* Tokens: GOA's provider has a password only. */
    { PB_PROTOCOL_IMAP, PB_AUTH_OAUTH2, PB_AUTH_PASSWORD_CLEARTEXT, PB_SASL_PLAIN },
    { PB_PROTOCOL_IMAP, PB_AUTH_PASSWORD_CLEARTEXT, PB_AUTH_GSSAPI, PB_SASL_NONE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) no_smtp = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbExportAccount) a = account_with (
        pb_server_config_new (cases[i].in_protocol, "mx.example.com", 995, PB_SECURITY_TLS,
                              cases[i].in_auth, NULL),
        pb_server_config_new (PB_PROTOCOL_SMTP, "mx.example.com", 465, PB_SECURITY_TLS,
                              cases[i].out_auth, NULL),
        cases[i].mechanism);

      g_assert_null (pb_export_goa_get_details (a, &error));
      g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
      g_clear_error (&error);
    }
  no_smtp = account_with (pb_test_export_server (PB_PROTOCOL_IMAP, "mx.example.com", 993,
                                                 PB_SECURITY_TLS, PB_AUTH_PASSWORD_CLEARTEXT),
                          NULL, PB_SASL_NONE);
  g_assert_null (pb_export_goa_get_details (no_smtp, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* A bus of its own, with nothing on it that could be goa-daemon. */
static void
test_without_daemon (void)
{
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GAsyncResult) available = NULL;
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_test_dbus_up (dbus);
  bus = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (dbus),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pb_export_goa_is_available_sync (bus, NULL));
  pb_export_goa_is_available_async (bus, NULL, on_done, &available);
  g_assert_false (pb_export_goa_is_available_finish (wait_for (&available)));

  pb_export_goa_add_async (bus, a, pb_export_goa_get_details (a, NULL), "secret", "secret",
                           NULL, on_done, &added);
  path = pb_export_goa_add_finish (wait_for (&added), &error);
  g_assert_null (path);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE);
  g_clear_error (&error);
  /* Only an account's path is ever removed. */
  g_assert_false (pb_export_goa_remove_sync (bus, "/org/gnome/OnlineAccounts/Manager", NULL,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (pb_export_goa_remove_sync (bus, "/org/gnome/OnlineAccounts/Accounts/a_1",
                                             NULL, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE);
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_test_dbus_down (dbus);
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-goa/default-ports", test_default_ports);
  g_test_add_func ("/export-goa/other-ports", test_other_ports);
  g_test_add_func ("/export-goa/no-smtp-login", test_no_smtp_login);
  g_test_add_func ("/export-goa/refused", test_refused);
  g_test_add_func ("/export-goa/without-daemon", test_without_daemon);
  return g_test_run ();
}
