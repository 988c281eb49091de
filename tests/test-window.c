/* test-window.c: the real application under Xvfb presents its main window, validates the
 * address as the user types and opens the manual mode
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-gui-test-util.h"
#include "pb-i18n.h"
#include "pb-window.h"

static void
type_into (GtkWidget  *root,
           GType       type,
           guint       nth,
           const char *text)
{
  GtkWidget *row = pb_test_find_by_type (root, type, nth);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_window_flow (void)
{
  GtkWidget *window;
  GtkWidget *error_label;
  GtkWidget *button;
  const char *lang = pb_test_is_german () ? "de" : "en";
  g_autofree char *shot = NULL;

  g_assert_true (pb_test_wait_for_window (20000));
  window = pb_test_get_window ();
  g_assert_true (PB_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Postbote");
  g_assert_cmpstr (pb_window_get_page (PB_WINDOW (window)), ==, "start");
  g_assert_nonnull (pb_test_find_label (window, pb_test_tr ("Set Up a Mail Account",
                                                            "E-Mail-Konto einrichten")));

  /* A finished but malformed address gets its localized reason; Continue stays off. */
  type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@@example.com");
  error_label = pb_test_find_by_type (window, GTK_TYPE_LABEL, 0);
  button = pb_test_find_button (window, pb_test_tr ("_Continue", "_Weiter"));
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (error_label);

  type_into (window, ADW_TYPE_ENTRY_ROW, 0, "Alice Example");
  type_into (window, ADW_TYPE_ENTRY_ROW, 1, "alice@example.com");
  g_assert_true (gtk_widget_get_sensitive (button));
  shot = g_strdup_printf ("start-%s", lang);
  pb_test_screenshot (window, shot);

  /* The secondary way in: checking a server by hand. */
  button = pb_test_find_button (window, pb_test_tr ("Check a Server _by Hand",
                                                    "Server von _Hand prüfen"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (pb_window_get_page (PB_WINDOW (window)), ==, "settings");
  g_assert_true (pb_test_wait_until ((PbTestPredicate) gtk_widget_get_mapped,
                                     pb_test_find_by_type (window, ADW_TYPE_PASSWORD_ENTRY_ROW, 0) ?: window,
                                     5000));
  g_clear_pointer (&shot, g_free);
  shot = g_strdup_printf ("manual-%s", lang);
  pb_test_screenshot (window, shot);

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

  /* Escape on the settings page does not lose anything; Back returns to the start. */
  gtk_widget_activate_action (window, "win.back", NULL);
  g_assert_cmpstr (pb_window_get_page (PB_WINDOW (window)), ==, "start");

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
