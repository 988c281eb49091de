/* test-imap-mailbox.c: SELECT, UID SEARCH, IDLE, UID FETCH and the removal of one UID
 * against a scripted peer over a socketpair
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lab test (test-round-trip.c) runs the same commands against the real Dovecot; here
 * are the servers it cannot be: one without UIDPLUS, one that opens read-only, one that
 * answers out of the script.
 */
#include "config.h"

#include <string.h>

#include "pb-test-imap.h"

#define GREETING     "S:* PREAUTH [CAPABILITY IMAP4rev1 IDLE UIDPLUS] ready\r\n"
#define NO_UIDPLUS   "S:* PREAUTH [CAPABILITY IMAP4rev1 IDLE] ready\r\n"
#define SELECTED     "S:* 2 EXISTS\r\na1 OK [READ-WRITE] Selected\r\n"

static gboolean
run (Session  *s,
     GError  **error)
{
  return session_finish_command (s, error);
}

static void
start (Session             *s,
       const char * const  *script)
{
  g_autoptr(GError) error = NULL;

  session_start (s, PB_SECURITY_NONE, script);
  g_assert_true (session_finish_connect (s, &error));
}

static void
select_inbox (Session *s)
{
  g_autoptr(GError) error = NULL;

  pb_imap_client_select_async (s->client, "INBOX", NULL, session_on_done, s);
  g_assert_true (run (s, &error));
}

