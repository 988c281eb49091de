/* test-round-trip-result.c: what the round trip reads from the header of its message
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-round-trip-result.h"

#define ID "<1b2c@lab.test>"

static PbRoundTripResult *
read_header (const char *header,
             gboolean   *ours)
{
  PbRoundTripResult *r = g_object_new (PB_TYPE_ROUND_TRIP_RESULT, NULL);

  r->message_id = g_strdup (ID);
  *ours = pb_round_trip_result_read_header (r, header, strlen (header));
  return r;
}

/* Each name once, in the order of first arrival; folded lines belong to their field; the
 * empty line ends the header. */
static void
test_names (void)
{
  const char *header =
    "Return-Path: <alice@lab.test>\r\n"
    "Received: from mail.lab.test\r\n\tby mail.lab.test with LMTP\r\n"
    "received: from localhost\r\n"
    "Authentication-Results: mail.lab.test; dkim=pass header.d=lab.test\r\n"
    "Message-ID:\r\n " ID "\r\n"
    "Subject : old style\r\n"
    "not a field\r\n"
    "\r\n"
    "Body: not a header\r\n";
  gboolean ours = FALSE;
  g_autoptr(PbRoundTripResult) r = read_header (header, &ours);
  const char * const names[] = {
    "Return-Path", "Received", "Authentication-Results", "Message-ID", "Subject", NULL
  };

  g_assert_cmpstrv (r->headers, names);
  g_assert_true (ours);
  g_assert_true (pb_round_trip_result_has_header (r, "RECEIVED"));
  g_assert_false (pb_round_trip_result_has_header (r, "Body"));
  g_assert_null (r->dkim_domain);
}

/* d= and s= of the first signature, through folding; a second signature changes nothing. */
static void
test_dkim (void)
{
  const char *header =
    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n"
    "\td=example.org;\n s=mail2026 ; h=From:To;\n bh=YWJj; b=ZGVm\n"
    "DKIM-Signature: v=1; d=other.example; s=x; b=eHl6\n"
    "Message-ID: <other@lab.test>\n";
  gboolean ours = TRUE;
  g_autoptr(PbRoundTripResult) r = read_header (header, &ours);

  g_assert_cmpstr (r->dkim_domain, ==, "example.org");
  g_assert_cmpstr (r->dkim_selector, ==, "mail2026");
  /* Another Message-ID: not the test message. */
  g_assert_false (ours);
}

/* Server text is shown as its words but never with control or bidi characters. */
static void
test_cleaned (void)
{
  const char *header = "DKIM-Signature: d=evil\xe2\x80\xaeorg.example; s=a\x1b[2Jb\r\n";
  gboolean ours = TRUE;
  g_autoptr(PbRoundTripResult) r = read_header (header, &ours);

  g_assert_null (strstr (r->dkim_domain, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (r->dkim_domain, "\xef\xbf\xbd"));
  g_assert_null (strchr (r->dkim_selector, '\x1b'));
  g_assert_false (ours);
}

/* Over POP3 every newest message's header is read: another's (with its own signature)
 * leaves the result as it was; the test message's fills it in. */
static void
test_take (void)
{
  const char *other = "Message-ID: <other@lab.test>\n"
                      "DKIM-Signature: v=1; d=other.example; s=x; b=eHl6\n"
                      "X-Other: 1\n";
  const char *ours = "Received: from mail.lab.test\n"
                     "Message-ID: " ID "\n"
                     "DKIM-Signature: v=1; d=lab.test; s=lab2026; b=ZGVm\n";
  g_autoptr(PbRoundTripResult) r = g_object_new (PB_TYPE_ROUND_TRIP_RESULT, NULL);
  const char * const names[] = { "Received", "Message-ID", "DKIM-Signature", NULL };

  r->message_id = g_strdup (ID);
  g_assert_false (pb_round_trip_result_take_header (r, other, strlen (other)));
  g_assert_null (r->headers);
  g_assert_null (r->dkim_domain);
  g_assert_true (pb_round_trip_result_take_header (r, ours, strlen (ours)));
  g_assert_cmpstrv (r->headers, names);
  g_assert_cmpstr (r->dkim_domain, ==, "lab.test");
  g_assert_cmpstr (r->dkim_selector, ==, "lab2026");
  g_assert_false (pb_round_trip_result_take_header (r, other, strlen (other)));
  g_assert_cmpstr (r->dkim_domain, ==, "lab.test");
  g_assert_false (pb_round_trip_result_has_header (r, "X-Other"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/round-trip-result/names", test_names);
  g_test_add_func ("/round-trip-result/dkim", test_dkim);
  g_test_add_func ("/round-trip-result/cleaned", test_cleaned);
  g_test_add_func ("/round-trip-result/take", test_take);
  return g_test_run ();
}
