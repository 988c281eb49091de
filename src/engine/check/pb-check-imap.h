/* pb-check-imap.h: the check of an IMAP server, IMAP's driver of a check session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-check-incoming.h"
#include "pb-check-session.h"
#include "pb-imap-client.h"

G_BEGIN_DECLS

void     pb_check_imap_run     (PbCheckSession *session);
/* IMAP's client as the check sets it up (ID with the mailbox's command) and its steps: the
 * round trip's session takes the same. */
const PbCheckIncomingClass *pb_check_imap_get_class (void);
/* What the client knows now (capabilities, login facts, alert, the mailbox) into result. */
void     pb_check_imap_collect (PbImapClient   *client,
                                PbCheckResult  *result);
/* After a failure: is the dialogue still in step, so that LOGOUT is polite and safe (a
 * refusal), not after garbage, a timeout, a closed session or an injection? */
gboolean pb_check_imap_in_step (PbImapClient   *client,
                                const GError   *error);

G_END_DECLS
