/* test-gui-flow.c: the real window, driven like a user, against the lab's real servers
 *
 *   test-gui-flow success   alice@lab.test: detection -> settings -> test -> keyring
 *   test-gui-flow manual     by hand against Postfix on 587: another sender is refused
 *   test-gui-flow certificate  manual mode, a self-signed certificate trusted explicitly
 *   test-gui-flow failure   a Gmail address: the preset, then Google's app-password reply
 *                           (the lab answers for smtp.gmail.com, see tests/lab/SCENARIOS.md)
 *   test-gui-flow port      by hand: the port typed with the keyboard (one Tab stop) is the
 *                           one tested
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a real gnome-keyring) and
 * xvfb-run (a display).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-diagnosis.h"
#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-port-entry.h"
#include "pb-window.h"

/* The text the detection page's details hold, when they hold a URL (NULL until then). */
static const char *
details_with_url (void)
{
  GtkWidget *expander = pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_EXPANDER, 0);
  const char *text;

  if (expander == NULL)
    return NULL;
  text = gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander))));
  return strstr (text, "https://") != NULL ? text : NULL;
}

static gboolean
details_have_url (gpointer user_data)
{
  return details_with_url () != NULL;
}

/* A domain whose autoconfig server never answers: the sources' states are visible while
 * they work, each in words: the URLs asked and the resolver's errors are only in the
 * details, closed; Escape cancels the whole run and returns to the start. */
static void
detect_and_cancel (void)
{
  GtkWidget *expander;

  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, "someone@stall.test");
  pb_test_click (pb_test_tr ("_Continue", "_Weiter"));
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (pb_test_get_window ())), ==,
                   PB_WINDOW_PAGE_DETECT);
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Built-in provider list",
                                                    "Eingebaute Anbieterliste")));
  /* The Thunderbird database's URL, with why it failed, once it has. */
  g_assert_true (pb_test_wait_until (details_have_url, NULL, 30000));
  g_test_message ("details: %s", details_with_url ());
  g_assert_nonnull (strstr (details_with_url (), "https://autoconfig.thunderbird.net/"));
  expander = pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_EXPANDER, 0);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  g_assert_false (gtk_widget_get_mapped (gtk_expander_get_child (GTK_EXPANDER (expander))));
  /* Nothing shown on the page names a URL. */
  g_assert_null (pb_test_find_label_containing (pb_test_get_window (), "://"));
  g_assert_null (pb_test_find_label_containing (pb_test_get_window (), "autoconfig."));
  pb_test_shot ("detect");
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  pb_test_shot ("detect-details");
  g_assert_true (pb_test_press_key (pb_test_get_window (), GDK_KEY_Escape, 0));
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (pb_test_get_window ())), ==,
                   PB_WINDOW_PAGE_START);
  pb_test_settle (pb_test_get_window ());
}

