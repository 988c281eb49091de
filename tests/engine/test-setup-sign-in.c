/* test-setup-sign-in.c: the setup flow's sign-in kept in memory between tests, and a kept
 * token the servers refuse renewed once, against the lab's real glewlwyd, Dovecot and
 * Postfix
 * Run as: lab-run --tap keyring-run test-setup-sign-in --tap
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lab's discovery of lab.test names Postfix on 465 and Dovecot on 993, which take
 * glewlwyd's tokens (tests/lab/README.md, "OAuth 2.0"); the found settings get the lab's
 * sign-in server as a preset would give it, and the client comes from the oauth-clients
 * setting. tests/lab/oauth_browser.py plays the person in the browser, and revokes tokens
 * at glewlwyd as a provider's security page does.
 */
#include "config.h"

#include "pb-discovery-result.h"
#include "pb-setup-private.h"
#include "pb-setup-run.h"
#include "pb-setup-sign-in.h"
#include "pb-test-util.h"

#define ADDRESS "alice@lab.test"

typedef struct {
  PbSetup       *setup;
  guint          sign_ins;     /* ::sign-in-started */
  guint          browsers;     /* ::open-uri: the person was asked */
  PbOAuthSignIn *last;         /* the newest sign-in */
  GPtrArray     *results;
  GError        *error;
} Run;

/* The person in the browser, at glewlwyd's real login page. */
static void
on_open_uri (PbOAuthSignIn *sign_in,
             const char    *url,
             Run           *run)
{
  g_autofree char *helper = g_build_filename (g_getenv ("PB_LAB_SRCDIR"), "oauth_browser.py",
                                              NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) browser = NULL;

  run->browsers++;
  browser = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, "python3", helper,
                              "open", url, NULL);
  g_assert_no_error (error);
  /* Not waited for here: the redirect it follows is answered by this process's loop. */
  g_subprocess_wait_async (browser, NULL, NULL, NULL);
}

static void
on_sign_in_started (PbSetup       *setup,
                    PbOAuthSignIn *sign_in,
                    Run           *run)
{
  run->sign_ins++;
  g_set_object (&run->last, sign_in);
  g_signal_connect (sign_in, "open-uri", G_CALLBACK (on_open_uri), run);
}

/* The lab's client in oauth-clients, with a tenant (which the lab's endpoints do not
 * name, so any works), or none (NULL). */
static void
set_lab_client (const char *tenant)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *text = NULL;

  if (tenant == NULL)
    {
      g_settings_reset (settings, "oauth-clients");
      return;
    }
  text = g_strdup_printf ("{'auth.lab.test': {'client-id': 'postbote-lab', 'tenant': '%s', "
                          "'redirect-ports': '47100-47109'}}", tenant);
  g_assert_true (g_settings_set_value (settings, "oauth-clients",
                                       g_variant_parse (G_VARIANT_TYPE ("a{sa{ss}}"), text,
                                                        NULL, NULL, NULL)));
}

static void
run_init (Run *run)
{
  g_autoptr(PbDiscoveryResult) found = pb_test_discover (ADDRESS, 0, 0);
  g_autoptr(PbOAuthIssuer) issuer = pb_oauth_issuer_new (
    "auth.lab.test", "mail", "https://auth.lab.test/api/oidc/auth",
    "https://auth.lab.test/api/oidc/token");

  pb_account_config_set_oauth_issuer (pb_discovery_result_get_config (found), issuer);
  run->setup = pb_setup_new ();
  pb_setup_set_oauth (run->setup, TRUE);
  pb_setup_set_oauth_timeout (run->setup, 30000 * pb_test_time_scale ());
  g_signal_connect (run->setup, "sign-in-started", G_CALLBACK (on_sign_in_started), run);
  pb_setup_use_result (run->setup, found);
  g_assert_nonnull (pb_setup_get_incoming_server (run->setup));
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->setup);
  g_clear_object (&run->last);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_error (&run->error);
}

