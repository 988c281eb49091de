/* test-failure.c: a failure's reply part in each protocol's terms, its copy and its clear
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-util.h"
#include "pb-failure.h"

static void
test_replies (void)
{
  PbFailure f = { .stage = PB_STAGE_AUTH };

  pb_failure_set_smtp_reply (&f, 535, "5.7.8", "535 5.7.8 nope");
  g_assert_cmpuint (pb_failure_get_smtp_code (&f), ==, 535);
  g_assert_cmpstr (pb_failure_get_enhanced_code (&f), ==, "5.7.8");
  g_assert_null (pb_failure_get_response_code (&f));

  /* A new reply replaces the old one whole: no SMTP code stays behind an IMAP reply. */
  pb_failure_set_imap_reply (&f, "NO", "AUTHENTICATIONFAILED",
                             "a2 NO [AUTHENTICATIONFAILED] Authentication failed.");
  g_assert_cmpint (f.reply.kind, ==, PB_REPLY_IMAP);
  g_assert_cmpstr (f.reply.imap.status, ==, "NO");
  g_assert_cmpstr (pb_failure_get_response_code (&f), ==, "AUTHENTICATIONFAILED");
  g_assert_cmpuint (pb_failure_get_smtp_code (&f), ==, 0);
  g_assert_null (pb_failure_get_enhanced_code (&f));

  pb_failure_set_pop3_reply (&f, "IN-USE", "-ERR [IN-USE] Mailbox locked");
  g_assert_cmpint (f.reply.kind, ==, PB_REPLY_POP3);
  g_assert_cmpstr (pb_failure_get_response_code (&f), ==, "IN-USE");
  g_assert_cmpstr (f.reply.text, ==, "-ERR [IN-USE] Mailbox locked");

  pb_failure_set_pop3_reply (&f, NULL, "-ERR no");
  g_assert_null (pb_failure_get_response_code (&f));
  pb_failure_clear (&f);
  g_assert_cmpint (f.reply.kind, ==, PB_REPLY_NONE);
  g_assert_null (f.reply.text);
}

static void
test_copy (void)
{
  PbFailure f = { .stage = PB_STAGE_MAILBOX, .host = g_strdup ("imap.example.com"), .port = 993 };
  PbFailure copy = { 0 };

  pb_failure_set_imap_reply (&f, "NO", "UNAVAILABLE", "a4 NO [UNAVAILABLE] try later");
  pb_failure_copy_into (&f, &copy);
  pb_failure_clear (&f);
  /* The copy owns its strings: clearing the original leaves them. */
  g_assert_cmpint (copy.stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpstr (copy.host, ==, "imap.example.com");
  g_assert_cmpstr (copy.reply.imap.status, ==, "NO");
  g_assert_cmpstr (pb_failure_get_response_code (&copy), ==, "UNAVAILABLE");
  g_assert_cmpstr (copy.reply.text, ==, "a4 NO [UNAVAILABLE] try later");
  pb_failure_clear (&copy);
}

static void
test_stage_names (void)
{
  g_assert_cmpstr (pb_stage_to_string (PB_STAGE_CAPABILITY), ==, "capability");
  g_assert_cmpstr (pb_stage_to_string (PB_STAGE_ID), ==, "id");
  g_assert_cmpstr (pb_stage_to_string (PB_STAGE_MAILBOX), ==, "mailbox");
  /* Every stage up to the last has a name: a new stage without one fails here. */
  for (PbStage s = PB_STAGE_NONE; s <= PB_STAGE_KEYRING; s++)
    g_assert_nonnull (pb_stage_to_string (s));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/failure/replies", test_replies);
  g_test_add_func ("/failure/copy", test_copy);
  g_test_add_func ("/failure/stage-names", test_stage_names);
  return g_test_run ();
}
