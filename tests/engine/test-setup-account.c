/* test-setup-account.c: both halves of an account at once, against the lab's real Postfix
 * and Dovecot, with a real keyring
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run as: lab-run --tap keyring-run test-setup-account --tap. The lab's discovery of
 * lab.test (its SRV records) names Postfix on 465 and Dovecot on 993; the flow checks both
 * at the same time, tells each step with its half, asks once for both hosts, and keeps
 * each accepted password as its own keyring item, the incoming half falling back on the
 * outgoing one's.
 */
#include "config.h"

#include "pb-credentials-sync.h"
#include "pb-discovery-result-private.h"
#include "pb-discovery-source.h"
#include "pb-setup-run.h"
#include "pb-test-util.h"
#include "setup-test-asker.h"

#define ADDRESS "alice@lab.test"
#define PASSWORD "Alice-Secret-1"

typedef struct {
  PbSetup   *setup;
  TestAsker *asker;
  GPtrArray *steps;       /* "smtp:connect", "imap:mailbox", … in the order they ended */
  GPtrArray *passwords;   /* "imap:N" for each ::password, N the PbSetupPassword */
  GPtrArray *results;
  GError    *error;
  gboolean   done;
} Run;

static void
on_step (PbSetup     *setup,
         PbSetupHalf  half,
         PbCheckStep *step,
         Run         *run)
{
  g_ptr_array_add (run->steps, g_strdup_printf ("%s:%s", half == PB_SETUP_HALF_OUTGOING
                                                ? "out" : "in", step->name));
}

static void
on_password (PbSetup         *setup,
             PbSetupPassword  what,
             const GError    *error,
             Run             *run)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (setup);

  g_ptr_array_add (run->passwords, g_strdup_printf ("%s:%d", g_quark_to_string (hint->detail),
                                                    what));
}

static void
run_init (Run               *run,
          PbDiscoveryResult *found)
{
  run->setup = pb_setup_new ();
  run->asker = g_object_new (TEST_TYPE_ASKER, NULL);
  run->steps = g_ptr_array_new_with_free_func (g_free);
  run->passwords = g_ptr_array_new_with_free_func (g_free);
  pb_setup_set_asker (run->setup, PB_SETUP_ASKER (run->asker));
  g_signal_connect (run->setup, "step", G_CALLBACK (on_step), run);
  g_signal_connect (run->setup, "password", G_CALLBACK (on_password), run);
  pb_setup_use_result (run->setup, found);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->setup);
  g_clear_object (&run->asker);
  g_clear_pointer (&run->steps, g_ptr_array_unref);
  g_clear_pointer (&run->passwords, g_ptr_array_unref);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_error (&run->error);
}

static void
on_tested (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Run *run = user_data;

  run->results = pb_setup_test_account_finish (PB_SETUP (source), res, &run->error);
  run->done = TRUE;
}

