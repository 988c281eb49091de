/* pb-check-imap.h: the check of an IMAP server, IMAP's driver of a check session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check-incoming.h"
#include "pb-check-session.h"

G_BEGIN_DECLS

void     pb_check_imap_run     (PbCheckSession *session);
/* IMAP's client as the check sets it up (ID with the mailbox's command) and its steps: the
 * round trip's session takes the same. */
const PbCheckIncomingClass *pb_check_imap_get_class (void);

G_END_DECLS
