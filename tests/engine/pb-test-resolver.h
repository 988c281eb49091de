/* pb-test-resolver.h: a resolver that answers from a table, for the domain checks' tests
 *
 * The lab's dnsmasq answers what a domain publishes; it cannot fail a single lookup. This
 * table can: a row without a value is a temporary failure (SERVFAIL, a timeout) of that name
 * and type. A name and type with no row does not exist (NXDOMAIN, or no record of the type).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-domain-dns.h"

G_BEGIN_DECLS

typedef struct {
  PbDomainDnsType type;
  const char     *name;
  const char     *value;  /* TXT: the text; A, AAAA: an address; MX: "PREFERENCE HOST";
                           * NULL: the lookup fails */
} PbTestDnsRecord;

#define PB_TEST_DNS_END { 0, NULL, NULL }

/* records: ends with PB_TEST_DNS_END; must outlive the resolver. */
GResolver   *pb_test_resolver_new   (const PbTestDnsRecord *records);
/* A PbDomainDns that asks such a resolver. */
PbDomainDns *pb_test_domain_dns_new (const PbTestDnsRecord *records);

G_END_DECLS
