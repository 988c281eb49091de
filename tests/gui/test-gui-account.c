/* test-gui-account.c: the window tests both halves of an account against the lab
 *
 *   account-both          alice@lab.test: Postfix and Dovecot, both step lists complete,
 *                         both servers named, both passwords saved
 *   account-incoming-off  carol@lab.test: IMAP switched off, sending works
 *   account-no-incoming   dan@solo.test: only an outgoing server is found
 *   account-certificate   erin@homebox.test: IMAP's certificate is self-signed; it is trusted
 *                         from the result page and the IMAP half runs again
 *   account-midway        fay@slowbox.test: IMAP ends while SMTP never greets; the test page
 *                         says it waits for the greeting, with the seconds; the result
 *                         waits for the slower half, Cancel stops both
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a real gnome-keyring) and
 * xvfb-run (a display). Accounts and domains: tests/lab/README.md, dns.d/account.conf.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "pb-diagnosis.h"
#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-test-page.h"
#include "pb-window.h"

static GtkWidget *
window (void)
{
  return pb_test_get_window ();
}

static void
show_page (PbWindowPage page)
{
  gtk_stack_set_visible_child_name (GTK_STACK (pb_test_find_by_type (window (), GTK_TYPE_STACK, 0)),
                                    pb_enum_to_nick (PB_TYPE_WINDOW_PAGE, page));
  pb_test_settle (window ());
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, const char *text);

static gboolean
label_reads (GtkWidget  *widget,
             const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
image_shows (GtkWidget  *widget,
             const char *icon)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), icon) == 0;
}

/* How many shown widgets below root match: labels that read a text, images of an icon. */
static guint
count_shown (GtkWidget   *root,
             WidgetMatch  match,
             const char  *text)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  n += match (root, text) ? 1 : 0;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown (child, match, text);
  return n;
}

/* The shown preferences group of the page titled title, or NULL. */
static GtkWidget *
group_titled (const char *title)
{
  GtkWidget *group;

  for (guint i = 0; (group = pb_test_find_by_type (window (), ADW_TYPE_PREFERENCES_GROUP, i)); i++)
    if (g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), title) == 0)
      return group;
  return NULL;
}

static const char *
sending (void)
{
  return pb_test_tr ("Sending (SMTP)", "Senden (SMTP)");
}

static const char *
receiving (void)
{
  return pb_test_tr ("Receiving (IMAP)", "Empfangen (IMAP)");
}

static void
assert_works (void)
{
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                               "Ihr Konto funktioniert")));
}

/* The half's group is shown and has a label that reads text. */
static void
assert_in_group (const char *title,
                 const char *text)
{
  GtkWidget *group = group_titled (title);

  g_assert_nonnull (group);
  if (pb_test_find_label (group, text) == NULL)
    g_error ("no “%s” in the group “%s”", text, title);
}

/* A half's step list on the test page ended well: it has the steps of a whole check, the
 * last one the goodbye, and none failed. */
static void
assert_list_complete (const char *title)
{
  GtkWidget *group = group_titled (title);

  g_assert_nonnull (group);
  g_assert_nonnull (pb_test_find_label (group, pb_test_tr ("Logging in", "Anmelden")));
  g_assert_nonnull (pb_test_find_label (group, pb_test_tr ("Saying goodbye",
                                                           "Verbindung beenden")));
  g_assert_cmpuint (count_shown (group, image_shows, "dialog-error-symbolic"), ==, 0);
  g_assert_cmpuint (count_shown (group, image_shows, "emblem-ok-symbolic"), >=, 4);
}

