/* pb-domain-dns.h: the DNS answers a domain check reads, each name asked once
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a lookup found. VOID is RFC 7208's "void lookup": the name does not exist or has no
 * record of the type; ERROR is a temporary failure (or cancellation), not an answer. */
typedef enum {
  PB_DOMAIN_DNS_FOUND,
  PB_DOMAIN_DNS_VOID,
  PB_DOMAIN_DNS_ERROR,
} PbDomainDnsAnswer;

typedef enum {
  PB_DOMAIN_DNS_TXT,
  PB_DOMAIN_DNS_A,
  PB_DOMAIN_DNS_AAAA,
  PB_DOMAIN_DNS_MX,
} PbDomainDnsType;

typedef struct _PbDomainDns PbDomainDns;

/* Blocking lookups for a worker thread; resolver NULL = the default one. */
PbDomainDns      *pb_domain_dns_new    (GResolver     *resolver,
                                        GCancellable  *cancellable);
void              pb_domain_dns_free   (PbDomainDns   *self);
/* The answer's values in *values (transfer none, valid as long as self): TXT records with
 * their strings joined, addresses as text, MX host names (lower case, no final dot) by
 * preference. */
/* The cancellable the lookups obey, for other network work of the same check (or NULL). */
GCancellable     *pb_domain_dns_get_cancellable (PbDomainDns *self);
PbDomainDnsAnswer pb_domain_dns_lookup (PbDomainDns         *self,
                                        PbDomainDnsType      type,
                                        const char          *name,
                                        const char * const **values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDomainDns, pb_domain_dns_free)

G_END_DECLS
