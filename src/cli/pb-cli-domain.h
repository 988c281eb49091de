/* pb-cli-domain.h: postbote domain: SPF, DKIM and DMARC of an address's own domain
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* argv[0] is the verb; returns the exit status (pb-cli-args.h). */
int pb_cli_domain (int    argc,
                   char **argv);

G_END_DECLS
