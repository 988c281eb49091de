/* pb-gui-test-browser.h: the lab's browser as this HOME's default browser
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the window's sign-in at the provider: a desktop file in $XDG_DATA_HOME/applications,
 * the default handler of http and https (mimeapps.list), runs tests/lab/oauth_browser.py
 * `open URL`, which plays the person at the lab's glewlwyd and follows the redirect to the
 * loopback. What gtk_show_uri_full() opens is noted. The lab's administrator's preset
 * (tests/lab/providers, the sign-in server auth.lab.test) goes into $XDG_DATA_DIRS.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In main(), before anything reads the data directories; needs $HOME (keyring-run's fresh
 * one) and $PB_LAB_SRCDIR (lab-run). */
void     pb_test_browser_install        (void);
/* away: the browser notes the address and does nothing else, as a person who went away. */
void     pb_test_browser_set_away       (gboolean away);
/* How many addresses were opened, and the last one (NULL: none). */
guint    pb_test_browser_count_opened   (void);
char    *pb_test_browser_last_opened    (void);
/* Whether the browser's last sign-in ended at the loopback with a code. */
gboolean pb_test_browser_returned_code  (void);

G_END_DECLS
