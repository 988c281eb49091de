/* pb-not-found-page.h: no settings were found for the address, and why, in words
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-address.h"

G_BEGIN_DECLS

#define PB_TYPE_NOT_FOUND_PAGE (pb_not_found_page_get_type ())

G_DECLARE_FINAL_TYPE (PbNotFoundPage, pb_not_found_page, PB, NOT_FOUND_PAGE, AdwBin)

/* Why nothing was found for address: its domain has no mail server at all (no_mx: most
 * likely a typo), its provider publishes no settings, or the search itself failed (error,
 * else NULL). "manual" is Enter Settings Manually. */
void pb_not_found_page_set_reason (PbNotFoundPage  *self,
                                   const PbAddress *address,
                                   gboolean         no_mx,
                                   const char      *error);

G_END_DECLS
