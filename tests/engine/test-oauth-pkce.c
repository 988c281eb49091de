/* test-oauth-pkce.c: the PKCE verifier and challenge, and the state
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-oauth-pkce.h"
#include "pb-test-util.h"

/* RFC 7636 Appendix B */
static void
test_challenge (void)
{
  g_autofree char *challenge = pb_oauth_pkce_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

/* Random tokens: the verifier's alphabet and length, and no two alike. */
static void
test_random (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GError) error = NULL;
      char *token = pb_oauth_random_token (&error);

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (token), ==, 43);
      g_assert_true (pb_oauth_pkce_is_verifier (token));
      g_assert_false (g_hash_table_contains (seen, token));
      g_hash_table_add (seen, token);
    }
}

static void
test_is_verifier (void)
{
  g_autofree char *max = g_strnfill (128, 'a');
  g_autofree char *over = g_strnfill (129, 'a');
  g_autofree char *short_one = g_strnfill (42, 'a');

  g_assert_true (pb_oauth_pkce_is_verifier (max));
  g_assert_false (pb_oauth_pkce_is_verifier (over));
  g_assert_false (pb_oauth_pkce_is_verifier (short_one));
  g_assert_false (pb_oauth_pkce_is_verifier ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX+"));
  g_assert_true (pb_oauth_pkce_is_verifier ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX~"));
  g_assert_false (pb_oauth_pkce_is_verifier (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oauth-pkce/challenge", test_challenge);
  g_test_add_func ("/oauth-pkce/random", test_random);
  g_test_add_func ("/oauth-pkce/is-verifier", test_is_verifier);
  return g_test_run ();
}
