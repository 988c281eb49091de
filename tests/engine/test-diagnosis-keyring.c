/* test-diagnosis-keyring.c: real keyring failures (a locked keyring, no Secret Service at
 * all) get their problem id and the text of the current language.
 *
 * Runs inside tests/keyring/keyring-run --locked (keyring-locked, keyring-dismissed) or --none
 * (keyring-unavailable), with LANGUAGE=en and LANGUAGE=de.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials.h"
#include "pb-diagnosis.h"
#include "pb-diagnosis-classify.h"
#include "pb-test-util.h"

static gboolean german;

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (pb_credentials_store_finish (result, error));
}

static void
assert_keyring_failure (PbCredentialsFlags flags,
                        const char        *expect)
{
  g_autoptr(GError) error = NULL;
  PbFailure f = { .stage = PB_STAGE_KEYRING, .host = g_strdup ("smtp.example.com"),
                  .port = 587 };
  g_autoptr(PbExplanation) e = NULL;
  const PbProblemEntry *generic;
  const char *id;

  pb_credentials_store (PB_PROTOCOL_SMTP, "smtp.example.com", 587, "alice@example.com",
                        "Not-Stored-1", flags, NULL, on_stored, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("%s (%s %d)", error->message, g_quark_to_string (error->domain),
                  error->code);
  f.error = g_steal_pointer (&error);
  id = pb_problem_to_string (pb_diagnosis_classify (&f));
  g_assert_cmpstr (id, ==, expect);

  e = pb_diagnosis_explain (pb_diagnosis_classify (&f), &f);
  generic = pb_test_catalogue_entry (id);
  g_assert_cmpstr (e->title, ==, _(generic->title));
  g_assert_cmpstr (e->fix, ==, _(generic->fix));
  if (german)
    g_assert_cmpstr (e->title, !=, generic->title);
  pb_failure_clear (&f);
}

/* Locked, and told not to prompt: the keyring stays locked. */
static void
test_locked (void)
{
  assert_keyring_failure (PB_CREDENTIALS_FLAGS_NO_PROMPT, "keyring-locked");
}

/* Locked, and allowed to prompt: gnome-keyring asks for the keyring password, and the prompt
 * ends without an answer (here: there is no prompter to show it). */
static void
test_dismissed (void)
{
  assert_keyring_failure (PB_CREDENTIALS_FLAGS_NONE, "keyring-dismissed");
}

static void
test_unavailable (void)
{
  assert_keyring_failure (PB_CREDENTIALS_FLAGS_NONE, "keyring-unavailable");
}

int
main (int    argc,
      char **argv)
{
  german = pb_test_init_language (&argc, &argv);
  if (g_strcmp0 (g_getenv ("PB_KEYRING_MODE"), "locked") == 0)
    {
      g_test_add_func ("/diagnosis-keyring/locked", test_locked);
      g_test_add_func ("/diagnosis-keyring/dismissed", test_dismissed);
    }
  else if (g_strcmp0 (g_getenv ("PB_KEYRING_MODE"), "none") == 0)
    g_test_add_func ("/diagnosis-keyring/unavailable", test_unavailable);
  else
    g_error ("run me through tests/keyring/keyring-run --locked or --none");
  return g_test_run ();
}
