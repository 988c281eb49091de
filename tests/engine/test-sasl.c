/* test-sasl.c: the SASL responses, the mechanism pick and the wiped secret
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-test-util.h"
#include "pb-sasl.h"

static void
test_sasl_vectors (void)
{
  g_autoptr(PbSecret) plain = pb_sasl_plain_response ("tim", "tanstaaftanstaaf");
  /* RFC 2195 section 2 */
  g_autoptr(PbSecret) cram = pb_sasl_cram_md5_response (
    "tim", "tanstaaftanstaaf", "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+");
  g_autoptr(PbSecret) bad = pb_sasl_cram_md5_response ("tim", "x", "not base64 <>");
  g_autoptr(PbSecret) empty = pb_sasl_cram_md5_response ("tim", "x", "");

  g_assert_cmpstr (plain, ==, "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
  g_assert_cmpstr (cram, ==, "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  g_assert_null (bad);
  g_assert_null (empty);
}

static void
test_secret_wipe (void)
{
  char *secret = g_strdup ("Alice-Secret-1");
  char *alias = secret;

  pb_secret_wipe (secret);
  for (gsize i = 0; i < strlen ("Alice-Secret-1"); i++)
    g_assert_cmpint (alias[i], ==, 0);
  g_free (secret);
}

static void
test_pick (void)
{
  const char *all[] = { "LOGIN", "CRAM-MD5", "PLAIN", NULL };
  const char *login[] = { "XOAUTH2", "LOGIN", NULL };
  const char *oauth[] = { "XOAUTH2", "OAUTHBEARER", NULL };
  const char *none[] = { NULL };

  g_assert_cmpint (pb_sasl_pick (all, PB_AUTH_PASSWORD_CLEARTEXT), ==, PB_SASL_PLAIN);
  g_assert_cmpint (pb_sasl_pick (all, PB_AUTH_PASSWORD_ENCRYPTED), ==, PB_SASL_CRAM_MD5);
  g_assert_cmpint (pb_sasl_pick (login, PB_AUTH_PASSWORD_CLEARTEXT), ==, PB_SASL_LOGIN);
  /* "Encrypted password" never falls back to a mechanism that sends the password itself. */
  g_assert_cmpint (pb_sasl_pick (login, PB_AUTH_PASSWORD_ENCRYPTED), ==, PB_SASL_NONE);
  g_assert_cmpint (pb_sasl_pick (all, PB_AUTH_OAUTH2), ==, PB_SASL_NONE);
  g_assert_cmpint (pb_sasl_pick (none, PB_AUTH_PASSWORD_CLEARTEXT), ==, PB_SASL_NONE);
  g_assert_cmpint (pb_sasl_pick (NULL, PB_AUTH_PASSWORD_CLEARTEXT), ==, PB_SASL_NONE);

  g_assert_true (pb_sasl_offers_oauth (login));
  g_assert_true (pb_sasl_offers_oauth (oauth + 1));
  g_assert_false (pb_sasl_offers_oauth (all));
  g_assert_false (pb_sasl_offers_oauth (NULL));

  g_assert_cmpstr (pb_sasl_mechanism_to_string (PB_SASL_CRAM_MD5), ==, "CRAM-MD5");
  g_assert_null (pb_sasl_mechanism_to_string (PB_SASL_NONE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sasl/vectors", test_sasl_vectors);
  g_test_add_func ("/sasl/pick", test_pick);
  g_test_add_func ("/sasl/secret-wipe", test_secret_wipe);
  return g_test_run ();
}
