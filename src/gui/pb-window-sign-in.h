/* pb-window-sign-in.h: the sign-in at the provider (OAuth 2.0) as the window shows it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test with the provider's sign-in (pb_setup_set_oauth()) signs in before its halves
 * start: the sign-in page follows the sign-in's stages, ::open-uri opens the browser
 * (gtk_show_uri_full) and shows the address to copy, and what became of the sign-in (kept
 * in the keyring or not) is a row of the result page. The window hands over its pages;
 * nothing here knows the window or decides anything.
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-oauth-sign-in.h"
#include "pb-result-page.h"
#include "pb-sign-in-page.h"

G_BEGIN_DECLS

typedef struct _PbWindowSignIn PbWindowSignIn;

PbWindowSignIn *pb_window_sign_in_new    (void);
void            pb_window_sign_in_free   (PbWindowSignIn *self);

/* A test begins: nothing of an earlier sign-in is followed or kept. keep: the test keeps
 * the sign-in in the keyring (stays signed in). */
void            pb_window_sign_in_begin  (PbWindowSignIn *self,
                                          gboolean        keep);
/* The flow's ::sign-in-started: page follows sign_in at provider (the name it shows), and
 * the browser opens for parent. */
void            pb_window_sign_in_follow (PbWindowSignIn *self,
                                          PbOAuthSignIn  *sign_in,
                                          const char     *provider,
                                          PbSignInPage   *page,
                                          GtkWindow      *parent);
/* What became of a sign-in that ended, as a row of the result page below the outgoing
 * half (shown after pb_window_account_show()); nothing without one. */
void            pb_window_sign_in_show   (PbWindowSignIn *self,
                                          PbResultPage   *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbWindowSignIn, pb_window_sign_in_free)

G_END_DECLS
