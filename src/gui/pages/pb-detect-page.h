/* pb-detect-page.h: the discovery sources as they answer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-discovery.h"

G_BEGIN_DECLS

#define PB_TYPE_DETECT_PAGE (pb_detect_page_get_type ())

G_DECLARE_FINAL_TYPE (PbDetectPage, pb_detect_page, PB, DETECT_PAGE, AdwBin)

void pb_detect_page_set_discovery (PbDetectPage    *self,
                                   PbDiscovery     *discovery,
                                   const PbAddress *address);

G_END_DECLS
