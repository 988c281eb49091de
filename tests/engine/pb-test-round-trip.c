/* pb-test-round-trip.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-test-round-trip.h"
#include "pb-test-util.h"
#include "pb-transcript.h"

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
    "--to", ALICE, "--header", id_header, NULL
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
PbCheckResult *
pb_test_sent_now (const char *message_id)
{
  PbCheckResult *sent = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  sent->ok = sent->test_sent = TRUE;
  sent->test_message_id = g_strdup (message_id);
  sent->test_accepted_at = g_get_monotonic_time ();
  return sent;
}

/* The commands the client sent, without their IMAP tags, one a line. */
static char *
client_commands (PbRoundTripResult *r)
{
  GString *out = g_string_new (NULL);
  gboolean tagged = r->session->protocol == PB_PROTOCOL_IMAP;

  for (guint i = 0; i < r->session->transcript->len; i++)
    {
      PbTranscriptLine *line = r->session->transcript->pdata[i];
      const char *space = strchr (line->text, ' ');

      if (line->direction == 'C')
        g_string_append_printf (out, "%s\n", tagged && space != NULL ? space + 1 : line->text);
    }
  return g_string_free (out, FALSE);
}

/* The round trip of sent, or with sent NULL of a message only this test sends (its
 * Message-ID in run->message_id). */
PbRoundTripResult *
pb_test_round_trip (const Trip    *t,
            PbCheckResult *sent,
            Run           *run)
{
  g_autoptr(PbCheckResult) own = NULL;
  g_autoptr(PbServerConfig) config =
    pb_server_config_new (t->protocol, t->host, t->port, PB_SECURITY_TLS,
                          PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  PbCheckOptions options = { .pinned_sha256 = t->pin, .step_timeout_ms = t->step_timeout_ms,
                              .timeout_ms = t->timeout_ms };
  g_autoptr(PbRoundTrip) trip = pb_round_trip_new (config, t->address, &options);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();
  guint cancel = 0;

  memset (run, 0, sizeof *run);
  if (sent == NULL)
    {
      run->message_id = t->message_id ? g_strdup (t->message_id) : new_message_id ();
      sent = own = pb_test_sent_now (run->message_id);
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

void
pb_test_round_trip_clear (Run *run)
{
  g_clear_pointer (&run->steps, g_ptr_array_unref);
  g_clear_object (&run->result);
  g_clear_pointer (&run->message_id, g_free);
  g_clear_pointer (&run->commands, g_free);
}

guint
pb_test_round_trip_count_steps (Run        *run,
             const char *name)
{
  guint n = 0;

  for (guint i = 0; i < run->steps->len; i++)
    n += strcmp (run->steps->pdata[i], name) == 0;
  return n;
}

/* The Maildir file of the message with that Message-ID in the user's mailbox, or NULL. */
char *
pb_test_maildir_file (const char *local_part,
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
char *
pb_test_deliver_other (void)
{
  char *other = new_message_id ();
  gint64 deadline = g_get_monotonic_time () + pb_test_scaled_ms (10000) * G_GINT64_CONSTANT (1000);
  g_autofree char *file = NULL;

  deliver (other, TRUE);
  while ((file = pb_test_maildir_file ("alice", other)) == NULL && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_nonnull (file);
  return other;
}

/* Maildir flags after ":2," (S seen, T trashed = \Deleted): the other message has none. */
void
pb_test_assert_untouched (const char *message_id)
{
  g_autofree char *file = pb_test_maildir_file ("alice", message_id);
  const char *info;

  g_assert_nonnull (file);
  info = strstr (file, ":2,");
  g_assert_true (info == NULL || (strchr (info, 'S') == NULL && strchr (info, 'T') == NULL));
}

