/* test-round-trip.c: the test message from the outgoing server into INBOX, against the lab's
 * real Postfix and Dovecot
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run. Postfix delivers to Dovecot over LMTP; Dovecot offers IDLE
 * and UIDPLUS on 127.0.0.1 and neither on 127.0.5.2:993 (tests/lab/conf/dovecot.conf). To
 * see the round trip wait, a test may start it first and let Postfix deliver the message a
 * moment later (swaks on port 25, with the Message-ID the round trip looks for).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pb-test-round-trip.h"
#include "pb-test-util.h"

/* With IDLE and UIDPLUS: the round trip starts before the message is there, IDLE wakes it
 * when Postfix delivers, the header tells what arrived, and exactly that message goes; a
 * message that was there before stays as it was. */
static void
test_idle_and_removed (void)
{
  g_autofree char *other = pb_test_deliver_other ();
  Trip t = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, ALICE, ALICE_PASSWORD, NULL,
             pb_test_scaled_ms (20000), 0, 1500 };
  gint64 before = pb_test_maildir_count ("alice");
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_NONE);
  g_assert_cmpuint (r->delivery_usec, >=, 1500 * 1000);
  g_assert_cmpuint (r->delivery_usec, <, (guint64) t.wait_ms * 1000);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "idle"), >=, 1);
  g_assert_cmpuint (run.progress, >=, 1);
  g_assert_true (pb_round_trip_result_has_header (r, "received"));
  g_assert_true (pb_round_trip_result_has_header (r, "Message-ID"));
  g_assert_cmpstr (r->dkim_domain, ==, "lab.test");
  g_assert_cmpstr (r->dkim_selector, ==, "lab2026");
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_nonnull (strstr (run.commands, "SELECT \"INBOX\"\n"));
  /* The check's client: ID goes out with SELECT, not as a step of its own. */
  g_assert_nonnull (strstr (run.commands, ")\nSELECT \"INBOX\"\n"));
  g_assert_nonnull (strstr (run.commands, "ID (\"name\" \"Postbote\""));
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "id"), ==, 0);
  g_assert_nonnull (strstr (run.commands, "UID SEARCH HEADER \"Message-ID\""));
  g_assert_nonnull (strstr (run.commands, "+FLAGS.SILENT (\\Deleted)\n"));
  g_assert_nonnull (strstr (run.commands, "UID EXPUNGE "));
  g_assert_null (strstr (run.commands, "\nEXPUNGE"));
  g_assert_null (strstr (run.commands, "CLOSE"));
  g_assert_cmpint (pb_test_maildir_count ("alice"), ==, before);
  g_assert_null (pb_test_maildir_file ("alice", run.message_id));
  pb_test_assert_untouched (other);
  pb_test_round_trip_clear (&run);
}

/* Neither IDLE nor UIDPLUS: the mailbox is examined read-only, searched again every poll
 * until the message comes, read without \Seen, and left there, as the result says. */
static void
test_poll_and_left (void)
{
  g_autofree char *pin = pb_test_lab_pin ("mail");
  Trip t = { "127.0.5.2", 993, PB_PROTOCOL_IMAP, ALICE, ALICE_PASSWORD, pin,
             pb_test_scaled_ms (20000), 0, 1500 };
  gint64 count = pb_test_maildir_count ("alice");
  Run run;

  g_assert_true (pb_test_round_trip (&t, NULL, &run)->delivered);
  g_assert_true (run.result->ok);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "idle"), ==, 0);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "search"), >=, 2);
  g_assert_true (pb_round_trip_result_has_header (run.result, "DKIM-Signature"));
  g_assert_cmpint (run.result->disposal, ==, PB_ROUND_TRIP_LEFT_NO_UIDPLUS);
  g_assert_nonnull (strstr (run.commands, "EXAMINE \"INBOX\"\n"));
  g_assert_nonnull (strstr (run.commands, "(BODY.PEEK[HEADER])"));
  g_assert_null (strstr (run.commands, "SELECT"));
  g_assert_null (strstr (run.commands, "STORE"));
  g_assert_null (strstr (run.commands, "EXPUNGE"));
  g_assert_cmpint (pb_test_maildir_count ("alice"), ==, count + 1);
  pb_test_assert_untouched (run.message_id);
  pb_test_round_trip_clear (&run);
}

