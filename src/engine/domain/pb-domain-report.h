/* pb-domain-report.h: the health of a sender domain: SPF, DMARC and DKIM together
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pb-dkim-check.h"
#include "pb-dmarc-check.h"
#include "pb-mta-sts.h"
#include "pb-spf-eval.h"
#include "pb-tls-rpt.h"

G_BEGIN_DECLS

typedef struct {
  char          *domain;
  char          *provider_id;       /* the preset the domain's mail runs on, or NULL */
  char          *provider_name;
  char          *where;             /* the preset's pb:dnsRecords note, localized, or NULL */
  gboolean       mailbox_provider;  /* an address at a mailbox provider's own domain:
                                     * nothing is checked, the three results are NULL */
  PbSpfReport   *spf;
  PbDmarcReport *dmarc;
  PbDkimReport  *dkim;
  PbMtaStsReport *mta_sts;          /* information: not part of is_ok */
  PbTlsRptReport *tls_rpt;          /* information: not part of is_ok */
} PbDomainReport;

void      pb_domain_report_free    (PbDomainReport *report);
/* SPF, DKIM and DMARC all ok (or nothing to check at a mailbox provider). */
gboolean  pb_domain_report_is_ok   (const PbDomainReport *report);
/* The document of postbote domain --json. */
char     *pb_domain_report_to_json (const PbDomainReport *report);
/* The members of pb_domain_report_to_json()'s object, into an object builder has open. */
void      pb_domain_report_write_members (JsonBuilder          *builder,
                                          const PbDomainReport *report);
/* The text for people: one paragraph per record. */
char     *pb_domain_report_to_text (const PbDomainReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDomainReport, pb_domain_report_free)

G_END_DECLS
