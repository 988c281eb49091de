/* pb-window-pages.c: the window's pages, built when first needed, and moving between them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-page-util.h"
#include "pb-window-pages-private.h"

/* Only the start page is built with the window: the others are built when first needed,
 * which keeps them out of the time to the first frame. */
static GtkWidget *
add_page (PbWindow     *self,
          GType         type,
          PbWindowPage  name)
{
  GtkWidget *page = g_object_new (type, NULL);

  gtk_stack_add_named (self->pages, page, pb_enum_to_nick (PB_TYPE_WINDOW_PAGE, name));
  return page;
}

/* A page's signal, without arguments, becomes the window's action named by action. */
static void
activate (GtkWidget  *page,
          const char *action)
{
  gtk_widget_activate_action (page, action, NULL);
}

static void
connect_action (gpointer    page,
                const char *signal,
                const char *action)
{
  g_signal_connect (page, signal, G_CALLBACK (activate), (gpointer) action);
}

PbDetectPage *
pb_window_pages_detect (PbWindow *self)
{
  if (self->detect_page == NULL)
    self->detect_page = PB_DETECT_PAGE (add_page (self, PB_TYPE_DETECT_PAGE,
                                                 PB_WINDOW_PAGE_DETECT));
  return self->detect_page;
}

PbNotFoundPage *
pb_window_pages_not_found (PbWindow *self)
{
  if (self->not_found_page == NULL)
    {
      self->not_found_page = PB_NOT_FOUND_PAGE (add_page (self, PB_TYPE_NOT_FOUND_PAGE,
                                                          PB_WINDOW_PAGE_NOT_FOUND));
      connect_action (self->not_found_page, "manual", "win.enter-manually");
    }
  return self->not_found_page;
}

PbSettingsPage *
pb_window_pages_settings (PbWindow *self)
{
  if (self->settings_page == NULL)
    {
      self->settings_page = PB_SETTINGS_PAGE (add_page (self, PB_TYPE_SETTINGS_PAGE,
                                                        PB_WINDOW_PAGE_SETTINGS));
      connect_action (self->settings_page, "test", "win.test");
      pb_settings_page_set_remember (self->settings_page,
                                     pb_start_page_get_remember (self->start_page));
      pb_window_asker_set_settings_page (self->asker, self->settings_page);
    }
  return self->settings_page;
}

PbSignInPage *
pb_window_pages_sign_in (PbWindow *self)
{
  if (self->sign_in_page == NULL)
    self->sign_in_page = PB_SIGN_IN_PAGE (add_page (self, PB_TYPE_SIGN_IN_PAGE,
                                                   PB_WINDOW_PAGE_SIGN_IN));
  return self->sign_in_page;
}

PbTestPage *
pb_window_pages_test (PbWindow *self)
{
  if (self->test_page == NULL)
    self->test_page = PB_TEST_PAGE (add_page (self, PB_TYPE_TEST_PAGE, PB_WINDOW_PAGE_TEST));
  return self->test_page;
}

PbResultPage *
pb_window_pages_result (PbWindow *self)
{
  if (self->result_page == NULL)
    {
      self->result_page = PB_RESULT_PAGE (add_page (self, PB_TYPE_RESULT_PAGE,
                                                   PB_WINDOW_PAGE_RESULT));
      connect_action (self->result_page, "retry", "win.retry");
      connect_action (self->result_page, "send-test", "win.send-test");
      connect_action (self->result_page, "inspect-certificate", "win.inspect-certificate");
      connect_action (self->result_page, "forget-password", "win.forget-password");
      connect_action (self->result_page, "forget-sign-in", "win.forget-sign-in");
      pb_window_asker_set_result_page (self->asker, self->result_page);
    }
  return self->result_page;
}

/* Scrolls every scrolled window below widget back to its top. */
static void
scroll_to_top (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_to_top (child);
}

void
pb_window_pages_show (PbWindow *self,
                      gpointer  page)
{
  /* A page comes back as new, not where the last visit left it. */
  if (gtk_stack_get_visible_child (self->pages) != GTK_WIDGET (page))
    scroll_to_top (GTK_WIDGET (page));
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (page));
  if (page == (gpointer) self->settings_page)
    pb_settings_page_focus (self->settings_page);
  else if (page == (gpointer) self->result_page)
    pb_result_page_focus (self->result_page);
}

PbWindowPage
pb_window_pages_get_current (PbWindow *self)
{
  int page = PB_WINDOW_PAGE_START;

  pb_enum_from_nick (PB_TYPE_WINDOW_PAGE, gtk_stack_get_visible_child_name (self->pages),
                     &page);
  return page;
}

void
pb_window_pages_toast (PbWindow   *self,
                       const char *message)
{
  /* Escaped and cleaned of hidden characters there: messages may quote a server. */
  pb_page_toast (GTK_WIDGET (self->toast_overlay), message);
}

GCancellable *
pb_window_pages_begin_work (PbWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

void
pb_window_pages_forget (PbWindow *self)
{
  self->detect_page = NULL;
  self->not_found_page = NULL;
  self->settings_page = NULL;
  self->sign_in_page = NULL;
  self->test_page = NULL;
  self->result_page = NULL;
}
