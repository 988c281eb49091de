/* pb-check-imap.h: the check of an IMAP server, IMAP's driver of a check session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check-session.h"

G_BEGIN_DECLS

void pb_check_imap_run (PbCheckSession *session);

G_END_DECLS
