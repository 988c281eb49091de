/* pb-dmarc-check.c: the DMARC policy that covers a domain, looked up and judged
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "pb-dmarc-check.h"
#include "pb-name-table.h"

/* Indexed by PbDmarcStatus. */
static const char * const status_names[] = { "ok", "missing", "invalid", "dns-error" };

PB_DEFINE_NAME_TABLE (PbDmarcStatus, pb_dmarc_status, status_names, FALSE)

void
pb_dmarc_report_free (PbDmarcReport *report)
{
  if (report == NULL)
    return;
  g_free (report->record);
  g_free (report->found_at);
  g_free (report->detail);
  g_free (report->publish);
  g_free (report);
}

/* The DMARC records at name: FOUND with the one meant as DMARC in *text (the first when
 * there are several: *several is set), VOID without one. */
static PbDomainDnsAnswer
fetch (PbDomainDns  *dns,
       const char   *name,
       char        **text,
       gboolean     *several)
{
  const char * const *records;
  PbDomainDnsAnswer answer = pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, name, &records);

  *text = NULL;
  *several = FALSE;
  for (guint i = 0; answer == PB_DOMAIN_DNS_FOUND && records[i] != NULL; i++)
    {
      if (!pb_dmarc_record_is_dmarc (records[i]))
        continue;
      if (*text != NULL)
        *several = TRUE;
      else
        *text = g_strdup (records[i]);
    }
  return answer == PB_DOMAIN_DNS_FOUND && *text == NULL ? PB_DOMAIN_DNS_VOID : answer;
}

static void
judge (PbDmarcReport *report,
       const char    *text,
       gboolean       several)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDmarcRecord) record = NULL;

  report->record = g_strdup (text);
  if (several)
    {
      /* RFC 7489 6.6.3: more than one record, and receivers apply none. */
      report->status = PB_DMARC_STATUS_INVALID;
      report->detail = g_strdup ("several");
      return;
    }
  record = pb_dmarc_record_parse (text, &error);
  if (record == NULL)
    {
      report->status = PB_DMARC_STATUS_INVALID;
      report->detail = g_strdup (error->message);
      return;
    }
  report->status = PB_DMARC_STATUS_OK;
  report->policy = record->policy;
  report->reports = record->rua[0] != NULL;
}

PbDmarcReport *
pb_dmarc_check_run (PbDomainDns *dns,
                    const char  *domain)
{
  PbDmarcReport *report = g_new0 (PbDmarcReport, 1);
  const char *org;
  const char *names[2] = { domain, NULL };

  /* Without a record of its own, a subdomain is covered by its organizational domain's. */
  org = soup_tld_get_base_domain (domain, NULL);
  if (org != NULL && g_ascii_strcasecmp (org, domain) != 0)
    names[1] = org;
  for (guint i = 0; i < G_N_ELEMENTS (names) && names[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("_dmarc.", names[i], NULL);
      g_autofree char *text = NULL;
      gboolean several;

      switch (fetch (dns, name, &text, &several))
        {
        case PB_DOMAIN_DNS_ERROR:
          report->status = PB_DMARC_STATUS_DNS_ERROR;
          report->detail = g_steal_pointer (&name);
          return report;
        case PB_DOMAIN_DNS_FOUND:
          report->found_at = g_steal_pointer (&name);
          judge (report, text, several);
          break;
        case PB_DOMAIN_DNS_VOID:
          continue;
        }
      break;
    }
  if (report->found_at == NULL)
    report->status = PB_DMARC_STATUS_MISSING;
  /* A starting record for a domain with none that works. */
  if (report->status == PB_DMARC_STATUS_MISSING || report->status == PB_DMARC_STATUS_INVALID)
    report->publish = g_strdup_printf ("v=DMARC1; p=none; rua=mailto:postmaster@%s", domain);
  return report;
}
