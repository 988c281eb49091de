/* pb-dkim-check.h: the DKIM key a selector names, looked up and judged
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-dkim-key.h"
#include "pb-domain-dns.h"

G_BEGIN_DECLS

/* RSA keys below this are refused by receivers; below the second one they are accepted
 * but no longer recommended (RFC 8301). */
#define PB_DKIM_MIN_RSA_BITS          1024
#define PB_DKIM_RECOMMENDED_RSA_BITS  2048

typedef enum {
  PB_DKIM_STATUS_OK,
  PB_DKIM_STATUS_MISSING,
  PB_DKIM_STATUS_NOT_ALIGNED,
  PB_DKIM_STATUS_WEAK_KEY,
  PB_DKIM_STATUS_UNKNOWN,
  PB_DKIM_STATUS_INVALID,
  PB_DKIM_STATUS_DNS_ERROR,
} PbDkimStatus;

typedef struct {
  PbDkimStatus status;
  char        *selector;        /* NULL: unknown */
  char        *signing_domain;  /* d= */
  char        *record;
  PbDkimKey    key;             /* ok, weak-key */
  char        *detail;          /* invalid: the parser's sentence */
  gboolean     from_provider;   /* the selector is one the provider's preset names */
} PbDkimReport;

const char   *pb_dkim_status_to_string   (PbDkimStatus  status);
gboolean      pb_dkim_status_from_string (const char   *str,
                                          PbDkimStatus *out);

void          pb_dkim_report_free (PbDkimReport *report);
/* Blocking, for a worker thread. signing_domain NULL: from_domain. selector NULL: unknown,
 * nothing is looked up. */
PbDkimReport *pb_dkim_check_run   (PbDomainDns  *dns,
                                   const char   *from_domain,
                                   const char   *selector,
                                   const char   *signing_domain);
/* Without a selector from a message: the first of the provider's usual selectors that has
 * a key record (or a record that fails), else unknown. selectors may be NULL. */
PbDkimReport *pb_dkim_check_run_known (PbDomainDns        *dns,
                                       const char         *from_domain,
                                       const char * const *selectors);
/* Whether a key of this size earns the advice to move to 2048 bits. */
gboolean      pb_dkim_report_wants_longer_key (const PbDkimReport *report);
/* A selector or signing domain as RFC 6376 3.1 allows: DNS labels of letters, digits, "-"
 * and "_", so that nothing in it changes which name is asked. Both can come from a
 * message's header, which anyone can write. */
gboolean      pb_dkim_name_is_valid (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDkimReport, pb_dkim_report_free)

G_END_DECLS
