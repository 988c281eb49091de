/* test-pop3-message.c: UIDL, TOP and the mailbox commands of the POP3 client
 * (pb-pop3-message.c, pb-pop3-io.c) against a scripted server over a socketpair
 * (pb-test-pop3.h): answers that are not what RFC 1939 says, refusals, lists without end
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-pop3.h"
#include "pb-test-pop3.h"
#include "pb-test-util.h"

#define USER_OK { "USER", "+OK\r\n" }
#define PASS_OK { "PASS", "+OK\r\n" }

static void
login (Session    *s,
       const Step *script,
       guint       n_steps)
{
  session_init (s, PB_SECURITY_NONE, script, n_steps);
  g_assert_true (run_connect (s));
  g_assert_true (run_login (s, PB_AUTH_PASSWORD_CLEARTEXT, "alice", "hunter2"));
}

/* "+OK n unique-id" for the number asked: anything else is no id to go by. */
static void
test_uidl_answers (void)
{
  static const char *broken[] = {
    "+OK 2 abc\r\n",             /* another message */
    "+OK 1\r\n",                 /* no id */
    "+OK 1 abc def\r\n",         /* two */
    "+OK x abc\r\n",             /* no number */
    "+OK 1 \x01" "abc\r\n",      /* a control character */
    "+OK 1 " "0123456789" "0123456789" "0123456789" "0123456789" "0123456789" "0123456789"
    "0123456789" "0\r\n",         /* longer than RFC 1939 7 allows (70) */
  };
  Step good[] = { GREETING, CAPA_USER, USER_OK, PASS_OK, { "UIDL 1", "+OK 1 whqtswO00WBw\r\n" } };
  Session s;

  login (&s, good, G_N_ELEMENTS (good));
  pb_pop3_client_uidl_async (s.client, 1, NULL, on_done, &s);
  wait_done (&s);
  g_assert_no_error (s.error);
  g_assert_cmpstr (pb_pop3_client_get_uid (s.client), ==, "whqtswO00WBw");
  session_clear (&s);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      Step script[] = { GREETING, CAPA_USER, USER_OK, PASS_OK, { "UIDL 1", broken[i] } };

      login (&s, script, G_N_ELEMENTS (script));
      pb_pop3_client_uidl_async (s.client, 1, NULL, on_done, &s);
      wait_done (&s);
      g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (s.error->message, "UIDL"));
      g_assert_cmpint (failure (&s)->stage, ==, PB_STAGE_MAILBOX);
      g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
      g_assert_null (pb_pop3_client_get_uid (s.client));
      session_clear (&s);
    }
}

/* STAT refused: the mailbox stays unknown. */
static void
test_stat_refused (void)
{
  Step script[] = { GREETING, CAPA_USER, USER_OK, PASS_OK, { "STAT", "-ERR Not now\r\n" } };
  guint messages = 0;
  guint64 octets = 0;
  Session s;

  login (&s, script, G_N_ELEMENTS (script));
  pb_pop3_client_stat_async (s.client, NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_REFUSED);
  g_assert_cmpstr (failure (&s)->reply.text, ==, "-ERR Not now");
  g_assert_false (pb_pop3_client_get_mailbox (s.client, &messages, &octets));
  session_clear (&s);
}

/* A TOP refused, and a "+ " where a status was due: the header stays unknown. */
static void
test_top_refused (void)
{
  Step refused[] = {
    GREETING, CAPA_USER, USER_OK, PASS_OK, { "TOP 1 0", "-ERR [SYS/TEMP] Try later\r\n" }
  };
  Step more[] = { GREETING, CAPA_USER, USER_OK, PASS_OK, { "TOP 1 0", "+ more?\r\n" } };
  Session s;

  login (&s, refused, G_N_ELEMENTS (refused));
  pb_pop3_client_top_async (s.client, 1, NULL, NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_TEMPORARY);
  g_assert_cmpstr (pb_failure_get_response_code (failure (&s)), ==, "SYS/TEMP");
  g_assert_null (pb_pop3_client_get_header (s.client));
  session_clear (&s);

  login (&s, more, G_N_ELEMENTS (more));
  pb_pop3_client_top_async (s.client, 1, NULL, NULL, on_done, &s);
  wait_done (&s);
  g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (s.error->message, "+ more?"));
  g_assert_null (pb_pop3_client_get_header (s.client));
  session_clear (&s);
}

