/* test-gui-round-trip.c: "Send Test Message" in the window, the message awaited in INBOX
 *
 *   round-trip-delivered  alice@lab.test: Postfix delivers to Dovecot (IDLE, UIDPLUS); the test
 *                         page shows the wait, the result the delivery time, the removal and
 *                         the header fields, and Copy Report has the round trip
 *   round-trip-left       mia@minimal.test: Dovecot without UIDPLUS; the message is left, and
 *                         the result says why
 *   round-trip-late       alice, Postfix holds the delivery (defer_transports) and the wait is
 *                         3 s: the failure explained is the message that did not arrive
 *   round-trip-cancel     alice, delivery held: Cancel during the wait goes back to the
 *                         settings and no result page follows
 *   round-trip-pop3       gus@popbox.test, POP3 only: the message is found with UIDL and TOP
 *                         and removed with DELE, as the result and the test page show
 *   round-trip-skipped    dan@solo.test has no incoming server: the result says the round
 *                         trip was not tested and why, and claims nothing about it
 *   round-trip-certificate erin@homebox.test, IMAP's self-signed certificate asks again
 *                         after Send Test Message: the result page asks, the round trip
 *                         runs once it is trusted
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a real gnome-keyring) and
 * xvfb-run (a display). Accounts: tests/lab/README.md.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-diagnosis.h"
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-settings.h"
#include "pb-test-page.h"
#include "pb-window.h"

static GtkWidget *
window (void)
{
  return pb_test_get_window ();
}

/* The shown preferences group titled title, or NULL. */
static GtkWidget *
group_titled (const char *title)
{
  GtkWidget *group;

  for (guint i = 0; (group = pb_test_find_by_type (window (), ADW_TYPE_PREFERENCES_GROUP, i)); i++)
    if (gtk_widget_get_mapped (group) &&
        g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), title) == 0)
      return group;
  return NULL;
}

static const char *
send_and_receive (void)
{
  return pb_test_tr ("Send and Receive", "Senden und Empfangen");
}

static void
assert_row (const char *prefix)
{
  GtkWidget *group = group_titled (send_and_receive ());

  g_assert_nonnull (group);
  if (pb_test_find_label_prefix (group, prefix) == NULL)
    g_error ("no row “%s…” in the group of the round trip", prefix);
}

/* Holds (TRUE) or releases Postfix's deliveries to Dovecot. */
static void
hold_delivery (gboolean hold)
{
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (hold ? "postconf -e defer_transports=lmtp"
                                                 : "postconf -e defer_transports=",
                                            NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_spawn_command_line_sync ("postfix reload", NULL, NULL, &status, NULL));
  if (!hold)
    g_assert_true (g_spawn_command_line_sync ("postqueue -f", NULL, NULL, &status, NULL));
}

static void
set_wait (guint seconds)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  g_assert_true (g_settings_set_uint (settings, "round-trip-wait", seconds));
}

/* The test page waits for the message and says for how long of the bound. */
static gboolean
waiting_shown (gpointer user_data)
{
  GtkWidget *page = pb_test_find_by_type (window (), PB_TYPE_TEST_PAGE, 0);

  return page != NULL && gtk_widget_get_mapped (page) && group_titled (send_and_receive ()) &&
         pb_test_find_label_prefix (page, pb_test_tr ("Waiting for the test message… ",
                                                      "Warte auf die Testnachricht… "));
}

/* Tests the account, then sends the test message from the result page. */
static void
send_test (const char *name,
           const char *address,
           const char *password)
{
  pb_test_enter_address (name, address, password, NULL);
  pb_test_run_test_and_wait ();
  pb_test_click_no_settle (pb_test_tr ("_Send Test Message", "Test_nachricht senden"));
}

static void
wait_for_result (void)
{
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT),
                                     90000));
  pb_test_settle (window ());
}

/* The message sent from the result page arrived, and the account works. */
static void
send_and_arrive (const char *name,
                 const char *address,
                 const char *password)
{
  send_test (name, address, password);
  wait_for_result ();
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                               "Ihr Konto funktioniert")));
  assert_row (pb_test_tr ("The test message arrived in your inbox after ",
                          "Die Testnachricht ist nach "));
}

