/* test-gui-paths.c: the window's other ways: copying, trying again, nothing found, cancelling
 *
 *   copy       alice@lab.test: the settings page's copy buttons, Copy Settings (the whole
 *              account) and Copy Report put what they promise on the clipboard, and never
 *              the password
 *   retry      a Gmail address fails (the lab's smtp.gmail.com); Try Again asks the server
 *              again
 *   not-found  max@nothing.test (no mail server: a typo) and frank@ownmx.test (the provider
 *              publishes nothing): a page says which, in words; Enter Settings Manually
 *              carries the address and password over, Change Address goes back
 *   fix-login  alice@lab.test with a wrong password: the failure offers a password entry,
 *              Try Again is not suggested until a new one is typed and then uses it; Edit
 *              Settings focuses the login
 *   no-password alice@lab.test without a password: the settings page asks for it and says
 *              that the login is not tested without one; typed there, the test logs in
 *   keyboard   by hand, Enter in a field tests; the result focuses its first button, not
 *              Back, and its rows are no tab stops; Escape leaves the result; the shortcuts
 *              window lists Alt+Left
 *   fresh      no stale data: the manual form forgets an earlier check's password, sender
 *              and recipient and is filled from the current address; another address on
 *              the start page starts without the earlier password; every page is shown
 *              from its top, also on a second visit, and a new result with its conversation
 *              closed; the main action (Continue, Test Settings) stays in view at 360 px
 *   cancel     a server that never greets (the scripted "stall"): Cancel and Escape stop the
 *              running test, the connection closes, and the cancelled check ("cancelled")
 *              shows no result of its own
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
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-window.h"

static PbWindowPage
page (void)
{
  return pb_window_get_page (PB_WINDOW (pb_test_get_window ()));
}

static gboolean
retry_suggested (void)
{
  GtkWidget *retry = pb_test_find_button (pb_test_get_window (),
                                          pb_test_tr ("_Try Again", "_Erneut versuchen"));

  g_assert_nonnull (retry);
  return gtk_widget_has_css_class (retry, "suggested-action");
}

/* The shown password entry on the result page, titled title. */
static GtkWidget *
result_password_row (const char *title)
{
  GtkWidget *row = pb_test_find_by_type (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0);

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  return row;
}

/* The nth mapped icon button whose tooltip is text. */
static GtkWidget *
find_icon_button (const char *tooltip,
                  guint       nth)
{
  GtkWidget *button;

  for (guint i = 0; (button = pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_BUTTON, i));
       i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (button), tooltip) == 0 && nth-- == 0)
      return button;
  return NULL;
}

/* The clipboard after a click, and the toast that confirms it. */
static char *
copy_with (const char *label,
           const char *toast)
{
  pb_test_click (label);
  /* An earlier toast goes first: this one may come only when that one times out. */
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) toast, 20000));
  return pb_test_read_clipboard (pb_test_get_window ());
}

static void
assert_no_password (const char *text)
{
  g_autofree char *plain = g_base64_encode ((const guchar *) "\0alice@lab.test\0Alice-Secret-1",
                                            sizeof "\0alice@lab.test\0Alice-Secret-1" - 1);

  g_assert_null (strstr (text, "Alice-Secret-1"));
  g_assert_null (strstr (text, plain));
}

