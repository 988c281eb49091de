/* test-window.c: the real application under Xvfb presents its main window, validates the
 * address as the user types and opens the manual mode
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-certificate-dialog.h"
#include "pb-check.h"
#include "pb-gui-test-app.h"
#include "pb-gui-test-util.h"
#include "pb-i18n.h"
#include "pb-port-entry.h"
#include "pb-settings.h"
#include "pb-settings-page.h"
#include "pb-start-page.h"
#include "pb-window.h"
#include "pb-window-check.h"
#include "pb-window-pages-private.h"

static gboolean
is_on_settings (PbWindow *window)
{
  return pb_window_get_page (window) == PB_WINDOW_PAGE_SETTINGS;
}

/* The widgets Tab visits, from the first, as a keyboard user moves through the page. */
static GPtrArray *
focus_chain (GtkWidget *window)
{
  GPtrArray *chain = g_ptr_array_new ();

  /* GTK orders Tab stops by their place on screen: only after the page transition and the
   * layout of rows just shown is the order the user meets. */
  pb_test_settle (window);
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        break;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL || g_ptr_array_find (chain, focus, NULL))
        break;
      g_ptr_array_add (chain, focus);
    }
  return chain;
}

/* The position in the chain of the first widget inside target (or target itself). */
static int
chain_index (GPtrArray *chain,
             GtkWidget *target)
{
  g_assert_nonnull (target);
  for (guint i = 0; i < chain->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (chain, i);

      if (w == target || gtk_widget_is_ancestor (w, target))
        return (int) i;
    }
  return -1;
}

/* Keyboard only: Tab reaches the fields and both ways on in reading order, and Enter in the
 * password field continues (gmail.com is a built-in provider: its settings come at once,
 * without the network). */
static void
check_keyboard (GtkWidget *window)
{
  GtkWidget *name = pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 0);
  GtkWidget *address = pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1);
  GtkWidget *password = pb_test_find_by_type (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0);
  GtkWidget *next = pb_test_find_button (window, pb_test_tr ("_Continue", "_Weiter"));
  GtkWidget *manual = pb_test_find_button (window, pb_test_tr ("Check a Server _by Hand",
                                                               "Server von _Hand prüfen"));
  g_autoptr(GPtrArray) chain = NULL;
  GtkWidget *focus;

  gtk_editable_set_text (GTK_EDITABLE (address), "alice@gmail.com");
  gtk_editable_set_text (GTK_EDITABLE (password), "not-sent-anywhere");
  chain = focus_chain (window);
  g_test_message ("Tab visits %u widgets; name %d, address %d, password %d, continue %d, "
                  "by hand %d", chain->len, chain_index (chain, name),
                  chain_index (chain, address), chain_index (chain, password),
                  chain_index (chain, next), chain_index (chain, manual));
  g_assert_cmpint (chain_index (chain, name), >=, 0);
  g_assert_cmpint (chain_index (chain, address), >, chain_index (chain, name));
  g_assert_cmpint (chain_index (chain, password), >, chain_index (chain, address));
  /* Continue is in the bar below the page, which stays in view: it comes last. */
  g_assert_cmpint (chain_index (chain, manual), >, chain_index (chain, password));
  g_assert_cmpint (chain_index (chain, next), >, chain_index (chain, manual));

  /* Enter in the password field: GtkText's key binding for Return emits ::activate. */
  g_assert_true (gtk_widget_grab_focus (password));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, password));
  g_assert_true (GTK_IS_TEXT (focus));
  g_signal_emit_by_name (focus, "activate");
  g_assert_true (pb_test_wait_until ((PbTestPredicate) is_on_settings, window, 5000));
  gtk_widget_activate_action (window, "win.back", NULL);
  pb_test_settle (window);
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window)), ==, PB_WINDOW_PAGE_START);
  gtk_editable_set_text (GTK_EDITABLE (password), "");
}

/* The settings page shows the user name discovery expanded, once: an address whose local
 * part reads like a placeholder is its own login (gmail.com: built-in, no network). */