static void
flow_delivered (void)
{
  g_autofree char *report = NULL;

  /* Delivery takes well under a second here: the wait is seen on the test page afterwards. */
  send_and_arrive ("Alice Example", "alice@lab.test", "Alice-Secret-1");
  assert_row (pb_test_tr ("Removed from your inbox again",
                          "Wieder aus Ihrem Posteingang entfernt"));
  assert_row (pb_test_tr ("Header fields that arrived: ", "Angekommene Kopfzeilen: "));
  g_assert_nonnull (pb_test_find_label_containing (group_titled (send_and_receive ()),
                                                   "Message-ID"));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 640, 1000);
  pb_test_settle (window ());
  pb_test_scroll_to (group_titled (send_and_receive ()));
  pb_test_shot ("result-round-trip");

  gtk_window_set_default_size (GTK_WINDOW (window ()), 360, 720);
  pb_test_settle (window ());
  pb_test_scroll_to (group_titled (send_and_receive ()));
  pb_test_shot ("result-round-trip-narrow");
  g_assert_cmpint (gtk_widget_get_width (window ()), <=, 360);

  /* Copy Report carries the round trip, as postbote check --send-test prints it. It is under
   * the conversation, which opens first. */
  gtk_expander_set_expanded (GTK_EXPANDER (pb_test_find_by_type (window (), GTK_TYPE_EXPANDER, 0)),
                             TRUE);
  pb_test_settle (window ());
  pb_test_click (pb_test_tr ("Copy _Report", "_Bericht kopieren"));
  report = pb_test_read_clipboard (window ());
  g_assert_nonnull (strstr (report, pb_test_tr ("== Send and receive ==",
                                                "== Senden und Empfangen ==")));
  g_assert_nonnull (strstr (report, pb_test_tr ("Send and receive: works",
                                                "Senden und Empfangen: funktioniert")));

  /* The test page has the round trip's own session: the search, then the removal. */
  gtk_stack_set_visible_child_name (GTK_STACK (pb_test_find_by_type (window (), GTK_TYPE_STACK, 0)),
                                    "test");
  pb_test_settle (window ());
  assert_row (pb_test_tr ("Looking for the test message", "Testnachricht suchen"));
  assert_row (pb_test_tr ("Removing the test message", "Testnachricht entfernen"));
}

static void
flow_left (void)
{
  send_and_arrive ("Mia Example", "mia@minimal.test", "Minimal-Secret-5");
  assert_row (pb_test_tr ("Left in your inbox: the server cannot delete a single message alone (no UIDPLUS)",
                          "In Ihrem Posteingang belassen: Der Server kann keine einzelne Nachricht allein löschen (kein UIDPLUS)"));
  g_assert_null (pb_test_find_label (window (), pb_test_tr ("Removed from your inbox again",
                                                            "Wieder aus Ihrem Posteingang entfernt")));
}

static void
flow_late (void)
{
  g_autoptr(PbExplanation) expected = pb_diagnosis_explain (PB_PROBLEM_TEST_MESSAGE_NOT_RECEIVED,
                                                            NULL);
  gint64 started;

  set_wait (3);
  hold_delivery (TRUE);
  send_test ("Alice Example", "alice@lab.test", "Alice-Secret-1");
  g_assert_true (pb_test_wait_until (waiting_shown, NULL, 60000));
  g_assert_nonnull (pb_test_find_label_prefix (window (), pb_test_tr ("Waiting for the test message… ",
                                                                      "Warte auf die Testnachricht… ")));
  g_assert_nonnull (pb_test_find_label_containing (window (), pb_test_tr (" of 3", " von 3")));
  started = g_get_monotonic_time ();
  wait_for_result ();
  hold_delivery (FALSE);
  /* It gave up at the bound, not at the default minute. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);
  g_assert_nonnull (pb_test_find_label (window (), expected->title));
  g_assert_nonnull (pb_test_find_label (window (), expected->explanation));
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Send and receive",
                                                               "Senden und Empfangen")));
  assert_row (pb_test_tr ("The test message did not arrive in your inbox within 3 s",
                          "Die Testnachricht ist nicht innerhalb von 3 s in Ihrem Posteingang angekommen"));
  /* Both halves work; only the round trip failed. */
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Sending works",
                                                               "Senden funktioniert")));
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Receiving works",
                                                               "Empfangen funktioniert")));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 640, 1000);
  pb_test_settle (window ());
  pb_test_shot ("result-round-trip-late");
}

static void
flow_cancel (void)
{
  hold_delivery (TRUE);
  send_test ("Alice Example", "alice@lab.test", "Alice-Secret-1");
  g_assert_true (pb_test_wait_until (waiting_shown, NULL, 60000));
  pb_test_wait_ms (2500);
  /* The wait counts on, of the default minute. */
  g_assert_nonnull (pb_test_find_label_containing (window (), pb_test_tr (" of 60", " von 60")));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 640, 1000);
  pb_test_settle (window ());
  pb_test_shot ("test-round-trip");
  gtk_window_set_default_size (GTK_WINDOW (window ()), 360, 720);
  pb_test_settle (window ());
  g_assert_cmpint (gtk_widget_get_width (window ()), <=, 360);
  g_assert_true (pb_test_page_is (GINT_TO_POINTER (PB_WINDOW_PAGE_TEST)));
  pb_test_click (pb_test_tr ("_Cancel", "_Abbrechen"));
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window ())), ==, PB_WINDOW_PAGE_SETTINGS);
  /* The wait ended with the cancel: no result page comes later. */
  pb_test_wait_ms (3000);
  hold_delivery (FALSE);
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window ())), ==, PB_WINDOW_PAGE_SETTINGS);
  /* And the account can be tested again at once. */
  pb_test_run_test_and_wait ();
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                               "Ihr Konto funktioniert")));
  g_assert_null (group_titled (send_and_receive ()));
}

