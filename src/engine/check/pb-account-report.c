/* pb-account-report.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check's own report is pb-report.c's; this file puts an account's together and adds the
 * round trip, whose incoming session is reported like any check.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-report.h"
#include "pb-diagnosis.h"
#include "pb-report.h"

/* What became of a message that arrived, after "Test message arrived after 1.4 s;". */
static const char * const disposal_texts[] = {
  [PB_ROUND_TRIP_NOT_FOUND] = NULL,
  [PB_ROUND_TRIP_DELETED] = N_("removed again."),
  [PB_ROUND_TRIP_LEFT_NO_UIDPLUS] = N_("left in INBOX: the server cannot delete a single "
                                       "message (no UIDPLUS)."),
  [PB_ROUND_TRIP_LEFT_READ_ONLY] = N_("left in INBOX: the server opened it read-only."),
  [PB_ROUND_TRIP_LEFT_FAILED] = N_("left in INBOX: the server did not delete it."),
  [PB_ROUND_TRIP_LEFT_ASKED] = N_("left in INBOX, as asked."),
  [PB_ROUND_TRIP_LEFT_NOT_OURS] = N_("left in INBOX: its header could not be read back to "
                                     "make sure it is the test message."),
  [PB_ROUND_TRIP_MAY_REMAIN] = N_("marked for deletion, but the server did not confirm the "
                                  "end of the session (QUIT): it may remain in INBOX."),
};

/* Why nothing was looked for. */
static const char * const skip_texts[] = {
  [PB_ROUND_TRIP_SKIP_NONE] = NULL,
  [PB_ROUND_TRIP_SKIP_NOT_SENT] = N_("The test message was not looked for in the inbox: the "
                                     "outgoing server did not take it."),
  [PB_ROUND_TRIP_SKIP_NO_INCOMING] = N_("The test message was not looked for in the inbox: no "
                                        "incoming server was found."),
  [PB_ROUND_TRIP_SKIP_INCOMING_FAILED] = N_("The test message was not looked for in the inbox: "
                                            "the check of the incoming server failed (see "
                                            "above)."),
  [PB_ROUND_TRIP_SKIP_LOGIN_NOT_TESTED] = N_("The test message was not looked for in the inbox: "
                                             "there was no password for the incoming server."),
};

