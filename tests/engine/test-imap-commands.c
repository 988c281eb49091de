/* test-imap-commands.c: CAPABILITY, STARTTLS, ID, EXAMINE and LOGOUT (pb-imap-connect.c,
 * pb-imap-commands.c, pb-imap-io.c) when the server refuses, leaves something out or says
 * more than was asked, against the scripted peer of pb-test-imap.h
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-test-imap.h"

#define READY "S:* OK [CAPABILITY IMAP4rev1] ready\r\n"

/* The connect of a session whose greeting carries no capabilities: its error, or NULL. */
static GError *
connect_error (Session            *s,
               PbSecurity          security,
               const char * const *script)
{
  GError *error = NULL;

  session_start (s, security, script);
  if (session_finish_connect (s, &error))
    g_assert_no_error (error);
  return error;
}

/* CAPABILITY refused, or answered without the list: the connect fails in its stage. */
static void
test_capability_missing (void)
{
  const char * const refused[] = {
    "S:* OK ready\r\n", "C", "S:a1 BAD Unknown command\r\n", NULL
  };
  const char * const empty[] = { "S:* OK ready\r\n", "C", "S:a1 OK done\r\n", NULL };
  g_autoptr(GError) error = NULL;
  Session s;

  error = connect_error (&s, PB_SECURITY_NONE, refused);
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "BAD Unknown command");
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_CAPABILITY);
  session_end (&s);
  g_clear_error (&error);

  error = connect_error (&s, PB_SECURITY_NONE, empty);
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_CAPABILITY);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_PROTOCOL_ERROR);
  session_end (&s);
}

/* STARTTLS offered and then refused: no handshake, and the problem says so. */
static void
test_starttls_refused (void)
{
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n", "C", "S:a1 NO Not now\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Session s;

  error = connect_error (&s, PB_SECURITY_STARTTLS, script);
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_REFUSED);
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_STARTTLS);
  g_assert_cmpint (f->problem_hint, ==, PB_PROBLEM_STARTTLS_REFUSED);
  g_assert_cmpstr (f->reply.imap.status, ==, "NO");
  g_assert_null (pb_connection_get_tls_connection (pb_imap_client_get_connection (s.client)));
  session_end (&s);
}

/* ID where the server does not offer it: done without a word; where it refuses: an error. */
static void
test_id (void)
{
  const char * const quiet[] = { READY, "C", NULL };
  const char * const refused[] = {
    "S:* OK [CAPABILITY IMAP4rev1 ID] ready\r\n", "C", "S:a1 NO Who is asking?\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, quiet);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_id_async (s.client, NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  g_assert_null (pb_imap_client_get_server_id (s.client));
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 0);

  session_start (&s, PB_SECURITY_NONE, refused);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_id_async (s.client, NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_REFUSED);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_ID);
  session_end (&s);
}