static void
flow_pop3 (void)
{
  send_and_arrive ("Gus Example", "gus@popbox.test", "Popbox-Secret-9");
  assert_row (pb_test_tr ("Removed from your inbox again",
                          "Wieder aus Ihrem Posteingang entfernt"));
  assert_row (pb_test_tr ("Header fields that arrived: ", "Angekommene Kopfzeilen: "));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 640, 1000);
  pb_test_settle (window ());
  pb_test_scroll_to (group_titled (send_and_receive ()));
  pb_test_shot ("result-round-trip-pop3");

  /* The test page has the last look's steps: the header read with TOP, then DELE. */
  gtk_stack_set_visible_child_name (GTK_STACK (pb_test_find_by_type (window (), GTK_TYPE_STACK, 0)),
                                    "test");
  pb_test_settle (window ());
  assert_row (pb_test_tr ("Reading a message’s header (TOP)", "Kopfzeilen einer Nachricht lesen (TOP)"));
  assert_row (pb_test_tr ("Removing the test message", "Testnachricht entfernen"));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 360, 720);
  pb_test_settle (window ());
  pb_test_wait_ms (500);
  pb_test_scroll_to (group_titled (send_and_receive ()));
  g_assert_cmpint (gtk_widget_get_width (window ()), <=, 360);
  pb_test_shot ("test-round-trip-pop3-narrow");
}

static void
flow_skipped (void)
{
  g_autofree char *report = NULL;

  send_test ("Dan Example", "dan@solo.test", "Solo-Secret-6");
  wait_for_result ();
  /* Only sending is known to work; the message's way to the inbox was not tried. */
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Sending Works",
                                                               "Senden funktioniert")));
  g_assert_null (group_titled (send_and_receive ()));
  g_assert_nonnull (group_titled (pb_test_tr ("Send and Receive Not Tested",
                                              "Senden und Empfangen nicht getestet")));
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr (
    "Not tested: no incoming server was found for this address",
    "Nicht getestet: Für diese Adresse wurde kein Posteingangsserver gefunden")));
  gtk_expander_set_expanded (GTK_EXPANDER (pb_test_find_by_type (window (), GTK_TYPE_EXPANDER, 0)),
                             TRUE);
  pb_test_settle (window ());
  pb_test_click (pb_test_tr ("Copy _Report", "_Bericht kopieren"));
  report = pb_test_read_clipboard (window ());
  g_assert_nonnull (strstr (report, pb_test_tr ("Send and receive: not tested",
                                                "Senden und Empfangen: nicht geprüft")));
  g_assert_null (strstr (report, pb_test_tr ("Send and receive: works",
                                             "Senden und Empfangen: funktioniert")));
}

/* Trusts the certificate the result page offers (IMAP's); the test runs again. */
static void
trust_offered (void)
{
  GtkWidget *dialog = NULL;

  pb_test_click (pb_test_tr ("Inspect _Certificate…", "_Zertifikat ansehen…"));
  g_assert_true (pb_test_wait_until (pb_test_certificate_dialog_shown, &dialog, 5000));
  g_assert_nonnull (pb_test_find_label_containing (dialog, "imap.homebox.test"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "trust");
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_TEST),
                                     5000));
}

static void
flow_certificate (void)
{
  g_autoptr(GSettings) settings = pb_settings_new ();

  pb_test_enter_address ("Erin Example", "erin@homebox.test", "Homebox-Secret-7", NULL);
  pb_test_run_test_and_wait ();
  trust_offered ();
  wait_for_result ();
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                               "Ihr Konto funktioniert")));

  /* The certificate is no longer trusted (as when it changed): the test message's test
   * asks again, and the question is on the result page, not lost behind the wait. */
  g_settings_reset (settings, "trusted-certificates");
  pb_test_click_no_settle (pb_test_tr ("_Send Test Message", "Test_nachricht senden"));
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT),
                                     30000));
  pb_test_settle (window ());
  trust_offered ();
  wait_for_result ();
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                               "Ihr Konto funktioniert")));
  assert_row (pb_test_tr ("The test message arrived in your inbox after ",
                          "Die Testnachricht ist nach "));
  g_assert_null (pb_test_find_button (window (), pb_test_tr ("Inspect _Certificate…",
                                                             "_Zertifikat ansehen…")));
}

static const PbTestFlow flows[] = {
  { "round-trip-delivered", flow_delivered },
  { "round-trip-left", flow_left },
  { "round-trip-late", flow_late },
  { "round-trip-cancel", flow_cancel },
  { "round-trip-pop3", flow_pop3 },
  { "round-trip-skipped", flow_skipped },
  { "round-trip-certificate", flow_certificate },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-round-trip", flows, G_N_ELEMENTS (flows));
}
