/* pb-mta-sts.h: a domain's MTA-STS policy (RFC 8461): the _mta-sts record, the policy file
 * over HTTPS, and whether it names the domain's mail servers
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Information, not a failure: a domain without MTA-STS still receives mail.
 */
#pragma once

#include "pb-domain-dns.h"

G_BEGIN_DECLS

/* RFC 8461 3.3: a policy file is small; more is not a policy. */
#define PB_MTA_STS_MAX_POLICY_BYTES 65536

typedef enum {
  PB_MTA_STS_STATUS_NONE,         /* no _mta-sts record */
  PB_MTA_STS_STATUS_OK,           /* enforce, and every MX is named */
  PB_MTA_STS_STATUS_TESTING,      /* mode testing or none: reported, not enforced */
  PB_MTA_STS_STATUS_NOT_COVERED,  /* an MX that no mx: pattern names */
  PB_MTA_STS_STATUS_INVALID,      /* the record, or the policy file, is not usable */
  PB_MTA_STS_STATUS_DNS_ERROR,
} PbMtaStsStatus;

typedef struct {
  PbMtaStsStatus status;
  char          *record;      /* the _mta-sts record found */
  char          *url;         /* where the policy file is (or would be) */
  char          *mode;        /* enforce, testing, none (from the policy) */
  GStrv          patterns;    /* the policy's mx: lines */
  char          *detail;      /* invalid: why; not-covered: the MX; dns-error: the name */
} PbMtaStsReport;

typedef struct {
  GStrv    patterns;
  char    *mode;
  guint64  max_age;
} PbMtaStsPolicy;

const char     *pb_mta_sts_status_to_string   (PbMtaStsStatus  status);
gboolean        pb_mta_sts_status_from_string (const char     *str,
                                               PbMtaStsStatus *out);
void            pb_mta_sts_report_free (PbMtaStsReport *report);
void            pb_mta_sts_policy_free (PbMtaStsPolicy *policy);
/* The policy file's text (RFC 8461 3.2): version STSv1, a mode, max_age, and mx: patterns
 * (at least one unless the mode is none). NULL with a sentence in *error. */
PbMtaStsPolicy *pb_mta_sts_policy_parse (const char  *text,
                                         GError     **error);
/* Whether host matches an mx: pattern: equal, or "*." and exactly one label more. */
gboolean        pb_mta_sts_pattern_matches (const char *pattern,
                                            const char *host);
/* Blocking, for a worker thread: the record, then the policy from
 * https://mta-sts.<domain>/.well-known/mta-sts.txt (no redirects, a validated certificate),
 * then the domain's MX hosts against its patterns. */
PbMtaStsReport *pb_mta_sts_check_run (PbDomainDns *dns,
                                      const char  *domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbMtaStsReport, pb_mta_sts_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbMtaStsPolicy, pb_mta_sts_policy_free)

G_END_DECLS
