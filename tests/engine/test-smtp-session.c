/* test-smtp-session.c: the SMTP client against a scripted peer over a socketpair
 * (pb-test-peer.h): logins the server does not follow, an envelope refused in a pipeline,
 * QUIT answered with 421, data nobody asked for, a client that never connected
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lab's scripted server (tests/lab/scripted-smtp.py) plays the cases a check meets on
 * the way to a diagnosis; these are the client's own rules, without TLS and without the lab.
 */
#include "config.h"

#include <string.h>

#include "pb-smtp.h"
#include "pb-test-peer.h"
#include "pb-test-util.h"

#define GREETING "S:220 mail.example.test ESMTP\r\n"

typedef struct {
  PbSmtpClient *client;
  PbTestPeer   *peer;
  gboolean      done;
  gboolean      ok;
  GError       *error;
} Session;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Session *s = user_data;

  g_clear_error (&s->error);
  if (g_async_result_is_tagged (result, pb_smtp_client_connect_async))
    s->ok = pb_smtp_client_connect_finish (s->client, result, &s->error);
  else
    s->ok = pb_smtp_client_command_finish (s->client, result, &s->error);
  s->done = TRUE;
}

static gboolean
wait_done (Session *s)
{
  while (!s->done)
    g_main_context_iteration (NULL, TRUE);
  s->done = FALSE;
  return s->ok;
}

/* The client on one end of a socketpair, the peer playing script on the other; connected
 * (EHLO answered as the script says), its result in s->ok. */
static gboolean
session_start (Session            *s,
               const char * const *script)
{
  g_autoptr(GSocketConnection) local = NULL;

  memset (s, 0, sizeof *s);
  s->peer = pb_test_peer_start (script, &local);
  s->client = pb_smtp_client_new ("mail.example.test", 587, PB_SECURITY_NONE);
  pb_smtp_client_set_timeouts (s->client, 2000, 10000);
  pb_smtp_client_set_allow_plaintext_auth (s->client, TRUE);
  pb_smtp_client_connect_on_connection_async (s->client, local, NULL, on_done, s);
  return wait_done (s);
}

/* Ends the session: the number of lines the peer got. */
static guint
session_end (Session *s)
{
  guint n;

  g_clear_object (&s->client);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  n = pb_test_peer_stop (s->peer);
  g_clear_pointer (&s->peer, pb_test_peer_free);
  g_clear_error (&s->error);
  return n;
}

static gboolean
authenticate (Session      *s,
              PbAuthMethod  method)
{
  pb_smtp_client_authenticate_async (s->client, method, "alice", "hunter2", NULL, on_done, s);
  return wait_done (s);
}

static gboolean
transcript_has (Session    *s,
                char        direction,
                const char *needle)
{
  return pb_test_lines_have (pb_smtp_client_get_transcript (s->client), direction, needle);
}

/* Each mechanism's first step answered with anything but its prompt: the server's reply is
 * the failure, and nothing of the password goes out. */
static void
test_auth_prompt_refused (void)
{
  static const struct {
    const char   *ehlo;
    PbAuthMethod  method;
    const char   *reply;
    guint         code;
  } cases[] = {
    { "S:250-mail.example.test\r\n250 AUTH LOGIN\r\n", PB_AUTH_PASSWORD_CLEARTEXT,
      "S:504 5.5.4 Unrecognized authentication type\r\n", 504 },
    { "S:250-mail.example.test\r\n250 AUTH CRAM-MD5\r\n", PB_AUTH_PASSWORD_ENCRYPTED,
      "S:535 5.7.8 Authentication failed\r\n", 535 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const script[] = { GREETING, "C", cases[i].ehlo, "C", cases[i].reply, "C",
                                       NULL };
      const PbFailure *f;
      Session s;

      g_assert_true (session_start (&s, script));
      g_assert_false (authenticate (&s, cases[i].method));
      g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY);
      f = pb_smtp_client_get_failure (s.client);
      g_assert_cmpint (f->stage, ==, PB_STAGE_AUTH);
      g_assert_cmpuint (pb_failure_get_smtp_code (f), ==, cases[i].code);
      g_assert_cmpuint (session_end (&s), ==, 2);
    }
}

/* A CRAM-MD5 challenge that is not base64, and a "334" after the last step of a login:
 * protocol errors, answered with nothing. */
static void
test_auth_protocol_errors (void)
{
  const char * const bad_challenge[] = {
    GREETING, "C", "S:250-mail.example.test\r\n250 AUTH CRAM-MD5\r\n",
    "C", "S:334 not*base64!\r\n", "C", NULL
  };
  const char * const more[] = {
    GREETING, "C", "S:250-mail.example.test\r\n250 AUTH PLAIN\r\n",
    "C", "S:334 and more?\r\n", "C", NULL
  };
  Session s;

  g_assert_true (session_start (&s, bad_challenge));
  g_assert_false (authenticate (&s, PB_AUTH_PASSWORD_ENCRYPTED));
  g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL);
  g_assert_cmpint (pb_smtp_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_PROTOCOL_ERROR);
  g_assert_cmpuint (session_end (&s), ==, 2);

  g_assert_true (session_start (&s, more));
  g_assert_false (authenticate (&s, PB_AUTH_PASSWORD_CLEARTEXT));
  g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (s.error->message, "and more?"));
  g_assert_true (transcript_has (&s, 'C', "AUTH PLAIN <redacted>"));
  g_assert_cmpuint (session_end (&s), ==, 2);
}

/* Bytes waiting before a command that are not even a whole reply: the dialogue stops, and
 * the transcript says why. */
