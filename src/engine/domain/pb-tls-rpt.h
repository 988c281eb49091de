/* pb-tls-rpt.h: whether a domain asks for TLS reports (SMTP TLS Reporting, RFC 8460)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Information, not a failure: without it the domain hears nothing of failed encryption.
 */
#pragma once

#include "pb-domain-dns.h"

G_BEGIN_DECLS

typedef enum {
  PB_TLS_RPT_STATUS_NONE,
  PB_TLS_RPT_STATUS_OK,
  PB_TLS_RPT_STATUS_INVALID,
  PB_TLS_RPT_STATUS_DNS_ERROR,
} PbTlsRptStatus;

typedef struct {
  PbTlsRptStatus status;
  char          *record;
  char          *rua;      /* ok: where reports go (mailto: or https: URIs, as published) */
  char          *detail;   /* invalid: why; dns-error: the name */
} PbTlsRptReport;

const char     *pb_tls_rpt_status_to_string   (PbTlsRptStatus  status);
gboolean        pb_tls_rpt_status_from_string (const char     *str,
                                               PbTlsRptStatus *out);
void            pb_tls_rpt_report_free (PbTlsRptReport *report);
/* Blocking, for a worker thread: the one v=TLSRPTv1 record at _smtp._tls.<domain>, with a
 * rua= of mailto: or https: URIs (RFC 8460 3). */
PbTlsRptReport *pb_tls_rpt_check_run   (PbDomainDns *dns,
                                        const char  *domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTlsRptReport, pb_tls_rpt_report_free)

G_END_DECLS