static void
flow_copy (void)
{
  const char *copy = pb_test_tr ("Copy", "Kopieren");
  GtkWidget *button;
  g_autofree char *incoming = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *report = NULL;

  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", "settings");

  /* The incoming server's row: its copy button copies what the row shows. */
  button = find_icon_button (copy, 0);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  incoming = pb_test_read_clipboard (pb_test_get_window ());
  g_test_message ("incoming: %s", incoming);
  g_assert_cmpstr (incoming, ==, "IMAP mail.lab.test:993 (tls) alice@lab.test");

  pb_test_run_test_and_wait ();
  settings = copy_with (pb_test_tr ("_Copy Settings", "Einstellungen _kopieren"),
                        pb_test_tr ("Settings copied", "Einstellungen kopiert"));
  g_test_message ("settings: %s", settings);
  /* The whole account, not the outgoing server alone, with the name typed at the start. */
  g_assert_cmpstr (settings, ==, pb_test_tr (
    "Mail account alice@lab.test\nName: Alice Example\n\n"
    "Incoming mail (IMAP)\n  Server:         mail.lab.test\n  Port:           993\n"
    "  Security:       SSL/TLS\n  User name:      alice@lab.test\n"
    "  Login:          Normal password\n\n"
    "Outgoing mail (SMTP)\n  Server:         mail.lab.test\n  Port:           465\n"
    "  Security:       SSL/TLS\n  User name:      alice@lab.test\n"
    "  Login:          Normal password\n\n"
    "Password: not included (the one of the account)\n",
    "E-Mail-Konto alice@lab.test\nName: Alice Example\n\n"
    "Posteingang (IMAP)\n  Server:         mail.lab.test\n  Port:           993\n"
    "  Sicherheit:     SSL/TLS\n  Benutzername:   alice@lab.test\n"
    "  Anmeldung:      Normales Passwort\n\n"
    "Postausgang (SMTP)\n  Server:         mail.lab.test\n  Port:           465\n"
    "  Sicherheit:     SSL/TLS\n  Benutzername:   alice@lab.test\n"
    "  Anmeldung:      Normales Passwort\n\n"
    "Passwort: nicht enthalten (das des Kontos)\n"));
  pb_test_shot ("result-copied");

  /* The report is under the conversation, which opens first. */
  gtk_expander_set_expanded (GTK_EXPANDER (pb_test_find_by_type (pb_test_get_window (),
                                                                 GTK_TYPE_EXPANDER, 0)), TRUE);
  pb_test_settle (pb_test_get_window ());
  report = copy_with (pb_test_tr ("Copy _Report", "_Bericht kopieren"),
                      pb_test_tr ("Report copied", "Bericht kopiert"));
  g_test_message ("report:\n%s", report);
  g_assert_nonnull (strstr (report, "mail.lab.test"));
  g_assert_nonnull (strstr (report, "EHLO"));
  g_assert_nonnull (strstr (report, "AUTH"));
  assert_no_password (report);
}

static void
flow_retry (void)
{
  PbFailure failure = { .provider_id = (char *) "gmail" };
  g_autoptr(PbExplanation) expected = pb_diagnosis_explain (PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED,
                                                            &failure);
  const char *title = expected->title;
  guint before;

  pb_test_enter_address ("Test User", "postbote.test@gmail.com", "Scripted-Pass-1",
                         "settings-gmail");
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) title));
  /* The app password is asked for where the failure says so, beside the provider's link. */
  result_password_row (pb_test_tr ("App password", "App-Passwort"));
  g_assert_nonnull (pb_test_find_button (pb_test_get_window (),
                                         pb_test_tr ("Open Help Page", "Hilfeseite öffnen")));
  before = pb_test_lab_count ("gmail-apppw.log", "AUTH");
  g_assert_cmpuint (before, >=, 1);

  /* Try Again: the test page, then a new answer from the server. */
  pb_test_click_no_settle (pb_test_tr ("_Try Again", "_Erneut versuchen"));
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_TEST);
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT), 60000));
  pb_test_settle (pb_test_get_window ());
  g_assert_true (pb_test_label_shown ((gpointer) title));
  g_assert_cmpuint (pb_test_lab_count ("gmail-apppw.log", "AUTH"), ==, before + 1);
}

/* Start page to the page that says nothing was found, through the real discovery. */
static void
enter_address_not_found (const char *name,
                         const char *address,
                         const char *password)
{
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0, name);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, address);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, password);
  pb_test_click_no_settle (pb_test_tr ("_Continue", "_Weiter"));
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_NOT_FOUND), 30000));
  pb_test_settle (pb_test_get_window ());
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("No Settings Found",
                                                             "Keine Einstellungen gefunden")));
}

static void assert_manual_form (const char *user,
                                const char *password,
                                const char *sender,
                                const char *recipient);
static void go_back (void);

