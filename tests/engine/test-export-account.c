/* test-export-account.c: the model every export writer takes, and what it refuses
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-check-result.h"
#include "pb-export.h"
#include "pb-export-account.h"
#include "pb-export-goa.h"
#include "pb-export-instructions.h"
#include "pb-export-msmtp.h"
#include "pb-test-export.h"
#include "pb-test-util.h"

static PbExportAccount *
make (const char *address,
      const char *name,
      const char *host,
      const char *user,
      GError    **error)
{
  g_autoptr(PbServerConfig) out = pb_server_config_new (PB_PROTOCOL_SMTP, host, 465,
                                                        PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT, user);

  return pb_export_account_new (address, name, NULL, out, error);
}

static void
test_normalised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) a = make ("alice@Müller.example", NULL, "SMTP.Müller.Example.",
                                       NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a->address, ==, "alice@xn--mller-kva.example");
  g_assert_cmpstr (a->domain, ==, "xn--mller-kva.example");
  g_assert_cmpstr (a->outgoing->host, ==, "smtp.xn--mller-kva.example");
  /* No user name of its own: the address logs in. */
  g_assert_cmpstr (a->outgoing->username, ==, "alice@xn--mller-kva.example");
  g_assert_null (a->incoming);
  g_assert_null (a->display_name);
}

/* Text a settings file could not carry as itself is refused, wherever it stands. */
static void
test_refuses_control_characters (void)
{
  static const char * const hostile[] = {
    "alice\nhost evil.example", "alice\r", "a\tb", "a\x7f", "a\xc2\x85", "a\xe2\x80\xae",
    "a\xe2\x80\xa8", "\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(PbExportAccount) as_user = make ("alice@example.com", NULL, "smtp.example.com",
                                                 hostile[i], &e1);
      g_autoptr(PbExportAccount) as_name = make ("alice@example.com", hostile[i],
                                                 "smtp.example.com", NULL, &e2);

      g_assert_null (as_user);
      g_assert_error (e1, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
      g_assert_null (as_name);
      g_assert_error (e2, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
    }
}

/* Only DNS names reach a zone file or a config line as hosts. */
static void
test_refuses_bad_hosts (void)
{
  static const char * const hosts[] = {
    "smtp.example.com\n_imap._tcp", "smtp example.com", "smtp_1.example.com", "a..b",
    "-smtp.example.com", "smtp-.example.com", "", ".", "smtp.example.com;rm",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbExportAccount) a = make ("alice@example.com", NULL, hosts[i], NULL, &error);

      g_assert_null (a);
      g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
    }
}

static void
test_refuses_bad_address (void)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(PbExportAccount) a = make ("alice.example.com", NULL, "smtp.example.com", NULL, &e1);
  g_autoptr(PbExportAccount) b = make ("alice@exa\nmple.com", NULL, "smtp.example.com", NULL,
                                       &e2);

  g_assert_null (a);
  g_assert_error (e1, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
  g_assert_null (b);
  g_assert_error (e2, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID);
}

/* Text that is merely unusual is kept as it is: escaping is each writer's job. */
static void
test_keeps_special_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) a = make ("alice@example.com", "Alice <&> \"Q\" Müller",
                                       "smtp.example.com", " \"user\" # x ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a->display_name, ==, "Alice <&> \"Q\" Müller");
  g_assert_cmpstr (a->outgoing->username, ==, " \"user\" # x ");
}

