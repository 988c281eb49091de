/* test-export-account.c: the model every export writer takes, and what it refuses
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-check-result.h"
#include "pb-export-account.h"
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
  return g_test_run ();
}