/* The whole path as a user takes it: the check sends its test message through Postfix on
 * 465, the round trip finds it over 993 and removes it. */
static void
test_sent_by_check (void)
{
  PbCheckOptions options = { .send_test = TRUE };
  g_autoptr(PbCheckResult) sent =
    pb_test_run_check_for (ALICE, "mail.lab.test", 465, PB_SECURITY_TLS, &options,
                           ALICE_PASSWORD, 0, NULL);
  Trip t = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, ALICE, ALICE_PASSWORD, NULL,
             pb_test_scaled_ms (20000), 0, 0 };
  gint64 before;
  PbRoundTripResult *r;
  Run run;

  g_assert_true (sent->ok && sent->test_sent);
  g_assert_cmpint (sent->test_accepted_at, >, 0);
  before = pb_test_maildir_count ("alice");
  r = pb_test_round_trip (&t, sent, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpstr (r->message_id, ==, sent->test_message_id);
  g_assert_true (pb_round_trip_result_has_header (r, "Received"));
  g_assert_true (pb_round_trip_result_has_header (r, "Subject"));
  /* The lab's OpenDKIM signed it on the way, as a provider's server does. */
  g_assert_cmpstr (r->dkim_domain, ==, "lab.test");
  g_assert_cmpstr (r->dkim_selector, ==, "lab2026");
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_null (pb_test_maildir_file ("alice", sent->test_message_id));
  /* Postfix may still have been delivering when the count was read; never more. */
  g_assert_cmpint (pb_test_maildir_count ("alice"), <=, before);
  pb_test_round_trip_clear (&run);
}

/* The incoming servers every protocol's round trip is tested on: Dovecot with IDLE and
 * UIDPLUS, or its POP3; the name of the step that looks for the message. */
typedef struct {
  const char *host;
  guint16     port;
  PbProtocol  protocol;
  const char *look;
} Server;

static const Server imap = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, "search" };
static const Server pop3 = { "mail.lab.test", 995, PB_PROTOCOL_POP3, "top" };

static Trip
trip_to (const Server *s,
         const char   *address,
         const char   *password,
         guint         wait_ms)
{
  Trip t = { s->host, s->port, s->protocol, address, password, NULL, wait_ms };

  return t;
}

/* A message that never comes into this INBOX (sent to alice, looked for in bob's): the
 * problem id within the bound, with progress all along, and nothing touched. */
static void
test_not_received (gconstpointer data)
{
  const Server *s = data;
  Trip t = trip_to (data, BOB, BOB_PASSWORD, 3000);
  gint64 bob_before = pb_test_maildir_count ("bob");
  PbRoundTripResult *r;
  Run run;

  t.deliver_after_ms = 200;
  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED);
  g_assert_cmpint (r->session->failure.stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_NOT_FOUND);
  g_assert_cmpint (run.usec, >=, 3000 * 1000);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (6000) * G_GINT64_CONSTANT (1000));
  g_assert_cmpuint (run.progress, >=, 3);
  g_assert_true (r->session->authenticated);
  g_assert_cmpint (pb_test_maildir_count ("bob"), ==, bob_before);
  /* Every session said goodbye: IMAP's one, each of POP3's looks. */
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "quit"), ==,
                    pb_test_round_trip_count_steps (&run, "auth"));
  if (s->protocol == PB_PROTOCOL_IMAP)
    g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), ==, 1);
  else
    g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), >=, 2);
  g_assert_null (strstr (run.commands, "DELE"));
  g_assert_null (strstr (run.commands, "EXPUNGE"));
  pb_test_round_trip_clear (&run);
}

/* Cancel while it waits: it ends at once, as "cancelled". */
static void
test_cancel (gconstpointer data)
{
  Trip t = trip_to (data, BOB, BOB_PASSWORD, 30000);
  PbRoundTripResult *r = NULL;
  Run run;

  t.cancel_after_ms = 1500;
  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_CANCELLED);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (4000) * G_GINT64_CONSTANT (1000));
  g_assert_cmpuint (run.progress, >=, 1);
  pb_test_round_trip_clear (&run);
}

