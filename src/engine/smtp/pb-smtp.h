/* pb-smtp.h: the SMTP client with all its operations, for its users
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-smtp-client.h"
#include "pb-smtp-commands.h"
#include "pb-smtp-connect.h"
#include "pb-smtp-envelope.h"
