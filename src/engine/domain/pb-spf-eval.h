/* pb-spf-eval.h: does a domain's SPF policy let its mail provider's servers send for it?
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-domain-dns.h"
#include "pb-spf-check-host.h"

G_BEGIN_DECLS

typedef enum {
  PB_SPF_STATUS_OK,
  PB_SPF_STATUS_MISSING,
  PB_SPF_STATUS_NOT_AUTHORIZED,
  PB_SPF_STATUS_INVALID,
  PB_SPF_STATUS_TOO_MANY_LOOKUPS,
  PB_SPF_STATUS_MULTIPLE,
  PB_SPF_STATUS_DNS_ERROR,
} PbSpfStatus;

/* Why a policy is invalid or over its limits, for the explanation. */
typedef enum {
  PB_SPF_REASON_NONE,
  PB_SPF_REASON_SYNTAX,          /* detail: the parser's sentence */
  PB_SPF_REASON_LOOP,            /* detail: "a.test → b.test → a.test" */
  PB_SPF_REASON_INCLUDE_MISSING, /* detail: the included domain without a policy */
  PB_SPF_REASON_VOID_LOOKUPS,    /* detail: the names that did not exist */
  PB_SPF_REASON_NO_SERVER,       /* ok, but no sending server was known to check */
} PbSpfReason;

typedef struct {
  const char *sender;           /* the address */
  const char *domain;           /* its domain */
  const char *provider_domain;  /* the provider's own SPF domain, or NULL */
  const char *server_host;      /* else the domain's own submission server, or NULL */
} PbSpfQuery;

typedef struct {
  PbSpfStatus status;
  PbSpfReason reason;
  char       *detail;
  char       *record;           /* the policy found, or NULL */
  guint       lookups;          /* DNS-querying terms of the whole policy, includes expanded */
  guint       void_lookups;
  char       *provider_domain;  /* copied from the query */
  char       *server_host;
  GStrv       failing;          /* not-authorized, own server: its addresses that do not pass */
  char       *publish;          /* the record to publish instead, or NULL */
} PbSpfReport;

const char  *pb_spf_status_to_string   (PbSpfStatus  status);
gboolean     pb_spf_status_from_string (const char  *str,
                                        PbSpfStatus *out);

void         pb_spf_report_free (PbSpfReport *report);

/* Blocking: every lookup through dns, which caches them. */
PbSpfReport *pb_spf_eval_run    (PbDomainDns       *dns,
                                 const PbSpfQuery  *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSpfReport, pb_spf_report_free)

G_END_DECLS