static void
check_literal_login (GtkWidget *window)
{
  GtkWidget *next = pb_test_find_button (window, pb_test_tr ("_Continue", "_Weiter"));
  GtkWidget *page;
  g_autoptr(PbServerConfig) server = NULL;

  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "%EMAILDOMAIN%@gmail.com");
  g_assert_true (gtk_widget_get_sensitive (next));
  g_signal_emit_by_name (next, "clicked");
  g_assert_true (pb_test_wait_until ((PbTestPredicate) is_on_settings, window, 5000));
  page = pb_test_find_by_type (window, PB_TYPE_SETTINGS_PAGE, 0);
  g_assert_nonnull (page);
  server = pb_settings_page_dup_server (PB_SETTINGS_PAGE (page));
  g_assert_cmpstr (server->host, ==, "smtp.gmail.com");
  g_assert_cmpstr (server->username, ==, "%EMAILDOMAIN%@gmail.com");
  gtk_widget_activate_action (window, "win.back", NULL);
  pb_test_settle (window);
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window)), ==, PB_WINDOW_PAGE_START);
}

/* Manual mode by keyboard: Tab visits every field of the form, then the test button. */
static void
check_manual_keyboard (GtkWidget *window)
{
  GtkWidget *page = pb_test_find_by_type (window, PB_TYPE_SETTINGS_PAGE, 0);
  GtkWidget *fields[] = {
    pb_test_find_by_type (page, ADW_TYPE_ENTRY_ROW, 0),          /* host */
    pb_test_find_by_type (page, PB_TYPE_PORT_ENTRY, 0),          /* port */
    pb_test_find_by_type (page, ADW_TYPE_COMBO_ROW, 0),          /* security */
    pb_test_find_by_type (page, ADW_TYPE_COMBO_ROW, 1),          /* authentication */
    pb_test_find_by_type (page, ADW_TYPE_ENTRY_ROW, 1),          /* user */
    pb_test_find_by_type (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0), /* password */
    pb_test_find_by_type (page, ADW_TYPE_ENTRY_ROW, 3),          /* sender */
    pb_test_find_by_type (page, ADW_TYPE_ENTRY_ROW, 4),          /* recipient */
    pb_test_find_button (page, pb_test_tr ("_Test Settings", "Einstellungen _testen")),
  };
  g_autoptr(GPtrArray) chain = NULL;
  int previous = -1;

  /* With a server named, the test button can be reached (before, it is insensitive). */
  gtk_editable_set_text (GTK_EDITABLE (fields[0]), "mail.example.com");
  g_assert_true (gtk_widget_get_sensitive (fields[G_N_ELEMENTS (fields) - 1]));
  chain = focus_chain (window);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      int index = chain_index (chain, fields[i]);

      g_test_message ("manual mode, field %u (%s %s): Tab stop %d", i,
                      G_OBJECT_TYPE_NAME (fields[i]),
                      ADW_IS_PREFERENCES_ROW (fields[i])
                        ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (fields[i])) : "",
                      index);
      g_assert_cmpint (index, >, previous);
      previous = index;
    }
  gtk_editable_set_text (GTK_EDITABLE (fields[0]), "");
}

/* Dark style: the pages follow libadwaita's style manager, nothing stays light. */
/* A test without a password says before it starts that the login goes untested; with a
 * password, or with no authentication chosen, it does not. */
static void
check_login_note (GtkWidget *window)
{
  GtkWidget *page = pb_test_find_by_type (window, PB_TYPE_SETTINGS_PAGE, 0);
  GtkWidget *note = pb_test_find_label (page, pb_test_tr (
    "No password entered: the test will not check the login.",
    "Kein Passwort eingegeben: Der Test prüft die Anmeldung nicht."));
  GtkWidget *auth = pb_test_find_by_type (page, ADW_TYPE_COMBO_ROW, 1);

  g_assert_nonnull (note);
  g_assert_true (gtk_widget_get_visible (note));
  pb_test_type_into (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "secret");
  g_assert_false (gtk_widget_get_visible (note));
  pb_test_type_into (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "");
  g_assert_true (gtk_widget_get_visible (note));
  adw_combo_row_set_selected (ADW_COMBO_ROW (auth), 2);    /* No authentication */
  g_assert_false (gtk_widget_get_visible (note));
  adw_combo_row_set_selected (ADW_COMBO_ROW (auth), 0);
  g_assert_true (gtk_widget_get_visible (note));
}

