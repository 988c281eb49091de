/* pb-gui-test-app.h: the real application in the window tests, its active window driven
 * like a user, and programs of named flows
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-gui-test-util.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

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

/* The shown Sign-in Settings dialog, or NULL; as predicates for pb_test_wait_until(). */
GtkWidget  *pb_test_sign_in_settings_dialog (void);
gboolean    pb_test_sign_in_settings_shown  (gpointer user_data);
gboolean    pb_test_sign_in_settings_gone   (gpointer user_data);

G_END_DECLS
