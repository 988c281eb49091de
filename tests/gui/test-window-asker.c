/* test-window-asker.c: the window's answers to the setup flow's questions, without the flow
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-result-page.h"
#include "pb-settings-page.h"
#include "pb-window-asker.h"

enum { NO_ANSWER_YET = -1 };

/* Keeps the asker's answer for the test to finish. */
static void
on_answered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **answered = user_data;

  g_assert_null (*answered);
  *answered = g_object_ref (result);
}

static void
ask (PbWindowAsker        *asker,
     PbSetupQuestionKind   kind,
     GCancellable         *cancellable,
     GAsyncResult        **answered)
{
  char *hosts[] = { (char *) "smtp.example.net", NULL };
  PbSetupQuestion question = { .kind = kind, .hosts = hosts };

  pb_setup_asker_ask_async (PB_SETUP_ASKER (asker), &question, cancellable, on_answered,
                            answered);
}

/* TRUE or FALSE once the asker answered (error: why not, for a question it dropped),
 * NO_ANSWER_YET while it keeps the question open. */
static int
answer_of (PbWindowAsker  *asker,
           GAsyncResult  **answered,
           GError        **error)
{
  gboolean answer;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (*answered == NULL)
    return NO_ANSWER_YET;
  answer = pb_setup_asker_ask_finish (PB_SETUP_ASKER (asker), *answered, error);
  g_clear_object (answered);
  return answer;
}

/* A host to confirm is answered at once: no while the settings page has no confirmation
 * checked, or while there is no settings page at all. */
static void
test_confirmation (void)
{
  g_autoptr(PbWindowAsker) asker = pb_window_asker_new ();
  PbSettingsPage *page = g_object_ref_sink (g_object_new (PB_TYPE_SETTINGS_PAGE, NULL));
  g_autoptr(GAsyncResult) answered = NULL;

  ask (asker, PB_SETUP_QUESTION_FOREIGN_HOST, NULL, &answered);
  g_assert_cmpint (answer_of (asker, &answered, NULL), ==, FALSE);

  pb_window_asker_set_settings_page (asker, page);
  ask (asker, PB_SETUP_QUESTION_PLAIN_HTTP, NULL, &answered);
  g_assert_cmpint (answer_of (asker, &answered, NULL), ==, FALSE);

  /* The asker does not keep the page alive, and a page that went answers nothing. */
  g_object_unref (page);
  ask (asker, PB_SETUP_QUESTION_FOREIGN_HOST, NULL, &answered);
  g_assert_cmpint (answer_of (asker, &answered, NULL), ==, FALSE);
}

/* A certificate question stays open until it is replaced (the old one: no) or cancelled. */
static void
test_trust (void)
{
  g_autoptr(PbWindowAsker) asker = pb_window_asker_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PbResultPage *page = g_object_ref_sink (g_object_new (PB_TYPE_RESULT_PAGE, NULL));
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  pb_window_asker_set_result_page (asker, page);
  ask (asker, PB_SETUP_QUESTION_TRUST_CERTIFICATE, cancellable, &first);
  g_assert_cmpint (answer_of (asker, &first, NULL), ==, NO_ANSWER_YET);

  ask (asker, PB_SETUP_QUESTION_TRUST_CERTIFICATE, cancellable, &second);
  g_assert_cmpint (answer_of (asker, &first, NULL), ==, FALSE);
  g_assert_cmpint (answer_of (asker, &second, NULL), ==, NO_ANSWER_YET);

  /* Nothing to inspect without a certificate: the question stays as it is. */
  pb_window_asker_inspect_certificate (asker, NULL, NULL);
  g_assert_cmpint (answer_of (asker, &second, NULL), ==, NO_ANSWER_YET);

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (answer_of (asker, &second, &error), ==, FALSE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_object_unref (page);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-asker/confirmation", test_confirmation);
  g_test_add_func ("/window-asker/trust", test_trust);

  return g_test_run ();
}