/* As soon as the address is complete, the provider and what it needs are on the start
 * page, before the password (a built-in provider: no network). The time from the last
 * keystroke to the hint is printed as a figure (target: under 100 ms); it is not asserted,
 * as a loaded machine would fail a timed assertion that says nothing about the code. */
static void
check_provider_hint (GtkWidget *window)
{
  GtkWidget *address = pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1);
  const char *needs = pb_test_tr ("Use an app password, not your normal password.",
                                  "Verwenden Sie ein App-Passwort, nicht Ihr normales Passwort.");
  gint64 typed;
  double ms;

  gtk_editable_set_text (GTK_EDITABLE (address), "alice@example.com");
  pb_test_wait_ms (PB_START_PAGE_HINT_DELAY_MS * 3);
  g_assert_false (pb_test_label_shown ((gpointer) needs));

  gtk_editable_set_text (GTK_EDITABLE (address), "alice@gmail.co");
  gtk_editable_set_text (GTK_EDITABLE (address), "alice@gmail.com");
  typed = g_get_monotonic_time ();
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) needs,
                                     pb_test_scaled_ms (2000)));
  ms = (g_get_monotonic_time () - typed) / 1000.0;
  g_test_message ("benchmark: provider hint %.1f ms after the last keystroke", ms);
  g_assert_true (pb_test_label_shown ((gpointer) "Gmail"));
  g_assert_nonnull (pb_test_find_button (window, pb_test_tr ("Create One", "Eines erstellen")));
  pb_test_screenshot (window, pb_test_tr ("start-provider-en", "start-provider-de"));

  /* An address the list does not know: no hint. */
  gtk_editable_set_text (GTK_EDITABLE (address), "alice@example.com");
  pb_test_wait_ms (PB_START_PAGE_HINT_DELAY_MS * 3);
  g_assert_false (pb_test_label_shown ((gpointer) needs));
  g_assert_false (pb_test_label_shown ((gpointer) "Gmail"));
}

/* Outlook.com takes no password: the start page says that Postbote signs in through its web
 * page where Postbote is registered with Microsoft's sign-in (the setting oauth-clients),
 * else what is missing; never that a password will do. */
static void
check_sign_in_hint (GtkWidget  *window,
                    const char *lang)
{
  GtkWidget *address = pb_test_find_by_type (window, ADW_TYPE_ENTRY_ROW, 1);
  g_autoptr(GSettings) settings = pb_settings_new ();
  const char *missing = pb_test_tr ("Password sign-in is switched off by this provider, and Postbote is not registered with its sign-in yet: ask your administrator to set it up (the setting “oauth-clients”).",
                                    "Die Anmeldung mit Passwort ist bei diesem Anbieter ausgeschaltet, und Postbote ist bei seiner Anmeldung noch nicht registriert: Bitten Sie Ihre Administration, das einzurichten (die Einstellung „oauth-clients“).");
  const char *signs_in = pb_test_tr ("Password sign-in is switched off by this provider: Postbote signs in through the provider’s web page instead.",
                                     "Die Anmeldung mit Passwort ist bei diesem Anbieter ausgeschaltet: Postbote meldet sich stattdessen über die Webseite des Anbieters an.");
  g_autofree char *shot = g_strdup_printf ("start-sign-in-%s", lang);

  g_settings_reset (settings, "oauth-clients");
  gtk_editable_set_text (GTK_EDITABLE (address), "alice@outlook.com");
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) missing,
                                     pb_test_scaled_ms (2000)));
  g_assert_false (pb_test_label_shown ((gpointer) signs_in));

  g_assert_true (g_settings_set_value (settings, "oauth-clients",
                                       g_variant_new_parsed ("{'login.microsoftonline.com': "
                                                             "{'client-id': 'postbote-test'}}")));
  gtk_editable_set_text (GTK_EDITABLE (address), "alice@outlook.co");
  gtk_editable_set_text (GTK_EDITABLE (address), "alice@outlook.com");
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) signs_in,
                                     pb_test_scaled_ms (2000)));
  g_assert_false (pb_test_label_shown ((gpointer) missing));
  pb_test_screenshot (window, shot);
  g_settings_reset (settings, "oauth-clients");
}