static PbCheckResult *
verified (PbProtocol  protocol,
          const char *host,
          guint16     port)
{
  PbCheckResult *r = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  r->ok = TRUE;
  r->server = pb_server_config_new (protocol, host, port, PB_SECURITY_TLS,
                                    PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  r->username = g_strdup ("alice@example.org");
  r->auth_mechanism = g_strdup ("PLAIN");
  return r;
}

/* What an account test verified, with the person's name; a name no file can carry is left
 * out, never the account; a half that failed gives no account at all. */
static void
test_verified (void)
{
  g_autoptr(PbCheckResult) in = verified (PB_PROTOCOL_IMAP, "imap.example.org", 993);
  g_autoptr(PbCheckResult) out = verified (PB_PROTOCOL_SMTP, "smtp.example.org", 465);
  g_autoptr(PbExportAccount) a = NULL;
  g_autoptr(PbExportAccount) b = NULL;
  g_autoptr(PbExportAccount) c = NULL;
  g_autoptr(GError) error = NULL;

  a = pb_export_account_new_verified ("alice@example.org", "Alice Example", in, out, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->display_name, ==, "Alice Example");
  g_assert_cmpstr (a->incoming->host, ==, "imap.example.org");
  g_assert_cmpstr (a->outgoing->username, ==, "alice@example.org");
  g_assert_cmpint (a->outgoing_mechanism, ==, PB_SASL_PLAIN);

  b = pb_export_account_new_verified ("alice@example.org", "Alice\nExample", in, out, &error);
  g_assert_no_error (error);
  g_assert_null (b->display_name);
  g_assert_nonnull (b->outgoing);

  out->ok = FALSE;
  c = pb_export_account_new_verified ("alice@example.org", "Alice Example", in, out, &error);
  g_assert_null (c);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
}

/* An account that signed in at the provider (OAuth2) on servers whose preset lists a
 * password first: its hand-offs either say the sign-in (autoconfig, the text) or refuse,
 * saying what to do instead (msmtp, a profile, GNOME Online Accounts); none writes a
 * password login that would never work. */
static void
test_signed_in (void)
{
  g_autoptr(PbCheckResult) in = verified (PB_PROTOCOL_IMAP, "imap.gmail.com", 993);
  g_autoptr(PbCheckResult) out = verified (PB_PROTOCOL_SMTP, "smtp.gmail.com", 465);
  g_autoptr(PbExportAccount) a = NULL;
  g_autoptr(PbExportAccount) lab = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) goa = NULL;
  g_autofree char *autoconfig = NULL;
  g_autofree char *msmtp = NULL;
  g_autofree char *profile = NULL;

  in->authenticated = out->authenticated = TRUE;
  g_free (in->auth_mechanism);
  in->auth_mechanism = g_strdup ("OAUTHBEARER");
  g_free (out->auth_mechanism);
  out->auth_mechanism = g_strdup ("XOAUTH2");
  a = pb_export_account_new_verified ("alice@gmail.com", "Alice", in, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->incoming->auth, ==, PB_AUTH_OAUTH2);
  g_assert_cmpint (a->outgoing->auth, ==, PB_AUTH_OAUTH2);
  g_assert_true (pb_export_account_signs_in (a));
  g_assert_cmpstr (pb_export_account_sign_in_provider (a), ==, "Google");

  autoconfig = pb_export_write (PB_EXPORT_FORMAT_AUTOCONFIG, a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (autoconfig, "<authentication>OAuth2</authentication>"));
  g_assert_null (strstr (autoconfig, "password-cleartext"));

  msmtp = pb_export_msmtp_write (a, &error);
  g_assert_null (msmtp);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "passwordeval"));
  g_clear_error (&error);

  profile = pb_export_write (PB_EXPORT_FORMAT_MOBILECONFIG, a, &error);
  g_assert_null (profile);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* No program's manual setup, which enters a password: its own Google account type. */
  for (guint program = 0; program < PB_EXPORT_N_PROGRAMS; program++)
    {
      g_autoptr(PbExportSteps) steps = pb_export_instructions_new (program, a, &error);

      g_assert_null (steps);
      g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, "Google"));
      g_clear_error (&error);
    }

  /* GNOME Online Accounts: its own Google provider, not the IMAP and SMTP one. */
  goa = pb_export_goa_get_details (a, &error);
  g_assert_null (goa);
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "Google"));
  g_clear_error (&error);

  /* Another provider's sign-in has no provider of its own in Online Accounts. */
  g_clear_pointer (&in->server, pb_server_config_unref);
  in->server = pb_server_config_new (PB_PROTOCOL_IMAP, "imap.lab.test", 993, PB_SECURITY_TLS,
                                     PB_AUTH_OAUTH2, NULL);
  lab = pb_export_account_new_verified ("alice@lab.test", NULL, in, out, &error);
  g_assert_no_error (error);
  g_assert_null (pb_export_account_sign_in_provider (lab));
  g_assert_null (pb_export_goa_get_details (lab, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED);
  g_assert_null (strstr (error->message, "Google"));

  /* A password login on the same servers stays one. */
  g_clear_pointer (&in->server, pb_server_config_unref);
  in->server = pb_server_config_new (PB_PROTOCOL_IMAP, "imap.gmail.com", 993, PB_SECURITY_TLS,
                                     PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  g_free (in->auth_mechanism);
  in->auth_mechanism = g_strdup ("PLAIN");
  g_free (out->auth_mechanism);
  out->auth_mechanism = g_strdup ("PLAIN");
  g_clear_pointer (&a, pb_export_account_free);
  a = pb_export_account_new_verified ("alice@gmail.com", "Alice", in, out, NULL);
  g_assert_false (pb_export_account_signs_in (a));
}

static void
test_require (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbExportAccount) a = make ("alice@example.com", NULL, "smtp.example.com", NULL,
                                       &error);

  g_assert_true (pb_export_account_require (a, FALSE, TRUE, &error));
  g_assert_false (pb_export_account_require (a, TRUE, TRUE, &error));
  g_assert_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NO_SERVER);
}

int
main (int    argc,
      char **argv)
{
  pb_test_export_init (&argc, &argv);

  g_test_add_func ("/export-account/normalised", test_normalised);
  g_test_add_func ("/export-account/refuses-control-characters", test_refuses_control_characters);
  g_test_add_func ("/export-account/refuses-bad-hosts", test_refuses_bad_hosts);
  g_test_add_func ("/export-account/refuses-bad-address", test_refuses_bad_address);
  g_test_add_func ("/export-account/keeps-special-text", test_keeps_special_text);
  g_test_add_func ("/export-account/require", test_require);
  g_test_add_func ("/export-account/verified", test_verified);
  g_test_add_func ("/export-account/signed-in", test_signed_in);
  return g_test_run ();
}