/* RFC 9051 6.3.2: an EXAMINE answered without EXISTS has no count to report. */
static void
test_examine_without_exists (void)
{
  const char * const script[] = {
    "S:* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n",
    "C", "S:* FLAGS (\\Seen)\r\na1 OK [READ-ONLY] Examined\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpint (pb_imap_client_get_messages (s.client), <, 0);
  session_end (&s);
}

/* A BYE in the middle of a command ends the session with the server's words. */
static void
test_bye_mid_command (void)
{
  const char * const script[] = {
    "S:* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n",
    "C", "S:* BYE Server shutting down\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  const PbFailure *f;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_BYE);
  g_assert_cmpstr (error->message, ==, "The server ended the session: Server shutting down");
  f = pb_imap_client_get_failure (s.client);
  g_assert_cmpint (f->stage, ==, PB_STAGE_MAILBOX);
  g_assert_cmpstr (f->reply.imap.status, ==, "BYE");
  session_end (&s);
}

/* LOGOUT answered by its tagged OK alone is done as well; a refusal is an error. */
static void
test_logout_answers (void)
{
  const char * const plain_ok[] = { READY, "C", "S:a1 OK Logout completed\r\n", NULL };
  const char * const refused[] = { READY, "C", "S:a1 BAD Not now\r\n", NULL };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, plain_ok);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_logout_async (s.client, NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  session_end (&s);

  session_start (&s, PB_SECURITY_NONE, refused);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_logout_async (s.client, NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_REFUSED);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->stage, ==, PB_STAGE_QUIT);
  session_end (&s);
}

/* Untagged data waiting before a command, a whole response and the start of another, is
 * no answer to it: the command goes out and the data counts. */
static void
test_untagged_waiting (void)
{
  const char * const script[] = {
    READY, "C", "S:a1 OK Logged in\r\n* 2 EXISTS\r\n* 3 EXI",
    "C", "S:STS\r\na2 OK [READ-ONLY] Examined\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  pb_imap_client_login_async (s.client, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", NULL,
                              session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  g_assert_cmpint (pb_imap_client_get_messages (s.client), ==, 3);
  g_assert_cmpstr (session_received (&s, 1), ==, "a2 EXAMINE \"INBOX\"");
  session_end (&s);
}

/* What is no IMAP response at all is a protocol error; a tagged answer waiting before the
 * pipelined ID and EXAMINE go out is one to nothing we asked. */
static void
test_not_a_response (void)
{
  const char * const garbage[] = { READY, "C", "S:a1 FROBNICATED\r\n", NULL };
  const char * const early[] = {
    "S:* OK [CAPABILITY IMAP4rev1 ID] ready\r\n", "C", "S:a1 OK Logged in\r\na9 OK\r\n",
    "C", NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  session_start (&s, PB_SECURITY_NONE, garbage);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_logout_async (s.client, NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL);
  g_assert_cmpint (pb_imap_client_get_failure (s.client)->problem_hint, ==,
                   PB_PROBLEM_PROTOCOL_ERROR);
  session_end (&s);
  g_clear_error (&error);

  session_start (&s, PB_SECURITY_NONE, early);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_set_allow_plaintext_auth (s.client, TRUE);
  pb_imap_client_set_identify (s.client, TRUE);
  pb_imap_client_login_async (s.client, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "secret", NULL,
                              session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  pb_imap_client_examine_async (s.client, "INBOX", NULL, session_on_done, &s);
  g_assert_false (session_finish_command (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_UNEXPECTED);
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 1);
}

/* A literal bigger than one read arrives in pieces and is taken whole. */
static void
test_literal_in_pieces (void)
{
  g_autofree char *value = g_strnfill (10000, 'v');
  g_autofree char *answer = g_strdup_printf ("S:* ID (\"name\" {10000}\r\n%s)\r\n"
                                             "a1 OK ID done\r\n", value);
  const char * const script[] = {
    "S:* OK [CAPABILITY IMAP4rev1 ID] ready\r\n", "C", answer, NULL
  };
  g_autoptr(GError) error = NULL;
  const char * const *id;
  Session s;

  session_start (&s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (&s, &error));
  pb_imap_client_id_async (s.client, NULL, session_on_done, &s);
  g_assert_true (session_finish_command (&s, &error));
  id = pb_imap_client_get_server_id (s.client);
  g_assert_cmpstr (id[0], ==, "name");
  g_assert_cmpstr (id[1], ==, value);
  session_end (&s);
}

/* Every command of a client that never connected fails at once, saying so. */
static void
test_not_connected (void)
{
  g_autoptr(PbImapClient) client = pb_imap_client_new ("imap.example.test", 143,
                                                       PB_SECURITY_NONE);
  Session s = { .client = client };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 6; i++)
    {
      switch (i)
        {
        case 0:
          pb_imap_client_examine_async (client, "INBOX", NULL, session_on_done, &s);
          break;
        case 1:
          pb_imap_client_logout_async (client, NULL, session_on_done, &s);
          break;
        case 2:
          pb_imap_client_search_header_async (client, "Message-ID", "<a@b>", NULL,
                                              session_on_done, &s);
          break;
        case 3:
          pb_imap_client_idle_async (client, 1000, NULL, session_on_done, &s);
          break;
        case 4:
          pb_imap_client_fetch_header_async (client, 9, NULL, session_on_done, &s);
          break;
        default:
          pb_imap_client_delete_uid_async (client, 9, NULL, session_on_done, &s);
          break;
        }
      g_assert_false (session_finish_command (&s, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
      g_clear_error (&error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imap-commands/capability-missing", test_capability_missing);
  g_test_add_func ("/imap-commands/starttls-refused", test_starttls_refused);
  g_test_add_func ("/imap-commands/id", test_id);
  g_test_add_func ("/imap-commands/examine-without-exists", test_examine_without_exists);
  g_test_add_func ("/imap-commands/bye-mid-command", test_bye_mid_command);
  g_test_add_func ("/imap-commands/logout-answers", test_logout_answers);
  g_test_add_func ("/imap-commands/untagged-waiting", test_untagged_waiting);
  g_test_add_func ("/imap-commands/not-a-response", test_not_a_response);
  g_test_add_func ("/imap-commands/literal-in-pieces", test_literal_in_pieces);
  g_test_add_func ("/imap-commands/not-connected", test_not_connected);

  return g_test_run ();
}
