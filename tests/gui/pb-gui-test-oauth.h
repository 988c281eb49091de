/* pb-gui-test-oauth.h: what the window tests of the provider's sign-in share
 * (test-gui-oauth.c, test-gui-oauth-no-client.c): alice@lab.test with the lab's
 * administrator's preset, its sign-in server auth.lab.test (glewlwyd), and the pages shown
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The setting oauth-clients, as GVariant text. */
void         pb_test_oauth_set_clients     (const char *text);
/* Postbote's registration at the lab's sign-in server, as a person or an administrator
 * sets it. */
void         pb_test_oauth_register_client (void);
/* alice@lab.test without a password, the sign-in offered and switched on; shot may be NULL. */
void         pb_test_oauth_enter_alice     (const char *shot);
/* A half's row of a login with the token. */
const char  *pb_test_oauth_accepted        (void);
/* The names of the pages the window shows from now on, one after the other. */
GString     *pb_test_record_pages          (void);
void         pb_test_stop_recording        (GString    *pages);
/* How many shown labels below root read text. */
guint        pb_test_count_labels          (GtkWidget  *root,
                                            const char *text);
/* The switch of the settings row titled row_title. */
GtkWidget   *pb_test_switch_of             (const char *row_title);

G_END_DECLS
