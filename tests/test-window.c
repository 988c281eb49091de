/* test-window.c: the real application under Xvfb presents its main window
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-i18n.h"
#include "pb-window.h"

static GtkWidget *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
check_window (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  const char *language = g_getenv ("LANGUAGE");
  GtkWidget *page;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  g_assert_true (PB_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Postbote");

  page = find_status_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  if (g_strcmp0 (language, "de") == 0)
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                     "E-Mail-Konto einrichten");
  else
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                     "Set Up a Mail Account");

  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static gboolean
give_up (gpointer user_data)
{
  g_error ("the main window was not presented within 20 s");
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  g_timeout_add (50, check_window, app);
}

static void
test_window_presented (void)
{
  g_autoptr(PbApplication) app = pb_application_new ();
  char *argv[] = { (char *) "postbote", NULL };
  guint timeout_id;
  int status;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  timeout_id = g_timeout_add_seconds (20, give_up, NULL);

  status = g_application_run (G_APPLICATION (app), 1, argv);

  g_source_remove (timeout_id);
  g_assert_cmpint (status, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  pb_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/window/presented", test_window_presented);

  return g_test_run ();
}
