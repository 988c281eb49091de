/* test-gui-end.c: the end of a success, and the window at its narrowest
 *
 *   done       alice@lab.test works: Copy Settings copies the whole account (the incoming
 *              and the outgoing server, each with its port and user name, never the
 *              password); Done, after the Use In… group, leads to a clean start page, and
 *              no form of any page keeps what was typed
 *   narrow     at 360 px: no page needs more width (the start, detection, nothing found,
 *              settings, test and result pages), nor the certificate dialog, whose natural
 *              width is the width it gets; the failure card gives its advice most of the
 *              card's width, with the help link below it, and a URL wraps only after a '/'
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

/* The narrowest window the pages are made for: a phone's screen. */
#define NARROW 360

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

/* Scrolls the visible page so that widget is at its top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            at.y - 12);
  pb_test_settle (window ());
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

/* Every page built so far needs and asks for at most NARROW (its minimum and natural
 * width), and the one shown is given at most that. */
static void
assert_pages_fit (void)
{
  GtkWidget *stack = pb_test_find_by_type (window (), GTK_TYPE_STACK, 0);

  pb_test_settle (window ());
  g_assert_cmpint (gtk_widget_get_width (window ()), <=, NARROW);
  for (GtkWidget *child = gtk_widget_get_first_child (stack); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum, natural;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("page %s: minimum width %d, natural %d, given %d%s",
                      gtk_stack_get_page (GTK_STACK (stack), child) != NULL
                        ? gtk_stack_page_get_name (gtk_stack_get_page (GTK_STACK (stack), child))
                        : "?", minimum, natural, gtk_widget_get_width (child),
                      gtk_widget_get_mapped (child) ? " (shown)" : "");
      g_assert_cmpint (minimum, <=, NARROW);
      g_assert_cmpint (natural, <=, NARROW);
      if (gtk_widget_get_mapped (child))
        g_assert_cmpint (gtk_widget_get_width (child), <=, NARROW);
    }
}

/* Whether word (no space in it) is a URL, or a host name with a path. */
static gboolean
looks_like_url (const char *word)
{
  const char *slash = strchr (word, '/');
  const char *dot = strchr (word, '.');

  return strstr (word, "://") != NULL || (slash != NULL && dot != NULL && dot < slash);
}

/* Where the label's lines break inside a URL, they break after a '/'. The number of such
 * breaks. */
static guint
assert_urls_whole (GtkWidget *widget)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
  const char *text = pango_layout_get_text (layout);
  guint in_urls = 0;

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      int at = ((PangoLayoutLine *) l->data)->start_index;
      int start = at, end = at;
      g_autofree char *word = NULL;

      if (at == 0 || g_ascii_isspace (text[at - 1]))
        continue;
      while (start > 0 && !g_ascii_isspace (text[start - 1]))
        start--;
      while (text[end] != '\0' && !g_ascii_isspace (text[end]))
        end++;
      word = g_strndup (text + start, end - start);
      g_test_message ("line break in “%s” after “%.*s”", word, at - start, text + start);
      if (!looks_like_url (word))
        continue;
      g_assert_cmpint (text[at - 1], ==, '/');
      in_urls++;
    }
  return in_urls;
}

/* The failure card: the advice takes most of the card's width, the help link is below it,
 * not beside it, and no URL in the advice or the server's words breaks inside a name. */
