/* pb-check-smtp.h: the check of an outgoing server, SMTP's driver of a check session
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connect (TLS or STARTTLS, EHLO), login, a sender-policy dry run and a real test message
 * as the options ask, QUIT; ends the session with pb_check_session_finish().
 */
#pragma once

#include "pb-check-session.h"

G_BEGIN_DECLS

void pb_check_smtp_run (PbCheckSession *session);

G_END_DECLS
