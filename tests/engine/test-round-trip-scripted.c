/* test-round-trip-scripted.c: the round trip over POP3 against what Dovecot will not do
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run, against the scripted POP3 server's rt-* scenarios
 * (tests/lab/scripted-incoming.py): a server without UIDL, and TOP answers that are hostile
 * (huge headers of other messages and of its own, bare LF line ends, a reply that never
 * ends), a QUIT refused after DELE, logins refused for now once or until the end.
 * Each ends within its bounds, and nothing but the test message is ever marked for deletion.
 */
#include "config.h"

#include <string.h>

#include "pb-pop3-reply.h"
#include "pb-round-trip-pop3.h"
#include "pb-test-round-trip.h"
#include "pb-test-util.h"

#define USER          "alice@incoming.test"
#define PASSWORD      "Scripted-Pass-1"
#define ROUND_TRIP_ID "<round-trip@incoming.test>"

static Trip
scripted (const char *scenario,
          const char *message_id,
          guint       wait_ms)
{
  static char host[64];
  Trip t = { host, 995, PB_PROTOCOL_POP3, USER, PASSWORD, NULL, wait_ms };

  g_snprintf (host, sizeof host, "%s.incoming.test", scenario);
  t.message_id = message_id;
  return t;
}

static guint
count_lines (const char *text,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

/* Without UIDL: asked once, refused, then TOP alone, newest first, down to number 25 of 30,
 * which alone is deleted. */
static void
test_no_uidl (void)
{
  Trip t = scripted ("rt-no-uidl", ROUND_TRIP_ID, 5000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_cmpstr (r->dkim_domain, ==, "incoming.test");
  g_assert_cmpstr (r->dkim_selector, ==, "scripted");
  g_assert_cmpuint (count_lines (run.commands, "UIDL "), ==, 1);
  g_assert_nonnull (strstr (run.commands, "UIDL 30\nTOP 30 0\nTOP 29 0\n"));
  g_assert_nonnull (strstr (run.commands, "TOP 25 0\nDELE 25\nQUIT\n"));
  g_assert_cmpuint (count_lines (run.commands, "TOP "), ==, 6);
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 1);
  pb_test_round_trip_clear (&run);
}

/* A maildrop larger than a look reads: each look reads the newest messages only. */
static void
test_look_bounded (void)
{
  Trip t = scripted ("rt-no-uidl", "<not-there@incoming.test>", 2000);
  g_autofree char *oldest_read = NULL;
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED);
  g_assert_cmpuint (count_lines (run.commands, "TOP "), ==, PB_ROUND_TRIP_POP3_MAX_INSPECT);
  oldest_read = g_strdup_printf ("TOP %u 0\n", 30 - PB_ROUND_TRIP_POP3_MAX_INSPECT + 1);
  g_assert_nonnull (strstr (run.commands, oldest_read));
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 0);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), >=, 2);
  pb_test_round_trip_clear (&run);
}

/* Other messages' headers of 5000 lines and with a line of 100,000 bytes: each read to its
 * end and passed over, the round trip's message below them found and alone deleted. */
static void
test_huge_header (void)
{
  Trip t = scripted ("rt-huge-header", ROUND_TRIP_ID, 10000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_cmpstr (r->dkim_selector, ==, "scripted");
  g_assert_nonnull (strstr (run.commands, "TOP 3 0\n"));
  g_assert_nonnull (strstr (run.commands, "TOP 2 0\n"));
  g_assert_nonnull (strstr (run.commands, "TOP 1 0\nDELE 1\nQUIT\n"));
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 1);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), ==, 1);
  /* What was dropped is not in the transcript either (the 1,000 lines kept before are). */
  g_assert_cmpuint (r->session->transcript->len, <, 1500);
  pb_test_round_trip_clear (&run);
}

/* The round trip's own message with a header line of 100,000 bytes before its Message-ID
 * line: the header is passed over, but its Message-ID is read on the way, so the message is
 * found and deleted; its fields are not known. */
static void
test_huge_own_header (void)
{
  Trip t = scripted ("rt-huge-own", ROUND_TRIP_ID, 10000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_null (r->headers);
  g_assert_null (r->dkim_domain);
  g_assert_nonnull (strstr (run.commands, "TOP 2 0\nDELE 2\nQUIT\n"));
  g_assert_cmpuint (count_lines (run.commands, "TOP "), ==, 1);
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 1);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), ==, 1);
  pb_test_round_trip_clear (&run);
}

/* Bare LF line ends: lines all the same, the header is read and the message is ours. */
static void
test_bare_lf (void)
{
  Trip t = scripted ("rt-bare-lf", ROUND_TRIP_ID, 5000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_true (pb_round_trip_result_has_header (r, "Received"));
  g_assert_cmpstr (r->dkim_selector, ==, "scripted");
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_nonnull (strstr (run.commands, "TOP 4 0\nDELE 4\nQUIT\n"));
  pb_test_round_trip_clear (&run);
}

/* A TOP answer that never ends: the step's timeout ends it, long before the wait. */
static void
test_endless (void)
{
  Trip t = scripted ("rt-endless", ROUND_TRIP_ID, 30000);
  PbRoundTripResult *r;
  Run run;

  t.step_timeout_ms = 1500;
  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TIMEOUT);
  g_assert_cmpint (r->session->failure.stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (5000) * G_GINT64_CONSTANT (1000));
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 0);
  pb_test_round_trip_clear (&run);
}

