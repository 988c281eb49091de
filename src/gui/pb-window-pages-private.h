/* pb-window-pages-private.h: the window's state and its pages, shared by its parts
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window is one object in three files, each below the one before it:
 *   pb-window.c        the type, its actions and keys, its size; drives the two below
 *   pb-window-flow.c   the setup flow (PbSetup) as the pages show it: discovery, tests
 *   pb-window-pages.c  the pages, built when first needed, and moving between them
 * The struct is here so that the lower parts need not call up: a page's signals become the
 * window's actions ("win.test", "win.retry", ...), which pb-window.c installs.
 */
#pragma once

#include <adwaita.h>

#include "pb-address.h"
#include "pb-detect-page.h"
#include "pb-not-found-page.h"
#include "pb-result-page.h"
#include "pb-settings-page.h"
#include "pb-sign-in-page.h"
#include "pb-setup.h"
#include "pb-start-page.h"
#include "pb-test-page.h"
#include "pb-window-account.h"
#include "pb-window-asker.h"
#include "pb-window-page.h"
#include "pb-window-sign-in.h"

G_BEGIN_DECLS

struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  PbAddress            *address;
  PbSetup              *setup;         /* decides; the window presents and asks the user */
  PbWindowAsker        *asker;         /* the flow's questions, answered by pages and dialogs */
  PbWindowAccount      *account;       /* the account test under way or shown, if any */
  PbWindowSignIn       *sign_in;       /* its sign-in at the provider, if any */

  AdwToastOverlay      *toast_overlay;
  GtkStack             *pages;
  GtkWidget            *back_button;
  PbStartPage          *start_page;
  PbDetectPage         *detect_page;
  PbNotFoundPage       *not_found_page;
  PbSettingsPage       *settings_page;
  PbSignInPage         *sign_in_page;
  PbTestPage           *test_page;
  PbResultPage         *result_page;

  gboolean              send_test_next;
  gboolean              send_test_last;  /* Try Again repeats a test that sent a message */
  guint                 round_trip_wait_ms;
};

/* Each page, built by its getter when first asked for. */
PbDetectPage   *pb_window_pages_detect     (PbWindow   *self);
PbNotFoundPage *pb_window_pages_not_found  (PbWindow   *self);
PbSettingsPage *pb_window_pages_settings   (PbWindow   *self);
PbSignInPage   *pb_window_pages_sign_in    (PbWindow   *self);
PbTestPage     *pb_window_pages_test       (PbWindow   *self);
PbResultPage   *pb_window_pages_result     (PbWindow   *self);
/* page: one of the pages, built by its getter; it is shown from its top. */
void            pb_window_pages_show       (PbWindow   *self,
                                            gpointer    page);
PbWindowPage    pb_window_pages_get_current (PbWindow  *self);
void            pb_window_pages_toast      (PbWindow   *self,
                                            const char *message);
/* Starts a new piece of cancellable work, cancelling whatever ran before. */
GCancellable   *pb_window_pages_begin_work (PbWindow   *self);
/* The pages built so far go with the stack: forgets them. */
void            pb_window_pages_forget     (PbWindow   *self);

G_END_DECLS
