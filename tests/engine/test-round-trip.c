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

#include <string.h>

#include "pb-round-trip.h"
#include "pb-test-util.h"
#include "pb-transcript.h"

#define ALICE          "alice@lab.test"
#define ALICE_PASSWORD "Alice-Secret-1"
#define BOB            "bob@lab.test"
#define BOB_PASSWORD   "Bob-Secret-2"
/* What a signing provider adds; the lab's Postfix signs nothing, so the sender sets it. */
#define DKIM_HEADER    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n d=lab.test; " \
                       "s=lab2026; h=From:To:Subject; bh=YWJj; b=ZGVm"

typedef struct {
  const char  *host;
  guint16      port;
  PbProtocol   protocol;
  const char  *address;
  const char  *password;
  const char  *pin;
  guint        wait_ms;
  guint        cancel_after_ms;
  guint        deliver_after_ms; /* swaks delivers the message this long after the start;
                                    0: never */
} Trip;

typedef struct {
  GMainLoop          *loop;
  PbRoundTripResult  *result;
  GPtrArray          *steps;     /* names */
  guint               progress;  /* ::progress signals */
  guint               last_waited;
  guint               wait_ms;
  gint64              usec;      /* how long the run took */
  char               *message_id; /* of the message this test sent itself */
  char               *commands;  /* what the client sent, without tags, a line each */
} Run;

static void
on_step (PbRoundTrip *trip,
         PbCheckStep *step,
         Run         *run)
{
  g_ptr_array_add (run->steps, g_strdup (step->name));
}

static void
on_progress (PbRoundTrip *trip,
             guint        waited_ms,
             guint        wait_ms,
             Run         *run)
{
  g_assert_cmpuint (wait_ms, ==, run->wait_ms);
  g_assert_cmpuint (waited_ms, >=, run->last_waited);
  run->last_waited = waited_ms;
  run->progress++;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->result = pb_round_trip_run_finish (PB_ROUND_TRIP (source), result, NULL);
  g_main_loop_quit (run->loop);
}

/* A message to alice with that Message-ID, through Postfix's port 25 (mail for lab.test
 * needs no login there). */
static void
deliver (const char *message_id,
         gboolean    wait)
{
  g_autofree char *id_header = g_strdup_printf ("Message-ID: %s", message_id);
  const char *argv[] = {
    "swaks", "--silent", "2", "--server", "127.0.0.1", "--port", "25", "--from", BOB,
    "--to", ALICE, "--header", id_header, "--add-header", DKIM_HEADER, NULL
  };
  g_autoptr(GError) error = NULL;
  gint status = 0;

  if (wait)
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                  NULL, NULL, &error));
}

static void
deliver_later (gpointer message_id)
{
  deliver (message_id, FALSE);
}

static void
cancel_now (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
}

static char *
new_message_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("<%s@lab.test>", uuid);
}

/* What the check that sent a test message reports, for a message only this test sends. */
static PbCheckResult *
sent_now (const char *message_id)
{
  PbCheckResult *sent = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  sent->ok = sent->test_sent = TRUE;
  sent->test_message_id = g_strdup (message_id);
  sent->test_accepted_at = g_get_monotonic_time ();
  return sent;
}

/* The commands the client sent, without their tags, one a line. */
static char *
client_commands (PbRoundTripResult *r)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < r->session->transcript->len; i++)
    {
      PbTranscriptLine *line = r->session->transcript->pdata[i];
      const char *space = strchr (line->text, ' ');

      if (line->direction == 'C')
        g_string_append_printf (out, "%s\n", space != NULL ? space + 1 : line->text);
    }
  return g_string_free (out, FALSE);
}

/* The round trip of sent, or with sent NULL of a message only this test sends (its
 * Message-ID in run->message_id). */
static PbRoundTripResult *
round_trip (const Trip    *t,
            PbCheckResult *sent,
            Run           *run)
{
  g_autoptr(PbCheckResult) own = NULL;
  g_autoptr(PbServerConfig) config =
    pb_server_config_new (t->protocol, t->host, t->port, PB_SECURITY_TLS,
                          PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  PbCheckOptions options = { .pinned_sha256 = t->pin };
  g_autoptr(PbRoundTrip) trip = pb_round_trip_new (config, t->address, &options);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();
  guint cancel = 0;

  memset (run, 0, sizeof *run);
  if (sent == NULL)
    {
      run->message_id = new_message_id ();
      sent = own = sent_now (run->message_id);
    }
  run->loop = g_main_loop_new (NULL, FALSE);
  run->steps = g_ptr_array_new_with_free_func (g_free);
  run->wait_ms = t->wait_ms;
  pb_round_trip_set_password (trip, t->password);
  pb_round_trip_set_wait (trip, t->wait_ms, 500);
  g_signal_connect (trip, "step", G_CALLBACK (on_step), run);
  g_signal_connect (trip, "progress", G_CALLBACK (on_progress), run);
  if (t->deliver_after_ms)
    g_timeout_add_once (t->deliver_after_ms, deliver_later, run->message_id);
  if (t->cancel_after_ms)
    cancel = g_timeout_add_once (t->cancel_after_ms, cancel_now, cancellable);
  pb_round_trip_run_async (trip, sent, cancellable, on_done, run);
  g_main_loop_run (run->loop);
  run->usec = g_get_monotonic_time () - start;
  if (cancel && !g_cancellable_is_cancelled (cancellable))
    g_source_remove (cancel);
  g_main_loop_unref (run->loop);
  g_assert_nonnull (run->result);
  if (run->result->session != NULL)
    {
      run->commands = client_commands (run->result);
      g_test_message ("%s", run->commands);
    }
  return run->result;
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->steps, g_ptr_array_unref);
  g_clear_object (&run->result);
  g_clear_pointer (&run->message_id, g_free);
  g_clear_pointer (&run->commands, g_free);
}

