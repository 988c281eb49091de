/* pb-window-page.h: the window's pages, named for every part of the window
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's parts below pb-window.c (pb-window-pages-private.h) know the window by this
 * name and its pages by these values, without including pb-window.h, which is above them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PbWindow PbWindow;

/* The pages of the window, in the order the assistant shows them. The nicks
 * (glib-mkenums: "start", "detect", ...) name the pages of the GtkStack, in pb-window.ui
 * too; code compares the values. */
typedef enum {
  PB_WINDOW_PAGE_START,
  PB_WINDOW_PAGE_DETECT,
  PB_WINDOW_PAGE_NOT_FOUND,
  PB_WINDOW_PAGE_SETTINGS,
  PB_WINDOW_PAGE_SIGN_IN,
  PB_WINDOW_PAGE_TEST,
  PB_WINDOW_PAGE_RESULT,
} PbWindowPage;

G_END_DECLS
