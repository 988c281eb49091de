/* pb-spf-check-host.h: RFC 7208's check_host() for one address, and the policy of a name
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-domain-dns.h"
#include "pb-spf-record.h"

G_BEGIN_DECLS

/* RFC 7208 4.6.4: more DNS-querying terms than this, or more void lookups than that, and
 * receivers give up on the policy (permerror). */
#define PB_SPF_MAX_LOOKUPS       10
#define PB_SPF_MAX_VOID_LOOKUPS  2

typedef enum {
  PB_SPF_RESULT_NONE,
  PB_SPF_RESULT_NEUTRAL,
  PB_SPF_RESULT_PASS,
  PB_SPF_RESULT_FAIL,
  PB_SPF_RESULT_SOFTFAIL,
  PB_SPF_RESULT_TEMPERROR,
  PB_SPF_RESULT_PERMERROR,
} PbSpfResult;

/* What a name publishes (4.5). */
typedef enum {
  PB_SPF_FETCH_ONE,
  PB_SPF_FETCH_NONE,
  PB_SPF_FETCH_MULTIPLE,
  PB_SPF_FETCH_INVALID,     /* *error says why */
  PB_SPF_FETCH_DNS_ERROR,
} PbSpfFetch;

/* The one v=spf1 record of name, parsed into *record and its text into *text. */
PbSpfFetch  pb_spf_fetch_policy (PbDomainDns   *dns,
                                 const char    *name,
                                 char         **text,
                                 PbSpfRecord  **record,
                                 GError       **error);
/* Whether the first len bits of two addresses of the same family agree. Not
 * GInetAddressMask: it refuses a network with host bits set, and SPF allows
 * "ip4:192.0.2.7/24" (RFC 7208 5.6 compares only the first 24 bits). */
gboolean    pb_spf_prefix_match (GInetAddress  *a,
                                 GInetAddress  *b,
                                 guint          len);
/* The result a receiver gets for mail from sender sent by ip. */
PbSpfResult pb_spf_check_host   (PbDomainDns   *dns,
                                 GInetAddress  *ip,
                                 const char    *domain,
                                 const char    *sender);

G_END_DECLS