/* The sentence for a round trip that did not look, or NULL when it did. */
static const char *
not_looked_for (PbRoundTripResult *r)
{
  return r->skipped != PB_ROUND_TRIP_SKIP_NONE ? _(skip_texts[r->skipped]) : NULL;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static void
write_headers (JsonBuilder       *w,
               PbRoundTripResult *r)
{
  json_builder_set_member_name (w, "headers");
  json_builder_begin_array (w);
  for (guint i = 0; r->headers != NULL && r->headers[i] != NULL; i++)
    pb_json_add_string (w, r->headers[i]);
  json_builder_end_array (w);
  if (r->dkim_domain == NULL && r->dkim_selector == NULL)
    {
      pb_json_member_null (w, "dkim");
      return;
    }
  json_builder_set_member_name (w, "dkim");
  json_builder_begin_object (w);
  pb_json_member_string (w, "domain", r->dkim_domain);
  pb_json_member_string (w, "selector", r->dkim_selector);
  json_builder_end_object (w);
}

static void
write_round_trip (JsonBuilder       *w,
                  PbRoundTripResult *r,
                  gboolean           transcript)
{
  PbCheckResult *s = r->session;
  g_autoptr(PbExplanation) ex = !r->ok && r->problem != PB_PROBLEM_NONE && s != NULL
                                ? pb_diagnosis_explain (r->problem, &s->failure) : NULL;

  json_builder_set_member_name (w, "round_trip");
  json_builder_begin_object (w);
  pb_json_member_boolean (w, "ok", r->ok);
  pb_json_member_string (w, "problem", pb_problem_to_string (r->problem));
  pb_json_member_string (w, "skipped", r->skipped != PB_ROUND_TRIP_SKIP_NONE
                                       ? pb_round_trip_skip_to_string (r->skipped) : NULL);
  pb_json_member_boolean (w, "delivered", r->delivered);
  if (r->delivered)
    pb_json_member_int (w, "delivery_ms", r->delivery_usec / 1000);
  else
    pb_json_member_null (w, "delivery_ms");
  pb_json_member_int (w, "wait_ms", r->wait_ms);
  pb_json_member_string (w, "message_id", r->message_id);
  write_headers (w, r);
  pb_json_member_string (w, "disposal", pb_round_trip_disposal_to_string (r->disposal));
  pb_json_member_string (w, "explanation", ex != NULL ? ex->explanation : not_looked_for (r));
  pb_json_member_string (w, "fix", ex != NULL ? ex->fix : NULL);
  /* The incoming session that looked: its steps, TLS and failure, as a check reports them. */
  json_builder_set_member_name (w, "session");
  if (s != NULL)
    {
      json_builder_begin_object (w);
      pb_report_write_check_members (w, s, transcript);
      json_builder_end_object (w);
    }
  else
    json_builder_add_null_value (w);
  json_builder_end_object (w);
}

gboolean
pb_account_report_is_ok (GPtrArray         *results,
                         PbRoundTripResult *round_trip)
{
  gboolean ok = results->len > 0 && (round_trip == NULL || round_trip->ok);

  for (guint i = 0; i < results->len; i++)
    ok = ok && ((PbCheckResult *) results->pdata[i])->ok;
  return ok;
}

char *
pb_account_report_json (GPtrArray            *results,
                        PbRoundTripResult    *round_trip,
                        const PbDomainReport *domain,
                        gboolean              transcript)
{
  g_autoptr(JsonBuilder) w = json_builder_new ();

  json_builder_begin_object (w);
  pb_json_member_boolean (w, "ok", pb_account_report_is_ok (results, round_trip));
  json_builder_set_member_name (w, "checks");
  json_builder_begin_array (w);
  for (guint i = 0; i < results->len; i++)
    {
      json_builder_begin_object (w);
      pb_report_write_check_members (w, results->pdata[i], transcript);
      json_builder_end_object (w);
    }
  json_builder_end_array (w);
  if (round_trip != NULL)
    write_round_trip (w, round_trip, transcript);
  if (domain != NULL)
    {
      json_builder_set_member_name (w, "domain");
      json_builder_begin_object (w);
      pb_domain_report_write_members (w, domain);
      json_builder_end_object (w);
    }
  json_builder_end_object (w);
  return pb_json_to_string (w);
}

/* ---- Text ---------------------------------------------------------------------------- */

/* The half of the account a result is of, with its protocol. */
static char *
half_heading (PbCheckResult *r)
{
  const char *protocol = pb_protocol_get_label (r->protocol);

  if (r->protocol == PB_PROTOCOL_SMTP)
    /* Translators: %s is SMTP */
    return g_strdup_printf (_("Outgoing mail (%s)"), protocol);
  /* Translators: %s is IMAP or POP3 */
  return g_strdup_printf (_("Incoming mail (%s)"), protocol);
}

static char *
half_verdict (PbCheckResult *r)
{
  if (r->ok && r->auth_skipped)
    return g_strdup (_("works; login not tested"));
  if (r->ok)
    return g_strdup (_("works"));
  /* Translators: %s is a problem id such as auth-failed */
  return g_strdup_printf (_("does not work (%s)"), pb_problem_to_string (r->problem));
}

static char *
round_trip_verdict (PbRoundTripResult *r)
{
  if (r->ok)
    return g_strdup (_("works"));
  if (r->skipped != PB_ROUND_TRIP_SKIP_NONE)
    return g_strdup (_("not tested"));
  /* Translators: %s is a problem id such as test-message-not-received */
  return g_strdup_printf (_("does not work (%s)"), pb_problem_to_string (r->problem));
}

/* Which header fields arrived, and the DKIM signature's domain and selector. */
static void
append_headers (GString           *out,
                PbRoundTripResult *r)
{
  g_autofree char *names = r->headers != NULL ? g_strjoinv (", ", r->headers) : NULL;
  g_autofree char *safe = pb_report_terminal_safe (names, TRUE);

  if (safe != NULL && *safe != '\0')
    g_string_append_printf (out, "%s %s\n", _("Header fields that arrived:"), safe);
  if (r->dkim_domain != NULL)
    {
      g_autofree char *domain = pb_report_terminal_safe (r->dkim_domain, TRUE);
      g_autofree char *selector = pb_report_terminal_safe (r->dkim_selector ? r->dkim_selector
                                                                            : "?", TRUE);

      /* Translators: DKIM d= (the signing domain) and s= (the selector) */
      g_string_append_printf (out, _("DKIM signature: domain %s, selector %s"), domain, selector);
      g_string_append_c (out, '\n');
    }
}

static void
append_round_trip (GString           *out,
                   PbRoundTripResult *r,
                   gboolean           transcript)
{
  const char *skipped = not_looked_for (r);

  if (skipped != NULL)
    g_string_append_printf (out, "%s\n", skipped);
  else if (r->delivered)
    {
      const char *what = disposal_texts[r->disposal];

      /* Translators: %.1f is seconds; the second %s says what became of the message
       * ("removed again.") */
      g_string_append_printf (out, _("Test message arrived after %.1f s; %s"),
                              r->delivery_usec / 1e6, what != NULL ? _(what) : "");
      g_string_append_c (out, '\n');
      append_headers (out, r);
    }
  if (!r->ok && skipped == NULL && r->session != NULL)
    pb_report_append_problem (out, r->session);
  if (transcript && r->session != NULL)
    {
      g_autofree char *text = pb_report_check_text (r->session, TRUE);

      g_string_append_printf (out, "\n%s\n", text);
    }
}

char *
pb_account_report_text (GPtrArray            *results,
                        PbRoundTripResult    *round_trip,
                        const PbDomainReport *domain,
                        gboolean              transcript)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *heading = half_heading (results->pdata[i]);
      g_autofree char *text = pb_report_check_text (results->pdata[i], transcript);

      g_string_append_printf (out, "== %s ==\n\n%s\n", heading, text);
    }
  if (round_trip != NULL)
    {
      g_string_append_printf (out, "== %s ==\n\n", _("Send and receive"));
      append_round_trip (out, round_trip, transcript);
      g_string_append_c (out, '\n');
    }
  if (domain != NULL)
    {
      g_autofree char *text = pb_domain_report_to_text (domain);

      /* Translators: a heading; the report below names the domain */
      g_string_append_printf (out, "== %s ==\n\n%s\n", _("Your domain"), text);
    }
  g_string_append_printf (out, "%s\n", _("Summary:"));
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *heading = half_heading (results->pdata[i]);
      g_autofree char *verdict = half_verdict (results->pdata[i]);

      g_string_append_printf (out, "  %s: %s\n", heading, verdict);
    }
  if (round_trip != NULL)
    {
      g_autofree char *verdict = round_trip_verdict (round_trip);

      g_string_append_printf (out, "  %s: %s\n", _("Send and receive"), verdict);
    }
  /* Without the last newline: the caller ends the report as a single one. */
  g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
