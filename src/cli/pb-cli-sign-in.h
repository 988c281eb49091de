/* pb-cli-sign-in.h: `postbote check --oauth`: the provider's sign-in on the command line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line opens no browser itself: support staff may sit on another machine than
 * the browser. It prints the address to open on stderr and waits for the browser to come
 * back to the loopback listener (on this machine), or uses the sign-in saved in the
 * keyring. What became of the sign-in is said on stderr after the check.
 */
#pragma once

#include "pb-setup.h"

G_BEGIN_DECLS

/* Follows every sign-in of setup: prints the address to open, and, once signed in,
 * whether the sign-in was saved. */
void pb_cli_sign_in_follow (PbSetup *setup);

G_END_DECLS
