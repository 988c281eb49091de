/* pb-window-account.c: a test of both halves of an account as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-account-report.h"
#include "pb-check-format.h"
#include "pb-export-account.h"
#include "pb-export-text.h"
#include "pb-use-in-group.h"
#include "pb-window-account.h"
#include "pb-window-check.h"
#include "pb-window-round-trip.h"

typedef struct {
  gboolean         known;
  PbSetupPassword  what;
  GError          *error;
} PasswordState;

struct _PbWindowAccount
{
  gboolean         active;
  gboolean         shown;       /* the result page shows this test's halves */
  gboolean         send_test;   /* a test message goes out and is awaited in INBOX */
  PbServerConfig  *servers[PB_SETUP_N_HALVES];
  gboolean         done[PB_SETUP_N_HALVES];
  PasswordState    passwords[PB_SETUP_N_HALVES];
  char            *name;        /* the person's name from the start page, or NULL */
};

PbWindowAccount *
pb_window_account_new (void)
{
  return g_new0 (PbWindowAccount, 1);
}

static void
forget_password (PbWindowAccount *self,
                 PbSetupHalf      half)
{
  g_clear_error (&self->passwords[half].error);
  self->passwords[half].known = FALSE;
}

void
pb_window_account_end (PbWindowAccount *self)
{
  g_return_if_fail (self != NULL);

  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    {
      g_clear_pointer (&self->servers[half], pb_server_config_unref);
      self->done[half] = FALSE;
      forget_password (self, half);
    }
  g_clear_pointer (&self->name, g_free);
  self->active = self->shown = self->send_test = FALSE;
}

void
pb_window_account_free (PbWindowAccount *self)
{
  if (self == NULL)
    return;
  pb_window_account_end (self);
  g_free (self);
}

gboolean
pb_window_account_is_active (PbWindowAccount *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->active;
}

/* "Sending (SMTP)", "Receiving (IMAP)": the half and its protocol, as the lists are titled. */
static char *
half_title (PbWindowAccount *self,
            PbSetupHalf      half)
{
  const char *protocol = pb_protocol_get_label (self->servers[half]->protocol);

  if (half == PB_SETUP_HALF_OUTGOING)
    /* Translators: the outgoing half of an account; %s is SMTP */
    return g_strdup_printf (_("Sending (%s)"), protocol);
  /* Translators: the incoming half of an account; %s is IMAP or POP3 */
  return g_strdup_printf (_("Receiving (%s)"), protocol);
}

static char *
half_server (PbWindowAccount *self,
             PbSetupHalf      half)
{
  return g_strdup_printf ("%s:%u", self->servers[half]->host, self->servers[half]->port);
}

void
pb_window_account_begin (PbWindowAccount *self,
                         PbTestPage      *page,
                         PbServerConfig  *outgoing,
                         PbServerConfig  *incoming,
                         const char      *name,
                         gboolean         send_test)
{
  g_return_if_fail (self != NULL && outgoing != NULL);

  pb_window_account_end (self);
  self->active = TRUE;
  self->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  self->send_test = send_test;
  self->servers[PB_SETUP_HALF_OUTGOING] = pb_server_config_ref (outgoing);
  self->servers[PB_SETUP_HALF_INCOMING] = incoming ? pb_server_config_ref (incoming) : NULL;

  pb_test_page_reset (page, _("Testing Your Account"));
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    {
      g_autofree char *title = NULL;
      g_autofree char *server = NULL;

      if (self->servers[half] == NULL)
        continue;
      title = half_title (self, half);
      server = half_server (self, half);
      pb_test_page_set_half (page, half, title, server);
    }
  if (incoming == NULL)
    pb_test_page_set_note (page, _("No incoming server was found for this address: only sending is tested."));
}

void
pb_window_account_check_started (PbWindowAccount *self,
                                 PbTestPage      *page,
                                 PbSetupHalf      half)
{
  g_return_if_fail (self != NULL && half < PB_SETUP_N_HALVES);

  /* A half that runs again (its certificate was trusted) is shown anew, the other one
   * stays as it ended. */
  if (self->done[half])
    pb_test_page_restart_half (page, half);
  self->done[half] = FALSE;
  self->shown = FALSE;
  forget_password (self, half);
}

gboolean
pb_window_account_awaits_round_trip (PbWindowAccount *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->active && self->send_test;
}

gboolean
pb_window_account_take_result (PbWindowAccount *self,
                               PbSetupHalf      half)
{
  g_return_val_if_fail (self != NULL && half < PB_SETUP_N_HALVES, FALSE);

  self->done[half] = TRUE;
  return pb_window_account_all_done (self);
}

gboolean
pb_window_account_all_done (PbWindowAccount *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < PB_SETUP_N_HALVES; i++)
    if (self->servers[i] != NULL && !self->done[i])
      return FALSE;
  return self->active;
}

/* Both halves' texts one after the other, each under its protocol and server; NULL when
 * none has any. */