/* Both halves, each logged in with a token; fails the test otherwise. */
static void
run_test (Run *run)
{
  PbCheckOptions options = { .timeout_ms = 20000 * pb_test_time_scale () };
  g_autoptr(GAsyncResult) result = NULL;

  g_clear_pointer (&run->results, g_ptr_array_unref);
  pb_setup_test_account_async (run->setup, &options, NULL, pb_test_store_result, &result);
  run->results = pb_setup_test_account_finish (run->setup, pb_test_wait_result (&result),
                                               &run->error);
  g_assert_no_error (run->error);
  g_assert_cmpuint (run->results->len, ==, 2);
  for (guint i = 0; i < run->results->len; i++)
    {
      PbCheckResult *r = run->results->pdata[i];

      g_test_message ("%s: ok %d, problem %s, mechanism %s", pb_protocol_to_string (r->protocol),
                      r->ok, pb_problem_to_string (r->problem), r->auth_mechanism);
      g_assert_true (r->ok && r->authenticated);
      g_assert_true (g_strv_contains ((const char * const[]) { "XOAUTH2", "OAUTHBEARER", NULL },
                                      r->auth_mechanism));
    }
}

/* oauth_browser.py revoke TOKEN, the token on standard input as a secret goes. */
static void
revoke_at_provider (const char *token)
{
  g_autofree char *helper = g_build_filename (g_getenv ("PB_LAB_SRCDIR"), "oauth_browser.py",
                                              NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (token, "\n", NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                              &error, "python3", helper, "revoke", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
}

/* A second test of the same account uses the kept access token: no sign-in at all. */
static void
test_kept_token (void)
{
  Run run = { 0 };

  set_lab_client ("lab");
  run_init (&run);
  run_test (&run);
  g_assert_cmpuint (run.sign_ins, ==, 1);
  g_assert_cmpuint (run.browsers, ==, 1);
  g_assert_nonnull (run.setup->kept_tokens);
  g_assert_nonnull (run.setup->kept_tokens->refresh_token);

  run_test (&run);
  g_assert_cmpuint (run.sign_ins, ==, 1);
  g_assert_cmpuint (run.browsers, ==, 1);

  /* Signing out drops it: the person is asked again. */
  pb_setup_forget_sign_in (run.setup);
  g_assert_null (run.setup->kept_tokens);
  run_test (&run);
  g_assert_cmpuint (run.sign_ins, ==, 2);
  g_assert_cmpuint (run.browsers, ==, 2);
  run_clear (&run);
  set_lab_client (NULL);
}

/* The provider revokes the kept access token: both servers refuse it, the flow refreshes
 * once with the kept refresh token (no browser), and the halves pass on the second try. */
static void
test_refused_token_renewed (void)
{
  g_autofree char *first = NULL;
  Run run = { 0 };

  set_lab_client ("lab");
  run_init (&run);
  run_test (&run);
  g_assert_cmpuint (run.browsers, ==, 1);
  first = g_strdup (run.setup->kept_tokens->access_token);

  revoke_at_provider (first);
  run_test (&run);
  g_assert_cmpuint (run.sign_ins, ==, 2);
  g_assert_cmpuint (run.browsers, ==, 1);
  g_assert_cmpint (pb_oauth_sign_in_get_stage (run.last), ==, PB_OAUTH_SIGN_IN_STAGE_DONE);
  g_assert_true (pb_oauth_sign_in_used_saved (run.last));
  g_assert_cmpstr (run.setup->kept_tokens->access_token, !=, first);

  /* The refresh token revoked too: the refresh is refused, and the person signs in again. */
  revoke_at_provider (run.setup->kept_tokens->refresh_token);
  revoke_at_provider (run.setup->kept_tokens->access_token);
  run_test (&run);
  g_assert_cmpuint (run.sign_ins, ==, 3);
  g_assert_cmpuint (run.browsers, ==, 2);
  g_assert_false (pb_oauth_sign_in_used_saved (run.last));
  run_clear (&run);
  set_lab_client (NULL);
}

/* The kept token is for one address and client registration: with another tenant set in
 * between, the person signs in again. */
static void
test_kept_for_one_client (void)
{
  Run run = { 0 };

  set_lab_client ("lab");
  run_init (&run);
  run_test (&run);
  g_assert_cmpuint (run.browsers, ==, 1);
  set_lab_client ("other-lab");
  run_test (&run);
  g_assert_cmpuint (run.sign_ins, ==, 2);
  g_assert_cmpuint (run.browsers, ==, 2);
  run_clear (&run);
  set_lab_client (NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("PB_LAB_DIR") == NULL)
    {
      pb_test_skip_harness ("run me through tests/lab/lab-run");
      return 0;
    }

  g_test_add_func ("/setup-sign-in/kept-token", test_kept_token);
  g_test_add_func ("/setup-sign-in/refused-token-renewed", test_refused_token_renewed);
  g_test_add_func ("/setup-sign-in/kept-for-one-client", test_kept_for_one_client);
  return g_test_run ();
}
