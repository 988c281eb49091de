/* pb-check-format.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-check-format.h"
#include "pb-transcript.h"
#include "pb-text.h"

/* What each step of a check does, in the user's words; unknown names pass through. */
const char *
pb_check_step_get_label (const char *name)
{
  static const struct { const char *name; const char *label; } labels[] = {
    { "resolve", N_("Finding the server") },
    { "connect", N_("Connecting") },
    { "tls", N_("Encrypting the connection (TLS)") },
    { "greeting", N_("Server greeting") },
    { "ehlo", N_("Asking what the server offers (EHLO)") },
    { "starttls", N_("Switching on encryption (STARTTLS)") },
    { "starttls-handshake", N_("Encrypting the connection (TLS)") },
    { "capability", N_("Asking for the server's capabilities") },
    { "id", N_("Introducing the program (ID)") },
    { "auth", N_("Logging in") },
    { "mailbox", N_("Opening the inbox (read-only)") },
    { "mail-from", N_("Checking the sender address") },
    { "rcpt-to", N_("Checking the recipient") },
    { "rset", N_("Undoing the sender check (RSET)") },
    { "data", N_("Sending the test message") },
    { "quit", N_("Saying goodbye") },
    /* the round trip of a test message */
    { "search", N_("Looking for the test message") },
    { "idle", N_("Waiting for news from the server (IDLE)") },
    { "fetch", N_("Reading the test message's header") },
    { "delete", N_("Removing the test message") },
    { "uidl", N_("Asking for a message’s unique id (UIDL)") },
    { "top", N_("Reading a message’s header (TOP)") },
  };

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].name, name))
        return _(labels[i].label);
    }
  return name;
}

/* ISO dates read the same in every language and do not depend on LC_TIME, which is often
 * "C" when only LANGUAGE is set. */
static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return g_strdup ("—");
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

/* What the user's trust in the certificate let through: a failed validation (a weak key
 * counts as an insecure certificate), an outdated TLS version or both. */
static char *
format_override (PbCheckResult *result)
{
  if (result->tls_outdated && result->cert_errors != 0)
    /* Translators: %s is a TLS version, e.g. "TLS 1.0" */
    return g_strdup_printf (_("Trusted by you for this server and port, although it failed "
                              "validation and the connection uses %s, an outdated protocol"),
                            result->tls_version);
  if (result->tls_outdated)
    /* Translators: %s is a TLS version, e.g. "TLS 1.0" */
    return g_strdup_printf (_("Trusted by you for this server and port, although the "
                              "connection uses %s, an outdated protocol"),
                            result->tls_version);
  return g_strdup (_("Trusted by you for this server and port, although it failed validation"));
}

/* Subject, issuer, validity, fingerprint and encryption, one per line; NULL without a
 * certificate. */
char *
pb_check_result_format_certificate (PbCheckResult *result)
{
  g_autofree char *not_before = NULL;
  g_autofree char *not_after = NULL;
  g_autofree char *encryption = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;
  GString *text;

  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);

  if (result->cert_sha256 == NULL)
    return NULL;

  /* The names are the server's words, shown in the window and the report: a bidi override
   * in them must not make another name read. */
  subject = pb_text_make_safe (result->cert_subject ? result->cert_subject : "—", -1, "");
  issuer = pb_text_make_safe (result->cert_issuer ? result->cert_issuer : "—", -1, "");
  not_before = format_date (result->cert_not_before);
  not_after = format_date (result->cert_not_after);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Issued to: %s"), subject);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Issued by: %s"), issuer);
  g_string_append_c (text, '\n');
  /* Translators: the first %s is a start date, the second an end date */
  g_string_append_printf (text, _("Valid from %s to %s"), not_before, not_after);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("SHA-256 fingerprint: %s"), result->cert_sha256);
  if (result->cert_pinned)
    {
      g_autofree char *override = format_override (result);

      g_string_append_c (text, '\n');
      g_string_append (text, override);
    }
  encryption = pb_check_result_format_encryption (result);
  if (encryption != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, encryption);
    }
  return g_string_free (text, FALSE);
}

/* The question before the user trusts the server's certificate: everything the trust
 * overrides (a failed validation, an outdated TLS version) and how far it reaches. */
char *
pb_check_result_format_trust_question (PbCheckResult *result)
{
  const PbServerConfig *server;
  GString *text;

  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);

  server = result->server;
  text = g_string_new (NULL);
  if (result->cert_errors != 0 || !result->tls_outdated)
    {
      g_autofree char *reasons = pb_certificate_flags_to_reasons (result->cert_errors);

      /* Translators: %s:%u is the server and port, the last %s the reasons */
      g_string_append_printf (text, _("The certificate of %s:%u cannot be verified: %s."),
                              server->host, server->port, reasons);
    }
  if (result->tls_outdated)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: %s:%u is the server and port, the last %s a TLS version ("TLS 1.0") */
      g_string_append_printf (text, _("The connection to %s:%u uses %s, an outdated encryption "
                                      "protocol; trusting the certificate accepts that too."),
                              server->host, server->port, result->tls_version);
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("Trust it only if you know it is right, for example because your "
                           "administrator gave you this fingerprint. The trust holds for this "
                           "server and port only."));
  return g_string_free (text, FALSE);
}

/* The TLS version and cipher of the connection; NULL without TLS. */
char *
pb_check_result_format_encryption (PbCheckResult *result)
{
  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);

  if (result->tls_version == NULL)
    return NULL;
  /* Translators: TLS version and cipher, e.g. "TLS 1.3, TLS_AES_256_GCM_SHA384" */
  return g_strdup_printf (_("Encryption: %s, %s"), result->tls_version,
                          result->tls_cipher ? result->tls_cipher : "—");
}

/* The conversation with the server, one line each: milliseconds, who spoke, what (AUTH
 * payloads are already redacted by the client). */
char *
pb_check_result_format_transcript (PbCheckResult *result)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);

  for (guint i = 0; result->transcript != NULL && i < result->transcript->len; i++)
    {
      const PbTranscriptLine *line = g_ptr_array_index (result->transcript, i);

      g_string_append_printf (text, "%6" G_GINT64_FORMAT " ms %c: %s\n",
                              line->ms, line->direction, line->text);
    }
  return g_string_free (text, FALSE);
}

/* The tested outgoing server, for pasting into a mail program. */
char *
pb_check_result_format_settings (PbCheckResult *result)
{
  PbServerConfig *server;

  g_return_val_if_fail (PB_IS_CHECK_RESULT (result), NULL);

  server = result->server;
  /* Translators: a summary for the clipboard; server, port, encryption, user name */
  return g_strdup_printf (_("Outgoing server (SMTP): %s\nPort: %u\nEncryption: %s\nUser name: %s\n"),
                          server->host, server->port, pb_security_get_label (server->security),
                          result->username ? result->username : "");
}