/* The same with the default step timeout: the caller's timeout for the network's part (as
 * postbote check --timeout gives it) ends the look, within the wait. */
static void
test_endless_bounded (void)
{
  Trip t = scripted ("rt-endless", ROUND_TRIP_ID, 30000);
  PbRoundTripResult *r;
  Run run;

  t.timeout_ms = 2000;
  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TIMEOUT);
  g_assert_cmpint (run.usec, >=, 1500 * 1000);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (6000) * G_GINT64_CONSTANT (1000));
  pb_test_round_trip_clear (&run);
}

/* The second look's login is refused with [IN-USE] after the first was accepted: a pause
 * and a third look, which finds the message; nothing is reported as failed. */
static void
test_busy (void)
{
  Trip t = scripted ("rt-busy", ROUND_TRIP_ID, 30000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_true (r->session->authenticated);
  g_assert_cmpint (r->session->problem, ==, PB_PROBLEM_NONE);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), ==, 3);
  g_assert_nonnull (strstr (run.commands, "TOP 2 0\nDELE 2\nQUIT\n"));
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 1);
  pb_test_round_trip_clear (&run);
}

/* The first look gets in and finds another message; every later login is refused with
 * [LOGIN-DELAY] until the bound: the server did not let the round trip look again, said in
 * words of its own with the server's refusal, not that the message did not arrive. */
static void
test_busy_always (void)
{
  Trip t = scripted ("rt-busy-always", ROUND_TRIP_ID, pb_test_scaled_ms (3000));
  g_autofree char *log = g_build_filename (g_getenv ("PB_LAB_DIR"), "scripted-incoming",
                                           "rt-busy-always.log", NULL);
  g_autofree char *server_log = NULL;
  PbRoundTripResult *r;
  PbFailure *f;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  f = &r->session->failure;
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_POP3_BUSY);
  g_assert_cmpint (r->session->problem, ==, PB_PROBLEM_POP3_BUSY);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_NOT_FOUND);
  g_assert_cmpint (f->stage, ==, PB_STAGE_MAILBOX);
  g_assert_error (f->error, PB_POP3_ERROR, PB_POP3_ERROR_LOGIN_DELAY);
  g_assert_nonnull (strstr (f->error->message, ROUND_TRIP_ID));
  g_assert_cmpstr (pb_failure_get_response_code (f), ==, "LOGIN-DELAY");
  g_assert_cmpstr (f->reply.text, ==,
                   "-ERR [LOGIN-DELAY] Minimum time between logins is 15 minutes");
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), >=, 2);
  /* The server's log holds every look's commands: the first alone got as far as TOP. */
  g_assert_true (g_file_get_contents (log, &server_log, NULL, NULL));
  g_assert_cmpuint (count_lines (server_log, "STAT"), ==, 1);
  g_assert_cmpuint (count_lines (server_log, "TOP "), ==, 1);
  g_assert_cmpuint (count_lines (server_log, "DELE "), ==, 0);
  g_assert_cmpuint (count_lines (run.commands, "STAT"), ==, 0);
  pb_test_round_trip_clear (&run);
}

/* CAPA lists no TOP: said at once, in words of its own, without a single TOP or DELE. */
static void
test_no_top (void)
{
  Trip t = scripted ("rt-no-top", ROUND_TRIP_ID, 10000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_POP3_NO_TOP);
  g_assert_cmpint (r->session->failure.stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpuint (count_lines (run.commands, "TOP "), ==, 0);
  g_assert_cmpuint (count_lines (run.commands, "DELE "), ==, 0);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), ==, 1);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (3000) * G_GINT64_CONSTANT (1000));
  pb_test_round_trip_clear (&run);
}

/* QUIT, which would remove the marked message, is refused: it arrived, and the result says
 * it may still be there. */
static void
test_quit_fails (void)
{
  Trip t = scripted ("rt-quit-fails", ROUND_TRIP_ID, 5000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_MAY_REMAIN);
  g_assert_cmpstr (pb_round_trip_disposal_to_string (r->disposal), ==, "may-remain");
  g_assert_nonnull (strstr (run.commands, "TOP 1 0\nDELE 1\nQUIT\n"));
  pb_test_round_trip_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  if (!pb_test_lab_init (&argc, &argv))
    return 0;
  g_test_add_func ("/round-trip-scripted/no-uidl", test_no_uidl);
  g_test_add_func ("/round-trip-scripted/look-bounded", test_look_bounded);
  g_test_add_func ("/round-trip-scripted/huge-header", test_huge_header);
  g_test_add_func ("/round-trip-scripted/huge-own-header", test_huge_own_header);
  g_test_add_func ("/round-trip-scripted/busy", test_busy);
  g_test_add_func ("/round-trip-scripted/busy-always", test_busy_always);
  g_test_add_func ("/round-trip-scripted/no-top", test_no_top);
  g_test_add_func ("/round-trip-scripted/bare-lf", test_bare_lf);
  g_test_add_func ("/round-trip-scripted/endless", test_endless);
  g_test_add_func ("/round-trip-scripted/endless-bounded", test_endless_bounded);
  g_test_add_func ("/round-trip-scripted/quit-fails", test_quit_fails);
  return g_test_run ();
}