static char *
join_halves (PbWindowAccount  *self,
             PbSetup          *setup,
             char           *(*format) (PbCheckResult *result))
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    {
      PbCheckResult *result = pb_setup_get_half_result (setup, half);
      g_autofree char *server = NULL;
      g_autofree char *text = NULL;

      if (self->servers[half] == NULL || result == NULL || (text = format (result)) == NULL)
        continue;
      server = half_server (self, half);
      g_string_append_printf (joined, "%s%s %s\n%s", joined->len ? "\n" : "",
                              pb_protocol_get_label (self->servers[half]->protocol), server,
                              text);
    }
  return joined->len ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

/* The results of the halves tested. */
static GPtrArray *
half_results (PbWindowAccount *self,
              PbSetup         *setup)
{
  GPtrArray *results = g_ptr_array_new ();

  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (self->servers[half] != NULL && pb_setup_get_half_result (setup, half) != NULL)
      g_ptr_array_add (results, pb_setup_get_half_result (setup, half));
  return results;
}

static char *
format_report (PbWindowAccount *self,
               PbSetup         *setup)
{
  g_autoptr(GPtrArray) results = half_results (self, setup);

  return pb_account_report_text (results, pb_setup_get_round_trip_result (setup), NULL, TRUE);
}

gboolean
pb_window_account_works (PbWindowAccount *self,
                         PbSetup         *setup)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->active)
    return FALSE;
  results = half_results (self, setup);
  return results->len > 0 &&
         pb_account_report_is_ok (results, self->send_test
                                           ? pb_setup_get_round_trip_result (setup) : NULL);
}

/* What a half verified, or for a half that failed beside the one explained, its problem. */
static void
show_half (PbWindowAccount *self,
           PbSetup         *setup,
           PbResultPage    *page,
           PbSetupHalf      half,
           gboolean         in_full)
{
  PbCheckResult *result = pb_setup_get_half_result (setup, half);
  g_autofree char *title = half_title (self, half);
  g_autofree char *server = half_server (self, half);
  g_autoptr(GPtrArray) rows = NULL;
  const char *line[2] = { NULL, NULL };

  if (result->ok && in_full)
    {
      rows = pb_window_check_verified (result);
      pb_result_page_set_half (page, half, title, server, (const char * const *) rows->pdata,
                               TRUE);
      return;
    }
  if (result->ok)
    line[0] = half == PB_SETUP_HALF_OUTGOING ? _("Sending works") : _("Receiving works");
  else
    line[0] = pb_setup_get_half_explanation (setup, half)->title;
  pb_result_page_set_half (page, half, title, server, line, result->ok);
}

static PbSetupHalf
first_failed_half (PbWindowAccount *self,
                   PbSetup         *setup)
{
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (self->servers[half] != NULL && !pb_setup_get_half_result (setup, half)->ok)
      return half;
  return PB_SETUP_N_HALVES;
}

static void
show_failure (PbWindowAccount *self,
              PbSetup         *setup,
              PbResultPage    *page,
              PbSetupHalf      failed)
{
  PbCheckResult *result = pb_setup_get_half_result (setup, failed);
  g_autofree char *title = half_title (self, failed);
  g_autofree char *context = NULL;

  pb_result_page_show_failure (page, pb_setup_get_half_explanation (setup, failed),
                               result->failure.reply.text);
  /* Translators: above a failure's explanation: the half of the account (e.g.
   * "Receiving (IMAP)") and its server */
  context = g_strdup_printf (_("%s at %s"), title, self->servers[failed]->host);
  pb_result_page_set_context (page, context);
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (half != failed && self->servers[half] != NULL)
      show_half (self, setup, page, half, FALSE);
}

/* Both halves work, and the test message did not arrive (or could not be looked for): that
 * is the failure explained, the halves say they work. */
static gboolean
show_round_trip_failure (PbWindowAccount *self,
                         PbSetup         *setup,
                         PbResultPage    *page)
{
  PbRoundTripResult *trip = pb_setup_get_round_trip_result (setup);
  PbExplanation *explanation = pb_setup_get_round_trip_explanation (setup);

  if (trip == NULL || trip->ok || explanation == NULL)
    return FALSE;
  pb_result_page_show_failure (page, explanation,
                               trip->session != NULL ? trip->session->failure.reply.text : NULL);
  pb_result_page_set_context (page, _("Send and receive"));
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (self->servers[half] != NULL)
      show_half (self, setup, page, half, FALSE);
  return TRUE;
}

/* The account as this test verified it: the incoming half only where this test had one
 * (the flow keeps an earlier test's result of a half this one did not run). NULL when a
 * half failed or the settings cannot be exported. */
static PbExportAccount *
verified_account (PbWindowAccount  *self,
                  PbSetup          *setup,
                  GError          **error)
{
  PbCheckResult *out = pb_setup_get_half_result (setup, PB_SETUP_HALF_OUTGOING);
  PbCheckResult *in = self->servers[PB_SETUP_HALF_INCOMING] != NULL
                      ? pb_setup_get_half_result (setup, PB_SETUP_HALF_INCOMING) : NULL;

  return pb_export_account_new_verified (out->address, self->name, in, out, error);
}

