/* test-export-goa.c: the details GNOME Online Accounts gets, what it is never given, and
 * the calls on a bus without goa-daemon (the real daemon: tests/cli/test-export-goa-lab.sh)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-export.h"
#include "pb-export-goa.h"
#include "pb-test-export.h"
#include "pb-test-goa.h"
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

/* A connection to the test bus dbus. */
static GDBusConnection *
connect_to (GTestDBus *dbus)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (dbus), G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

/* A bus of its own, with nothing on it that could be goa-daemon. */
static void
test_without_daemon (void)
{
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) details = NULL;
  g_autoptr(GAsyncResult) available = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_test_dbus_up (dbus);
  bus = connect_to (dbus);
  g_assert_false (pb_export_goa_is_available_sync (bus, NULL));
  pb_export_goa_is_available_async (bus, NULL, pb_test_store_result, &available);
  g_assert_false (pb_export_goa_is_available_finish (pb_test_wait_result (&available)));

  details = g_variant_ref_sink (pb_export_goa_get_details (a, NULL));
  path = pb_export_goa_add_sync (bus, a, details, "secret", "secret", NULL, &error);
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

/* An IMAP login GOA does not have is named with the server. */
static void
test_refused_imap_login (void)
{
  g_autoptr(PbExportAccount) a = account_with (
    pb_server_config_new (PB_PROTOCOL_IMAP, "mx.example.com", 993, PB_SECURITY_TLS,
                          PB_AUTH_GSSAPI, NULL),
    pb_server_config_new (PB_PROTOCOL_SMTP, "mx.example.com", 465, PB_SECURITY_TLS,
                          PB_AUTH_PASSWORD_CLEARTEXT, NULL),
    PB_SASL_PLAIN);
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_export_goa_get_details (a, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
  g_assert_cmpstr (error->message, ==, "GNOME Online Accounts logs in to IMAP with a password "
                                       "only, and mx.example.com uses “Kerberos (GSSAPI)”.");
}

/* GOA takes the account itself: there is no file of it to write. */
static void
test_no_file (void)
{
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (pb_export_write (PB_EXPORT_FORMAT_GOA, a, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE);
}

/* What goa-daemon says when it refuses, and an account removed meanwhile (no object at its
 * path any more), against a stand-in on a bus of the test's own. */
static void
test_daemon_answers (void)
{
  g_autoptr(GTestDBus) dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(PbExportAccount) a = pb_test_export_account (NULL, NULL, NULL);
  g_autoptr(GVariant) details = g_variant_ref_sink (pb_export_goa_get_details (a, NULL));
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(PbTestGoa) goa = NULL;
  g_autoptr(GVariant) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *smtp = NULL;

  g_test_dbus_up (dbus);
  bus = connect_to (dbus);
  goa = pb_test_goa_new (g_test_dbus_get_bus_address (dbus));
  g_assert_true (pb_export_goa_is_available_sync (bus, NULL));

  /* The daemon's own words, without D-Bus's error name before them. */
  pb_test_goa_set_refusal (goa, "Secret Service is not available");
  g_assert_null (pb_export_goa_add_sync (bus, a, details, "in-secret", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR);
  g_assert_cmpstr (error->message, ==,
                   "GNOME Online Accounts refused: Secret Service is not available");
  g_clear_error (&error);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 0);

  pb_test_goa_set_refusal (goa, NULL);
  path = pb_export_goa_add_sync (bus, a, details, "in-secret", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, PB_TEST_GOA_ACCOUNT_PATH);
  /* No SMTP password of its own: the IMAP one for both. */
  credentials = pb_test_goa_dup_credentials (goa);
  g_assert_true (g_variant_lookup (credentials, "smtp-password", "&s", &smtp));
  g_assert_cmpstr (smtp, ==, "in-secret");

  pb_test_goa_set_refusal (goa, "The account is busy");
  g_assert_false (pb_export_goa_remove_sync (bus, path, NULL, &error));
  g_assert_cmpstr (error->message, ==, "GNOME Online Accounts refused: The account is busy");
  g_clear_error (&error);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 1);

  pb_test_goa_set_refusal (goa, NULL);
  g_assert_true (pb_export_goa_remove_sync (bus, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_goa_get_accounts (goa), ==, 0);
  /* Gone already: said as such, so that an undo can take it as done. */
  g_assert_false (pb_export_goa_remove_sync (bus, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The account is no longer in GNOME Online Accounts.");
  g_clear_error (&error);

  g_clear_pointer (&goa, pb_test_goa_free);
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
  g_test_add_func ("/export-goa/refused-imap-login", test_refused_imap_login);
  g_test_add_func ("/export-goa/no-file", test_no_file);
  g_test_add_func ("/export-goa/without-daemon", test_without_daemon);
  g_test_add_func ("/export-goa/daemon-answers", test_daemon_answers);
  return g_test_run ();
}
