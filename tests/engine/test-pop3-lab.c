/* test-pop3-lab.c: the POP3 client against the lab's real Dovecot (995 and 110)
 * Run through the lab: tests/lab/lab-run --tap test-pop3-lab --tap
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the tests a message goes to alice by the lab's Postfix, so that STAT has something
 * to count; its answer is compared with alice's Maildir.
 */
#include <string.h>

#include "pb-pop3.h"
#include "pb-test-util.h"

#define USER "alice@lab.test"
#define PASSWORD "Alice-Secret-1"

typedef struct {
  PbPop3Client *client;
  GPtrArray    *steps;     /* the names of the finished stages */
  GAsyncResult *result;    /* of the operation that ran last */
  GError       *error;
} Session;

static void
on_step (PbConnection *connection,
         const char   *name,
         guint         stage,
         gboolean      ok,
         guint64       usec,
         gpointer      user_data)
{
  g_ptr_array_add (user_data, g_strdup (name));
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until the operation started with keep_result() ends. */
static gboolean
wait_done (Session *s)
{
  g_autoptr(GAsyncResult) result = NULL;

  while (s->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&s->result);
  return pb_pop3_client_finish (s->client, result, &s->error);
}

/* Connect, log in, STAT and QUIT, up to the first failure. */
static void
session_run (Session    *s,
             guint16     port,
             PbSecurity  security,
             const char *password)
{
  memset (s, 0, sizeof *s);
  s->client = pb_pop3_client_new ("127.0.0.1", port, security);
  s->steps = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (pb_pop3_client_get_connection (s->client), "step", G_CALLBACK (on_step),
                    s->steps);
  pb_pop3_client_connect_async (s->client, NULL, keep_result, &s->result);
  if (!wait_done (s))
    return;
  pb_pop3_client_authenticate_async (s->client, PB_AUTH_PASSWORD_CLEARTEXT, USER, password,
                                     NULL, keep_result, &s->result);
  if (!wait_done (s))
    return;
  pb_pop3_client_stat_async (s->client, NULL, keep_result, &s->result);
  if (!wait_done (s))
    return;
  pb_pop3_client_quit_async (s->client, NULL, keep_result, &s->result);
  wait_done (s);
}

static void
session_clear (Session *s)
{
  g_clear_object (&s->client);
  g_ptr_array_unref (s->steps);
  g_clear_error (&s->error);
}

static gboolean
transcript_has (Session    *s,
                const char *text)
{
  PbConnection *connection = pb_pop3_client_get_connection (s->client);

  return pb_test_lines_have (pb_transcript_get_lines (pb_connection_get_transcript (connection)),
                             0, text);
}

static void
assert_steps (Session           *s,
              const char * const *want)
{
  for (guint i = 0; i < s->steps->len || want[i] != NULL; i++)
    {
      g_assert_nonnull (want[i]);
      g_assert_cmpuint (i, <, s->steps->len);
      g_assert_cmpstr (s->steps->pdata[i], ==, want[i]);
    }
}

/* The messages in alice's Maildir, whether Dovecot has moved them to cur/ or not. */
static void
assert_mailbox (Session *s)
{
  guint messages = 0;
  guint64 octets = 0;

  g_assert_true (pb_pop3_client_get_mailbox (s->client, &messages, &octets));
  g_assert_cmpuint (messages, >=, 1);
  g_assert_cmpuint (messages, ==, pb_test_maildir_count ("alice"));
  g_assert_cmpuint (octets, >, 100 * messages);
}

/* 995: TLS first, then the whole session; Dovecot offers SASL PLAIN inside TLS. */
static void
test_implicit_tls (void)
{
  static const char * const want[] = { "resolve", "connect", "tls", "greeting", "capability", "auth",
                                       "mailbox", "quit", NULL };
  Session s;

  session_run (&s, 995, PB_SECURITY_TLS, PASSWORD);
  g_assert_no_error (s.error);
  assert_steps (&s, want);
  g_assert_nonnull (pb_connection_get_tls_version (pb_pop3_client_get_connection (s.client)));
  g_assert_true (pb_pop3_client_get_capabilities (s.client)->announced);
  g_assert_cmpint (pb_pop3_client_get_login (s.client), ==, PB_POP3_LOGIN_SASL_PLAIN);
  assert_mailbox (&s);
  g_assert_true (transcript_has (&s, "AUTH PLAIN <redacted>"));
  g_assert_false (transcript_has (&s, PASSWORD));
  session_clear (&s);
}

/* 110: STLS, the handshake, and CAPA asked again inside TLS: what the server said before
 * (STLS offered) is gone, what it says now counts. */
static void
test_stls (void)
{
  static const char * const want[] = { "resolve", "connect", "greeting", "capability", "starttls",
                                       "starttls-handshake", "capability", "auth", "mailbox", "quit",
                                       NULL };
  Session s;
  const PbPop3Capabilities *caps;

  session_run (&s, 110, PB_SECURITY_STARTTLS, PASSWORD);
  g_assert_no_error (s.error);
  assert_steps (&s, want);
  caps = pb_pop3_client_get_capabilities (s.client);
  g_assert_false (caps->flags & PB_POP3_CAP_STLS);
  g_assert_true (pb_pop3_capabilities_has_mechanism (caps, "PLAIN"));
  g_assert_nonnull (pb_connection_get_tls_version (pb_pop3_client_get_connection (s.client)));
  assert_mailbox (&s);
  g_assert_false (transcript_has (&s, PASSWORD));
  session_clear (&s);
}

/* A wrong password: Dovecot's -ERR [AUTH] in the failure, in the login's stage. */
static void
test_wrong_password (void)
{
  Session s;
  const PbFailure *f;

  session_run (&s, 995, PB_SECURITY_TLS, "Wrong-Secret-9");
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_AUTH_FAILED);
  f = pb_pop3_client_get_failure (s.client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_AUTH);
  g_assert_cmpint (f->reply.kind, ==, PB_REPLY_POP3);
  g_assert_cmpstr (pb_failure_get_response_code (f), ==, "AUTH");
  g_assert_true (g_str_has_prefix (f->reply.text, "-ERR [AUTH] "));
  g_assert_false (transcript_has (&s, "Wrong-Secret-9"));
  session_clear (&s);
}