/* A wrong password: the login's failure and its problem id (as the incoming check
 * diagnoses it), and nothing is looked for. */
static void
test_wrong_password (gconstpointer data)
{
  const Server *s = data;
  Trip t = trip_to (s, ALICE, "Wrong-Password-9", 5000);
  PbRoundTripResult *r;
  Run run;

  r = pb_test_round_trip (&t, NULL, &run);
  g_test_message ("%s", pb_problem_to_string (r->problem));
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_AUTH_FAILED);
  g_assert_cmpint (r->problem, ==, r->session->problem);
  g_assert_cmpint (r->session->failure.stage, ==, PB_STAGE_AUTH);
  g_assert_false (r->session->authenticated);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, s->look), ==, 0);
  g_assert_cmpuint (pb_test_round_trip_count_steps (&run, "auth"), ==, 1);
  g_assert_cmpuint (run.progress, ==, 0);
  pb_test_round_trip_clear (&run);
}

/* One DELE, for the message whose header was read just before. */
static void
assert_deleted_alone (const char *commands)
{
  const char *dele = strstr (commands, "DELE ");
  g_autofree char *expected = NULL;

  g_assert_nonnull (dele);
  g_assert_null (strstr (dele + 1, "DELE "));
  expected = g_strdup_printf ("TOP %u 0\nDELE %u\n", (guint) atoi (dele + 5),
                              (guint) atoi (dele + 5));
  g_assert_nonnull (strstr (commands, expected));
}

/* Over POP3: each look a session of its own, the newest messages read with UIDL and TOP,
 * the test message found by its Message-ID with what arrived with it, and DELE for it alone
 * in the session that found it; the message that was there before stays as it was. */
static void
test_pop3_removed (void)
{
  g_autofree char *other = pb_test_deliver_other ();
  Trip t = trip_to (&pop3, ALICE, ALICE_PASSWORD, pb_test_scaled_ms (20000));
  gint64 before = pb_test_maildir_count ("alice");
  PbRoundTripResult *r;
  Run run;

  t.deliver_after_ms = 1500;
  r = pb_test_round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpuint (r->delivery_usec, >=, 1500 * 1000);
  g_assert_cmpuint (run.progress, >=, 1);
  g_assert_true (pb_round_trip_result_has_header (r, "Received"));
  g_assert_true (pb_round_trip_result_has_header (r, "message-id"));
  g_assert_cmpstr (r->dkim_domain, ==, "lab.test");
  g_assert_cmpstr (r->dkim_selector, ==, "lab2026");
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  /* The look that found it: the newest message first, UIDL then its header, then DELE of
   * that number and QUIT; nothing read in full, nothing else marked. */
  g_assert_nonnull (strstr (run.commands, "STAT\n"));
  g_assert_nonnull (strstr (run.commands, "UIDL "));
  assert_deleted_alone (run.commands);
  g_assert_true (g_str_has_suffix (run.commands, "QUIT\n"));
  g_assert_null (strstr (run.commands, "RETR"));
  g_assert_cmpint (pb_test_maildir_count ("alice"), ==, before);
  g_assert_null (pb_test_maildir_file ("alice", run.message_id));
  pb_test_assert_untouched (other);
  pb_test_round_trip_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  if (!pb_test_lab_init (&argc, &argv))
    return 0;
  g_test_add_func ("/round-trip/idle-and-removed", test_idle_and_removed);
  g_test_add_func ("/round-trip/poll-and-left", test_poll_and_left);
  g_test_add_func ("/round-trip/sent-by-check", test_sent_by_check);
  g_test_add_data_func ("/round-trip/not-received", &imap, test_not_received);
  g_test_add_data_func ("/round-trip/cancel", &imap, test_cancel);
  g_test_add_data_func ("/round-trip/wrong-password", &imap, test_wrong_password);
  g_test_add_func ("/round-trip/pop3/removed", test_pop3_removed);
  g_test_add_data_func ("/round-trip/pop3/not-received", &pop3, test_not_received);
  g_test_add_data_func ("/round-trip/pop3/cancel", &pop3, test_cancel);
  g_test_add_data_func ("/round-trip/pop3/wrong-password", &pop3, test_wrong_password);
  return g_test_run ();
}
