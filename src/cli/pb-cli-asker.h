/* pb-cli-asker.h: the setup flow's questions, answered from the command line's options
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-setup-asker.h"

G_BEGIN_DECLS

#define PB_TYPE_CLI_ASKER (pb_cli_asker_get_type ())
G_DECLARE_FINAL_TYPE (PbCliAsker, pb_cli_asker, PB, CLI_ASKER, GObject)

/* A command line cannot ask back: it answers every question no. Naming a server with
 * --server is the confirmation (the flow then has nothing to ask); a certificate is never
 * trusted from here. */
PbCliAsker *pb_cli_asker_new (void);

G_END_DECLS
