/* test-imap-lab.c: the IMAP client against the lab's real Dovecot
 * Run through the lab: tests/lab/lab-run --tap test-imap-lab --tap
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * imap.lab.test: 993 (implicit TLS) and 143 (STARTTLS), certificates from the lab's CA.
 * 127.0.5.1:143 is the same Dovecot where it does not count the connection as secured, so it
 * says LOGINDISABLED before TLS (tests/lab/README.md).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pb-certificate.h"
#include "pb-imap.h"
#include "pb-test-util.h"

#define USER     "alice@lab.test"
#define PASSWORD "Alice-Secret-1"

static PbImapClient *
connect_to (const char  *host,
            guint16      port,
            PbSecurity   security,
            const char  *pin,
            GError     **error)
{
  PbImapClient *client = pb_imap_client_new (host, port, security);
  GAsyncResult *result = NULL;

  pb_imap_client_set_timeouts (client, 5000, 20000);
  pb_imap_client_set_pinned_certificate (client, pin);
  pb_imap_client_connect_async (client, NULL, pb_test_store_result, &result);
  pb_test_imap_finish (client, &result, error);
  return client;
}

static gboolean
login (PbImapClient  *client,
       const char    *password,
       GError       **error)
{
  GAsyncResult *result = NULL;

  pb_imap_client_login_async (client, PB_AUTH_PASSWORD_CLEARTEXT, USER, password, NULL,
                              pb_test_store_result, &result);
  return pb_test_imap_finish (client, &result, error);
}

static gboolean
transcript_has (PbImapClient *client,
                const char   *needle)
{
  PbConnection *connection = pb_imap_client_get_connection (client);

  return pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (connection)),
                             0, needle);
}

/* The whole check, on both ports: ID, login, EXAMINE INBOX with its count, LOGOUT. */
static void
check_session (guint16    port,
               PbSecurity security)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbImapClient) client = connect_to ("imap.lab.test", port, security, NULL, &error);
  GAsyncResult *result = NULL;
  PbConnection *connection = pb_imap_client_get_connection (client);

  g_assert_no_error (error);
  g_assert_nonnull (pb_connection_get_tls_connection (connection));
  g_assert_cmpuint (pb_connection_get_certificate_errors (connection), ==, 0);
  g_assert_true (pb_imap_client_has_capability (client, "IMAP4REV1"));
  g_assert_false (pb_imap_client_has_capability (client, "STARTTLS") &&
                  security == PB_SECURITY_STARTTLS);
  pb_imap_client_id_async (client, NULL, pb_test_store_result, &result);
  g_assert_true (pb_test_imap_finish (client, &result, &error));
  g_assert_nonnull (pb_imap_client_get_server_id (client));
  g_assert_cmpstr (pb_imap_client_get_server_id (client)[1], ==, "Dovecot");
  g_assert_true (login (client, PASSWORD, &error));
  g_assert_cmpstr (pb_imap_client_get_auth_mechanism (client), ==, "PLAIN");
  pb_imap_client_examine_async (client, "INBOX", NULL, pb_test_store_result, &result);
  g_assert_true (pb_test_imap_finish (client, &result, &error));
  g_assert_cmpint (pb_imap_client_get_messages (client), ==, pb_test_maildir_count ("alice"));
  pb_imap_client_logout_async (client, NULL, pb_test_store_result, &result);
  g_assert_true (pb_test_imap_finish (client, &result, &error));
  g_assert_true (transcript_has (client, "AUTHENTICATE PLAIN <redacted>"));
  g_assert_false (transcript_has (client, PASSWORD));
}

static void
test_implicit_tls (void)
{
  check_session (993, PB_SECURITY_TLS);
}

static void
test_starttls (void)
{
  check_session (143, PB_SECURITY_STARTTLS);
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbImapClient) client = connect_to ("imap.lab.test", 993, PB_SECURITY_TLS, NULL,
                                               &error);
  const PbFailure *f;

  g_assert_no_error (error);
  g_assert_false (login (client, "Wrong-Secret", &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_AUTH_FAILED);
  f = pb_imap_client_get_failure (client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_AUTH);
  g_assert_cmpint (f->reply.kind, ==, PB_REPLY_IMAP);
  g_assert_cmpstr (f->reply.imap.status, ==, "NO");
  g_assert_cmpstr (pb_failure_get_response_code (f), ==, "AUTHENTICATIONFAILED");
  g_assert_false (transcript_has (client, "Wrong-Secret"));
}

/* Before TLS, Dovecot says LOGINDISABLED: no LOGIN and no AUTHENTICATE PLAIN goes out, even
 * with plain-text login allowed. After STARTTLS the same login works. */
static void
test_logindisabled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbImapClient) plain = connect_to ("127.0.5.1", 143, PB_SECURITY_NONE, NULL, &error);
  g_autoptr(PbImapClient) upgraded = NULL;
  /* 127.0.5.1 is not among the names of the lab's mail certificate. */
  g_autofree char *pin = pb_test_lab_pin ("mail");

  g_assert_no_error (error);
  g_assert_true (pb_imap_client_has_capability (plain, "LOGINDISABLED"));
  pb_imap_client_set_allow_plaintext_auth (plain, TRUE);
  g_assert_false (login (plain, PASSWORD, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_LOGIN_DISABLED);
  g_assert_false (pb_imap_client_get_auth_sent (plain));
  g_clear_error (&error);

  upgraded = connect_to ("127.0.5.1", 143, PB_SECURITY_STARTTLS, pin, &error);
  g_assert_no_error (error);
  g_assert_false (pb_imap_client_has_capability (upgraded, "LOGINDISABLED"));
  g_assert_true (login (upgraded, PASSWORD, &error));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("PB_LAB_DIR") == NULL)
    {
      printf ("1..0 # SKIP needs the lab: run through tests/lab/lab-run\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imap-lab/implicit-tls", test_implicit_tls);
  g_test_add_func ("/imap-lab/starttls", test_starttls);
  g_test_add_func ("/imap-lab/wrong-password", test_wrong_password);
  g_test_add_func ("/imap-lab/logindisabled", test_logindisabled);

  return g_test_run ();
}
