/* pb-window.h
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-server-config.h"
#include "pb-window-page.h"

G_BEGIN_DECLS

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