static void
flow_both (void)
{
  GtkWidget *page;

  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", "settings-account");
  pb_test_run_test_and_wait ();
  assert_works ();
  /* Each half in its own group, named with its server, saying what it verified. */
  g_assert_nonnull (group_titled (sending ()));
  g_assert_nonnull (group_titled (receiving ()));
  assert_in_group (sending (), "mail.lab.test:465");
  assert_in_group (receiving (), "mail.lab.test:993");
  assert_in_group (sending (), pb_test_tr ("Sender address accepted",
                                           "Absenderadresse angenommen"));
  g_assert_nonnull (pb_test_find_label_prefix (group_titled (receiving ()),
                                               pb_test_tr ("Mailbox INBOX: ",
                                                           "Postfach INBOX: ")));
  /* Each half's password is its own keyring item, and each group says so. */
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Password saved in the keyring",
                                                            "Passwort im Schlüsselbund gespeichert"),
                                     10000));
  pb_test_wait_ms (500);
  g_assert_cmpuint (count_shown (group_titled (sending ()), label_reads,
                                  pb_test_tr ("Password saved in the keyring",
                                              "Passwort im Schlüsselbund gespeichert")), ==, 1);
  g_assert_cmpuint (count_shown (group_titled (receiving ()), label_reads,
                                  pb_test_tr ("Password saved in the keyring",
                                              "Passwort im Schlüsselbund gespeichert")), ==, 1);
  /* Tall enough that the screenshot holds both halves. */
  gtk_window_set_default_size (GTK_WINDOW (window ()), 640, 1000);
  pb_test_settle (window ());
  pb_test_shot ("result-account");

  /* The test page as the two checks filled it in. */
  show_page (PB_WINDOW_PAGE_TEST);
  page = pb_test_find_by_type (window (), PB_TYPE_TEST_PAGE, 0);
  g_assert_nonnull (pb_test_find_label (page, pb_test_tr ("Testing Your Account",
                                                          "Ihr Konto wird getestet")));
  assert_list_complete (sending ());
  assert_list_complete (receiving ());
  assert_in_group (receiving (), pb_test_tr ("Opening the inbox (read-only)",
                                             "Posteingang öffnen (nur lesend)"));
  assert_in_group (sending (), pb_test_tr ("Checking the sender address",
                                           "Absenderadresse prüfen"));
  pb_test_shot ("test-account");

  /* At 360 px nothing is cut off: the window shrinks to it and both pages fit. */
  gtk_window_set_default_size (GTK_WINDOW (window ()), 360, 720);
  pb_test_settle (window ());
  pb_test_shot ("test-account-narrow");
  show_page (PB_WINDOW_PAGE_RESULT);
  pb_test_shot ("result-account-narrow");
  g_assert_cmpint (gtk_widget_get_width (window ()), <=, 360);
}

static void
flow_incoming_off (void)
{
  g_autoptr(PbExplanation) expected = pb_diagnosis_explain (PB_PROBLEM_AUTH_FAILED, NULL);
  GtkWidget *sending_group;

  pb_test_enter_address ("Carol Example", "carol@lab.test", "Carol-Secret-5", "settings-carol");
  pb_test_run_test_and_wait ();
  pb_test_shot ("result-account-failure");

  /* The failure explained is IMAP's, said to be about receiving at its server. */
  g_assert_nonnull (pb_test_find_label (window (), expected->title));
  g_assert_nonnull (pb_test_find_label (window (),
                                        pb_test_tr ("Receiving (IMAP) at mail.lab.test",
                                                    "Empfangen (IMAP) bei mail.lab.test")));
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("What You Can Do",
                                                               "Was Sie tun können")));
  /* Dovecot's own words, beneath. */
  g_assert_nonnull (pb_test_find_label_containing (window (), "AUTHENTICATIONFAILED"));
  /* Sending works, and its password (accepted by Postfix) is saved; IMAP's is not. */
  sending_group = group_titled (sending ());
  g_assert_nonnull (sending_group);
  g_assert_nonnull (pb_test_find_label (sending_group, pb_test_tr ("Sending works",
                                                                   "Senden funktioniert")));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Password saved in the keyring",
                                                            "Passwort im Schlüsselbund gespeichert"),
                                     10000));
  assert_in_group (sending (), pb_test_tr ("Password saved in the keyring",
                                           "Passwort im Schlüsselbund gespeichert"));
  g_assert_null (group_titled (receiving ()));
  g_assert_null (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                            "Ihr Konto funktioniert")));
}

static void
flow_no_incoming (void)
{
  pb_test_enter_address ("Dan Example", "dan@solo.test", "Solo-Secret-6", "settings-solo");
  pb_test_click_no_settle (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_TEST),
                                     10000));
  /* The page says what is not tested, and has one list. */
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr (
    "No incoming server was found for this address: only sending is tested.",
    "Für diese Adresse wurde kein Posteingangsserver gefunden: nur das Senden wird getestet.")));
  g_assert_nonnull (group_titled (sending ()));
  g_assert_null (group_titled (receiving ()));
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT),
                                     60000));
  pb_test_settle (window ());
  /* Only half of the account is known to work, and the title does not claim more. */
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr ("Sending Works",
                                                               "Senden funktioniert")));
  g_assert_null (pb_test_find_label (window (), pb_test_tr ("Your Account Works",
                                                            "Ihr Konto funktioniert")));
  assert_in_group (sending (), "smtp.solo.test:465");
  g_assert_nonnull (pb_test_find_label (window (), pb_test_tr (
    "Receiving mail is not tested: no incoming server was found for this address",
    "Der Empfang wird nicht getestet: für diese Adresse wurde kein Posteingangsserver gefunden")));
  pb_test_shot ("result-account-sending-only");
}

