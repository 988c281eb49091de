/* pb-autoconfig-private.h: shared between the safe reader and the element parser
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "pb-account-config.h"
#include "pb-autoconfig.h"

G_BEGIN_DECLS

/* An element with this local name in namespace ns (NULL: no namespace, as autoconfig). */
gboolean         pb_autoconfig_is_element    (xmlNode    *node,
                                              const char *ns,
                                              const char *name);
/* Never NULL; the caller decides whether a provider without servers is of any use. */
PbAccountConfig *pb_autoconfig_read_provider (xmlNode           *element,
                                              const char        *source_url,
                                              PbAutoconfigFlags  flags);

#define is_ac(node, name) pb_autoconfig_is_element ((node), NULL, (name))
#define is_pb(node, name) pb_autoconfig_is_element ((node), PB_PROVIDER_NS, (name))

G_END_DECLS
