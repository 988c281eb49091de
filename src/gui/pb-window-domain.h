/* pb-window-domain.h: the sender domain's records after an account that works
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-address.h"
#include "pb-result-page.h"
#include "pb-round-trip-result.h"

G_BEGIN_DECLS

/* Checks the records of address's domain in a worker thread and shows them on page's
 * domain card; nothing for an IP literal or a mailbox provider's domain. The DKIM selector
 * comes from the test message's signature when one arrived (trip may be NULL). Cancelling
 * leaves the card as a newer result left it. */
void pb_window_domain_check (PbResultPage      *page,
                             const PbAddress   *address,
                             PbRoundTripResult *trip,
                             GCancellable      *cancellable);

G_END_DECLS
