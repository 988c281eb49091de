/* pb-pop3.h: the POP3 client with all its operations, for its users
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-pop3-client.h"
#include "pb-pop3-auth.h"
#include "pb-pop3-commands.h"
#include "pb-pop3-connect.h"
#include "pb-pop3-message.h"
