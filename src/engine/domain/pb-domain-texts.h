/* pb-domain-texts.h: what each state of SPF, DMARC and DKIM means and what to do, in the
 * person's language
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-dkim-check.h"
#include "pb-dmarc-check.h"
#include "pb-mta-sts.h"
#include "pb-tls-rpt.h"
#include "pb-spf-eval.h"

G_BEGIN_DECLS

/* Newly allocated sentences; provider_name may be NULL (a server of the domain's own). */
char *pb_domain_texts_spf_explanation   (const PbSpfReport   *report,
                                         const char          *provider_name);
char *pb_domain_texts_spf_fix           (const PbSpfReport   *report);
char *pb_domain_texts_dmarc_explanation (const PbDmarcReport *report);
char *pb_domain_texts_dmarc_fix         (const PbDmarcReport *report);
char *pb_domain_texts_dkim_explanation  (const PbDkimReport  *report);
char *pb_domain_texts_dkim_fix          (const PbDkimReport  *report);
/* A status as a short word or two for the text report, translated ("not authorized"). */
const char *pb_domain_texts_spf_status   (PbSpfStatus   status);
const char *pb_domain_texts_dmarc_status (PbDmarcStatus status);
const char *pb_domain_texts_dkim_status  (PbDkimStatus  status);
char *pb_domain_texts_mta_sts_explanation (const PbMtaStsReport *report);
char *pb_domain_texts_mta_sts_fix         (const PbMtaStsReport *report);
const char *pb_domain_texts_mta_sts_status (PbMtaStsStatus status);
char *pb_domain_texts_tls_rpt_explanation (const PbTlsRptReport *report);
const char *pb_domain_texts_tls_rpt_status (PbTlsRptStatus status);

G_END_DECLS