/* The port chooses its encryption (587 STARTTLS, 465 SSL/TLS); no encryption with a
 * password is tested only once the person confirms it. */
static void
check_port_security (GtkWidget *window)
{
  GtkWidget *page = pb_test_find_by_type (window, PB_TYPE_SETTINGS_PAGE, 0);
  PbPortEntry *port = PB_PORT_ENTRY (pb_test_find_by_type (page, PB_TYPE_PORT_ENTRY, 0));
  AdwComboRow *security = ADW_COMBO_ROW (pb_test_find_by_type (page, ADW_TYPE_COMBO_ROW, 0));
  GtkWidget *test = pb_test_find_button (page, pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  const char *confirm = pb_test_tr ("Send my password unencrypted",
                                    "Mein Passwort unverschlüsselt senden");
  GtkWidget *label;

  gtk_editable_set_text (GTK_EDITABLE (pb_test_find_by_type (page, ADW_TYPE_ENTRY_ROW, 0)),
                         "mail.example.com");
  pb_port_entry_set_port (port, 587);
  g_assert_cmpuint (adw_combo_row_get_selected (security), ==, PB_SECURITY_STARTTLS);
  pb_port_entry_set_port (port, 465);
  g_assert_cmpuint (adw_combo_row_get_selected (security), ==, PB_SECURITY_TLS);

  pb_test_type_into (page, ADW_TYPE_ENTRY_ROW, 1, "alice@example.com");
  pb_test_type_into (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "secret");
  adw_combo_row_set_selected (security, PB_SECURITY_NONE);
  pb_test_settle (window);
  label = pb_test_find_label (page, confirm);
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_get_sensitive (test));
  pb_test_screenshot (window, pb_test_tr ("manual-plain-en", "manual-plain-de"));
  adw_action_row_activate (ADW_ACTION_ROW (gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW)));
  g_assert_true (gtk_widget_get_sensitive (test));
  /* Without the password, or with encryption again, nothing to confirm. */
  pb_test_type_into (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "");
  pb_test_settle (window);
  g_assert_null (pb_test_find_label (page, confirm));
  adw_combo_row_set_selected (security, PB_SECURITY_TLS);
  g_assert_true (gtk_widget_get_sensitive (test));
  pb_test_type_into (page, ADW_TYPE_ENTRY_ROW, 1, "");
}

/* Escape on the settings page loses nothing: the page and what was typed stay. */
static void
check_escape_keeps_settings (GtkWidget *window)
{
  GtkWidget *page = pb_test_find_by_type (window, PB_TYPE_SETTINGS_PAGE, 0);
  GtkWidget *host = pb_test_find_by_type (page, ADW_TYPE_ENTRY_ROW, 0);

  gtk_editable_set_text (GTK_EDITABLE (host), "mail.example.com");
  g_assert_true (gtk_widget_grab_focus (host));
  g_assert_true (pb_test_press_key (window, GDK_KEY_Escape, 0));
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window)), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (host)), ==, "mail.example.com");
  gtk_editable_set_text (GTK_EDITABLE (host), "");
}

static void
check_dark_style (GtkWidget  *window,
                  const char *lang)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = pb_test_render (window);
  g_autoptr(GdkTexture) dark = NULL;
  g_autofree char *shot = g_strdup_printf ("start-dark-%s", lang);
  double light_luminance, dark_luminance;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = pb_test_render (window);
  pb_test_screenshot (window, shot);
  light_luminance = pb_test_mean_luminance (light);
  dark_luminance = pb_test_mean_luminance (dark);
  g_test_message ("mean luminance: light %.2f, dark %.2f", light_luminance, dark_luminance);
  g_assert_cmpfloat (light_luminance, >, 0.7);
  g_assert_cmpfloat (dark_luminance, <, 0.3);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  pb_test_settle (window);
}

/* Text from outside that reorders itself (a right-to-left override turns "moc.knab" into
 * "bank.com") shows its hidden characters as U+FFFD: in a toast and in the certificate
 * dialog's names. */
#define OVERRIDE "\xe2\x80\xae"
#define POP "\xe2\x80\xac"
#define FFFD "\xef\xbf\xbd"

