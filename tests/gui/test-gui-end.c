/* test-gui-end.c: the end of a success
 *
 *   done       alice@lab.test works: Copy Settings copies the whole account (the incoming
 *              and the outgoing server, each with its port and user name, never the
 *              password); Done, after the Use In… group, leads to a clean start page, and
 *              no form of any page keeps what was typed
 *
 * Runs inside tests/lab/lab-run (servers), tests/keyring/keyring-run (a real gnome-keyring) and
 * xvfb-run (a display).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-gui-test-util.h"
#include "pb-window.h"

static GtkWidget *
window (void)
{
  return pb_test_get_window ();
}

static PbWindowPage
page (void)
{
  return pb_window_get_page (PB_WINDOW (window ()));
}

/* Every entry row below root, shown or not (the pages not in view are unmapped), is empty. */
static void
assert_entries_empty (GtkWidget *root)
{
  if (ADW_IS_ENTRY_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));

      g_test_message ("entry “%s”: “%s”", title, gtk_editable_get_text (GTK_EDITABLE (root)));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (root)), ==, "");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_entries_empty (child);
}

/* The vertical position of widget in the window. */
static double
top_of (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_compute_bounds (widget, window (), &bounds));
  return bounds.origin.y;
}

/* Scrolls the visible page to its end. */
static void
scroll_to_end (void)
{
  GtkStack *stack = GTK_STACK (pb_test_find_by_type (window (), GTK_TYPE_STACK, 0));
  GtkWidget *scroller = pb_test_find_by_type (gtk_stack_get_visible_child (stack),
                                              GTK_TYPE_SCROLLED_WINDOW, 0);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  /* Rows still coming in (the hand-offs look for their programs) move the end on. */
  for (guint i = 0; i < 10 && gtk_adjustment_get_value (v) + gtk_adjustment_get_page_size (v) <
                              gtk_adjustment_get_upper (v); i++)
    {
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
      pb_test_settle (window ());
    }
}

/* The clipboard's text names each half (its heading) with its server, port and user. */
static void
assert_half (const char *text,
             const char *heading,
             const char *port)
{
  const char *user = pb_test_tr ("User name:", "Benutzername:");

  g_test_message ("half “%s”", heading);
  g_assert_nonnull (strstr (text, heading));
  g_assert_nonnull (strstr (text, "mail.lab.test"));
  g_assert_nonnull (strstr (text, port));
  g_assert_nonnull (strstr (text, user));
  g_assert_nonnull (strstr (strstr (text, user), "alice@lab.test"));
}

static void
flow_done (void)
{
  const char *outgoing = pb_test_tr ("Outgoing mail (SMTP)", "Postausgang (SMTP)");
  g_autofree char *settings = NULL;
  g_autofree char *incoming = NULL;
  GtkWidget *done;
  GtkWidget *focus;

  pb_test_enter_address ("Alice Example", "alice@lab.test", "Alice-Secret-1", NULL);
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) pb_test_tr ("Your Account Works",
                                                             "Ihr Konto funktioniert")));

  /* The page ends with Done, after the hand-offs. */
  done = pb_test_find_button (window (), pb_test_tr ("_Done", "_Fertig"));
  g_assert_nonnull (done);
  g_assert_true (gtk_widget_has_css_class (done, "suggested-action"));
  g_assert_cmpfloat (top_of (done), >,
                     top_of (pb_test_find_label (window (), pb_test_tr ("Use In…",
                                                                        "Verwenden in…"))));
  scroll_to_end ();
  pb_test_shot ("result-done");

  /* Copy Settings: the whole account, each half with its server, port and user name. */
  pb_test_click (pb_test_tr ("_Copy Settings", "Einstellungen _kopieren"));
  g_assert_true (pb_test_wait_until (pb_test_label_shown,
                                     (gpointer) pb_test_tr ("Settings copied",
                                                            "Einstellungen kopiert"), 20000));
  settings = pb_test_read_clipboard (window ());
  g_test_message ("settings:\n%s", settings);
  g_assert_nonnull (strstr (settings, outgoing));
  incoming = g_strndup (settings, strstr (settings, outgoing) - settings);
  assert_half (incoming, pb_test_tr ("Incoming mail (IMAP)", "Posteingang (IMAP)"), "993");
  assert_half (strstr (settings, outgoing), outgoing, "465");
  g_assert_null (strstr (settings, "Alice-Secret-1"));

  pb_test_click (pb_test_tr ("_Done", "_Fertig"));

  /* A clean start: the start page, every field of every page empty, the address focused. */
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_START);
  assert_entries_empty (window ());
  g_assert_false (gtk_widget_get_sensitive (pb_test_find_button (window (),
                                                                 pb_test_tr ("_Continue",
                                                                             "_Weiter"))));
  g_assert_null (pb_test_find_label (window (), "Alice Example"));
  focus = gtk_root_get_focus (GTK_ROOT (window ()));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, pb_test_find_by_type (window (),
                                                                      ADW_TYPE_ENTRY_ROW, 1)));
}

static const PbTestFlow flows[] = {
  { "done", flow_done },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-end", flows, G_N_ELEMENTS (flows));
}