/* A folded Message-ID field that grows past a line's length is no id of ours, whatever
 * it ends with. */
static void
test_top_field_cap (void)
{
  g_autofree char *blank = g_strnfill (PB_POP3_MAX_LINE_LENGTH / 2 + 10, ' ');
  g_autoptr(GString) reply = g_string_new ("+OK\r\n");
  Session s;

  for (guint i = 0; i < PB_POP3_MAX_HEADER_LINES + 10; i++)
    g_string_append_printf (reply, "X-Filler-%u: x\r\n", i);
  g_string_append_printf (reply, "Message-ID:\r\n%s\r\n%s\r\n <ours@example.test>\r\n.\r\n",
                          blank, blank);
  {
    Step script[] = { GREETING, CAPA_USER, USER_OK, PASS_OK, { "TOP 1 0", reply->str } };

    login (&s, script, G_N_ELEMENTS (script));
    pb_pop3_client_top_async (s.client, 1, "<ours@example.test>", NULL, on_done, &s);
    wait_done (&s);
    g_assert_no_error (s.error);
    g_assert_false (pb_pop3_client_get_id_passed_over (s.client));
    session_clear (&s);
  }
}

/* A multi-line answer that goes on past the lines kept, where nothing is to be passed over
 * (CAPA): a protocol error, not an endless read. */
static void
test_too_many_lines (void)
{
  g_autoptr(GString) capa = g_string_new ("+OK\r\n");
  Session s;

  for (guint i = 0; i <= PB_POP3_MAX_MULTILINE_LINES; i++)
    g_string_append_printf (capa, "X-CAP-%u\r\n", i);
  g_string_append (capa, ".\r\n");
  {
    Step script[] = { GREETING, { "CAPA", capa->str } };

    session_init (&s, PB_SECURITY_NONE, script, G_N_ELEMENTS (script));
    g_assert_false (run_connect (&s));
    g_assert_error (s.error, PB_POP3_ERROR, PB_POP3_ERROR_PROTOCOL);
    g_assert_nonnull (strstr (s.error->message, "too many lines"));
    g_assert_cmpint (failure (&s)->problem_hint, ==, PB_PROBLEM_PROTOCOL_ERROR);
    session_clear (&s);
  }
}

/* Every command of a client that never connected fails at once, saying so. */
static void
test_not_connected (void)
{
  Session s;

  memset (&s, 0, sizeof s);
  s.client = pb_pop3_client_new ("pop.example.test", 110, PB_SECURITY_NONE);
  for (guint i = 0; i < 5; i++)
    {
      if (i == 0)
        pb_pop3_client_uidl_async (s.client, 1, NULL, on_done, &s);
      else if (i == 1)
        pb_pop3_client_top_async (s.client, 1, NULL, NULL, on_done, &s);
      else if (i == 2)
        pb_pop3_client_dele_async (s.client, 1, NULL, on_done, &s);
      else if (i == 3)
        pb_pop3_client_stat_async (s.client, NULL, on_done, &s);
      else
        pb_pop3_client_quit_async (s.client, NULL, on_done, &s);
      wait_done (&s);
      g_assert_false (s.ok);
      g_assert_error (s.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
    }
  g_clear_error (&s.error);
  g_clear_object (&s.client);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pop3-message/uidl-answers", test_uidl_answers);
  g_test_add_func ("/pop3-message/stat-refused", test_stat_refused);
  g_test_add_func ("/pop3-message/top-refused", test_top_refused);
  g_test_add_func ("/pop3-message/top-field-cap", test_top_field_cap);
  g_test_add_func ("/pop3-message/too-many-lines", test_too_many_lines);
  g_test_add_func ("/pop3-message/not-connected", test_not_connected);

  return g_test_run ();
}