static void
flow_success (void)
{
  g_autoptr(GError) error = NULL;
  gint64 messages;
  g_autofree char *stored = NULL;
  PbServerConfig *server;

  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", "settings");
  pb_test_run_test_and_wait ();
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Your Account Works",
                                                    "Ihr Konto funktioniert")));
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Login accepted", "Anmeldung angenommen")));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr (
                                       "Password saved in the keyring",
                                       "Passwort im Schlüsselbund gespeichert"),
                                     10000));
  pb_test_shot ("result-success");

  /* The page with the steps, as it was filled in during the test. */
  gtk_stack_set_visible_child_name (GTK_STACK (pb_test_find_by_type (pb_test_get_window (),
                                                                     GTK_TYPE_STACK, 0)),
                                    pb_enum_to_nick (PB_TYPE_WINDOW_PAGE, PB_WINDOW_PAGE_TEST));
  pb_test_shot ("test");
  /* Back to the result page: its buttons are found only while it is mapped, and the
   * transition away from it must not race the clicks below. */
  gtk_stack_set_visible_child_name (GTK_STACK (pb_test_find_by_type (pb_test_get_window (),
                                                                     GTK_TYPE_STACK, 0)),
                                    pb_enum_to_nick (PB_TYPE_WINDOW_PAGE,
                                                     PB_WINDOW_PAGE_RESULT));
  pb_test_settle (pb_test_get_window ());

  /* The keyring really holds it, under the server that was tested. */
  server = pb_window_get_tested_server (PB_WINDOW (pb_test_get_window ()));
  g_assert_nonnull (server);
  g_assert_true (g_str_has_suffix (server->host, "lab.test"));
  stored = pb_test_keyring_lookup (server, "alice@lab.test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "Alice-Secret-1");

  /* Send Test Message: a real message through Postfix into alice's INBOX, seen there by
   * the round trip and removed again, leaving the mailbox as it was. */
  messages = pb_test_maildir_count ("alice");
  pb_test_click (pb_test_tr ("_Send Test Message", "Test_nachricht senden"));
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT), 60000));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr (
                                       "Test message sent to your own address",
                                       "Testnachricht an Ihre eigene Adresse gesendet"),
                                     30000));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Removed from your inbox again",
                                                            "Wieder aus Ihrem Posteingang "
                                                            "entfernt"),
                                     30000));
  g_assert_cmpint (pb_test_maildir_count ("alice"), ==, messages);

  /* Back to the start for another address: detection can be watched and cancelled. */
  gtk_widget_activate_action (pb_test_get_window (), "win.back", NULL);
  gtk_widget_activate_action (pb_test_get_window (), "win.back", NULL);
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (pb_test_get_window ())), ==,
                   PB_WINDOW_PAGE_START);
  pb_test_settle (pb_test_get_window ());
  detect_and_cancel ();
}

static void
flow_failure (void)
{
  PbFailure failure = { .provider_id = (char *) "gmail" };
  g_autoptr(PbExplanation) expected = pb_diagnosis_explain (PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED,
                                                              &failure);
  GtkWidget *link;

  pb_test_enter_address ("Test User", "postbote.test@gmail.com", "Scripted-Pass-1", "settings-gmail");
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (), "Gmail"));
  pb_test_run_test_and_wait ();
  pb_test_shot ("result-failure");

  /* The catalogue's words in the user's language, and the server's own words beneath. */
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("What You Can Do", "Was Sie tun können")));
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (), expected->title));
  g_assert_nonnull (pb_test_find_label_prefix (pb_test_get_window (), "534-5.7.9"));
  /* Google is recognised, so the fix links to the page where the app password is made. */
  link = pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_LINK_BUTTON, 0);
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)),
                                   "https://myaccount.google.com/"));
}

static void
flow_certificate (void)
{
  g_autoptr(PbExplanation) untrusted = pb_diagnosis_explain (PB_PROBLEM_CERT_UNTRUSTED, NULL);
  GtkWidget *dialog = NULL;
  GtkWidget *port;

  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0, "badcert-selfsigned.smtp.test");
  port = pb_test_find_by_type (pb_test_get_window (), PB_TYPE_PORT_ENTRY, 0);
  pb_port_entry_set_port (PB_PORT_ENTRY (port), 465);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, "user@badcert-selfsigned.smtp.test");
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Scripted-Pass-1");
  pb_test_run_test_and_wait ();

  /* Stopped at the certificate, before any password was sent. */
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (), untrusted->title));
  pb_test_click (pb_test_tr ("Inspect _Certificate…", "_Zertifikat ansehen…"));
  g_assert_true (pb_test_wait_until (pb_test_certificate_dialog_shown, &dialog, 5000));
  g_assert_nonnull (pb_test_find_label_containing (dialog, "badcert-selfsigned.smtp.test"));
  pb_test_shot ("certificate");
  {
    g_autofree char *name = g_strdup_printf ("certificate-dialog-%s",
                                             pb_test_is_german () ? "de" : "en");
    pb_test_screenshot (dialog, name);
  }

  /* Trusting it for this host and port runs the test again, and now it gets through. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "trust");
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_TEST), 5000));
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT), 60000));
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Your Account Works",
                                                    "Ihr Konto funktioniert")));
  g_assert_nonnull (pb_test_find_label (pb_test_get_window (),
                                        pb_test_tr ("Login accepted", "Anmeldung angenommen")));
}

/* Support staff check a server by hand: STARTTLS on 587, alice's login, bob as sender. The
 * real Postfix refuses the sender at RCPT TO, and the explanation says the sender must
 * match the login. */
