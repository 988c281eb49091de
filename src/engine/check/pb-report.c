/* pb-report.c: rendering of check results
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-check-format.h"
#include "pb-diagnosis.h"
#include "pb-oauth-error.h"
#include "pb-report.h"
#include "pb-transcript.h"
#include "pb-text.h"

static char *
iso_date (GDateTime *date)
{
  return date ? g_date_time_format_iso8601 (date) : NULL;
}

static PbExplanation *
explain (PbCheckResult *r)
{
  return r->ok ? NULL : pb_diagnosis_explain (r->problem, &r->failure);
}

/* The text report goes to a terminal, and certificate names, host names, error messages and
 * server replies come from outside. With one_line, a newline is replaced too, so a name
 * cannot fake report lines. */
char *
pb_report_terminal_safe (const char *text,
                         gboolean    one_line)
{
  return pb_text_make_safe (text, -1, one_line ? "" : "\n");
}

/* JSON */

static void
write_strv (JsonBuilder  *w,
            const char   *name,
            char        **strv)
{
  json_builder_set_member_name (w, name);
  json_builder_begin_array (w);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    pb_json_add_string (w, strv[i]);
  json_builder_end_array (w);
}

static void
write_nullable_int (JsonBuilder  *w,
                    const char   *name,
                    gint64        value)
{
  json_builder_set_member_name (w, name);
  if (value != 0)
    json_builder_add_int_value (w, value);
  else
    json_builder_add_null_value (w);
}

static void
write_tls (JsonBuilder   *w,
           PbCheckResult *r)
{
  g_auto(GStrv) errors = pb_certificate_flags_to_strings (r->cert_errors);
  g_autofree char *not_before = iso_date (r->cert_not_before);
  g_autofree char *not_after = iso_date (r->cert_not_after);

  json_builder_set_member_name (w, "tls");
  if (r->tls_version == NULL && r->cert_sha256 == NULL)
    {
      json_builder_add_null_value (w);
      return;
    }
  json_builder_begin_object (w);
  pb_json_member_string (w, "version", r->tls_version);
  pb_json_member_string (w, "cipher", r->tls_cipher);
  json_builder_set_member_name (w, "certificate");
  if (r->cert_sha256 == NULL)
    json_builder_add_null_value (w);
  else
    {
      json_builder_begin_object (w);
      pb_json_member_string (w, "subject", r->cert_subject);
      pb_json_member_string (w, "issuer", r->cert_issuer);
      pb_json_member_string (w, "not_before", not_before);
      pb_json_member_string (w, "not_after", not_after);
      pb_json_member_string (w, "sha256", r->cert_sha256);
      write_strv (w, "errors", errors);
      pb_json_member_boolean (w, "pinned", r->cert_pinned);
      json_builder_end_object (w);
    }
  json_builder_end_object (w);
}

static void
write_error (JsonBuilder     *w,
             const PbFailure *f)
{
  json_builder_set_member_name (w, "error");
  if (f->error == NULL)
    {
      json_builder_add_null_value (w);
      return;
    }
  json_builder_begin_object (w);
  pb_json_member_string (w, "domain", g_quark_to_string (f->error->domain));
  pb_json_member_int (w, "code", f->error->code);
  pb_json_member_string (w, "message", f->error->message);
  json_builder_end_object (w);
}

/* What only an incoming server tells: IMAP's examined mailbox, and an [ALERT] in the
 * server's own words. */
static void
write_incoming (JsonBuilder   *w,
                PbCheckResult *r)
{
  if (r->protocol == PB_PROTOCOL_IMAP)
    {
      json_builder_set_member_name (w, "mailbox");
      if (r->mailbox_name == NULL)
        json_builder_add_null_value (w);
      else
        {
          json_builder_begin_object (w);
          pb_json_member_string (w, "name", r->mailbox_name);
          json_builder_set_member_name (w, "messages");
          if (r->mailbox_messages >= 0)
            json_builder_add_int_value (w, r->mailbox_messages);
          else
            json_builder_add_null_value (w);
          json_builder_end_object (w);
        }
    }
  pb_json_member_string (w, "alert", r->alert);
}

