/* pb-imap.h: the IMAP client with all its operations, for its users
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-imap-auth.h"
#include "pb-imap-client.h"
#include "pb-imap-commands.h"
#include "pb-imap-connect.h"
#include "pb-imap-mailbox.h"
