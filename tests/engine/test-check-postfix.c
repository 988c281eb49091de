/* test-check-postfix.c: PbCheck against the lab's real Postfix, for what only a real MTA
 * shows: an international sender (SMTPUTF8) taken and delivered, a port without SMTPUTF8
 * that is never asked, and a subject that is not ASCII arriving as RFC 2047 encoded-words
 * Run through the lab: tests/lab/lab-run --tap test-check-postfix --tap
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-check.h"
#include "pb-diagnosis.h"
#include "pb-i18n.h"
#include "pb-smtp.h"
#include "pb-test-check.h"
#include "pb-test-util.h"

/* jürgen@lab.test: an international local part (RFC 6531). Postfix's virtual(8) agent
 * delivers his mail, as Dovecot 2.3's LMTP does not offer SMTPUTF8 (tests/lab/README.md). */
#define JUERGEN "j\xc3\xbcrgen@lab.test"
#define JUERGEN_PASSWORD "Juergen-Secret-3"

/* Polls until the deadline: the time only keeps a broken delivery from holding the test,
 * as Postfix delivers and logs within milliseconds. */
#define POLL_UNTIL(found) \
  for (gint64 poll_end = g_get_monotonic_time () + pb_test_scaled_ms (10000) * (gint64) 1000; \
       !(found) && g_get_monotonic_time () < poll_end; g_usleep (50 * 1000))

/* The message in user's Maildir (new/) that holds header, or NULL. */
static char *
find_message (const char *user,
              const char *header)
{
  g_autofree char *dir = g_build_filename (g_getenv ("PB_LAB_DIR"), "mail", user, "Maildir",
                                           "new", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_file_get_contents (file, &text, NULL, NULL) && strstr (text, header) != NULL)
        return g_steal_pointer (&text);
    }
  return NULL;
}

/* The delivered message with this Message-ID in user's Maildir. */
static char *
delivered_message (const char *user,
                   const char *message_id)
{
  g_autofree char *header = g_strconcat ("\nMessage-ID: ", message_id, "\n", NULL);
  char *text = NULL;

  g_assert_nonnull (message_id);
  POLL_UNTIL ((text = find_message (user, header)) != NULL);
  if (text == NULL)
    g_error ("message %s never reached %s's Maildir", message_id, user);
  return text;
}

/* The first line of Postfix's log that holds both texts, or NULL. */
static char *
postfix_log_line (const char *one,
                  const char *other)
{
  g_autofree char *path = g_build_filename (g_getenv ("PB_LAB_DIR"), "log", "postfix.log",
                                            NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], one) != NULL && strstr (lines[i], other) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

/* With SMTPUTF8 offered, an international sender goes out as it is, marked SMTPUTF8, and
 * Postfix takes the message as one (its Received line says UTF8SMTPSA) and delivers it. */
static void
test_smtputf8_sender (void)
{
  PbCheckOptions send = { .send_test = TRUE };
  g_autoptr(PbCheckResult) r = pb_test_run_check_for (JUERGEN, "mail.lab.test", 587,
                                                      PB_SECURITY_STARTTLS, &send,
                                                      JUERGEN_PASSWORD, 0, NULL);
  g_autofree char *message = NULL;
  PbTranscriptLine *mail;

  g_assert_true (g_strv_contains ((const char * const *) r->capabilities, "SMTPUTF8"));
  g_assert_true (r->ok);
  g_assert_true (r->authenticated);
  g_assert_true (r->test_sent);
  mail = transcript_find (r, 'C', "MAIL FROM:");
  g_assert_nonnull (mail);
  g_assert_true (g_str_has_prefix (mail->text, "MAIL FROM:<" JUERGEN "> "));
  g_assert_true (g_str_has_suffix (mail->text, " SMTPUTF8"));
  g_assert_nonnull (transcript_find (r, 'C', "RCPT TO:<" JUERGEN ">"));

  message = delivered_message ("j\xc3\xbcrgen", r->test_message_id);
  g_assert_true (g_str_has_prefix (message, "Return-Path: <" JUERGEN ">\n"));
  g_assert_nonnull (strstr (message, " with UTF8SMTPSA id "));
  g_assert_nonnull (strstr (message, "\nFrom: <" JUERGEN ">\n"));
  g_assert_nonnull (strstr (message, "\nTo: <" JUERGEN ">\n"));
}