void
pb_report_write_check_members (JsonBuilder   *w,
                               PbCheckResult *r,
                               gboolean       transcript)
{
  g_autoptr(PbExplanation) ex = explain (r);
  const PbFailure *f = &r->failure;
  g_autofree char *notice = r->ok ? pb_check_result_get_notice (r) : NULL;

  pb_json_member_boolean (w, "ok", r->ok);
  pb_json_member_string (w, "protocol", pb_protocol_to_string (r->protocol));
  pb_json_member_string (w, "problem", pb_problem_to_string (r->problem));
  pb_json_member_string (w, "notice", notice);
  pb_json_member_string (w, "stage", r->ok ? NULL : pb_stage_to_string (f->stage));
  write_nullable_int (w, "smtp_code", pb_failure_get_smtp_code (f));
  pb_json_member_string (w, "enhanced_code", pb_failure_get_enhanced_code (f));
  pb_json_member_string (w, "server_reply", f->reply.text);
  pb_json_member_string (w, "title", ex ? ex->title : NULL);
  pb_json_member_string (w, "explanation", ex ? ex->explanation : NULL);
  pb_json_member_string (w, "fix", ex ? ex->fix : NULL);
  pb_json_member_string (w, "link", ex ? ex->link : NULL);
  write_error (w, f);

  json_builder_set_member_name (w, "server");
  json_builder_begin_object (w);
  pb_json_member_string (w, "host", r->server->host);
  pb_json_member_int (w, "port", r->server->port);
  pb_json_member_string (w, "security", pb_security_to_string (r->server->security));
  pb_json_member_string (w, "auth", pb_auth_method_to_string (r->server->auth));
  pb_json_member_string (w, "username", r->username);
  json_builder_end_object (w);

  write_tls (w, r);
  write_strv (w, "capabilities", r->capabilities);
  write_strv (w, "auth_mechanisms", r->auth_mechanisms);
  write_nullable_int (w, "size_limit", (gint64) r->size_limit);
  pb_json_member_string (w, "auth_mechanism", r->auth_mechanism);
  pb_json_member_boolean (w, "authenticated", r->authenticated);
  pb_json_member_boolean (w, "auth_skipped", r->auth_skipped);
  /* Scripts must not read "ok" as "the password works" when no login was tried. */
  pb_json_member_boolean (w, "login_tested", !r->auth_skipped);
  pb_json_member_string (w, "password_problem",
                         pb_problem_to_string (r->password_problem));
  pb_json_member_boolean (w, "dry_run_send", r->dry_run_done);
  pb_json_member_boolean (w, "test_sent", r->test_sent);
  pb_json_member_string (w, "test_message_id", r->test_message_id);
  if (r->protocol != PB_PROTOCOL_SMTP)
    write_incoming (w, r);

  json_builder_set_member_name (w, "steps");
  json_builder_begin_array (w);
  for (guint i = 0; i < r->steps->len; i++)
    {
      PbCheckStep *step = r->steps->pdata[i];

      json_builder_begin_object (w);
      pb_json_member_string (w, "name", step->name);
      pb_json_member_boolean (w, "ok", step->ok);
      pb_json_member_int (w, "ms", (gint64) ((step->usec + 500) / 1000));
      pb_json_member_int (w, "us", (gint64) step->usec);
      json_builder_end_object (w);
    }
  json_builder_end_array (w);
  pb_json_member_int (w, "total_ms", (gint64) ((r->total_usec + 500) / 1000));

  if (transcript && r->transcript != NULL)
    {
      json_builder_set_member_name (w, "transcript");
      json_builder_begin_array (w);
      for (guint i = 0; i < r->transcript->len; i++)
        {
          PbTranscriptLine *line = r->transcript->pdata[i];
          char dir[2] = { line->direction, '\0' };

          json_builder_begin_object (w);
          pb_json_member_int (w, "ms", line->ms);
          pb_json_member_string (w, "dir", dir);
          pb_json_member_string (w, "text", line->text);
          json_builder_end_object (w);
        }
      json_builder_end_array (w);
    }
}

