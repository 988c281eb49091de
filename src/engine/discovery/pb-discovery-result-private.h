/* pb-discovery-result-private.h: the result as the run builds it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery-result.h"
#include "pb-discovery-source.h"

G_BEGIN_DECLS

PbDiscoveryResult *pb_discovery_result_new         (const PbAddress   *address);
/* Takes answer. */
void               pb_discovery_result_set_outcome (PbDiscoveryResult *self,
                                                    PbDiscoverySource  source,
                                                    PbSourceState      state,
                                                    const char        *reason,
                                                    guint              ms,
                                                    PbSourceAnswer    *answer);
/* The MX lookup found no record: nothing at the domain receives mail. */
void               pb_discovery_result_set_no_mx   (PbDiscoveryResult *self,
                                                    gboolean           no_mx);
/* Picks the best-ranked source that found something; computes servers and confirmation. */
void               pb_discovery_result_conclude    (PbDiscoveryResult *self,
                                                    guint              elapsed_ms);

G_END_DECLS