/* What Copy Settings copies: the whole account, both servers with their user names (the
 * outgoing server alone when there is no verified account to write). */
static char *
format_settings (PbWindowAccount *self,
                 PbSetup         *setup)
{
  g_autoptr(PbExportAccount) account = verified_account (self, setup, NULL);

  if (account != NULL)
    return pb_export_text_write (account);
  return pb_check_result_format_settings (pb_setup_get_half_result (setup,
                                                                    PB_SETUP_HALF_OUTGOING));
}

/* The verified account's hand-offs ("Use In…"); none when the settings cannot be exported. */
static void
offer_hand_offs (PbWindowAccount *self,
                 PbSetup         *setup,
                 PbResultPage    *page)
{
  g_autoptr(GError) error = NULL;
  PbExportAccount *account = verified_account (self, setup, &error);

  if (account == NULL)
    g_message ("No hand-offs for this account: %s", error->message);
  pb_use_in_group_set_account (pb_result_page_get_use_in_group (page), account);
}

static void
show_success (PbWindowAccount *self,
              PbSetup         *setup,
              PbResultPage    *page)
{
  /* Without an incoming server only half of the account is known to work. */
  pb_result_page_show_success (page,
                               self->servers[PB_SETUP_HALF_INCOMING] != NULL
                               ? _("Your Account Works") : _("Sending Works"), NULL);
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (self->servers[half] != NULL)
      {
        show_half (self, setup, page, half, TRUE);
        pb_window_check_show_notice (page, pb_setup_get_half_result (setup, half));
      }
  offer_hand_offs (self, setup, page);
}

static void
show_passwords (PbWindowAccount *self,
                PbResultPage    *page)
{
  for (guint half = 0; half < PB_SETUP_N_HALVES; half++)
    if (self->passwords[half].known)
      pb_window_check_show_password (page, half, self->passwords[half].what,
                                     self->passwords[half].error);
}

void
pb_window_account_show (PbWindowAccount *self,
                        PbSetup         *setup,
                        PbTestPage      *test_page,
                        PbResultPage    *result_page)
{
  g_autofree char *certificates = NULL;
  g_autofree char *transcript = NULL;
  g_autofree char *report = NULL;
  g_autofree char *settings = NULL;
  PbSetupHalf failed;

  g_return_if_fail (self != NULL && self->active);

  pb_test_page_finish (test_page);
  certificates = join_halves (self, setup, pb_check_result_format_certificate);
  pb_test_page_set_certificate (test_page, certificates);
  transcript = join_halves (self, setup, pb_check_result_format_transcript);
  report = format_report (self, setup);
  settings = format_settings (self, setup);
  pb_result_page_set_texts (result_page, transcript, report, settings);

  failed = first_failed_half (self, setup);
  if (failed < PB_SETUP_N_HALVES)
    show_failure (self, setup, result_page, failed);
  else if (!show_round_trip_failure (self, setup, result_page))
    show_success (self, setup, result_page);
  if (self->servers[PB_SETUP_HALF_INCOMING] == NULL)
    pb_result_page_add_half_row (result_page, PB_SETUP_HALF_OUTGOING,
                                 _("Receiving mail is not tested: no incoming server was found for this address"),
                                 FALSE);
  if (self->send_test && pb_setup_get_round_trip_result (setup) != NULL)
    pb_window_round_trip_show (result_page, pb_setup_get_round_trip_result (setup));
  show_passwords (self, result_page);
  self->shown = TRUE;
}

gboolean
pb_window_account_show_round_trip (PbWindowAccount *self,
                                   PbSetup         *setup,
                                   PbTestPage      *test_page,
                                   PbResultPage    *result_page)
{
  PbRoundTripResult *trip = pb_setup_get_round_trip_result (setup);

  g_return_val_if_fail (self != NULL, FALSE);

  /* A newer test replaced this one, or it was cancelled: the window has moved on. */
  if (!self->active || !self->send_test || pb_setup_get_state (setup) != PB_SETUP_STATE_DONE ||
      trip == NULL || trip->problem == PB_PROBLEM_CANCELLED)
    return FALSE;
  pb_window_account_show (self, setup, test_page, result_page);
  return TRUE;
}

void
pb_window_account_show_password (PbWindowAccount *self,
                                 PbResultPage    *page,
                                 PbSetupHalf      half,
                                 PbSetupPassword  what,
                                 const GError    *error)
{
  g_return_if_fail (self != NULL && half < PB_SETUP_N_HALVES);

  forget_password (self, half);
  self->passwords[half].known = TRUE;
  self->passwords[half].what = what;
  self->passwords[half].error = error != NULL ? g_error_copy (error) : NULL;
  if (self->shown)
    pb_window_check_show_password (page, half, what, error);
}
