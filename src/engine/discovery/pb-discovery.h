/* pb-discovery.h: find an address's server settings from every source at once
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-account-config.h"
#include "pb-address.h"
#include "pb-discovery-error.h"
#include "pb-discovery-result.h"

G_BEGIN_DECLS

/* Bit (1 << PbDiscoverySource) for each source to run. */
#define PB_DISCOVERY_SOURCE_MASK(source) (1u << (source))
#define PB_DISCOVERY_ALL_SOURCES ((1u << PB_DISCOVERY_N_SOURCES) - 1)

#define PB_TYPE_DISCOVERY (pb_discovery_get_type ())
G_DECLARE_FINAL_TYPE (PbDiscovery, pb_discovery, PB, DISCOVERY, GObject)

/* Reads ispdb-base-url, allow-plain-http and discovery-timeout from GSettings. */
PbDiscovery  *pb_discovery_new            (const PbAddress   *address);

/* Overrides for the command line, the benchmark and the engine tests. */
void          pb_discovery_set_sources    (PbDiscovery       *self,
                                           guint              source_mask);
void          pb_discovery_set_timeout_ms (PbDiscovery       *self,
                                           guint              timeout_ms);
void          pb_discovery_set_ispdb_base_url (PbDiscovery   *self,
                                               const char    *url);
void          pb_discovery_set_allow_plain_http (PbDiscovery *self,
                                                 gboolean     allow);
gboolean      pb_discovery_get_allow_plain_http (PbDiscovery *self);

/* Localized short name for the GUI and the text output ("Built-in provider list"). */
const char   *pb_discovery_source_get_label (PbDiscoverySource source);

/* Progress: the state of each source as the run goes; "source-changed" (guint source) is
 * emitted on every change, in the thread-default main context of the run. */
PbSourceState pb_discovery_get_state      (PbDiscovery       *self,
                                           PbDiscoverySource  source);
const char   *pb_discovery_get_reason     (PbDiscovery       *self,
                                           PbDiscoverySource  source);

void          pb_discovery_run_async      (PbDiscovery         *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Fails only on cancellation or an address that must not be looked up; "nothing found" is
 * a result without a configuration. */
PbDiscoveryResult *pb_discovery_run_finish (PbDiscovery   *self,
                                            GAsyncResult  *result,
                                            GError       **error);

G_END_DECLS
