/* pb-test-discovery.h: what the discovery tests in the lab assert about a result
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-discovery.h"

G_BEGIN_DECLS

/* The mask of one source, for pb_test_discover() and its kin. */
#define ONLY(source) PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_##source)

/* servers holds a server at index, with that host, port and security. */
void assert_server (GPtrArray         *servers,
                    guint              index,
                    const char        *host,
                    guint16            port,
                    PbSecurity         security);

/* The result has a configuration, and source found it. */
void assert_source (PbDiscoveryResult *result,
                    PbDiscoverySource  source);

G_END_DECLS
