/* startup-probe.c: starts the real application and reports, on the window's first frame,
 * the time since the process was exec'd, the memory it holds and GTK's renderer.
 * tests/bench/startup runs it several times and prints the medians.
 *   startup-probe              Postbote's window
 *   startup-probe --baseline   the smallest libadwaita application of the same size (one
 *                              window, one status page, no Postbote code run): what GTK,
 *                              libadwaita and the graphics driver cost any GNOME application
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <adwaita.h>

#include "pb-application.h"
#include "pb-i18n.h"

static double
seconds_since_exec (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec now;
  char *end;
  double start;

  /* Field 22 of /proc/self/stat: the start time in clock ticks after boot, after the
   * closing parenthesis of the command name. */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  end = strrchr (stat, ')');
  fields = g_strsplit (end + 2, " ", -1);
  start = g_ascii_strtod (fields[19], NULL) / sysconf (_SC_CLK_TCK);
  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec + now.tv_nsec / 1e9 - start;
}

static long
proc_kib (const char *file,
          const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (file, &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? strtol (line + strlen (field), NULL, 10) : -1;
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  /* Private memory is what this process alone costs; the resident set also counts the
   * shared libraries (GTK, Mesa) that every GNOME application maps. */
  printf ("startup_ms %.1f\nrss_kib %ld\nhwm_kib %ld\nprivate_kib %ld\n",
          seconds_since_exec () * 1000,
          proc_kib ("/proc/self/status", "VmRSS:"), proc_kib ("/proc/self/status", "VmHWM:"),
          proc_kib ("/proc/self/smaps_rollup", "Private_Clean:") +
          proc_kib ("/proc/self/smaps_rollup", "Private_Dirty:"));
  printf ("renderer %s\n", G_OBJECT_TYPE_NAME (renderer));
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_application_quit (app);
}

static void
on_window_mapped (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), window);
}

static void
on_activate (GtkApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  /* Presenting a new toplevel maps it at once, so it usually is mapped already here. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_window_mapped (GTK_WIDGET (window));
  else
    g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), NULL);
}

static void
on_baseline_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), "Baseline");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "mail-send-symbolic");
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkApplication) app = NULL;

  if (argc > 1 && g_str_equal (argv[1], "--baseline"))
    {
      app = GTK_APPLICATION (adw_application_new ("io.github.postbote.Baseline",
                                                  G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (on_baseline_activate), NULL);
    }
  else
    {
      pb_i18n_init ();
      app = GTK_APPLICATION (pb_application_new ());
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
    }
  /* Runs after the application's own activate handler has created the window. */
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