static gboolean
has_label_containing (const char *text)
{
  return pb_test_find_label_containing (pb_test_get_window (), text) != NULL;
}

static void
check_outside_text_made_safe (GtkWidget *window)
{
  g_autoptr(PbCheckResult) result = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  PbCertificateDialog *dialog;

  pb_window_toast (PB_WINDOW (window), "Server says " OVERRIDE "moc.knab" POP);
  g_assert_true (pb_test_wait_until ((PbTestPredicate) has_label_containing,
                                     (gpointer) "Server says " FFFD "moc.knab" FFFD, 2000));
  g_assert_null (pb_test_find_label_containing (window, OVERRIDE));

  result->server = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.example.test", 465,
                                         PB_SECURITY_TLS, PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  result->cert_subject = g_strdup ("CN=" OVERRIDE "moc.knab" POP);
  result->cert_issuer = g_strdup ("O=Evil\xe2\x81\xa6 CA");
  result->cert_sha256 = g_strdup ("ab:cd");
  result->cert_errors = G_TLS_CERTIFICATE_UNKNOWN_CA;
  dialog = pb_certificate_dialog_new (GTK_WINDOW (window), result);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (pb_test_wait_until ((PbTestPredicate) gtk_widget_get_mapped, dialog, 5000));
  pb_test_settle (GTK_WIDGET (dialog));
  g_assert_nonnull (pb_test_find_label (GTK_WIDGET (dialog), "CN=" FFFD "moc.knab" FFFD));
  g_assert_nonnull (pb_test_find_label (GTK_WIDGET (dialog), "O=Evil" FFFD " CA"));
  /* The dialog fits a 360 px window, in either language. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("minimum width of the certificate dialog: %d px", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A Microsoft 365 test that sent with a password works, and its result says that Microsoft
 * is switching that off, with the provider and the server, naming the sign-in with the
 * very words of the settings page's switch. */
static void
check_notice (GtkWidget  *window,
              const char *lang)
{
  g_autoptr(PbCheckResult) result = g_object_new (PB_TYPE_CHECK_RESULT, NULL);
  PbWindow *self = PB_WINDOW (window);
  const char *title = pb_test_tr ("Sign in with Microsoft 365", "Bei Microsoft 365 anmelden");
  g_autofree char *quoted = g_strconcat (pb_test_tr ("“", "„"), title,
                                         pb_test_tr ("”", "“"), NULL);
  g_autofree char *shot = g_strdup_printf ("result-notice-%s", lang);
  GtkWidget *notice;

  /* The switch the notice speaks of, as the settings page offers it for Microsoft 365. */
  pb_settings_page_offer_sign_in (pb_window_pages_settings (self), "Microsoft 365", TRUE, TRUE);
  g_assert_nonnull (pb_test_find_label (GTK_WIDGET (pb_window_pages_settings (self)), title));

  result->ok = TRUE;
  result->authenticated = TRUE;
  result->protocol = PB_PROTOCOL_SMTP;
  result->provider_id = g_strdup ("microsoft365");
  result->auth_mechanism = g_strdup ("LOGIN");
  result->address = g_strdup ("alice@contoso.example");
  result->server = pb_server_config_new (PB_PROTOCOL_SMTP, "smtp.office365.com", 587,
                                         PB_SECURITY_STARTTLS, PB_AUTH_PASSWORD_CLEARTEXT, NULL);
  pb_window_check_show_result (pb_window_pages_test (self), pb_window_pages_result (self), result,
                               NULL, "Alice Example");
  pb_window_pages_show (self, pb_window_pages_result (self));
  pb_test_settle (window);
  notice = pb_test_find_label_containing (window, quoted);
  g_assert_nonnull (notice);
  g_assert_true (gtk_widget_get_mapped (notice));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (notice)),
                            pb_test_tr ("December 2026", "Dezember 2026")));
  g_assert_true (gtk_widget_get_mapped (pb_test_find_label (window, "Microsoft 365 (Exchange Online)")));
  g_assert_true (gtk_widget_get_mapped (pb_test_find_label (window, "smtp.office365.com")));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (notice, GTK_TYPE_LIST_BOX_ROW),
                                           "pb-notice"));
  pb_test_screenshot (window, shot);

  /* A login with the sign-in has nothing to be told: the next result shows no notice. */
  g_free (result->auth_mechanism);
  result->auth_mechanism = g_strdup ("XOAUTH2");
  pb_window_check_show_result (pb_window_pages_test (self), pb_window_pages_result (self), result,
                               NULL, "Alice Example");
  pb_test_settle (window);
  g_assert_null (pb_test_find_label_containing (window, quoted));
}