static void
run_test (Run        *run,
          const char *password)
{
  PbCheckOptions options = { .timeout_ms = 20000 };

  run->done = FALSE;
  g_ptr_array_set_size (run->steps, 0);
  g_ptr_array_set_size (run->passwords, 0);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_clear_error (&run->error);
  pb_setup_set_password (run->setup, password);
  pb_setup_test_account_async (run->setup, &options, NULL, on_tested, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static PbCheckResult *
half (Run   *run,
      guint  i)
{
  g_assert_no_error (run->error);
  g_assert_nonnull (run->results);
  g_assert_cmpuint (run->results->len, ==, 2);
  return run->results->pdata[i];
}

static gboolean
has (GPtrArray  *list,
     const char *item)
{
  return g_ptr_array_find_with_equal_func (list, item, g_str_equal, NULL);
}

static PbDiscoveryResult *
discover_lab (void)
{
  g_autoptr(PbDiscoveryResult) found = pb_test_discover (ADDRESS, 0, 0);
  PbServerConfig *out = pb_discovery_result_get_outgoing (found)->pdata[0];

  g_assert_cmpint (out->protocol, ==, PB_PROTOCOL_SMTP);
  g_assert_cmpstr (out->host, ==, "mail.lab.test");
  return g_steal_pointer (&found);
}

/* Both work: each half has its own result and steps, the IMAP half examined INBOX and
 * counted alice's Maildir, and the steps of the two came mixed (both ran at once). */
static void
test_both_halves (void)
{
  g_autoptr(PbDiscoveryResult) found = discover_lab ();
  PbCheckResult *out, *in;
  guint first_in = G_MAXUINT, last_out = 0;
  Run run = { 0 };

  run_init (&run, found);
  g_assert_null (pb_setup_get_confirmation (run.setup));
  g_assert_cmpint (pb_setup_get_incoming_server (run.setup)->protocol, ==, PB_PROTOCOL_IMAP);
  g_assert_cmpuint (pb_setup_get_incoming_server (run.setup)->port, ==, 993);

  run_test (&run, PASSWORD);
  out = half (&run, 0);
  in = half (&run, 1);
  g_assert_cmpint (out->protocol, ==, PB_PROTOCOL_SMTP);
  g_assert_cmpint (in->protocol, ==, PB_PROTOCOL_IMAP);
  g_assert_true (out->ok && out->authenticated);
  g_assert_true (in->ok && in->authenticated);
  g_assert_cmpstr (in->mailbox_name, ==, "INBOX");
  g_assert_cmpint (in->mailbox_messages, ==, pb_test_maildir_count ("alice"));
  g_assert_true (pb_setup_get_half_result (run.setup, PB_SETUP_HALF_OUTGOING) == out);
  g_assert_true (pb_setup_get_half_result (run.setup, PB_SETUP_HALF_INCOMING) == in);
  g_assert_cmpint (pb_setup_get_state (run.setup), ==, PB_SETUP_STATE_DONE);

  g_assert_cmpuint (run.steps->len, ==, out->steps->len + in->steps->len);
  g_assert_true (has (run.steps, "out:ehlo") && has (run.steps, "in:mailbox"));
  for (guint i = 0; i < run.steps->len; i++)
    {
      if (g_str_has_prefix (run.steps->pdata[i], "in:"))
        first_in = MIN (first_in, i);
      else
        last_out = i;
    }
  g_test_message ("steps: first incoming %u, last outgoing %u", first_in, last_out);
  g_assert_cmpuint (first_in, <, last_out);
  /* Remembering is off: each half says so, for its own protocol. */
  g_assert_true (has (run.passwords, "smtp:1") && has (run.passwords, "imap:1"));
  run_clear (&run);
}

/* A wrong password fails both halves at the login, with each server's own refusal. */
static void
test_wrong_password (void)
{
  g_autoptr(PbDiscoveryResult) found = discover_lab ();
  Run run = { 0 };

  run_init (&run, found);
  pb_setup_set_remember_password (run.setup, TRUE);
  run_test (&run, "Wrong-Secret-0");
  for (guint i = 0; i < 2; i++)
    {
      PbCheckResult *r = half (&run, i);

      g_assert_false (r->ok);
      g_assert_false (r->authenticated);
      g_assert_cmpint (r->failure.stage, ==, PB_STAGE_AUTH);
      g_assert_nonnull (r->failure.reply.text);
    }
  g_assert_cmpint (half (&run, 0)->problem, ==, PB_PROBLEM_AUTH_FAILED);
  g_assert_nonnull (pb_setup_get_half_explanation (run.setup, PB_SETUP_HALF_INCOMING));
  g_assert_true (has (run.passwords, "smtp:0") && has (run.passwords, "imap:0"));
  run_clear (&run);
}

/* Settings from the domain's own autoconfig naming two hosts outside lab.test: asked once,
 * for both, before anything connects; "no" sends nothing, "yes" tests both. */
static void
test_confirm_once (void)
{
  g_autoptr(PbAddress) address = pb_address_parse (ADDRESS, NULL);
  g_autoptr(PbDiscoveryResult) found = pb_discovery_result_new (address);
  g_autoptr(PbAccountConfig) config = pb_account_config_new ("elsewhere");
  g_autoptr(PbServerConfig) out = pb_server_config_new (PB_PROTOCOL_SMTP, "127.0.0.1", 465,
                                                        PB_SECURITY_TLS,
                                                        PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  g_autoptr(PbServerConfig) in = pb_server_config_new (PB_PROTOCOL_IMAP, "localhost", 993,
                                                       PB_SECURITY_TLS,
                                                       PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  Run run = { 0 };

  pb_account_config_add_server (config, out, PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));
  pb_account_config_add_server (config, in, PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));
  pb_discovery_result_set_outcome (found, PB_DISCOVERY_SOURCE_AUTOCONFIG,
                                   PB_SOURCE_STATE_FOUND, "test", 1,
                                   pb_source_answer_new (config, "test"));
  pb_discovery_result_conclude (found, 1);
  run_init (&run, found);

  run_test (&run, PASSWORD);
  g_assert_error (run.error, PB_SETUP_ERROR, PB_SETUP_ERROR_REFUSED);
  g_assert_null (run.results);
  g_assert_cmpuint (run.asker->n_asked, ==, 1);
  g_assert_cmpint (run.asker->kind, ==, PB_SETUP_QUESTION_FOREIGN_HOST);
  g_assert_true (strstr (run.asker->hosts, "localhost") != NULL &&
                 strstr (run.asker->hosts, "127.0.0.1") != NULL);
  g_assert_cmpuint (run.steps->len, ==, 0);

  run.asker->answer = TRUE;
  run_test (&run, PASSWORD);
  g_assert_cmpuint (run.asker->n_asked, ==, 2);
  g_assert_true (half (&run, 0)->authenticated && half (&run, 1)->authenticated);
  run_clear (&run);
}

static char *
saved (PbProtocol  protocol,
       guint16     port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbPassword) password = pb_credentials_lookup_sync (protocol, "mail.lab.test", port,
                                                               ADDRESS, 0, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (password);
}

/* Each accepted password is its own item; a lookup takes the incoming half's own item
 * first (a wrong one there fails only that half), and without one the outgoing one's. */
static void
test_keyring (void)
{
  g_autoptr(PbDiscoveryResult) found = discover_lab ();
  g_autofree char *smtp = NULL;
  g_autofree char *imap = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  if (g_strcmp0 (g_getenv ("PB_KEYRING_MODE"), "unlocked") != 0)
    {
      g_test_skip ("needs an unlocked keyring (tests/keyring/keyring-run)");
      return;
    }
  run_init (&run, found);
  pb_setup_set_remember_password (run.setup, TRUE);
  run_test (&run, PASSWORD);
  g_assert_true (has (run.passwords, "smtp:2") && has (run.passwords, "imap:2"));
  smtp = saved (PB_PROTOCOL_SMTP, 465);
  imap = saved (PB_PROTOCOL_IMAP, 993);
  g_assert_cmpstr (smtp, ==, PASSWORD);
  g_assert_cmpstr (imap, ==, PASSWORD);

  pb_setup_set_remember_password (run.setup, FALSE);
  pb_setup_set_lookup_saved_password (run.setup, TRUE);
  pb_credentials_store_sync (PB_PROTOCOL_IMAP, "mail.lab.test", 993, ADDRESS, "Wrong-Secret-0",
                             0, NULL, &error);
  g_assert_no_error (error);
  run_test (&run, NULL);
  g_assert_true (half (&run, 0)->authenticated);
  g_assert_false (half (&run, 1)->authenticated);
  g_assert_cmpint (half (&run, 1)->failure.stage, ==, PB_STAGE_AUTH);

  pb_credentials_clear_sync (ADDRESS, "mail.lab.test", 993, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&imap, g_free);
  imap = saved (PB_PROTOCOL_IMAP, 993);
  g_assert_null (imap);
  run_test (&run, NULL);
  g_assert_true (half (&run, 0)->authenticated);
  g_assert_true (half (&run, 1)->authenticated);
  g_assert_false (half (&run, 1)->auth_skipped);
  run_clear (&run);
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

  g_test_add_func ("/setup-account/both-halves", test_both_halves);
  g_test_add_func ("/setup-account/wrong-password", test_wrong_password);
  g_test_add_func ("/setup-account/confirm-once", test_confirm_once);
  g_test_add_func ("/setup-account/keyring", test_keyring);
  return g_test_run ();
}
