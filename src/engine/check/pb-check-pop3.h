/* pb-check-pop3.h: the check of an POP3 server, POP3's driver of a check session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check-session.h"

G_BEGIN_DECLS

void pb_check_pop3_run (PbCheckSession *session);

G_END_DECLS