static guint
count_steps (Run        *run,
             const char *name)
{
  guint n = 0;

  for (guint i = 0; i < run->steps->len; i++)
    n += strcmp (run->steps->pdata[i], name) == 0;
  return n;
}

/* The Maildir file of the message with that Message-ID in the user's mailbox, or NULL. */
static char *
maildir_file (const char *local_part,
              const char *message_id)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *dir_path = g_build_filename (g_getenv ("PB_LAB_DIR"), "mail", local_part,
                                                    "Maildir", i == 0 ? "new" : "cur", NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autofree char *text = NULL;

          if (g_file_get_contents (path, &text, NULL, NULL) && strstr (text, message_id))
            return g_strdup (name);
        }
    }
  return NULL;
}

/* A message another program left in the mailbox, delivered before the round trip. */
static char *
deliver_other (void)
{
  char *other = new_message_id ();
  gint64 deadline = g_get_monotonic_time () + pb_test_scaled_ms (10000) * G_GINT64_CONSTANT (1000);
  g_autofree char *file = NULL;

  deliver (other, TRUE);
  while ((file = maildir_file ("alice", other)) == NULL && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_nonnull (file);
  return other;
}

/* Maildir flags after ":2," (S seen, T trashed = \Deleted): the other message has none. */
static void
assert_untouched (const char *message_id)
{
  g_autofree char *file = maildir_file ("alice", message_id);
  const char *info;

  g_assert_nonnull (file);
  info = strstr (file, ":2,");
  g_assert_true (info == NULL || (strchr (info, 'S') == NULL && strchr (info, 'T') == NULL));
}

/* With IDLE and UIDPLUS: the round trip starts before the message is there, IDLE wakes it
 * when Postfix delivers, the header tells what arrived, and exactly that message goes; a
 * message that was there before stays as it was. */
static void
test_idle_and_removed (void)
{
  g_autofree char *other = deliver_other ();
  Trip t = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, ALICE, ALICE_PASSWORD, NULL,
             pb_test_scaled_ms (20000), 0, 1500 };
  gint64 before = pb_test_maildir_count ("alice");
  PbRoundTripResult *r;
  Run run;

  r = round_trip (&t, NULL, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_NONE);
  g_assert_cmpuint (r->delivery_usec, >=, 1500 * 1000);
  g_assert_cmpuint (r->delivery_usec, <, (guint64) t.wait_ms * 1000);
  g_assert_cmpuint (count_steps (&run, "idle"), >=, 1);
  g_assert_cmpuint (run.progress, >=, 1);
  g_assert_true (pb_round_trip_result_has_header (r, "received"));
  g_assert_true (pb_round_trip_result_has_header (r, "Message-ID"));
  g_assert_cmpstr (r->dkim_domain, ==, "lab.test");
  g_assert_cmpstr (r->dkim_selector, ==, "lab2026");
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_nonnull (strstr (run.commands, "SELECT \"INBOX\"\n"));
  g_assert_nonnull (strstr (run.commands, "UID SEARCH HEADER \"Message-ID\""));
  g_assert_nonnull (strstr (run.commands, "+FLAGS.SILENT (\\Deleted)\n"));
  g_assert_nonnull (strstr (run.commands, "UID EXPUNGE "));
  g_assert_null (strstr (run.commands, "\nEXPUNGE"));
  g_assert_null (strstr (run.commands, "CLOSE"));
  g_assert_cmpint (pb_test_maildir_count ("alice"), ==, before);
  g_assert_null (maildir_file ("alice", run.message_id));
  assert_untouched (other);
  run_clear (&run);
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

  g_assert_true (round_trip (&t, NULL, &run)->delivered);
  g_assert_true (run.result->ok);
  g_assert_cmpuint (count_steps (&run, "idle"), ==, 0);
  g_assert_cmpuint (count_steps (&run, "search"), >=, 2);
  g_assert_true (pb_round_trip_result_has_header (run.result, "DKIM-Signature"));
  g_assert_cmpint (run.result->disposal, ==, PB_ROUND_TRIP_LEFT_NO_UIDPLUS);
  g_assert_nonnull (strstr (run.commands, "EXAMINE \"INBOX\"\n"));
  g_assert_nonnull (strstr (run.commands, "(BODY.PEEK[HEADER])"));
  g_assert_null (strstr (run.commands, "SELECT"));
  g_assert_null (strstr (run.commands, "STORE"));
  g_assert_null (strstr (run.commands, "EXPUNGE"));
  g_assert_cmpint (pb_test_maildir_count ("alice"), ==, count + 1);
  assert_untouched (run.message_id);
  run_clear (&run);
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
  r = round_trip (&t, sent, &run);
  g_assert_true (r->ok && r->delivered);
  g_assert_cmpstr (r->message_id, ==, sent->test_message_id);
  g_assert_true (pb_round_trip_result_has_header (r, "Received"));
  g_assert_true (pb_round_trip_result_has_header (r, "Subject"));
  g_assert_null (r->dkim_domain);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_DELETED);
  g_assert_null (maildir_file ("alice", sent->test_message_id));
  /* Postfix may still have been delivering when the count was read; never more. */
  g_assert_cmpint (pb_test_maildir_count ("alice"), <=, before);
  run_clear (&run);
}