static void
flow_certificate (void)
{
  g_autoptr(PbExplanation) untrusted = pb_diagnosis_explain (PB_PROBLEM_CERT_UNTRUSTED, NULL);
  GtkWidget *dialog = NULL;

  pb_test_enter_address ("Erin Example", "erin@homebox.test", "Homebox-Secret-7",
                         "settings-homebox");
  pb_test_run_test_and_wait ();
  /* IMAP stopped at its certificate; sending works. */
  g_assert_nonnull (pb_test_find_label (window (), untrusted->title));
  g_assert_nonnull (pb_test_find_label (window (),
                                        pb_test_tr ("Receiving (IMAP) at imap.homebox.test",
                                                    "Empfangen (IMAP) bei imap.homebox.test")));
  assert_in_group (sending (), pb_test_tr ("Sending works", "Senden funktioniert"));

  /* The certificate offered is IMAP's, the half that asked. */
  pb_test_click (pb_test_tr ("Inspect _Certificate…", "_Zertifikat ansehen…"));
  g_assert_true (pb_test_wait_until (pb_test_certificate_dialog_shown, &dialog, 5000));
  g_assert_nonnull (pb_test_find_label_containing (dialog, "imap.homebox.test"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "trust");

  /* The IMAP half runs again; the result then has both halves working. */
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_TEST),
                                     5000));
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT),
                                     60000));
  pb_test_settle (window ());
  assert_works ();
  assert_in_group (receiving (), "imap.homebox.test:993");
  g_assert_nonnull (pb_test_find_label_prefix (group_titled (receiving ()),
                                               pb_test_tr ("Encrypted with TLS",
                                                           "Verschlüsselt mit TLS")));
  g_assert_nonnull (pb_test_find_label_containing (group_titled (receiving ()),
                                                   pb_test_tr ("you chose to trust",
                                                               "Sie vertrauen")));
  assert_in_group (sending (), pb_test_tr ("Login accepted", "Anmeldung angenommen"));

  /* Testing the account again needs no question now: the pinned certificate counts. */
  gtk_widget_activate_action (window (), "win.back", NULL);
  pb_test_settle (window ());
  pb_test_run_test_and_wait ();
  assert_works ();
}

/* The incoming half ended, the outgoing one still waits for a greeting. */
static gboolean
incoming_done (gpointer user_data)
{
  GtkWidget *group;

  if (!pb_test_page_is (GINT_TO_POINTER (PB_WINDOW_PAGE_TEST)) ||
      (group = group_titled (receiving ())) == NULL)
    return FALSE;
  return pb_test_find_label (group, pb_test_tr ("Saying goodbye", "Verbindung beenden")) != NULL;
}

/* The sending half says it waits for the greeting, for a second or more. */
static gboolean
greeting_awaited (gpointer user_data)
{
  GtkWidget *group = group_titled (sending ());
  GtkWidget *label;
  GtkWidget *row;
  const char *seconds;

  if (group == NULL ||
      (label = pb_test_find_label (group, pb_test_tr ("Waiting for the server’s greeting…",
                                                      "Warte auf die Begrüßung des Servers…"))) == NULL)
    return FALSE;
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  seconds = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return seconds != NULL && g_str_has_suffix (seconds, " s") && atoi (seconds) >= 1;
}

static void
flow_midway (void)
{
  pb_test_enter_address ("Fay Example", "fay@slowbox.test", "Slowbox-Secret-8", "settings-slowbox");
  pb_test_click_no_settle (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  g_assert_true (pb_test_wait_until (incoming_done, NULL, 30000));
  /* Both lists shown, one complete and one under way: the result waits for the slower half. */
  assert_list_complete (receiving ());
  assert_in_group (sending (), pb_test_tr ("Connecting", "Verbinden"));
  /* What the sending half waits for, and for how long. */
  g_assert_true (pb_test_wait_until (greeting_awaited, NULL, 10000));
  g_assert_null (pb_test_find_label (group_titled (sending ()),
                                     pb_test_tr ("Logging in", "Anmelden")));
  pb_test_shot ("test-account-midway");
  g_assert_true (pb_test_page_is (GINT_TO_POINTER (PB_WINDOW_PAGE_TEST)));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 360, 720);
  pb_test_settle (window ());
  pb_test_shot ("test-account-midway-narrow");
  g_assert_true (pb_test_page_is (GINT_TO_POINTER (PB_WINDOW_PAGE_TEST)));

  /* Cancel stops the waiting half too, and no result page follows. */
  pb_test_click (pb_test_tr ("_Cancel", "_Abbrechen"));
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window ())), ==, PB_WINDOW_PAGE_SETTINGS);
  pb_test_wait_ms (1000);
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window ())), ==, PB_WINDOW_PAGE_SETTINGS);
}

static const PbTestFlow flows[] = {
  { "account-both", flow_both },
  { "account-incoming-off", flow_incoming_off },
  { "account-no-incoming", flow_no_incoming },
  { "account-certificate", flow_certificate },
  { "account-midway", flow_midway },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-account", flows, G_N_ELEMENTS (flows));
}
