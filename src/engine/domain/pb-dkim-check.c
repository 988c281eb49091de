/* pb-dkim-check.c: the DKIM key a selector names, looked up and judged
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "pb-dkim-check.h"
#include "pb-name-table.h"

/* Indexed by PbDkimStatus. */
static const char * const status_names[] = {
  "ok", "missing", "not-aligned", "weak-key", "unknown", "invalid", "dns-error",
};

PB_DEFINE_NAME_TABLE (PbDkimStatus, pb_dkim_status, status_names, FALSE)

void
pb_dkim_report_free (PbDkimReport *report)
{
  if (report == NULL)
    return;
  g_free (report->selector);
  g_free (report->signing_domain);
  g_free (report->record);
  g_free (report->detail);
  g_free (report);
}

gboolean
pb_dkim_report_wants_longer_key (const PbDkimReport *report)
{
  return report->status == PB_DKIM_STATUS_OK && report->key.type == PB_DKIM_KEY_RSA
    && report->key.bits < PB_DKIM_RECOMMENDED_RSA_BITS;
}

/* DMARC's relaxed alignment (RFC 7489 3.1.1): the same organizational domain. */
static gboolean
is_aligned (const char *from_domain,
            const char *signing_domain)
{
  const char *a = soup_tld_get_base_domain (from_domain, NULL);
  const char *b = soup_tld_get_base_domain (signing_domain, NULL);

  if (g_ascii_strcasecmp (from_domain, signing_domain) == 0)
    return TRUE;
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

static void
judge_key (PbDkimReport *report)
{
  g_autoptr(GError) error = NULL;

  if (!pb_dkim_key_parse (report->record, &report->key, &error))
    {
      report->status = g_error_matches (error, PB_DKIM_KEY_ERROR, PB_DKIM_KEY_ERROR_REVOKED)
        ? PB_DKIM_STATUS_MISSING : PB_DKIM_STATUS_INVALID;
      report->detail = g_strdup (error->message);
    }
  else if (report->key.type == PB_DKIM_KEY_RSA && report->key.bits < PB_DKIM_MIN_RSA_BITS)
    report->status = PB_DKIM_STATUS_WEAK_KEY;
  else
    report->status = PB_DKIM_STATUS_OK;
}

PbDkimReport *
pb_dkim_check_run (PbDomainDns *dns,
                   const char  *from_domain,
                   const char  *selector,
                   const char  *signing_domain)
{
  PbDkimReport *report = g_new0 (PbDkimReport, 1);
  g_autofree char *name = NULL;
  const char * const *records;

  report->selector = g_strdup (selector);
  report->signing_domain = g_strdup (signing_domain != NULL ? signing_domain : from_domain);
  if (selector == NULL)
    {
      report->status = PB_DKIM_STATUS_UNKNOWN;
      return report;
    }
  name = g_strdup_printf ("%s._domainkey.%s", selector, report->signing_domain);
  switch (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, name, &records))
    {
    case PB_DOMAIN_DNS_ERROR:
      report->status = PB_DKIM_STATUS_DNS_ERROR;
      report->detail = g_steal_pointer (&name);
      return report;
    case PB_DOMAIN_DNS_VOID:
      report->status = PB_DKIM_STATUS_MISSING;
      return report;
    case PB_DOMAIN_DNS_FOUND:
      break;
    }
  report->record = g_strdup (records[0]);
  judge_key (report);
  /* A good key of another organization still fails DMARC for the From domain. */
  if (report->status == PB_DKIM_STATUS_OK && !is_aligned (from_domain, report->signing_domain))
    report->status = PB_DKIM_STATUS_NOT_ALIGNED;
  return report;
}

PbDkimReport *
pb_dkim_check_run_known (PbDomainDns        *dns,
                         const char         *from_domain,
                         const char * const *selectors)
{
  for (guint i = 0; selectors != NULL && selectors[i] != NULL; i++)
    {
      g_autoptr(PbDkimReport) report = pb_dkim_check_run (dns, from_domain, selectors[i],
                                                           NULL);

      /* A missing key says only that this guess was wrong. */
      if (report->status != PB_DKIM_STATUS_MISSING)
        {
          report->from_provider = TRUE;
          return g_steal_pointer (&report);
        }
    }
  return pb_dkim_check_run (dns, from_domain, NULL, NULL);
}

gboolean
pb_dkim_name_is_valid (const char *text)
{
  g_auto(GStrv) labels = g_strsplit (text, ".", -1);

  /* "" splits into no label at all: no name either. */
  if (labels[0] == NULL)
    return FALSE;
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *p = labels[i];

      if (*p == '\0' || *p == '-' || strlen (p) > 63)
        return FALSE;
      for (; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
          return FALSE;
    }
  return TRUE;
}