static void
flow_not_found (void)
{
  GtkWidget *window = pb_test_get_window ();

  /* A domain without any mail server: most likely mistyped. */
  enter_address_not_found ("Max Example", "max@nothing.test", "Nothing-Secret-1");
  g_assert_nonnull (pb_test_find_label_containing (window, pb_test_tr (
    "No mail server is known for “nothing.test”: the domain does not exist or receives no mail. Check the spelling of your address.",
    "Für „nothing.test“ ist kein Mailserver bekannt: Die Domain existiert nicht oder empfängt keine E-Mails. Prüfen Sie die Schreibweise Ihrer Adresse.")));
  pb_test_shot ("not-found");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  pb_test_settle (window);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  pb_test_shot ("not-found-narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  pb_test_settle (window);

  /* Enter Settings Manually carries the address and its password over. */
  pb_test_click (pb_test_tr ("_Enter Settings Manually", "Einstellungen _manuell eingeben"));
  assert_manual_form ("max@nothing.test", "Nothing-Secret-1", "max@nothing.test", "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 0))),
                   ==, "");
  g_assert_false (gtk_widget_is_sensitive (
    pb_test_find_button (window, pb_test_tr ("_Test Settings", "Einstellungen _testen"))));
  go_back ();

  /* A domain that receives mail, whose provider publishes nothing: ask the provider. */
  enter_address_not_found ("Frank Example", "frank@ownmx.test", "Ownmx-Secret-1");
  g_assert_nonnull (pb_test_find_label_containing (window, pb_test_tr (
    "The provider of “ownmx.test” publishes no settings for mail programs.",
    "Der Anbieter von „ownmx.test“ veröffentlicht keine Einstellungen für E-Mail-Programme.")));
  pb_test_shot ("not-found-provider");
  /* Change Address goes back to the address, as typed. */
  pb_test_click (pb_test_tr ("C_hange Address", "Adresse _ändern"));
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_START);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1))),
                   ==, "frank@ownmx.test");
}

static const char *
entry_text (GType type,
            guint nth)
{
  GtkWidget *row = pb_test_find_by_type (pb_test_get_window (), type, nth);

  g_assert_nonnull (row);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The manual form's rows: 0 server, 1 user name, 2 password, 3 sender, 4 recipient. */
static void
assert_manual_form (const char *user,
                    const char *password,
                    const char *sender,
                    const char *recipient)
{
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_cmpstr (entry_text (ADW_TYPE_ENTRY_ROW, 1), ==, user);
  g_assert_cmpstr (entry_text (ADW_TYPE_PASSWORD_ENTRY_ROW, 0), ==, password);
  g_assert_cmpstr (entry_text (ADW_TYPE_ENTRY_ROW, 3), ==, sender);
  g_assert_cmpstr (entry_text (ADW_TYPE_ENTRY_ROW, 4), ==, recipient);
}

static void
go_back (void)
{
  gtk_widget_activate_action (pb_test_get_window (), "win.back", NULL);
  pb_test_settle (pb_test_get_window ());
}

/* The vertical scroll position of the visible page. */
static double
scrolled (void)
{
  GtkStack *stack = GTK_STACK (pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_STACK, 0));
  GtkWidget *scroller = pb_test_find_by_type (gtk_stack_get_visible_child (stack),
                                              GTK_TYPE_SCROLLED_WINDOW, 0);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
}

static void
scroll_down (void)
{
  GtkStack *stack = GTK_STACK (pb_test_find_by_type (pb_test_get_window (), GTK_TYPE_STACK, 0));
  GtkWidget *scroller = pb_test_find_by_type (gtk_stack_get_visible_child (stack),
                                              GTK_TYPE_SCROLLED_WINDOW, 0);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  pb_test_settle (pb_test_get_window ());
  g_assert_cmpfloat (scrolled (), >, 0);
}

static void
flow_fix_login (void)
{
  g_autoptr(PbExplanation) refused = pb_diagnosis_explain (PB_PROBLEM_AUTH_FAILED, NULL);
  GtkWidget *window = pb_test_get_window ();
  GtkWidget *focus;
  GtkWidget *row;

  pb_test_enter_address ("Alice Example", "alice@lab.test", "Wrong-Secret-0", NULL);
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) refused->title));
  /* Trying the same password again cannot help: Try Again is not the suggested action. */
  row = result_password_row (pb_test_tr ("Password", "Passwort"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_false (retry_suggested ());
  pb_test_shot ("result-login-failed");

  /* Edit Settings goes to the login the server refused. */
  pb_test_click (pb_test_tr ("_Edit Settings", "Einstellungen _bearbeiten"));
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1) ||
                 gtk_widget_is_ancestor (focus, pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1)));

  /* The password fixed where the failure is shown, and Try Again uses it. */
  pb_test_run_test_and_wait ();
  row = result_password_row (pb_test_tr ("Password", "Passwort"));
  gtk_editable_set_text (GTK_EDITABLE (row), "Alice-Secret-1");
  g_assert_true (retry_suggested ());
  pb_test_click_no_settle (pb_test_tr ("_Try Again", "_Erneut versuchen"));
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT),
                                     60000));
  pb_test_settle (window);
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));
}

