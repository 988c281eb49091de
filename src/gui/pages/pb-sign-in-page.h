/* pb-sign-in-page.h: the sign-in at the provider under way, most of all in the browser
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown while a test signs in at the provider (OAuth 2.0) before it logs in: first
 * "Signing In" (a saved sign-in, the code exchanged for tokens), and while the person signs
 * in in the browser "Continue in Your Browser", with the address of the sign-in page to copy
 * should no browser have opened. Cancel is the window's (win.cancel).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_SIGN_IN_PAGE (pb_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (PbSignInPage, pb_sign_in_page, PB, SIGN_IN_PAGE, AdwBin)

/* A sign-in at provider (its name) begins; the browser may take up to timeout_minutes. */
void        pb_sign_in_page_begin             (PbSignInPage *self,
                                               const char   *provider,
                                               guint         timeout_minutes);
/* The person signs in in the browser at uri (the sign-in page's address); NULL: no longer,
 * the sign-in goes on by itself. */
void        pb_sign_in_page_set_uri           (PbSignInPage *self,
                                               const char   *uri);
/* No browser could be opened (message: why): the address is shown to open by hand. */
void        pb_sign_in_page_set_browser_error (PbSignInPage *self,
                                               const char   *message);
/* The address shown, or NULL. */
const char *pb_sign_in_page_get_uri           (PbSignInPage *self);

G_END_DECLS
