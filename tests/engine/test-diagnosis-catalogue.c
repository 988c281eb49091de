/* test-diagnosis-catalogue.c: the catalogue of problem ids (pb-diagnosis-catalogue.c) and
 * its ids and texts (pb-diagnosis.c): every documented id is there, every text is really
 * translated to German, and every id, those of detection too, is explained.
 *
 * Run twice by meson, with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-diagnosis.h"
#include "pb-diagnosis-catalogue.h"
#include "pb-diagnosis-variants.h"
#include "pb-engine-enums.h"
#include "pb-test-diagnosis.h"
#include "pb-test-util.h"

static gboolean german;

/* The ids of docs/problems.md: the contract with the CLI's JSON and the GUI. */
static const char * const documented_ids[] = {
  "not-discoverable", "not-found", "confirmation-needed", "detect-failed",
  "dns-not-found", "connect-refused", "connect-timeout", "tls-wrong-port",
  "tls-handshake-failed", "cert-untrusted", "cert-expired", "cert-not-yet-valid",
  "cert-hostname-mismatch", "cert-revoked", "cert-insecure", "starttls-not-offered",
  "starttls-refused", "starttls-injection", "auth-not-offered", "auth-mechanism-unsupported",
  "auth-failed", "auth-app-password-required", "auth-basic-disabled",
  "auth-web-login-required", "auth-access-disabled", "auth-too-many-attempts",
  "auth-encryption-required", "password-expired", "login-delay", "mailbox-in-use",
  "mailbox-not-found", "auth-required", "sender-not-allowed", "sender-invalid", "relay-denied",
  "recipient-rejected", "message-too-large", "service-unavailable", "temporary-failure",
  "contact-provider", "greylisted", "protocol-error", "timeout", "cancelled", "keyring-unavailable",
  "keyring-locked", "keyring-dismissed", NULL
};

static void
test_ids_complete (void)
{
  const char * const *ids = pb_diagnosis_problem_ids ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; documented_ids[i] != NULL; i++)
    {
      g_test_message ("%s", documented_ids[i]);
      g_assert_true (g_strv_contains (ids, documented_ids[i]));
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer) ids[i]));
      g_assert_true (pb_diagnosis_is_problem_id (ids[i]));
    }
  g_assert_false (pb_diagnosis_is_problem_id ("no-such-problem"));
  g_assert_false (pb_diagnosis_is_problem_id (NULL));

  for (guint i = 0; i < pb_problem_variants_len; i++)
    g_assert_true (pb_diagnosis_is_problem_id (
      pb_problem_to_string (pb_problem_variants[i].problem)));

  /* Every value of PbProblem but NONE has its generic entry, its id is its GEnum nick, and
   * the catalogue has each id once. */
  {
    GEnumClass *klass = g_type_class_ref (PB_TYPE_PROBLEM);

    for (guint i = 0; i < klass->n_values; i++)
      {
        const GEnumValue *v = &klass->values[i];

        g_assert_nonnull (pb_diagnosis_catalogue_lookup (v->value));
        g_assert_cmpstr (pb_problem_to_string (v->value), ==, v->value_nick);
        g_assert_cmpint (pb_problem_from_string (v->value_nick), ==, v->value);
      }
    g_assert_cmpuint (klass->n_values, ==, pb_problem_catalogue_len);
    g_assert_cmpuint (g_strv_length ((char **) ids), ==, pb_problem_catalogue_len);
    g_type_class_unref (klass);
  }
  g_assert_null (pb_problem_to_string (PB_PROBLEM_NONE));
  g_assert_null (pb_diagnosis_catalogue_lookup (PB_PROBLEM_NONE));
  g_assert_cmpint (pb_problem_from_string ("none"), ==, PB_PROBLEM_NONE);
  g_assert_cmpint (pb_problem_from_string (NULL), ==, PB_PROBLEM_NONE);
}

/* The German text of a catalogue string, whatever the language of this run. */
static const char *
in_german (const char *msgid)
{
  const char *translated;

  pb_test_set_language ("de");
  translated = _(msgid);
  pb_test_set_language (german ? "de" : "en");
  return translated;
}

/* Every text exists and is really translated to German, in either run. */
static void
check_translated (const char *msgid)
{
  g_assert_nonnull (msgid);
  g_assert_cmpstr (msgid, !=, "");
  if (g_str_equal (in_german (msgid), msgid))
    g_error ("not translated to German: “%s”", msgid);
}