static void
flow_no_password (void)
{
  const char *note = pb_test_tr ("No password entered: the test will not check the login.",
                                 "Kein Passwort eingegeben: Der Test prüft die Anmeldung nicht.");
  GtkWidget *window = pb_test_get_window ();
  GtkWidget *row;

  pb_test_enter_address ("Alice Example", "alice@lab.test", "", NULL);
  /* Said before the test, with the password asked for on the same page, and focused. */
  g_assert_true (pb_test_label_shown ((gpointer) note));
  row = pb_test_find_by_type (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), row) ||
                 gtk_root_get_focus (GTK_ROOT (window)) == row);
  pb_test_shot ("settings-no-password");
  gtk_editable_set_text (GTK_EDITABLE (row), "Alice-Secret-1");
  pb_test_settle (window);
  g_assert_false (pb_test_label_shown ((gpointer) note));
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));
  g_assert_nonnull (pb_test_find_label (window, pb_test_tr ("Login accepted",
                                                           "Anmeldung angenommen")));
}

/* The page's main action stays in view below the scrolled content, however long the page. */
static void
assert_action_in_view (const char *label)
{
  GtkWidget *window = pb_test_get_window ();
  GtkWidget *button = pb_test_find_button (window, label);
  graphene_rect_t bounds;

  g_assert_nonnull (button);
  g_assert_null (gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW));
  g_assert_true (gtk_widget_compute_bounds (button, window, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window));
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
}

/* Whether the shortcuts window names a shortcut with accelerator. */
static gboolean
shortcut_listed (const char *accelerator)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  gboolean found = FALSE;

  for (GtkWidget *w = overlay; w != NULL && !found; )
    {
      g_autofree char *accel = NULL;

      if (GTK_IS_SHORTCUTS_SHORTCUT (w))
        {
          g_object_get (w, "accelerator", &accel, NULL);
          found = g_strcmp0 (accel, accelerator) == 0;
        }
      /* Depth first through the whole tree. */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != overlay && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == overlay ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
  return found;
}

static void
flow_keyboard (void)
{
  GtkWidget *window = pb_test_get_window ();
  GtkWidget *host;
  GtkWidget *focus;
  GtkWidget *back = NULL;
  GtkWidget *row;

  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 0, "mail.lab.test");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@lab.test");
  pb_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Alice-Secret-1");
  host = pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 0);
  g_assert_true (gtk_widget_grab_focus (host));
  g_assert_true (pb_test_press_key (window, GDK_KEY_Return, 0));
  g_assert_true (pb_test_wait_until (pb_test_page_is, GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT),
                                     60000));
  pb_test_settle (window);
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));

  /* Focus on the result's first button, not the header bar's Back. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  back = gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR);
  g_assert_null (back);
  g_assert_true (GTK_IS_BUTTON (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON));
  row = gtk_widget_get_ancestor (pb_test_find_label (window, pb_test_tr ("Login accepted",
                                                                        "Anmeldung angenommen")),
                                 ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_focusable (row));

  /* Escape leaves the result for the settings. */
  g_assert_true (pb_test_press_key (window, GDK_KEY_Escape, 0));
  pb_test_settle (window);
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_true (shortcut_listed ("<Alt>Left"));
}