char *
pb_report_check_json (PbCheckResult *result,
                      gboolean       transcript)
{
  g_autoptr(JsonBuilder) w = json_builder_new ();

  json_builder_begin_object (w);
  pb_report_write_check_members (w, result, transcript);
  json_builder_end_object (w);
  return pb_json_to_string (w);
}

char *
pb_report_check_detect_json (PbProblem             problem,
                             const char           *message,
                             const char           *fix,
                             PbProtocol            protocol,
                             const PbServerConfig *server)
{
  g_autoptr(JsonBuilder) w = json_builder_new ();
  static const char * const empty_members[] = {
    "smtp_code", "enhanced_code", "server_reply", "title", "link", "error", "tls", NULL
  };

  json_builder_begin_object (w);
  pb_json_member_boolean (w, "ok", FALSE);
  pb_json_member_string (w, "problem", pb_problem_to_string (problem));
  pb_json_member_string (w, "protocol", pb_protocol_to_string (protocol));
  pb_json_member_string (w, "stage", "detect");
  for (guint i = 0; empty_members[i] != NULL; i++)
    pb_json_member_null (w, empty_members[i]);
  pb_json_member_string (w, "explanation", message);
  pb_json_member_string (w, "fix", fix);
  json_builder_set_member_name (w, "server");
  if (server == NULL)
    json_builder_add_null_value (w);
  else
    {
      json_builder_begin_object (w);
      pb_json_member_string (w, "host", server->host);
      pb_json_member_int (w, "port", server->port);
      pb_json_member_string (w, "security", pb_security_to_string (server->security));
      pb_json_member_string (w, "auth", pb_auth_method_to_string (server->auth));
      pb_json_member_string (w, "username", server->username);
      json_builder_end_object (w);
    }
  write_strv (w, "capabilities", NULL);
  write_strv (w, "auth_mechanisms", NULL);
  pb_json_member_boolean (w, "authenticated", FALSE);
  pb_json_member_boolean (w, "login_tested", FALSE);
  write_strv (w, "steps", NULL);
  json_builder_end_object (w);
  return pb_json_to_string (w);
}

/* Text */

/* The engine's certificate lines, indented, and the validation errors in words. */
static void
append_certificate (GString       *out,
                    PbCheckResult *r)
{
  g_autofree char *cert = pb_check_result_format_certificate (r);
  g_autofree char *errors = pb_certificate_flags_to_labels (r->cert_errors);
  g_auto(GStrv) lines = NULL;

  if (cert == NULL)
    {
      g_autofree char *encryption = pb_check_result_format_encryption (r);

      if (encryption != NULL)
        g_string_append_printf (out, "%s\n", encryption);
      return;
    }
  g_string_append_printf (out, "%s\n", _("Certificate:"));
  lines = g_strsplit (cert, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = pb_report_terminal_safe (lines[i], TRUE);

      g_string_append_printf (out, "  %s\n", line);
    }
  if (errors[0] != '\0')
    g_string_append_printf (out, "  %s %s\n", _("validation errors:"), errors);
}

void
pb_report_append_problem (GString       *out,
                          PbCheckResult *r)
{
  g_autoptr(PbExplanation) ex = explain (r);

  /* The id is for looking it up (docs/problems.md); the step is in words. */
  g_string_append_printf (out, "%s %s (%s, %s)\n", _("Problem:"), ex->title,
                          pb_problem_to_string (r->problem),
                          pb_check_step_get_label (pb_stage_to_string (r->failure.stage)));
  g_string_append_printf (out, "  %s\n", ex->explanation);
  g_string_append_printf (out, "  %s %s\n", _("What to do:"), ex->fix);
  if (ex->link != NULL)
    g_string_append_printf (out, "  %s %s\n", _("More:"), ex->link);
  if (r->failure.reply.text != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (r->failure.reply.text, "\n", -1);

      g_string_append_printf (out, "  %s\n", _("Server reply:"));
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (out, "    %s\n", lines[i]);
    }
  else if (r->failure.error != NULL)
    {
      g_autofree char *message = pb_report_terminal_safe (r->failure.error->message, TRUE);

      g_string_append_printf (out, "  %s %s\n", _("Error:"), message);
    }
}