static void
assert_failure_card (const PbExplanation *explanation)
{
  GtkWidget *advice = pb_test_find_label (window (), explanation->fix);
  GtkWidget *link = pb_test_find_by_type (window (), GTK_TYPE_LINK_BUTTON, 0);
  GtkWidget *server = pb_test_find_label_prefix (window (), "534-5.7.9");
  GtkWidget *card;
  guint in_urls;

  g_assert_nonnull (advice);
  g_assert_nonnull (link);
  g_assert_nonnull (server);
  card = gtk_widget_get_ancestor (advice, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (card);
  g_test_message ("failure card %d px wide, its advice %d px", gtk_widget_get_width (card),
                  gtk_widget_get_width (advice));
  g_assert_cmpint (gtk_widget_get_width (advice) * 10, >=, gtk_widget_get_width (card) * 6);
  g_assert_cmpfloat (top_of (link), >=, top_of (advice) + gtk_widget_get_height (advice));
  in_urls = assert_urls_whole (advice) + assert_urls_whole (server);
  g_test_message ("%u line breaks inside URLs, each after a '/'", in_urls);
  /* The server's URL (https://support.google.com/mail/?p=InvalidSecondFactor) does not fit
   * on one line at this width: the check above saw it break. */
  g_assert_cmpuint (in_urls, >, 0);
}

/* The certificate dialog is as wide as it wants to be: that natural width fits too. */
static void
assert_dialog_fits (GtkWidget *dialog)
{
  GtkWidget *content;
  int minimum, natural;

  gtk_widget_measure (dialog, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("certificate dialog: minimum width %d, natural %d, given %d", minimum,
                  natural, gtk_widget_get_width (dialog));
  g_assert_cmpint (natural, <=, NARROW);
  g_assert_cmpint (gtk_widget_get_width (dialog), <=, NARROW);
  /* Nothing of it is cut off: its content needs no more than it is given. */
  content = gtk_window_get_child (GTK_WINDOW (dialog));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("its content: minimum width %d, given %d", minimum,
                  gtk_widget_get_width (content));
  g_assert_cmpint (minimum, <=, gtk_widget_get_width (content));
}

static void
flow_narrow (void)
{
  PbFailure failure = { .provider_id = (char *) "gmail" };
  g_autoptr(PbExplanation) app_password = pb_diagnosis_explain (PB_PROBLEM_AUTH_APP_PASSWORD_REQUIRED,
                                                                &failure);
  g_autoptr(PbExplanation) untrusted = pb_diagnosis_explain (PB_PROBLEM_CERT_UNTRUSTED, NULL);
  GtkWidget *dialog = NULL;
  g_autofree char *shot = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window ()), NARROW, 720);
  assert_pages_fit ();

  /* Detection under way, and nothing found. */
  pb_test_type_into (window (), ADW_TYPE_ENTRY_ROW, 1, "someone@stall.test");
  pb_test_click (pb_test_tr ("_Continue", "_Weiter"));
  g_assert_cmpint (page (), ==, PB_WINDOW_PAGE_DETECT);
  assert_pages_fit ();
  gtk_widget_activate_action (window (), "win.cancel", NULL);
  pb_test_type_into (window (), ADW_TYPE_ENTRY_ROW, 1, "max@nothing.test");
  pb_test_click (pb_test_tr ("_Continue", "_Weiter"));
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_NOT_FOUND), 30000));
  assert_pages_fit ();
  gtk_widget_activate_action (window (), "win.back", NULL);

  /* Google wants an app password: the failure with a help link and a URL. */
  pb_test_enter_address ("Test User", "postbote.test@gmail.com", "Scripted-Pass-1", NULL);
  assert_pages_fit ();
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) app_password->title));
  assert_pages_fit ();
  assert_failure_card (app_password);
  scroll_to (pb_test_find_label (window (), pb_test_tr ("What You Can Do", "Was Sie tun können")));
  pb_test_shot ("result-failure-narrow");

  /* A certificate to inspect, by hand. */
  gtk_widget_activate_action (window (), "win.back", NULL);
  gtk_widget_activate_action (window (), "win.back", NULL);
  pb_test_settle (window ());
  pb_test_click (pb_test_tr ("Check a Server _by Hand", "Server von _Hand prüfen"));
  pb_test_type_into (window (), ADW_TYPE_ENTRY_ROW, 0, "badcert-selfsigned.smtp.test");
  pb_test_type_into (window (), ADW_TYPE_ENTRY_ROW, 1, "user@badcert-selfsigned.smtp.test");
  pb_test_type_into (window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, "Scripted-Pass-1");
  pb_test_run_test_and_wait ();
  g_assert_true (pb_test_label_shown ((gpointer) untrusted->title));
  assert_pages_fit ();
  pb_test_click (pb_test_tr ("Inspect _Certificate…", "_Zertifikat ansehen…"));
  g_assert_true (pb_test_wait_until (pb_test_certificate_dialog_shown, &dialog, 5000));
  pb_test_settle (dialog);
  assert_dialog_fits (dialog);
  shot = g_strdup_printf ("certificate-dialog-narrow-%s", pb_test_is_german () ? "de" : "en");
  pb_test_screenshot (dialog, shot);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
}

static const PbTestFlow flows[] = {
  { "done", flow_done },
  { "narrow", flow_narrow },
};

int
main (int    argc,
      char **argv)
{
  return pb_test_flow_main (&argc, &argv, "gui-end", flows, G_N_ELEMENTS (flows));
}