/* Found, read without \Seen, removed by its UID alone. */
static void
test_find_read_remove (void)
{
  const char * const script[] = {
    GREETING, "C", SELECTED,
    "C", "S:* SEARCH 9\r\na2 OK Search completed\r\n",
    "C", "S:* 2 FETCH (UID 9 BODY[HEADER] {21}\r\nMessage-ID: <a@b>\r\n\r\n)\r\n"
         "a3 OK Fetch completed\r\n",
    "C", "S:a4 OK Store completed\r\n",
    "C", "S:* 2 EXPUNGE\r\na5 OK Expunge completed\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  const guint32 *uids;
  GBytes *header;
  guint n;
  Session s;

  start (&s, script);
  select_inbox (&s);
  g_assert_true (pb_imap_client_get_read_write (s.client));
  pb_imap_client_search_header_async (s.client, "Message-ID", "<a@b>", NULL, session_on_done,
                                      &s);
  g_assert_true (run (&s, &error));
  uids = pb_imap_client_get_found_uids (s.client, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (uids[0], ==, 9);
  pb_imap_client_fetch_header_async (s.client, 9, NULL, session_on_done, &s);
  g_assert_true (run (&s, &error));
  header = pb_imap_client_get_header (s.client, 9);
  g_assert_cmpmem (g_bytes_get_data (header, NULL), g_bytes_get_size (header),
                   "Message-ID: <a@b>\r\n\r\n", 21);
  g_assert_null (pb_imap_client_get_header (s.client, 8));
  pb_imap_client_delete_uid_async (s.client, 9, NULL, session_on_done, &s);
  g_assert_true (run (&s, &error));

  g_assert_cmpstr (session_received (&s, 0), ==, "a1 SELECT \"INBOX\"");
  g_assert_cmpstr (session_received (&s, 1), ==,
                   "a2 UID SEARCH HEADER \"Message-ID\" \"<a@b>\"");
  g_assert_cmpstr (session_received (&s, 2), ==, "a3 UID FETCH 9 (BODY.PEEK[HEADER])");
  g_assert_cmpstr (session_received (&s, 3), ==, "a4 UID STORE 9 +FLAGS.SILENT (\\Deleted)");
  g_assert_cmpstr (session_received (&s, 4), ==, "a5 UID EXPUNGE 9");
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, 5);
}




typedef enum {
  OP_DELETE,
  OP_IDLE,
  OP_FETCH,
} Op;

/* After SELECT, op on message 9 fails with code; the client sent n lines in all. */
static void
assert_fails (const char * const *script,
              Op                  op,
              gint                code,
              guint               n)
{
  g_autoptr(GError) error = NULL;
  Session s;

  start (&s, script);
  select_inbox (&s);
  if (op == OP_DELETE)
    pb_imap_client_delete_uid_async (s.client, 9, NULL, session_on_done, &s);
  else if (op == OP_IDLE)
    pb_imap_client_idle_async (s.client, 300, NULL, session_on_done, &s);
  else
    pb_imap_client_fetch_header_async (s.client, 9, NULL, session_on_done, &s);
  g_assert_false (run (&s, &error));
  g_assert_error (error, PB_IMAP_ERROR, code);
  session_end (&s);
  g_assert_cmpuint (s.n_received, ==, n);
}

/* Without UIDPLUS a removal would need a bare EXPUNGE, which takes every \Deleted message
 * with it: nothing goes out, not even the STORE. The same where SELECT opened the mailbox
 * [READ-ONLY]. A refused STORE is followed by no UID EXPUNGE. */
static void
test_removal_refused (void)
{
  const char * const no_uidplus[] = { NO_UIDPLUS, "C", SELECTED, "C", NULL };
  const char * const read_only[] = {
    GREETING, "C", "S:* 2 EXISTS\r\na1 OK [READ-ONLY] Selected\r\n", "C", NULL
  };
  const char * const store_refused[] = {
    GREETING, "C", SELECTED, "C", "S:a2 NO [CANNOT] Flags are read-only\r\n", "C", NULL
  };

  assert_fails (no_uidplus, OP_DELETE, PB_IMAP_ERROR_NOT_OFFERED, 1);
  assert_fails (read_only, OP_DELETE, PB_IMAP_ERROR_NOT_OFFERED, 1);
  assert_fails (store_refused, OP_DELETE, PB_IMAP_ERROR_REFUSED, 2);
}

/* A server that does not say IDLE gets none; a FETCH answered with another message's
 * header brought no header of ours. */
static void
test_not_there (void)
{
  const char * const no_idle[] = {
    "S:* PREAUTH [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n", "C", SELECTED, "C", NULL
  };
  const char * const other_uid[] = {
    GREETING, "C", SELECTED,
    "C", "S:* 1 FETCH (UID 3 BODY[HEADER] {4}\r\nX: y)\r\na2 OK Fetch completed\r\n",
    NULL
  };

  assert_fails (no_idle, OP_IDLE, PB_IMAP_ERROR_NOT_OFFERED, 1);
  assert_fails (other_uid, OP_FETCH, PB_IMAP_ERROR_REFUSED, 2);
}

/* IDLE and UID FETCH refused outright: the server's NO, and no DONE after it. */
static void
test_refused (void)
{
  const char * const idle[] = {
    GREETING, "C", SELECTED, "C", "S:a2 NO [LIMIT] Too many idlers\r\n", "C", NULL
  };
  const char * const fetch[] = {
    GREETING, "C", SELECTED, "C", "S:a2 NO [UNAVAILABLE] Try later\r\n", "C", NULL
  };

  assert_fails (idle, OP_IDLE, PB_IMAP_ERROR_REFUSED, 2);
  assert_fails (fetch, OP_FETCH, PB_IMAP_ERROR_REFUSED, 2);
}

/* IDLE ends with DONE when a new count comes, and only after the server's "+". */
static void
test_idle_news (void)
{
  const char * const script[] = {
    GREETING, "C", SELECTED,
    "C", "S:* 3 EXISTS\r\n+ idling\r\n",
    "C", "S:a2 OK Idle completed\r\n",
    "C", "S:* 4 EXISTS\r\n", "S:* 4 RECENT\r\n+ idling\r\n",
    "C", "S:a3 OK Idle completed\r\n",
    NULL
  };
  g_autoptr(GError) error = NULL;
  Session s;

  start (&s, script);
  select_inbox (&s);
  /* News before the "+": DONE goes right after it. */
  pb_imap_client_idle_async (s.client, 10000, NULL, session_on_done, &s);
  g_assert_true (run (&s, &error));
  g_assert_cmpint (pb_imap_client_get_messages (s.client), ==, 3);
  pb_imap_client_idle_async (s.client, 10000, NULL, session_on_done, &s);
  g_assert_true (run (&s, &error));
  g_assert_cmpint (pb_imap_client_get_messages (s.client), ==, 4);
  g_assert_cmpstr (session_received (&s, 1), ==, "a2 IDLE");
  g_assert_cmpstr (session_received (&s, 2), ==, "DONE");
  g_assert_cmpstr (session_received (&s, 3), ==, "a3 IDLE");
  g_assert_cmpstr (session_received (&s, 4), ==, "DONE");
  session_end (&s);
}

/* No news: DONE when the wait is over, and the IDLE succeeds with the count unchanged. */
static void
test_idle_quiet (void)
{
  const char * const script[] = {
    GREETING, "C", SELECTED, "C", "S:+ idling\r\n", "C", "S:a2 OK Idle completed\r\n", NULL
  };
  g_autoptr(GError) error = NULL;
  gint64 start_us;
  Session s;

  start (&s, script);
  select_inbox (&s);
  start_us = g_get_monotonic_time ();
  pb_imap_client_idle_async (s.client, 300, NULL, session_on_done, &s);
  g_assert_true (run (&s, &error));
  g_assert_cmpint (g_get_monotonic_time () - start_us, >=, 300 * 1000);
  g_assert_cmpint (pb_imap_client_get_messages (s.client), ==, 2);
  g_assert_cmpstr (session_received (&s, 2), ==, "DONE");
  session_end (&s);
}



int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/imap-mailbox/find-read-remove", test_find_read_remove);
  g_test_add_func ("/imap-mailbox/removal-refused", test_removal_refused);
  g_test_add_func ("/imap-mailbox/not-there", test_not_there);
  g_test_add_func ("/imap-mailbox/refused", test_refused);
  g_test_add_func ("/imap-mailbox/idle-news", test_idle_news);
  g_test_add_func ("/imap-mailbox/idle-quiet", test_idle_quiet);
  return g_test_run ();
}
