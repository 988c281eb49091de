/* pb-window.h
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-server-config.h"

G_BEGIN_DECLS

/* The pages of the window, in the order the assistant shows them. The nicks
 * (glib-mkenums: "start", "detect", ...) name the pages of the GtkStack, in pb-window.ui
 * too; code compares the values. */
typedef enum {
  PB_WINDOW_PAGE_START,
  PB_WINDOW_PAGE_DETECT,
  PB_WINDOW_PAGE_SETTINGS,
  PB_WINDOW_PAGE_TEST,
  PB_WINDOW_PAGE_RESULT,
} PbWindowPage;

#define PB_TYPE_WINDOW (pb_window_get_type ())

G_DECLARE_FINAL_TYPE (PbWindow, pb_window, PB, WINDOW, AdwApplicationWindow)

/* Any GtkApplication: the window needs nothing of PbApplication, which creates it. */
PbWindow     *pb_window_new       (GtkApplication *application);
PbWindowPage  pb_window_get_page  (PbWindow       *self);
void          pb_window_toast     (PbWindow       *self,
                                   const char     *message);
void          pb_window_run_check (PbWindow       *self);
PbServerConfig *pb_window_get_tested_server (PbWindow *self);

G_END_DECLS
