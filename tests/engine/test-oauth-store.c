/* test-oauth-store.c: the refresh token in a real gnome-keyring
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/keyring/keyring-run (unlocked).
 */
#include "pb-credentials.h"
#include "pb-i18n.h"
#include "pb-oauth-store.h"
#include "pb-test-util.h"

#define ISSUER "auth.lab.test"
#define CLIENT "postbote-lab"
#define USER   "alice@lab.test"

static PbPassword *
lookup (const char *issuer,
        const char *client,
        const char *user)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PbPassword *token;

  pb_oauth_store_lookup (issuer, client, user, PB_CREDENTIALS_FLAGS_NONE, NULL,
                         pb_test_store_result, &result);
  token = pb_credentials_lookup_finish (pb_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return token;
}

static void
save (const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_oauth_store_save (ISSUER, CLIENT, USER, token, PB_CREDENTIALS_FLAGS_NONE, NULL,
                       pb_test_store_result, &result);
  g_assert_true (pb_credentials_store_finish (pb_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

/* Saved, found again by issuer (any case), client and user; replaced, not doubled; not
 * found for another user, client or issuer, nor as a mail password. */
static void
test_round_trip (void)
{
  g_autoptr(PbPassword) first = NULL;
  g_autoptr(PbPassword) second = NULL;
  g_autoptr(PbPassword) other_user = NULL;
  g_autoptr(PbPassword) other_client = NULL;
  g_autoptr(PbPassword) other_issuer = NULL;
  g_autoptr(PbPassword) as_password = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  save ("refresh-1");
  first = lookup ("AUTH.lab.test", CLIENT, USER);
  g_assert_cmpstr (first, ==, "refresh-1");
  save ("refresh-2");
  second = lookup (ISSUER, CLIENT, USER);
  g_assert_cmpstr (second, ==, "refresh-2");
  other_user = lookup (ISSUER, CLIENT, "bob@lab.test");
  g_assert_null (other_user);
  other_client = lookup (ISSUER, "another-client", USER);
  g_assert_null (other_client);
  other_issuer = lookup ("accounts.google.com", CLIENT, USER);
  g_assert_null (other_issuer);
  pb_credentials_lookup (PB_PROTOCOL_IMAP, ISSUER, 993, USER, PB_CREDENTIALS_FLAGS_NONE, NULL,
                         pb_test_store_result, &result);
  as_password = pb_credentials_lookup_finish (pb_test_wait_result (&result), NULL);
  g_assert_null (as_password);
}

int
main (int    argc,
      char **argv)
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-store/round-trip", test_round_trip);
  return g_test_run ();
}
