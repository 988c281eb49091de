/* pb-window-check.c: a live check as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-check-format.h"
#include "pb-credentials.h"
#include "pb-export-account.h"
#include "pb-provider-db.h"
#include "pb-report.h"
#include "pb-window-check.h"

/* What a check waits for after step: the greeting after the connection (and its
 * encryption), an answer after any other step; nothing after the last or a failed one. */
static const char *
waiting_after (const PbCheckStep *step)
{
  if (!step->ok || g_str_equal (step->name, "quit") || g_str_equal (step->name, "delete"))
    return NULL;
  if (g_str_equal (step->name, "connect") || g_str_equal (step->name, "tls"))
    return _("Waiting for the server’s greeting…");
  return _("Waiting for the server’s answer…");
}

void
pb_window_check_show_step (PbTestPage        *page,
                           guint              list,
                           const PbCheckStep *step)
{
  pb_test_page_set_step (page, list, step->name, pb_check_step_get_label (step->name),
                         step->ok ? PB_STEP_STATE_OK : PB_STEP_STATE_FAILED, step->usec / 1000);
  /* The round trip shows its own wait. */
  if (list != PB_TEST_PAGE_ROUND_TRIP)
    pb_test_page_set_waiting (page, list, waiting_after (step));
}

void
pb_window_check_begin (PbTestPage     *page,
                       PbServerConfig *server)
{
  g_autofree char *title = NULL;

  /* Translators: %s is a server name and port, e.g. "smtp.example.com:465" */
  title = g_strdup_printf (_("Testing %s:%u"), server->host, server->port);
  pb_test_page_reset (page, title);
}

/* A login with the token of the provider's sign-in: the SASL mechanisms that carry one. */
static gboolean
is_token_login (const char *mechanism)
{
  return g_strcmp0 (mechanism, "OAUTHBEARER") == 0 || g_strcmp0 (mechanism, "XOAUTH2") == 0;
}

GPtrArray *
pb_window_check_verified (PbCheckResult *result)
{
  GPtrArray *verified = g_ptr_array_new_with_free_func (g_free);
  PbServerConfig *server = result->server;

  /* Translators: %s is a server name */
  g_ptr_array_add (verified, g_strdup_printf (_("Connected to %s"), server->host));
  if (result->tls_version != NULL && result->cert_pinned)
    /* Translators: %s is a TLS version, e.g. "TLS 1.3" */
    g_ptr_array_add (verified, g_strdup_printf (_("Encrypted with %s, with the certificate you chose to trust"), result->tls_version));
  else if (result->tls_version != NULL)
    /* Translators: %s is a TLS version, e.g. "TLS 1.3" */
    g_ptr_array_add (verified, g_strdup_printf (_("Encrypted with %s, certificate valid"), result->tls_version));
  if (result->authenticated && is_token_login (result->auth_mechanism))
    /* Translators: %s is the login method, OAUTHBEARER or XOAUTH2 */
    g_ptr_array_add (verified, g_strdup_printf (_("Login accepted with the provider’s sign-in (%s)"),
                                                result->auth_mechanism));
  else if (result->authenticated)
    g_ptr_array_add (verified, g_strdup (_("Login accepted")));
  if (result->mailbox_name != NULL && result->mailbox_messages >= 0)
    g_ptr_array_add (verified, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Mailbox %s: %lu message",
                                                             "Mailbox %s: %lu messages",
                                                             result->mailbox_messages),
                                                result->mailbox_name,
                                                (gulong) result->mailbox_messages));
  if (result->dry_run_done)
    g_ptr_array_add (verified, g_strdup (_("Sender address accepted")));
  if (result->test_sent)
    g_ptr_array_add (verified, g_strdup (_("Test message sent to your own address")));
  g_ptr_array_add (verified, NULL);
  return verified;
}

/* The hand-offs of the one server verified (msmtp and the files that need only it). */
static void
offer_hand_offs (PbResultPage  *page,
                 PbCheckResult *result,
                 const char    *name)
{
  gboolean outgoing = result->server->protocol == PB_PROTOCOL_SMTP;
  g_autoptr(GError) error = NULL;
  PbExportAccount *account = pb_export_account_new_verified (result->address, name,
                                                             outgoing ? NULL : result,
                                                             outgoing ? result : NULL, &error);

  if (account == NULL)
    g_message ("No hand-offs for this server: %s", error->message);
  pb_use_in_group_set_account (pb_result_page_get_use_in_group (page), account);
}

void
pb_window_check_show_notice (PbResultPage  *page,
                             PbCheckResult *result)
{
  g_autofree char *notice = pb_check_result_get_notice (result);
  g_autoptr(PbAccountConfig) preset = NULL;

  if (notice == NULL)
    return;
  preset = pb_provider_db_lookup_id (pb_provider_db_get_default (), result->provider_id);
  pb_notice_group_add (pb_result_page_get_notice_group (page),
                       preset != NULL ? pb_account_config_get_display_name (preset)
                                      : result->provider_id,
                       result->server != NULL ? result->server->host : NULL, notice);
}

static void
show_success (PbResultPage  *page,
              PbCheckResult *result,
              const char    *name)
{
  g_autoptr(GPtrArray) verified = pb_window_check_verified (result);

  pb_result_page_show_success (page, _("Your Account Works"),
                               (const char * const *) verified->pdata);
  pb_window_check_show_notice (page, result);
  offer_hand_offs (page, result, name);
}

void
pb_window_check_show_result (PbTestPage          *test_page,
                             PbResultPage        *result_page,
                             PbCheckResult       *result,
                             const PbExplanation *explanation,
                             const char          *name)
{
  g_autofree char *certificate = NULL;
  g_autofree char *transcript = NULL;
  g_autofree char *report = NULL;
  g_autofree char *settings = NULL;

  pb_test_page_finish (test_page);
  certificate = pb_check_result_format_certificate (result);
  pb_test_page_set_certificate (test_page, certificate);

  transcript = pb_check_result_format_transcript (result);
  report = pb_report_check_text (result, TRUE);
  settings = pb_check_result_format_settings (result);
  pb_result_page_set_texts (result_page, transcript, report, settings);

  if (result->ok)
    show_success (result_page, result, name);
  else
    pb_result_page_show_failure (result_page, explanation, result->failure.reply.text);
}

void
pb_window_check_show_password (PbResultPage    *page,
                               PbSetupHalf      half,
                               PbSetupPassword  what,
                               const GError    *error)
{
  g_autoptr(PbExplanation) explanation = NULL;
  g_autofree char *text = NULL;

  switch (what)
    {
    case PB_SETUP_PASSWORD_SAVED:
      pb_result_page_add_half_row (page, half, _("Password saved in the keyring"), TRUE);
      pb_result_page_offer_forget (page, TRUE);
      break;
    case PB_SETUP_PASSWORD_NOT_REMEMBERED:
      /* Not storing is the user's choice, but it must be said: else they expect the
       * password in the keyring next time. */
      pb_result_page_add_half_row (page, half,
                                   _("Password not saved: remembering passwords is switched off"),
                                   FALSE);
      break;
    case PB_SETUP_PASSWORD_SAVE_FAILED:
      explanation = pb_diagnosis_explain (pb_credentials_error_to_problem (error), NULL);
      text = g_strdup_printf ("%s: %s", explanation->title, explanation->fix);
      /* Nothing else is lost: the result, the settings and the report stay on screen. */
      pb_result_page_add_half_row (page, half, text, FALSE);
      break;
    case PB_SETUP_PASSWORD_NOT_ACCEPTED:
    case PB_SETUP_PASSWORD_LOOKUP_FAILED:
    default:
      break;
    }
}
