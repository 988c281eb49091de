/* pb-autoconfig-provider.h: one <emailProvider> element into a PbAccountConfig
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-account-config.h"
#include "pb-autoconfig-format.h"
#include "pb-autoconfig-reader.h"

G_BEGIN_DECLS

/* An element with this local name in namespace ns (NULL: no namespace, as autoconfig). */
gboolean         pb_autoconfig_is_element    (const PbAcNode    *node,
                                              const char        *ns,
                                              const char        *name);
/* Never NULL; the caller decides whether a provider without servers is of any use. */
PbAccountConfig *pb_autoconfig_read_provider (const PbAcNode    *element,
                                              const char        *source_url,
                                              PbAutoconfigFlags  flags);

/* An <oAuth2> element: its authorization server, or NULL when incomplete or not https. */
PbOAuthIssuer   *pb_autoconfig_read_oauth2   (const PbAcNode    *element);

#define is_ac(node, name) pb_autoconfig_is_element ((node), NULL, (name))
#define is_pb(node, name) pb_autoconfig_is_element ((node), PB_PROVIDER_NS, (name))

G_END_DECLS