static void
test_window_flow (void)
{
  GtkWidget *window;
  GtkWidget *error_label;
  GtkWidget *button;
  const char *lang = pb_test_is_german () ? "de" : "en";
  const char *reason = pb_test_tr (
    "The address contains more than one @. Please enter exactly one address.",
    "Die Adresse enthält mehr als ein @. Bitte geben Sie genau eine Adresse ein.");
  g_autofree char *shot = NULL;

  g_assert_true (pb_test_wait_for_window (20000));
  window = pb_test_get_window ();
  g_assert_true (PB_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Postbote");
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window)), ==, PB_WINDOW_PAGE_START);
  g_assert_nonnull (pb_test_find_label (window, pb_test_tr ("Set Up a Mail Account",
                                                            "E-Mail-Konto einrichten")));

  /* A finished but malformed address gets its localized reason once typing pauses, not
   * at the keystroke; Continue is off at once. */
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@@example.com");
  button = pb_test_find_button (window, pb_test_tr ("_Continue", "_Weiter"));
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_null (pb_test_find_label (window, reason));
  pb_test_wait_ms (PB_START_PAGE_PAUSE_MS / 2);
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@@example.co");
  pb_test_wait_ms (PB_START_PAGE_PAUSE_MS / 2 + 100);
  g_assert_null (pb_test_find_label (window, reason));
  g_assert_true (pb_test_wait_until (pb_test_label_shown, (gpointer) reason, 2000));
  error_label = pb_test_find_label (window, reason);
  g_assert_nonnull (error_label);

  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 0, "Alice Example");
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@example.com");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (gtk_widget_get_visible (error_label));
  shot = g_strdup_printf ("start-%s", lang);
  pb_test_screenshot (window, shot);
  check_dark_style (window, lang);
  check_provider_hint (window);
  check_sign_in_hint (window, lang);
  check_keyboard (window);
  check_literal_login (window);
  pb_test_type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@example.com");

  /* The secondary way in: checking a server by hand. */
  button = pb_test_find_button (window, pb_test_tr ("Check a Server _by Hand",
                                                    "Server von _Hand prüfen"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window)), ==, PB_WINDOW_PAGE_SETTINGS);
  g_assert_true (pb_test_wait_until ((PbTestPredicate) gtk_widget_get_mapped,
                                     pb_test_find_by_type (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0) ?: window,
                                     5000));
  g_clear_pointer (&shot, g_free);
  shot = g_strdup_printf ("manual-%s", lang);
  pb_test_screenshot (window, shot);
  check_manual_keyboard (window);
  check_login_note (window);
  check_port_security (window);

  /* Adaptive down to 360 px: no page needs more width than a narrow phone screen. */
  {
    GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
    int minimum = 0;

    gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("minimum width of the pages: %d px", minimum);
    g_assert_cmpint (minimum, <=, 360);
    gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
    g_clear_pointer (&shot, g_free);
    shot = g_strdup_printf ("manual-narrow-%s", lang);
    pb_test_wait_ms (200);
    pb_test_screenshot (window, shot);
  }

  check_escape_keeps_settings (window);
  /* Alt+Left goes back to the start. */
  g_assert_true (pb_test_press_key (window, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (window)), ==, PB_WINDOW_PAGE_START);

  check_notice (window, lang);
  check_outside_text_made_safe (window);

  gtk_window_close (GTK_WINDOW (window));
}

static void
on_activate (GApplication *application)
{
  /* The test runs from inside the application's main loop once the window exists. */
  test_window_flow ();
  g_application_quit (application);
}

static void
test_window (void)
{
  pb_test_run_application (on_activate);
}

int
main (int    argc,
      char **argv)
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/start-and-manual", test_window);

  return g_test_run ();
}