char *
pb_report_check_text (PbCheckResult *r,
                      gboolean       transcript)
{
  GString *out = g_string_new (NULL);
  g_autofree char *raw = NULL;
  g_autofree char *notice = NULL;

  /* Translators: "mail.example.com, port 587 (STARTTLS) is checked for you@example.com" */
  g_string_append_printf (out, _("Checking %s port %u (%s) for %s"), r->server->host,
                          r->server->port, pb_security_get_label (r->server->security),
                          r->address);
  g_string_append (out, "\n\n");
  for (guint i = 0; i < r->steps->len; i++)
    {
      PbCheckStep *step = r->steps->pdata[i];

      g_string_append (out, "  ");
      pb_text_append_padded (out, step->ok ? _("ok") : _("failed"), 14);
      g_string_append_c (out, ' ');
      pb_text_append_padded (out, pb_check_step_get_label (step->name), 40);
      g_string_append_printf (out, " %6.0f ms\n", step->usec / 1000.0);
    }
  g_string_append (out, "\n");
  append_certificate (out, r);
  if (r->capabilities != NULL && r->capabilities[0] != NULL)
    {
      g_autofree char *caps = g_strjoinv (", ", r->capabilities);

      g_string_append_printf (out, "%s %s\n", _("Capabilities:"), caps);
    }
  if (r->authenticated)
    g_string_append_printf (out, _("Login as %s with %s: accepted"), r->username,
                            r->auth_mechanism);
  else if (r->auth_skipped && pb_oauth_problem_is_sign_in (r->password_problem))
    /* Translators: %s is a problem id such as oauth-denied */
    g_string_append_printf (out, _("Login not tested: the sign-in at the provider failed (%s)"),
                            pb_problem_to_string (r->password_problem));
  else if (r->auth_skipped && r->password_problem != PB_PROBLEM_NONE)
    /* Translators: %s is a problem id such as keyring-locked */
    g_string_append_printf (out, _("Login not tested: no password from the keyring (%s)"),
                            pb_problem_to_string (r->password_problem));
  else if (r->auth_skipped)
    g_string_append (out, _("Login not tested: no password given"));
  if (r->authenticated || r->auth_skipped)
    g_string_append_c (out, '\n');
  if (r->mailbox_name != NULL && r->mailbox_messages >= 0)
    {
      /* Translators: the mailbox's name ("INBOX") and how many messages it holds */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Mailbox %s: %lu message",
                                                "Mailbox %s: %lu messages",
                                                (gulong) r->mailbox_messages),
                              r->mailbox_name, (gulong) r->mailbox_messages);
      g_string_append_c (out, '\n');
    }
  if (r->alert != NULL)
    g_string_append_printf (out, "%s %s\n", _("The server's alert:"), r->alert);
  if (r->dry_run_done)
    g_string_append_printf (out, _("The server accepts %s as the sender"), r->from);
  if (r->dry_run_done)
    g_string_append_c (out, '\n');
  if (r->test_sent)
    g_string_append_printf (out, "%s %s\n", _("Test message sent to your address:"),
                            r->test_message_id);

  if (r->ok && r->auth_skipped && r->tls_version != NULL)
    g_string_append_printf (out, "\n%s\n",
                            _("Result: Connection and encryption work; login not tested."));
  else if (r->ok && r->auth_skipped)
    g_string_append_printf (out, "\n%s\n", _("Result: The connection works; login not tested."));
  else if (r->ok)
    g_string_append_printf (out, "\n%s\n", _("Result: everything works."));
  else
    {
      g_string_append_c (out, '\n');
      pb_report_append_problem (out, r);
    }
  if (r->ok && (notice = pb_check_result_get_notice (r)) != NULL)
    g_string_append_printf (out, "%s %s\n", _("Note:"), notice);

  if (transcript && r->transcript != NULL)
    {
      g_autofree char *lines = pb_check_result_format_transcript (r);

      g_string_append_printf (out, "\n%s\n", _("Transcript (passwords removed):"));
      g_string_append (out, lines);
    }
  raw = g_string_free (out, FALSE);
  return pb_report_terminal_safe (raw, FALSE);
}
