/* pb-window-round-trip.c: the round trip of a test message as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-window-check.h"
#include "pb-window-round-trip.h"

static void
on_trip_step (PbRoundTrip *trip,
              PbCheckStep *step,
              PbTestPage  *page)
{
  pb_window_check_show_step (page, PB_TEST_PAGE_ROUND_TRIP, step);
}

void
pb_window_round_trip_progress (PbTestPage *page,
                               guint       waited_ms,
                               guint       wait_ms)
{
  g_autofree char *status = NULL;

  g_return_if_fail (PB_IS_TEST_PAGE (page));

  /* Translators: "Waiting for the test message… 12 s of 60" */
  status = g_strdup_printf (_("Waiting for the test message… %u s of %u"), waited_ms / 1000,
                            wait_ms / 1000);
  pb_test_page_set_round_trip (page, status, wait_ms ? (double) waited_ms / wait_ms : 0);
}

void
pb_window_round_trip_begin (PbTestPage  *page,
                            PbRoundTrip *trip,
                            guint        wait_ms)
{
  g_return_if_fail (PB_IS_TEST_PAGE (page));
  g_return_if_fail (PB_IS_ROUND_TRIP (trip));

  pb_test_page_set_round_trip (page, NULL, 0);
  pb_window_round_trip_progress (page, 0, wait_ms);
  /* The trip ends before the page goes: the page outlives every signal it sends. */
  g_signal_connect_object (trip, "step", G_CALLBACK (on_trip_step), page, 0);
}

/* A line for a round trip that was not started (skip), or for what became of the message
 * that arrived (disposal). */
static const struct {
  PbRoundTripSkip      skip;
  PbRoundTripDisposal  disposal;
  const char          *text;
} lines[] = {
  { PB_ROUND_TRIP_SKIP_NOT_SENT, PB_ROUND_TRIP_NOT_FOUND,
    N_("Not tested: the outgoing server did not take the test message") },
  { PB_ROUND_TRIP_SKIP_NO_INCOMING, PB_ROUND_TRIP_NOT_FOUND,
    N_("Not tested: no incoming server was found for this address") },
  { PB_ROUND_TRIP_SKIP_INCOMING_FAILED, PB_ROUND_TRIP_NOT_FOUND,
    N_("Not tested: the incoming server’s check failed") },
  { PB_ROUND_TRIP_SKIP_LOGIN_NOT_TESTED, PB_ROUND_TRIP_NOT_FOUND,
    N_("Not tested: there was no password for the incoming server") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_DELETED, N_("Removed from your inbox again") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_LEFT_NO_UIDPLUS,
    N_("Left in your inbox: the server cannot delete a single message alone (no UIDPLUS)") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_LEFT_READ_ONLY,
    N_("Left in your inbox: the server opened it read-only") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_LEFT_FAILED,
    N_("Left in your inbox: the server did not delete it") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_LEFT_ASKED, N_("Left in your inbox, as asked") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_LEFT_NOT_OURS,
    N_("Left in your inbox: its header could not be read back to make sure it is the test message") },
  { PB_ROUND_TRIP_SKIP_NONE, PB_ROUND_TRIP_MAY_REMAIN,
    N_("May still be in your inbox: the server did not confirm the end of the session that deletes it") },
};

static const char *
line_for (PbRoundTripSkip     skip,
          PbRoundTripDisposal disposal)
{
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    if (lines[i].skip == skip && lines[i].disposal == disposal)
      return _(lines[i].text);
  return NULL;
}

/* Why nothing was looked for, a line; NULL when the round trip ran. */
static const char *
not_looked_for (PbRoundTripResult *r)
{
  return r->skipped != PB_ROUND_TRIP_SKIP_NONE ? line_for (r->skipped, PB_ROUND_TRIP_NOT_FOUND)
                                               : NULL;
}

/* The header fields that came with the message, and who signed it. */
static void
show_headers (PbResultPage      *page,
              PbRoundTripResult *r)
{
  g_autofree char *names = r->headers != NULL ? g_strjoinv (", ", r->headers) : NULL;

  if (names != NULL && *names != '\0')
    {
      g_autofree char *row = g_strdup_printf ("%s %s", _("Header fields that arrived:"), names);

      pb_result_page_add_round_trip_row (page, row, TRUE);
    }
  if (r->dkim_domain != NULL)
    {
      /* Translators: DKIM d= (the signing domain) and s= (the selector) */
      g_autofree char *row = g_strdup_printf (_("DKIM signature: domain %s, selector %s"),
                                              r->dkim_domain,
                                              r->dkim_selector ? r->dkim_selector : "?");

      pb_result_page_add_round_trip_row (page, row, TRUE);
    }
  /* Without its fields (a POP3 header too big to keep) nothing is known of a signature. */
  else if (r->headers != NULL)
    pb_result_page_add_round_trip_row (page, _("No DKIM signature arrived with it"), FALSE);
}

void
pb_window_round_trip_show (PbResultPage      *page,
                           PbRoundTripResult *result)
{
  const char *skipped;
  g_autofree char *line = NULL;

  g_return_if_fail (PB_IS_RESULT_PAGE (page));
  g_return_if_fail (PB_IS_ROUND_TRIP_RESULT (result));

  if ((skipped = not_looked_for (result)) != NULL)
    {
      /* The halves may work; the message's way from one to the other was not tried. */
      pb_result_page_set_round_trip_title (page, _("Send and Receive Not Tested"));
      pb_result_page_add_round_trip_row (page, skipped, FALSE);
      return;
    }
  if (!result->delivered && result->problem != PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED)
    {
      /* The session's own failure is the one explained above. */
      pb_result_page_add_round_trip_row (page, _("The inbox could not be searched for the test message"), FALSE);
      return;
    }
  if (!result->delivered)
    {
      /* Translators: %u is seconds */
      line = g_strdup_printf (_("The test message did not arrive in your inbox within %u s"),
                              result->wait_ms / 1000);
      pb_result_page_add_round_trip_row (page, line, FALSE);
      return;
    }
  /* Translators: %.1f is seconds */
  line = g_strdup_printf (_("The test message arrived in your inbox after %.1f s"),
                          result->delivery_usec / 1e6);
  pb_result_page_add_round_trip_row (page, line, TRUE);
  if (line_for (PB_ROUND_TRIP_SKIP_NONE, result->disposal) != NULL)
    pb_result_page_add_round_trip_row (page, line_for (PB_ROUND_TRIP_SKIP_NONE, result->disposal),
                                       result->disposal == PB_ROUND_TRIP_DELETED);
  show_headers (page, result);
}
