/* pb-server-row.h: a found server as a row, with a button that copies its settings
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-server-config.h"

G_BEGIN_DECLS

/* "IMAP (SSL/TLS)" over "imap.example.com, port 993, user alice@example.com"; its Copy
 * button copies the same in one line. user: the login name. */
GtkWidget *pb_server_row_new (PbServerConfig *server,
                              const char     *user);

G_END_DECLS