/* A message that never comes into this INBOX (sent to alice, looked for in bob's): the
 * problem id within the bound, with progress all along, and nothing touched. */
static void
test_not_received (void)
{
  Trip t = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, BOB, BOB_PASSWORD, NULL, 3000, 0, 200 };
  gint64 bob_before = pb_test_maildir_count ("bob");
  PbRoundTripResult *r;
  Run run;

  r = round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED);
  g_assert_cmpint (r->session->failure.stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpint (r->disposal, ==, PB_ROUND_TRIP_NOT_FOUND);
  g_assert_cmpint (run.usec, >=, 3000 * 1000);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (6000) * G_GINT64_CONSTANT (1000));
  g_assert_cmpuint (run.progress, >=, 3);
  g_assert_true (r->session->authenticated);
  g_assert_cmpint (pb_test_maildir_count ("bob"), ==, bob_before);
  g_assert_cmpuint (count_steps (&run, "quit"), ==, 1);
  run_clear (&run);
}

/* Cancel while it waits: it ends at once, as "cancelled". */
static void
test_cancel (void)
{
  Trip t = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, BOB, BOB_PASSWORD, NULL, 30000, 1500,
             0 };
  PbRoundTripResult *r = NULL;
  Run run;

  r = round_trip (&t, NULL, &run);
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_CANCELLED);
  g_assert_cmpint (run.usec, <, pb_test_scaled_ms (4000) * G_GINT64_CONSTANT (1000));
  run_clear (&run);
}

/* A wrong password: the login's failure and its problem id (as the incoming check
 * diagnoses it), and nothing is looked for. */
static void
test_wrong_password (void)
{
  Trip t = { "imap.lab.test", 993, PB_PROTOCOL_IMAP, ALICE, "Wrong-Password-9", NULL, 5000, 0,
             0 };
  PbRoundTripResult *r;
  Run run;

  r = round_trip (&t, NULL, &run);
  g_test_message ("%s", pb_problem_to_string (r->problem));
  g_assert_false (r->ok || r->delivered);
  g_assert_cmpint (r->problem, !=, PB_PROBLEM_NONE);
  g_assert_cmpint (r->problem, ==, r->session->problem);
  g_assert_cmpint (r->session->failure.stage, ==, PB_STAGE_AUTH);
  g_assert_false (r->session->authenticated);
  g_assert_cmpuint (count_steps (&run, "search"), ==, 0);
  g_assert_cmpuint (run.progress, ==, 0);
  run_clear (&run);
}

/* POP3 has no way to wait for one message: nothing is tried, and the result says IMAP is
 * needed. */
static void
test_pop3_needs_imap (void)
{
  Trip t = { "mail.lab.test", 995, PB_PROTOCOL_POP3, ALICE, ALICE_PASSWORD, NULL, 5000, 0, 0 };
  PbRoundTripResult *r;
  Run run;

  r = round_trip (&t, NULL, &run);
  g_assert_true (r->needs_imap);
  g_assert_false (r->ok);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_NONE);
  g_assert_null (r->session);
  g_assert_cmpuint (run.steps->len, ==, 0);
  run_clear (&run);
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
  g_test_add_func ("/round-trip/not-received", test_not_received);
  g_test_add_func ("/round-trip/cancel", test_cancel);
  g_test_add_func ("/round-trip/wrong-password", test_wrong_password);
  g_test_add_func ("/round-trip/pop3-needs-imap", test_pop3_needs_imap);
  return g_test_run ();
}
