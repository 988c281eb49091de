/* test-window-asker.c: the window's answers to the setup flow's questions, without the flow
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

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

/* A certificate question stays open until it is answered or cancelled; one asked meanwhile
 * (the other half of an account) waits its turn instead of ending the first. */
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
  g_assert_false (pb_window_asker_get_asking (asker));
  ask (asker, PB_SETUP_QUESTION_TRUST_CERTIFICATE, cancellable, &first);
  g_assert_cmpint (answer_of (asker, &first, NULL), ==, NO_ANSWER_YET);
  g_assert_true (pb_window_asker_get_asking (asker));

  ask (asker, PB_SETUP_QUESTION_TRUST_CERTIFICATE, cancellable, &second);
  g_assert_cmpint (answer_of (asker, &first, NULL), ==, NO_ANSWER_YET);
  g_assert_cmpint (answer_of (asker, &second, NULL), ==, NO_ANSWER_YET);

  /* Nothing to inspect without a certificate: the questions stay as they are. */
  pb_window_asker_inspect_certificate (asker, NULL, NULL);
  g_assert_cmpint (answer_of (asker, &first, NULL), ==, NO_ANSWER_YET);

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (answer_of (asker, &first, &error), ==, FALSE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (answer_of (asker, &second, &error), ==, FALSE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (pb_window_asker_get_asking (asker));
  g_object_unref (page);
}

/* The button of action below root, mapped or not. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PbCheckResult *
untrusted_result (PbProtocol  protocol,
                  const char *host,
                  guint16     port)
{
  PbCheckResult *result = g_object_new (PB_TYPE_CHECK_RESULT, NULL);

  result->server = pb_server_config_new (protocol, host, port, PB_SECURITY_TLS,
                                         PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  result->cert_subject = g_strdup ("CN=" "self-signed");
  result->cert_issuer = g_strdup ("CN=" "self-signed");
  result->cert_sha256 = g_strdup ("ab:cd");
  return result;
}

static void
ask_about (PbWindowAsker  *asker,
           PbCheckResult  *result,
           GCancellable   *cancellable,
           GAsyncResult  **answered)
{
  PbSetupQuestion question = { .kind = PB_SETUP_QUESTION_TRUST_CERTIFICATE, .result = result };

  pb_setup_asker_ask_async (PB_SETUP_ASKER (asker), &question, cancellable, on_answered,
                            answered);
}

/* Opens the certificate of the question offered first, checks whose it is and trusts it. */
static void
trust_offered (PbWindowAsker *asker,
               const char    *host_port)
{
  GtkWidget *parent = gtk_window_new ();
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  pb_window_asker_inspect_certificate (asker, GTK_WINDOW (parent), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        dialog = ADW_MESSAGE_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  /* The question names the server and port (the Trust button does not: it would not fit
   * a phone). */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), host_port));
  adw_message_dialog_response (dialog, "trust");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* Both halves of an account ask to trust their certificates: each is offered in turn and
 * both can be trusted; the offer on the result page lasts until the last answer. */
static void
test_trust_in_turn (void)
{
  g_autoptr(PbWindowAsker) asker = pb_window_asker_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PbResultPage *page = g_object_ref_sink (g_object_new (PB_TYPE_RESULT_PAGE, NULL));
  g_autoptr(PbCheckResult) smtp = untrusted_result (PB_PROTOCOL_SMTP, "smtp.example.test", 465);
  g_autoptr(PbCheckResult) imap = untrusted_result (PB_PROTOCOL_IMAP, "imap.example.test", 993);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  GtkWidget *button;

  pb_window_asker_set_result_page (asker, page);
  button = find_action_button (GTK_WIDGET (page), "result.inspect-certificate");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));
  ask_about (asker, smtp, cancellable, &first);
  ask_about (asker, imap, cancellable, &second);
  g_assert_true (gtk_widget_get_visible (button));

  trust_offered (asker, "smtp.example.test:465");
  g_assert_cmpint (answer_of (asker, &first, NULL), ==, TRUE);
  g_assert_cmpint (answer_of (asker, &second, NULL), ==, NO_ANSWER_YET);
  g_assert_true (gtk_widget_get_visible (button));

  trust_offered (asker, "imap.example.test:993");
  g_assert_cmpint (answer_of (asker, &second, NULL), ==, TRUE);
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_false (pb_window_asker_get_asking (asker));
  g_object_unref (page);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window-asker/confirmation", test_confirmation);
  g_test_add_func ("/window-asker/trust", test_trust);
  g_test_add_func ("/window-asker/trust-in-turn", test_trust_in_turn);

  return g_test_run ();
}
