/* pb-test-discovery.c: what the discovery tests in the lab assert about a result
 * (pb-test-discovery.h)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-test-discovery.h"

void
assert_server (GPtrArray  *servers,
               guint       index,
               const char *host,
               guint16     port,
               PbSecurity  security)
{
  PbServerConfig *s;

  g_assert_cmpuint (servers->len, >, index);
  s = g_ptr_array_index (servers, index);
  g_assert_cmpstr (s->host, ==, host);
  g_assert_cmpuint (s->port, ==, port);
  g_assert_cmpint (s->security, ==, security);
}

void
assert_source (PbDiscoveryResult *result,
               PbDiscoverySource  source)
{
  g_assert_nonnull (pb_discovery_result_get_config (result));
  g_assert_cmpstr (pb_discovery_source_to_string (pb_discovery_result_get_source (result)), ==,
                   pb_discovery_source_to_string (source));
}
