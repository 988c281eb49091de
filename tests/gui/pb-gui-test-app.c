/* pb-gui-test-app.c: the real application in the window tests, and its window driven like a
 * user: its pages, clicks, the start and test steps of a flow, the lab's logs, the keyring,
 * and programs of named flows
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-application.h"
#include "pb-certificate-dialog.h"
#include "pb-credentials.h"
#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-gui-test-app.h"
#include "pb-i18n.h"
#include "pb-sign-in-settings-dialog.h"
#include "pb-window.h"

static PbApplication *app;

void
pb_test_run_application (void (*on_activate) (GApplication *application))
{
  char *argv[] = { (char *) "postbote", NULL };

  app = pb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_clear_object (&app);
}

GtkWidget *
pb_test_get_window (void)
{
  if (app == NULL)
    return NULL;
  return GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
window_mapped (gpointer user_data)
{
  GtkWidget *window = pb_test_get_window ();

  return window != NULL && gtk_widget_get_mapped (window);
}

gboolean
pb_test_wait_for_window (guint timeout_ms)
{
  return pb_test_wait_until (window_mapped, NULL, timeout_ms);
}

gboolean
pb_test_page_is (gpointer page)
{
  return (int) pb_window_get_page (PB_WINDOW (pb_test_get_window ())) == GPOINTER_TO_INT (page);
}

gboolean
pb_test_label_shown (gpointer text)
{
  return pb_test_find_label (pb_test_get_window (), text) != NULL;
}

gboolean
pb_test_certificate_dialog_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PB_IS_CERTIFICATE_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *(GtkWidget **) user_data = window;
          return TRUE;
        }
    }
  return FALSE;
}

/* The window as it is now, as $PB_SCREENSHOT_DIR/WHAT-LANG.png; what NULL: none. */
void
pb_test_shot (const char *what)
{
  g_autofree char *name = NULL;

  if (what == NULL)
    return;
  name = g_strdup_printf ("%s-%s", what, pb_test_is_german () ? "de" : "en");
  pb_test_screenshot (pb_test_get_window (), name);
}

/* A click as the user can make it: on a button that is shown and sensitive. */
void
pb_test_click_no_settle (const char *label)
{
  GtkWidget *button = pb_test_find_button (pb_test_get_window (), label);
  const char *page = pb_enum_to_nick (PB_TYPE_WINDOW_PAGE,
                                      pb_window_get_page (PB_WINDOW (pb_test_get_window ())));

  if (button == NULL)
    g_error ("no button “%s” on page %s", label, page);
  if (!gtk_widget_is_sensitive (button))
    g_error ("button “%s” on page %s is insensitive", label, page);
  g_signal_emit_by_name (button, "clicked");
}

void
pb_test_click (const char *label)
{
  pb_test_click_no_settle (label);
  pb_test_settle (pb_test_get_window ());
}

void
pb_test_enter_address (const char *name,
                       const char *address,
                       const char *password,
                       const char *settings_shot)
{
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0, name);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, address);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, password);
  pb_test_click_no_settle (pb_test_tr ("_Continue", "_Weiter"));
  /* The detection page shows at once; a preset hit may replace it right away. */
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (pb_test_get_window ())), ==,
                   PB_WINDOW_PAGE_DETECT);
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_SETTINGS), 30000));
  pb_test_settle (pb_test_get_window ());
  pb_test_shot (settings_shot);
}

void
pb_test_run_test_and_wait (void)
{
  pb_test_click (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT), 60000));
  pb_test_settle (pb_test_get_window ());
}

guint
pb_test_lab_count (const char *file,
                   const char *text)
{
  g_autofree char *path = g_build_filename (g_getenv ("PB_LAB_DIR"), "scripted", file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  g_assert_nonnull (g_getenv ("PB_LAB_DIR"));
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], text) != NULL)
      count++;
  return count;
}

typedef struct {
  gboolean done;
  char *password;
  GError *error;
} Lookup;

static void
on_lookup (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(PbPassword) password = pb_credentials_lookup_finish (res, &lookup->error);

  lookup->password = g_strdup (password);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer user_data)
{
  return ((Lookup *) user_data)->done;
}

char *
pb_test_keyring_lookup (PbServerConfig *server,
                        const char     *user,
                        GError        **error)
{
  Lookup lookup = { 0 };

  pb_credentials_lookup (PB_PROTOCOL_SMTP, server->host, server->port, user,
                         PB_CREDENTIALS_FLAGS_NO_PROMPT, NULL, on_lookup, &lookup);
  g_assert_true (pb_test_wait_until (lookup_done, &lookup, 10000));
  if (lookup.error != NULL)
    g_propagate_error (error, lookup.error);
  return lookup.password;
}

static const PbTestFlow *the_flow;

static void
on_flow_activate (GApplication *application)
{
  g_assert_true (pb_test_wait_for_window (20000));
  pb_test_settle (pb_test_get_window ());
  the_flow->run ();
  gtk_window_close (GTK_WINDOW (pb_test_get_window ()));
  g_application_quit (application);
}

static void
test_flow (void)
{
  pb_test_run_application (on_flow_activate);
}

int
pb_test_flow_main (int               *argc,
                   char            ***argv,
                   const char        *suite,
                   const PbTestFlow  *flows,
                   guint              n_flows)
{
  g_autofree char *path = NULL;
  const char *name;

  pb_i18n_init ();
  g_test_init (argc, argv, NULL);
  name = *argc > 1 ? (*argv)[1] : flows[0].name;
  for (guint i = 0; i < n_flows && the_flow == NULL; i++)
    if (g_str_equal (flows[i].name, name))
      the_flow = &flows[i];
  if (the_flow == NULL)
    {
      g_printerr ("%s: no flow named “%s”\n", suite, name);
      return 2;
    }
  path = g_strdup_printf ("/%s/%s", suite, name);
  g_test_add_func (path, test_flow);
  return g_test_run ();
}

/* Scrolls the visible page so that widget's top is at the top of the view. */
void
pb_test_scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t top;

  /* Twice: a resize lays the page out anew, and the first value may be clamped to the old
   * height. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                               &GRAPHENE_POINT_INIT (0, 0), &top));
      /* The child is a viewport: the point is where the widget is seen now. */
      gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + top.y - 12);
      pb_test_settle (pb_test_get_window ());
    }
}

GtkWidget *
pb_test_sign_in_settings_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (PB_IS_SIGN_IN_SETTINGS_DIALOG (toplevel) && gtk_widget_get_mapped (toplevel))
        return toplevel;
    }
  return NULL;
}

gboolean
pb_test_sign_in_settings_shown (gpointer user_data)
{
  return pb_test_sign_in_settings_dialog () != NULL;
}

gboolean
pb_test_sign_in_settings_gone (gpointer user_data)
{
  return pb_test_sign_in_settings_dialog () == NULL;
}
