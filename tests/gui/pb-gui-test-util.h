/* pb-gui-test-util.h: helpers for tests that drive the real window
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-test-util.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

typedef gboolean (*PbTestPredicate) (gpointer user_data);

gboolean   pb_test_wait_until        (PbTestPredicate predicate,
                                      gpointer        user_data,
                                      guint           timeout_ms);
void       pb_test_wait_ms           (guint           ms);
GtkWidget *pb_test_find_label        (GtkWidget      *root,
                                      const char     *text);
GtkWidget *pb_test_find_label_prefix (GtkWidget      *root,
                                      const char     *prefix);
GtkWidget *pb_test_find_label_containing (GtkWidget  *root,
                                          const char *text);
GtkWidget *pb_test_find_by_type      (GtkWidget      *root,
                                      GType           type,
                                      guint           nth);
GtkWidget *pb_test_find_button       (GtkWidget      *root,
                                      const char     *label);
void       pb_test_settle            (GtkWidget      *widget);
gboolean   pb_test_press_key         (GtkWidget      *widget,
                                      guint           keyval,
                                      GdkModifierType modifiers);
void       pb_test_screenshot        (GtkWidget      *widget,
                                      const char     *name);
GdkTexture *pb_test_render           (GtkWidget      *widget);
double     pb_test_mean_luminance    (GdkTexture     *texture);

/* Types text into the nth widget of the type (an entry row) below root, as a user would. */
void        pb_test_type_into        (GtkWidget      *root,
                                      GType           type,
                                      guint           nth,
                                      const char     *text);

/* The text in the language the test runs in (pb_test_is_german ()). */
const char *pb_test_tr               (const char     *en,
                                      const char     *de);

/* Runs the real application (not unique) until it quits; on_activate runs after the
 * application's own activate handler, from inside its main loop. */
void       pb_test_run_application   (void (*on_activate) (GApplication *application));
/* The running application's active window, or NULL. */
GtkWidget *pb_test_get_window        (void);
/* Waits until the active window is mapped; FALSE after timeout_ms. */
gboolean   pb_test_wait_for_window   (guint           timeout_ms);

/* Driving the active window like a user (the widgets must be mapped). */
/* page: GINT_TO_POINTER (a PbWindowPage) */
gboolean   pb_test_page_is           (gpointer        page);
gboolean   pb_test_label_shown       (gpointer        text);
/* Whether a certificate dialog is shown; user_data: a GtkWidget ** that then holds it. */
gboolean   pb_test_certificate_dialog_shown (gpointer  user_data);
void       pb_test_shot              (const char     *what);
void       pb_test_click_no_settle   (const char     *label);
void       pb_test_click             (const char     *label);
/* Scrolls the visible page so that widget's top is at the top of the view. */
void       pb_test_scroll_to         (GtkWidget      *widget);
/* The clipboard's text, read back through GDK as a pasting application would. */
char      *pb_test_read_clipboard    (GtkWidget      *widget);
/* Start page to settings page, through the real discovery. */
void       pb_test_enter_address     (const char     *name,
                                      const char     *address,
                                      const char     *password,
                                      const char     *settings_shot);
/* Test Settings, and wait for the result page. */
void       pb_test_run_test_and_wait (void);
/* The password the keyring holds for user on the server's host and port, without a prompt
 * (NULL when there is none). */
char      *pb_test_keyring_lookup    (PbServerConfig *server,
                                      const char     *user,
                                      GError        **error);
/* How many lines of $PB_LAB_DIR/scripted/FILE contain text (0 without the file);
 * "../log/postfix.log" is Postfix's log. */
guint      pb_test_lab_count         (const char     *file,
                                      const char     *text);

/* A test program of named flows: `PROGRAM [--tap] FLOW` runs the one flow as
 * /SUITE/FLOW inside the real application; a misspelled flow is an error, not another. */
typedef struct {
  const char *name;
  void      (*run) (void);
} PbTestFlow;

int        pb_test_flow_main         (int             *argc,
                                      char          ***argv,
                                      const char      *suite,
                                      const PbTestFlow *flows,
                                      guint            n_flows);

G_END_DECLS