static void
check_entry (const PbProblemEntry *e)
{
  g_test_message ("%s %s", pb_problem_to_string (e->problem), e->qualifier ? e->qualifier : "");
  check_translated (e->title);
  check_translated (e->explanation);
  check_translated (e->fix);
  g_assert_nonnull (e->example);
  /* The placeholders survive translation unchanged. */
  for (const char * const *p = (const char * const[]) { "{host}", "{port}", "{provider}",
                                                        "{tls_version}", "{tls_port}",
                                                        "{starttls_port}", NULL };
       *p != NULL; p++)
    {
      g_assert_cmpint (strstr (e->explanation, *p) != NULL, ==,
                       strstr (in_german (e->explanation), *p) != NULL);
      g_assert_cmpint (strstr (e->fix, *p) != NULL, ==, strstr (in_german (e->fix), *p) != NULL);
    }
}

static void
test_texts_translated (void)
{
  for (guint i = 0; i < pb_problem_catalogue_len; i++)
    check_entry (&pb_problem_catalogue[i]);
  for (guint i = 0; i < pb_problem_variants_len; i++)
    check_entry (&pb_problem_variants[i]);
}

static void
test_explain_every_id (void)
{
  const char * const *ids = pb_diagnosis_problem_ids ();
  PbFailure failure = { .host = (char *) "smtp.example.com", .port = 587,
                        .security = PB_SECURITY_STARTTLS };

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(PbExplanation) e = pb_test_explain_id (ids[i], &failure);
      g_autoptr(PbExplanation) bare = pb_test_explain_id (ids[i], NULL);

      g_assert_cmpstr (pb_problem_to_string (e->problem), ==, ids[i]);
      g_assert_cmpuint (strlen (e->title), >, 3);
      g_assert_cmpuint (strlen (e->explanation), >, 20);
      g_assert_cmpuint (strlen (e->fix), >, 20);
      g_assert_null (strchr (e->title, '{'));
      g_assert_null (strchr (e->explanation, '{'));
      g_assert_null (strchr (e->fix, '{'));
      g_assert_cmpstr (pb_problem_to_string (bare->problem), ==, ids[i]);
      g_assert_null (strchr (bare->explanation, '{'));
      /* In the language of the run: the English text, or its German translation. */
      if (strchr (pb_test_catalogue_entry (ids[i])->title, '{') == NULL)
        g_assert_cmpstr (bare->title, ==, german ? in_german (pb_test_catalogue_entry (ids[i])->title)
                                                 : pb_test_catalogue_entry (ids[i])->title);
    }

  /* An unknown id is explained as a protocol error instead of crashing the UI. */
  {
    g_autoptr(PbExplanation) e = pb_test_explain_id ("no-such-problem", NULL);
    g_assert_cmpstr (pb_problem_to_string (e->problem), ==, "protocol-error");
  }
}

/* What `postbote check` and `postbote detect` say when detection gives no server to test:
 * the command line names these itself, and the texts explain them. */
static void
test_detection_ids (void)
{
  PbFailure f = { .host = (char *) "smtp.example.net" };

  for (guint i = 0; pb_test_detection_ids[i] != NULL; i++)
    {
      g_autoptr(PbExplanation) e = pb_test_explain_id (pb_test_detection_ids[i], &f);
      const PbProblemEntry *entry = pb_test_catalogue_entry (pb_test_detection_ids[i]);

      g_test_message ("%s: %s", pb_test_detection_ids[i], e->title);
      g_assert_cmpstr (pb_problem_to_string (e->problem), ==, pb_test_detection_ids[i]);
      g_assert_null (e->variant);
      g_assert_false (e->retry_may_help);
      /* Each says how to go on without detection: naming the server by hand. */
      g_assert_nonnull (strstr (e->fix, "--server"));
      if (strstr (entry->explanation, "{host}") != NULL)
        g_assert_nonnull (strstr (e->explanation, "smtp.example.net"));
    }
  {
    /* The confirmation names the server to confirm, in the text and in the fix. */
    g_autoptr(PbExplanation) e = pb_test_explain_id ("confirmation-needed", &f);

    g_assert_nonnull (strstr (e->explanation, "smtp.example.net"));
    g_assert_nonnull (strstr (e->fix, "--server smtp.example.net"));
  }
}

int
main (int    argc,
      char **argv)
{
  german = pb_test_init_language (&argc, &argv);

  g_test_add_func ("/diagnosis/ids-complete", test_ids_complete);
  g_test_add_func ("/diagnosis/texts-translated", test_texts_translated);
  g_test_add_func ("/diagnosis/explain-every-id", test_explain_every_id);
  g_test_add_func ("/diagnosis/detection-ids", test_detection_ids);
  return g_test_run ();
}