static void
test_partial_reply_waiting (void)
{
  const char * const script[] = {
    GREETING, "C", "S:250-mail.example.test\r\n250 AUTH PLAIN\r\n25", "C", NULL
  };
  Session s;

  g_assert_true (session_start (&s, script));
  g_assert_false (authenticate (&s, PB_AUTH_PASSWORD_CLEARTEXT));
  g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_OUT_OF_TURN);
  g_assert_true (transcript_has (&s, '*', "before the command was sent"));
  g_assert_false (pb_smtp_client_get_auth_sent (s.client));
  g_assert_cmpuint (session_end (&s), ==, 1);
}

/* A server without EHLO that refuses HELO as well: the connect fails on its reply. */
static void
test_helo_refused (void)
{
  const char * const script[] = {
    GREETING, "C", "S:502 5.5.2 Command not recognized\r\n",
    "C", "S:550 5.7.1 Go away\r\n", NULL
  };
  Session s;

  g_assert_false (session_start (&s, script));
  g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY);
  g_assert_cmpuint (pb_failure_get_smtp_code (pb_smtp_client_get_failure (s.client)), ==, 550);
  g_assert_cmpuint (session_end (&s), ==, 2);
}

/* RFC 2920 3.1: in a pipeline, DATA may be accepted although RCPT was refused; an empty
 * message ends it, and the refusal of RCPT is the failure. */
static void
test_data_after_refused_rcpt (void)
{
  const char * const script[] = {
    GREETING, "C", "S:250-mail.example.test\r\n250 PIPELINING\r\n",
    "C", "C", "C", "S:250 2.1.0 Ok\r\n550 5.1.1 No such user\r\n354 Go ahead\r\n",
    "C", "S:554 5.5.1 No valid recipients\r\n", "C", NULL
  };
  g_autoptr(GBytes) message = g_bytes_new_static ("Subject: x\r\n\r\nhi\r\n", 19);
  const PbFailure *f;
  Session s;

  g_assert_true (session_start (&s, script));
  pb_smtp_client_envelope_async (s.client, "alice@example.test", 0, "nobody@example.test",
                                 message, NULL, on_done, &s);
  g_assert_false (wait_done (&s));
  g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY);
  f = pb_smtp_client_get_failure (s.client);
  g_assert_cmpuint (pb_failure_get_smtp_code (f), ==, 550);
  g_assert_cmpint (f->stage, ==, PB_STAGE_RCPT_TO);
  g_assert_cmpstr (pb_test_peer_received (s.peer, 3), ==, "DATA");
  g_assert_cmpstr (pb_test_peer_received (s.peer, 4), ==, ".");
  g_assert_false (transcript_has (&s, 'C', "<message"));
  g_assert_cmpuint (session_end (&s), ==, 5);
}

/* A sender or a recipient that would break the command line is refused before anything is
 * sent. */
static void
test_address_unusable (void)
{
  const char * const script[] = { GREETING, "C", "S:250 mail.example.test\r\n", "C", NULL };
  Session s;

  g_assert_true (session_start (&s, script));
  pb_smtp_client_envelope_async (s.client, "alice@example.test>\r\nRSET", 0,
                                 "bob@example.test", NULL, NULL, on_done, &s);
  g_assert_false (wait_done (&s));
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (pb_smtp_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_SENDER_INVALID);
  g_assert_cmpuint (session_end (&s), ==, 1);

  g_assert_true (session_start (&s, script));
  pb_smtp_client_envelope_async (s.client, "alice@example.test", 0,
                                 "bob@example.test>\r\nRCPT TO:<eve@example.test", NULL,
                                 NULL, on_done, &s);
  g_assert_false (wait_done (&s));
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (pb_smtp_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_RECIPIENT_REJECTED);
  g_assert_cmpuint (session_end (&s), ==, 1);
}

/* RFC 5321 3.8: 421 to QUIT is the server closing, no reply out of step; still not the
 * goodbye QUIT asked for. */
static void
test_quit_421 (void)
{
  const char * const script[] = {
    GREETING, "C", "S:250 mail.example.test\r\n", "C", "S:421 4.3.2 Shutting down\r\n", NULL
  };
  Session s;

  g_assert_true (session_start (&s, script));
  pb_smtp_client_quit_async (s.client, NULL, on_done, &s);
  g_assert_false (wait_done (&s));
  g_assert_error (s.error, PB_SMTP_ERROR, PB_SMTP_ERROR_REPLY);
  g_assert_cmpuint (pb_failure_get_smtp_code (pb_smtp_client_get_failure (s.client)), ==, 421);
  session_end (&s);
}

/* Every command of a client that never connected fails at once, saying so. */
static void
test_not_connected (void)
{
  Session s;

  memset (&s, 0, sizeof s);
  s.client = pb_smtp_client_new ("mail.example.test", 587, PB_SECURITY_NONE);
  pb_smtp_client_quit_async (s.client, NULL, on_done, &s);
  g_assert_false (wait_done (&s));
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  pb_smtp_client_envelope_async (s.client, "alice@example.test", 0, "bob@example.test", NULL,
                                 NULL, on_done, &s);
  g_assert_false (wait_done (&s));
  g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_clear_object (&s.client);
  g_clear_error (&s.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/smtp-session/auth-prompt-refused", test_auth_prompt_refused);
  g_test_add_func ("/smtp-session/auth-protocol-errors", test_auth_protocol_errors);
  g_test_add_func ("/smtp-session/partial-reply-waiting", test_partial_reply_waiting);
  g_test_add_func ("/smtp-session/helo-refused", test_helo_refused);
  g_test_add_func ("/smtp-session/data-after-refused-rcpt", test_data_after_refused_rcpt);
  g_test_add_func ("/smtp-session/address-unusable", test_address_unusable);
  g_test_add_func ("/smtp-session/quit-421", test_quit_421);
  g_test_add_func ("/smtp-session/not-connected", test_not_connected);

  return g_test_run ();
}
