/* startup-probe.c: starts the real application and reports, on the window's first frame,
 * the time since the process was exec'd and the memory it holds. tests/bench/startup runs
 * it several times and prints the medians.
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
                GApplication  *app)
{
  /* Private memory is what this process alone costs; the resident set also counts the
   * shared libraries (GTK, Mesa) that every GNOME application maps. */
  printf ("startup_ms %.1f\nrss_kib %ld\nhwm_kib %ld\nprivate_kib %ld\n",
          seconds_since_exec () * 1000,
          proc_kib ("/proc/self/status", "VmRSS:"), proc_kib ("/proc/self/status", "VmHWM:"),
          proc_kib ("/proc/self/smaps_rollup", "Private_Clean:") +
          proc_kib ("/proc/self/smaps_rollup", "Private_Dirty:"));
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_application_quit (app);
}

static void
on_window_mapped (GtkWidget    *window,
                  GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (app);

  /* Presenting a new toplevel maps it at once, so it usually is mapped already here. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    on_window_mapped (GTK_WIDGET (window), G_APPLICATION (app));
  else
    g_signal_connect (window, "map", G_CALLBACK (on_window_mapped), app);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbApplication) app = NULL;

  pb_i18n_init ();
  app = pb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* Runs after the application's own activate handler has created the window. */
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