/* Without SMTPUTF8 the international sender is never sent: the client stops before MAIL
 * FROM, after a good login, and says why. Postfix's own count of the session's commands
 * shows that no MAIL (garbled or not) reached it. An ASCII sender on the same port is the
 * control: the port works, and its MAIL FROM carries no SMTPUTF8. */
static void
test_smtputf8_not_offered (void)
{
  PbCheckOptions send = { .send_test = TRUE };
  PbCheckOptions dry = { .dry_run_send = TRUE };
  g_autoptr(PbCheckResult) r = pb_test_run_check_for (JUERGEN, "mail.lab.test", 2587,
                                                      PB_SECURITY_STARTTLS, &send,
                                                      JUERGEN_PASSWORD, 0, NULL);
  g_autoptr(PbCheckResult) ascii = NULL;
  g_autoptr(PbExplanation) ex = NULL;
  g_autofree char *session = NULL;

  g_assert_false (g_strv_contains ((const char * const *) r->capabilities, "SMTPUTF8"));
  g_assert_false (r->ok);
  g_assert_cmpint (r->problem, ==, PB_PROBLEM_SENDER_INVALID);
  g_assert_cmpint (r->failure.stage, ==, PB_STAGE_MAIL_FROM);
  g_assert_error (r->failure.error, PB_SMTP_ERROR, PB_SMTP_ERROR_NOT_OFFERED);
  g_assert_cmpstr (r->failure.error->message, ==,
                   "The server does not accept addresses with international characters "
                   "(no SMTPUTF8)");
  g_assert_true (r->authenticated);
  g_assert_false (r->test_sent);
  g_assert_null (transcript_find (r, 'C', "MAIL"));
  g_assert_null (transcript_find (r, 'C', "RCPT"));
  g_assert_null (transcript_find (r, 'C', "DATA"));
  g_assert_nonnull (transcript_find (r, 'C', "QUIT"));

  /* Not "the server rejected the sender as invalid": it was never asked. */
  ex = pb_diagnosis_explain (r->problem, &r->failure);
  g_assert_cmpstr (ex->variant, ==, "smtputf8-not-offered");
  g_assert_cmpstr (ex->title, ==, "The server does not take international addresses");
  g_assert_nonnull (strstr (ex->explanation, "The server mail.lab.test does not accept mail "
                                             "addresses"));
  g_assert_null (strstr (ex->explanation, "rejected the sender"));

  /* Postfix logs the session when it ends, a moment after the client has gone. */
  POLL_UNTIL ((session = postfix_log_line ("postfix/submission-ascii/smtpd[", " auth=")) != NULL);
  g_assert_nonnull (session);
  g_test_message ("%s", session);
  g_assert_true (g_str_has_suffix (session, ": disconnect from unknown[127.0.0.1] ehlo=2 "
                                            "starttls=1 auth=1 quit=1 commands=5"));

  ascii = pb_test_run_check_for ("alice@lab.test", "mail.lab.test", 2587,
                                 PB_SECURITY_STARTTLS, &dry, "Alice-Secret-1", 0, NULL);
  g_assert_true (ascii->ok);
  g_assert_true (ascii->dry_run_done);
  g_assert_cmpstr (transcript_find (ascii, 'C', "MAIL FROM:")->text, ==,
                   "MAIL FROM:<alice@lab.test>");
}

/* The subject of the catalogue tests/engine/subject-eo.po. */
#define EO_SUBJECT "Testmesa\xc4\x9do de Postbote: \xc4\x89u \xc4\x9di alvenas tra Postfix kaj " \
                   "Dovecot? \xe2\x9c\x89"

/* The value of the header name (without "name: ") in a stored message, its folded lines
 * joined as they stand (LF and the whitespace that starts each continuation). */