static void
flow_manual (void)
{
  g_autoptr(PbExplanation) expected = pb_diagnosis_explain (PB_PROBLEM_SENDER_NOT_ALLOWED, NULL);
  GtkWidget *combo;
  GtkWidget *port;

  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0, "mail.lab.test");
  combo = pb_test_find_by_type (pb_test_get_window (), ADW_TYPE_COMBO_ROW, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);   /* STARTTLS */
  port = pb_test_find_by_type (pb_test_get_window (), PB_TYPE_PORT_ENTRY, 0);
  g_assert_cmpuint (pb_port_entry_get_port (PB_PORT_ENTRY (port)), ==, 587);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, "alice@lab.test");
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Alice-Secret-1");
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 3, "bob@lab.test");
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 4, "alice@lab.test");
  pb_test_shot ("manual-filled");
  pb_test_run_test_and_wait ();

  g_assert_nonnull (pb_test_find_label (pb_test_get_window (), expected->title));
  g_assert_nonnull (pb_test_find_label_containing (pb_test_get_window (), "not owned by user"));
}

/* Whether the keyboard focus is in widget. */
static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (pb_test_get_window ()));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* By hand the port is a plain number field: one Tab from the server name reaches it, one
 * more the encryption; the digits typed are the port tested, anything else typed is not
 * taken. The lab's mail.lab.test has nothing on 2525: the test fails, at that port. */
static void
flow_port (void)
{
  GtkWidget *window = pb_test_get_window ();
  GtkWidget *host;
  GtkWidget *port;
  PbServerConfig *tested;

  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 0, "mail.lab.test");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@lab.test");
  pb_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Alice-Secret-1");
  host = pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 0);
  port = pb_test_find_by_type (window, PB_TYPE_PORT_ENTRY, 0);
  g_assert_nonnull (port);
  g_assert_true (gtk_widget_grab_focus (host));
  g_assert_true (pb_test_press_key (window, GDK_KEY_Tab, 0));
  g_assert_true (focus_in (port));

  /* Tab selected the port's digits: what is typed replaces them. */
  g_assert_true (pb_test_press_key (window, GDK_KEY_2, 0));
  g_assert_true (pb_test_press_key (window, GDK_KEY_5, 0));
  g_assert_true (pb_test_press_key (window, GDK_KEY_x, 0));
  g_assert_true (pb_test_press_key (window, GDK_KEY_2, 0));
  g_assert_true (pb_test_press_key (window, GDK_KEY_5, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (port)), ==, "2525");
  g_assert_true (pb_test_press_key (window, GDK_KEY_Tab, 0));
  g_assert_true (focus_in (pb_test_find_by_type (window, ADW_TYPE_COMBO_ROW, 0)));
  pb_test_shot ("manual-port");

  pb_test_run_test_and_wait ();
  tested = pb_window_get_tested_server (PB_WINDOW (window));
  g_assert_nonnull (tested);
  g_test_message ("tested %s port %u", tested->host, tested->port);
  g_assert_cmpstr (tested->host, ==, "mail.lab.test");
  g_assert_cmpuint (tested->port, ==, 2525);
}

static const PbTestFlow flows[] = {
  { "success", flow_success },
  { "manual", flow_manual },
  { "certificate", flow_certificate },
  { "failure", flow_failure },
  { "port", flow_port },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-flow", flows, G_N_ELEMENTS (flows));
}
