/* pb-window-flow.h: the setup flow as the window's pages show it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the address to the discovery, from the settings to a test of the account (or of a
 * server entered by hand), and each of the flow's signals onto the pages. pb-window.c
 * calls in here from its actions; nothing here calls back up.
 */
#pragma once

#include "pb-window-page.h"

G_BEGIN_DECLS

/* Follows the window's flow: its signals from now on go to the pages. */
void pb_window_flow_init                (PbWindow *self);
/* The start page's address, to discover its settings. */
void pb_window_flow_discover            (PbWindow *self);
/* After nothing was found: the settings page for a server entered by hand, with the
 * address and password of the start page. */
void pb_window_flow_enter_manually      (PbWindow *self);
/* The settings page for a server entered by hand, without a discovery. */
void pb_window_flow_manual              (PbWindow *self);
/* Tests the settings page's settings; send_test: with a test message. */
void pb_window_flow_run_check           (PbWindow *self,
                                         gboolean  send_test);
/* Done: a clean start page, as for a new account; every form and secret cleared. */
void pb_window_flow_start_over          (PbWindow *self);
/* Try Again: the last test once more (a test message only if it sent one). */
void pb_window_flow_retry               (PbWindow *self);
void pb_window_flow_inspect_certificate (PbWindow *self);
/* Removes the passwords the last test saved, for each half's login, from the keyring. */
void pb_window_flow_forget_password     (PbWindow *self);
/* Signing out: removes the address's saved sign-ins, as postbote forget does. */
void pb_window_flow_forget_sign_in      (PbWindow *self);

G_END_DECLS
