/* pb-check-pop3.h: the check of a POP3 server, POP3's driver of a check session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check-incoming.h"
#include "pb-check-session.h"

G_BEGIN_DECLS

void pb_check_pop3_run (PbCheckSession *session);
/* POP3's client as the check sets it up, and its steps: the round trip's sessions take the
 * same. */
const PbCheckIncomingClass *pb_check_pop3_get_class (void);

G_END_DECLS