/* 110 without STLS and without consent: the password is never sent in plain text. */
static void
test_plain_refused (void)
{
  Session s;

  session_run (&s, 110, PB_SECURITY_NONE, PASSWORD);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_POLICY);
  g_assert_cmpint (pb_pop3_client_get_failure (s.client)->stage, ==, PB_STAGE_AUTH);
  g_assert_false (pb_pop3_client_get_auth_sent (s.client));
  session_clear (&s);
}

/* One message to alice through the lab's Postfix, waited for in her Maildir. */
static void
deliver_message (void)
{
  const char *argv[] = { "swaks", "--server", "127.0.0.1", "--port", "25", "--timeout", "10",
                         "--from", "postbote@lab.test", "--to", USER, "--header",
                         "Subject: POP3 lab test", "--body", "A message for STAT to count.",
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint before = pb_test_maildir_count ("alice");

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("swaks failed: %s", out);
  while (pb_test_maildir_count ("alice") == before && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_cmpuint (pb_test_maildir_count ("alice"), >, before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* lab-run sets it; the lab skips itself where it cannot run. */
  g_assert_nonnull (g_getenv ("PB_LAB_DIR"));
  deliver_message ();

  g_test_add_func ("/pop3-lab/implicit-tls", test_implicit_tls);
  g_test_add_func ("/pop3-lab/stls", test_stls);
  g_test_add_func ("/pop3-lab/wrong-password", test_wrong_password);
  g_test_add_func ("/pop3-lab/plain-refused", test_plain_refused);

  return g_test_run ();
}