static char *
header_value (const char *message,
              const char *name)
{
  g_autofree char *start = g_strconcat ("\n", name, ": ", NULL);
  const char *value = strstr (message, start);
  const char *end;

  g_assert_nonnull (value);
  value += strlen (start);
  for (end = value; *end != '\0'; end++)
    if (end[0] == '\n' && end[1] != ' ' && end[1] != '\t')
      break;
  return g_strndup (value, end - value);
}

/* In a language whose subject is not ASCII the test message goes through Postfix and
 * Dovecot's LMTP into the Maildir with 7-bit headers: the subject as RFC 2047 encoded-words
 * (two here, folded), each at most 75 characters, that decode back to the exact text. */
static void
test_encoded_subject (void)
{
  const char *mo = g_getenv ("PB_TEST_SUBJECT_MO");
  PbCheckOptions send = { .send_test = TRUE };
  g_autofree char *localedir = g_dir_make_tmp ("pb-subject-XXXXXX", NULL);
  g_autofree char *eo_dir = g_build_filename (localedir, "eo", NULL);
  g_autofree char *lc_messages = g_build_filename (eo_dir, "LC_MESSAGES", NULL);
  g_autofree char *target = g_build_filename (lc_messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *catalogue = NULL;
  g_autofree char *own_localedir = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));
  g_autoptr(PbCheckResult) r = NULL;
  g_autofree char *message = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *subject = NULL;
  g_auto(GStrv) words = NULL;
  GString *decoded = g_string_new (NULL);
  guint n_words = 0;
  gsize len;

  g_assert_nonnull (mo);
  g_assert_true (g_file_get_contents (mo, &catalogue, &len, NULL));
  g_assert_cmpint (g_mkdir_with_parents (lc_messages, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, catalogue, len, NULL));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  pb_test_set_language ("eo");
  g_assert_cmpstr (_("Postbote test message"), ==, EO_SUBJECT);
  r = pb_test_run_check_for ("alice@lab.test", "mail.lab.test", 465, PB_SECURITY_TLS, &send,
                             "Alice-Secret-1", 0, NULL);
  bindtextdomain (GETTEXT_PACKAGE, own_localedir);
  pb_test_set_language ("en");
  g_unlink (target);
  g_rmdir (lc_messages);
  g_rmdir (eo_dir);
  g_rmdir (localedir);

  g_assert_true (r->ok);
  g_assert_true (r->test_sent);
  message = delivered_message ("alice", r->test_message_id);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "\n\n"));
  headers = g_strndup (message, strstr (message, "\n\n") - message);
  g_assert_true (g_str_is_ascii (headers));

  subject = header_value (headers, "Subject");
  words = g_strsplit_set (subject, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      const gsize prefix = strlen ("=?UTF-8?B?");
      g_autofree char *b64 = NULL;
      g_autofree guchar *raw = NULL;
      gsize raw_len;

      if (*w == '\0')
        continue;
      n_words++;
      g_assert_cmpuint (strlen (w), <=, 75);
      g_assert_true (g_str_has_prefix (w, "=?UTF-8?B?") && g_str_has_suffix (w, "?="));
      b64 = g_strndup (w + prefix, strlen (w) - prefix - 2);
      raw = g_base64_decode (b64, &raw_len);
      g_assert_true (g_utf8_validate_len ((const char *) raw, raw_len, NULL));
      g_string_append_len (decoded, (const char *) raw, raw_len);
    }
  g_assert_cmpuint (n_words, ==, 2);
  g_assert_cmpstr (decoded->str, ==, EO_SUBJECT);
  g_string_free (decoded, TRUE);
}

int
main (int    argc,
      char **argv)
{
  if (pb_test_skip_without_lab ())
    return 0;
  /* The locale and the build tree's catalogues (LANGUAGE=en: the English texts). */
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check-engine/smtputf8-sender", test_smtputf8_sender);
  g_test_add_func ("/check-engine/smtputf8-not-offered", test_smtputf8_not_offered);
  g_test_add_func ("/check-engine/encoded-subject", test_encoded_subject);

  return g_test_run ();
}
