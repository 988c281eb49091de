/* pb-page-util.h: small things every page does alike
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows text in label, or hides the label (NULL): an empty label would still take its
 * place and spacing in the page. */
void pb_page_show_text (GtkLabel   *label,
                        const char *text);

G_END_DECLS
