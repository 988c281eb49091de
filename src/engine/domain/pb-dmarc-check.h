/* pb-dmarc-check.h: the DMARC policy that covers a domain, looked up and judged
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-dmarc-record.h"
#include "pb-domain-dns.h"

G_BEGIN_DECLS

typedef enum {
  PB_DMARC_STATUS_OK,
  PB_DMARC_STATUS_MISSING,
  PB_DMARC_STATUS_INVALID,
  PB_DMARC_STATUS_DNS_ERROR,
} PbDmarcStatus;

typedef struct {
  PbDmarcStatus status;
  char         *record;     /* the record found, or NULL */
  char         *found_at;   /* where: _dmarc.<domain> or _dmarc.<organizational domain> */
  PbDmarcPolicy policy;     /* ok */
  gboolean      reports;    /* ok: rua= asks for aggregate reports */
  char         *detail;     /* invalid: the parser's sentence; dns-error: the name */
  char         *publish;    /* missing, invalid: the record to start with */
} PbDmarcReport;

const char    *pb_dmarc_status_to_string   (PbDmarcStatus  status);
gboolean       pb_dmarc_status_from_string (const char    *str,
                                            PbDmarcStatus *out);

void           pb_dmarc_report_free (PbDmarcReport *report);
/* Blocking, for a worker thread. */
PbDmarcReport *pb_dmarc_check_run   (PbDomainDns   *dns,
                                     const char    *domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDmarcReport, pb_dmarc_report_free)

G_END_DECLS
