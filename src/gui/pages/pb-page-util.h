/* pb-page-util.h: small things every page does alike
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows text in label, or hides the label (NULL): an empty label would still take its
 * place and spacing in the page. */
void      pb_page_show_text (GtkLabel   *label,
                             const char *text);

/* Shows message as a toast of the AdwToastOverlay around widget (none: only logged). Toast
 * titles are markup in libadwaita 1.2, and messages may quote a server or a file name: no
 * markup, and no bidi override or other hidden character either. The toast, or NULL. */
AdwToast *pb_page_toast     (GtkWidget  *widget,
                             const char *message);

/* A URL in label's text ("https://example.com/help", "example.com/help") wraps only after
 * a '/', never inside a name: its parts are kept whole. Call it after every new text (the
 * label's attributes are set). */
void      pb_page_keep_urls (GtkLabel   *label);
/* The label's text wraps only after separator (a fingerprint's ':'), as far as the parts
 * between fit on a line. */
void      pb_page_keep_parts (GtkLabel  *label,
                              char       separator);

G_END_DECLS