static void
flow_fresh (void)
{
  GtkWidget *window = pb_test_get_window ();

  /* An earlier check by hand, with everything filled in. */
  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 0, "mail.lab.test");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@lab.test");
  pb_test_type_into (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Old-Secret-9");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 3, "alice@lab.test");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 4, "bob@lab.test");
  go_back ();

  /* Found settings for one address; back, and another address: its password is gone. */
  pb_test_enter_address ("Bob Example", "bob@lab.test", "Bob-Secret-2", NULL);
  go_back ();
  g_assert_cmpstr (entry_text (ADW_TYPE_PASSWORD_ENTRY_ROW, 0), ==, "Bob-Secret-2");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "max@nothing.test");
  g_assert_cmpstr (entry_text (ADW_TYPE_PASSWORD_ENTRY_ROW, 0), ==, "");

  /* Nothing found for it: the form carries this address and its password, nothing older. */
  enter_address_not_found ("Max Example", "max@nothing.test", "Nothing-Secret-1");
  pb_test_click (pb_test_tr ("_Enter Settings Manually", "Einstellungen _manuell eingeben"));
  assert_manual_form ("max@nothing.test", "Nothing-Secret-1", "max@nothing.test", "");
  go_back ();

  /* The manual mode again from the start: an empty form. */
  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  assert_manual_form ("", "", "", "");
  g_assert_cmpstr (entry_text (ADW_TYPE_ENTRY_ROW, 0), ==, "");
  go_back ();

  /* Every page from its top, also when the last visit left it scrolled down. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 480);
  gtk_editable_set_text (GTK_EDITABLE (pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1)), "");
  pb_test_settle (window);
  assert_action_in_view (pb_test_tr ("_Continue", "_Weiter"));
  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", NULL);
  assert_action_in_view (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  pb_test_shot ("settings-narrow-action");
  scroll_down ();
  pb_test_run_test_and_wait ();
  g_assert_cmpfloat (scrolled (), ==, 0);
  /* The conversation opened here is closed on the next result. */
  gtk_expander_set_expanded (GTK_EXPANDER (pb_test_find_by_type (window, GTK_TYPE_EXPANDER, 0)),
                             TRUE);
  pb_test_settle (window);
  scroll_down ();
  go_back ();
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_cmpfloat (scrolled (), ==, 0);
  pb_test_run_test_and_wait ();
  g_assert_cmpfloat (scrolled (), ==, 0);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (pb_test_find_by_type (window, GTK_TYPE_EXPANDER, 0))));
  pb_test_shot ("result-account-narrow-top");
}

typedef struct {
  const char *text;
  guint count;
} LabCount;

static gboolean
lab_count_reached (gpointer user_data)
{
  LabCount *want = user_data;

  return pb_test_lab_count ("stall.events", want->text) >= want->count;
}

/* Starts the test against the stalling server and waits until it is connected. */
static void
start_stalled_test (guint nth)
{
  LabCount connected = { "connect from", nth };

  pb_test_click (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_TEST);
  g_assert_true (pb_test_wait_until (lab_count_reached, &connected, 30000));
}

/* Cancelled: the settings again at once, the connection closed, and no result later. */
static void
assert_cancelled (guint nth)
{
  LabCount closed = { "close", nth };

  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_true (pb_test_wait_until (lab_count_reached, &closed, 30000));
  pb_test_settle (pb_test_get_window ());
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_null (pb_window_get_tested_server (PB_WINDOW (pb_test_get_window ())));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_find_by_type (
                     pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0))), ==, "stall.smtp.test");
}

static void
flow_cancel (void)
{
  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  /* Chosen by the person: the form's own title, not the "nothing found" one. */
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Check a Server", "Server prüfen")));
  g_assert_false (pb_test_label_shown ((gpointer) pb_test_tr ("No Settings Found",
                                                              "Keine Einstellungen gefunden")));
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0, "stall.smtp.test");
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, "user@stall.smtp.test");
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Scripted-Pass-1");

  start_stalled_test (1);
  pb_test_shot ("test-stalled");
  pb_test_click_no_settle (pb_test_tr ("_Cancel", "_Abbrechen"));
  assert_cancelled (1);

  /* Escape, from wherever the focus is, does the same. */
  start_stalled_test (2);
  g_assert_true (pb_test_press_key (gtk_root_get_focus (GTK_ROOT (pb_test_get_window ())) ?
                                    gtk_root_get_focus (GTK_ROOT (pb_test_get_window ())) :
                                    pb_test_get_window (),
                                    GDK_KEY_Escape, 0));
  assert_cancelled (2);
  g_assert_cmpuint (pb_test_lab_count ("stall.log", "AUTH"), ==, 0);
}

static const PbTestFlow flows[] = {
  { "copy", flow_copy },
  { "retry", flow_retry },
  { "not-found", flow_not_found },
  { "fresh", flow_fresh },
  { "fix-login", flow_fix_login },
  { "keyboard", flow_keyboard },
  { "no-password", flow_no_password },
  { "cancel", flow_cancel },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-paths", flows, G_N_ELEMENTS (flows));
}
