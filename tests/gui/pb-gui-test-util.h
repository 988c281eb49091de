/* pb-gui-test-util.h: finding and driving widgets in the tests of the real window
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application, its active window and programs of named flows: pb-gui-test-app.h.
 */
#pragma once

#include <adwaita.h>

#include "pb-test-util.h"

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

/* Types text into widget (an entry row) key by key through the X server, as
 * pb_test_press_key () presses each: the focus goes into the widget first. Letters, digits
 * and '-', '.', '/' and ' ' (an upper-case letter with Shift). */
void        pb_test_type_keys        (GtkWidget      *widget,
                                      const char     *text);

/* The text in the language the test runs in (pb_test_is_german ()). */
const char *pb_test_tr               (const char     *en,
                                      const char     *de);

/* The clipboard's text, read back through GDK as a pasting application would. */
char      *pb_test_read_clipboard    (GtkWidget      *widget);

G_END_DECLS
