/* pb-start-page.h: name, address and password
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-address.h"

G_BEGIN_DECLS

/* How long typing pauses before a problem with the address is said. */
#define PB_START_PAGE_PAUSE_MS 800

/* How long typing pauses before the provider of the address is shown (a built-in lookup). */
#define PB_START_PAGE_HINT_DELAY_MS 50

#define PB_TYPE_START_PAGE (pb_start_page_get_type ())

G_DECLARE_FINAL_TYPE (PbStartPage, pb_start_page, PB, START_PAGE, AdwBin)

const char *pb_start_page_get_name     (PbStartPage *self);
const char *pb_start_page_get_password (PbStartPage *self);
PbAddress  *pb_start_page_dup_address  (PbStartPage *self);
void        pb_start_page_set_address  (PbStartPage *self,
                                        const char  *address);
void        pb_start_page_set_password (PbStartPage *self,
                                        const char  *password);
/* The "Remember password" switch beside the password. */
gboolean    pb_start_page_get_remember (PbStartPage *self);
void        pb_start_page_set_remember (PbStartPage *self,
                                        gboolean     remember);
/* Empties the page for a new account (the remember switch stays as it is). */
void        pb_start_page_clear        (PbStartPage *self);
void        pb_start_page_focus        (PbStartPage *self);

G_END_DECLS
