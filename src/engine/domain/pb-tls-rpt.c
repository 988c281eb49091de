/* pb-tls-rpt.c: whether a domain asks for TLS reports (RFC 8460)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-name-table.h"
#include "pb-tag-list.h"
#include "pb-text.h"
#include "pb-tls-rpt.h"

/* Indexed by PbTlsRptStatus. */
static const char * const status_names[] = { "none", "ok", "invalid", "dns-error" };

PB_DEFINE_NAME_TABLE (PbTlsRptStatus, pb_tls_rpt_status, status_names, FALSE)

void
pb_tls_rpt_report_free (PbTlsRptReport *report)
{
  if (report == NULL)
    return;
  g_free (report->record);
  g_free (report->rua);
  g_free (report->detail);
  g_free (report);
}

/* Every comma-separated URI is mailto: or https: (RFC 8460 3). */
static gboolean
rua_is_valid (const char *rua)
{
  g_auto(GStrv) uris = g_strsplit (rua, ",", -1);

  if (uris[0] == NULL)
    return FALSE;
  for (guint i = 0; uris[i] != NULL; i++)
    {
      const char *uri = g_strstrip (uris[i]);

      if (!(g_str_has_prefix (uri, "mailto:") && uri[7] != '\0')
          && !(g_str_has_prefix (uri, "https://") && uri[8] != '\0'))
        return FALSE;
    }
  return TRUE;
}

static PbTlsRptStatus
judge (PbTlsRptReport *report)
{
  g_autofree char *bad = NULL;
  PbTlsRptStatus status = PB_TLS_RPT_STATUS_INVALID;
  PbTagListStatus why;
  g_autoptr(GPtrArray) tags = pb_tag_list_parse (report->record, &why, &bad);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      const PbTag *tag = g_ptr_array_index (tags, i);

      if (strcmp (tag->name, "rua") == 0 && rua_is_valid (tag->value))
        {
          report->rua = pb_text_make_safe (tag->value, -1, "");
          status = PB_TLS_RPT_STATUS_OK;
        }
    }
  if (tags == NULL)
    report->detail = g_strdup (_("it is not a list of tag=value pairs"));
  else if (status != PB_TLS_RPT_STATUS_OK)
    report->detail = g_strdup (_("it has no rua= with mailto: or https: addresses"));
  return status;
}

PbTlsRptReport *
pb_tls_rpt_check_run (PbDomainDns *dns,
                      const char  *domain)
{
  PbTlsRptReport *report = g_new0 (PbTlsRptReport, 1);
  g_autofree char *name = g_strdup_printf ("_smtp._tls.%s", domain);
  const char * const *records;

  switch (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, name, &records))
    {
    case PB_DOMAIN_DNS_ERROR:
      report->status = PB_TLS_RPT_STATUS_DNS_ERROR;
      report->detail = g_steal_pointer (&name);
      return report;
    case PB_DOMAIN_DNS_VOID:
      report->status = PB_TLS_RPT_STATUS_NONE;
      return report;
    case PB_DOMAIN_DNS_FOUND:
      break;
    }
  for (guint i = 0; records[i] != NULL; i++)
    {
      if (!pb_tag_list_has_version (records[i], "v=TLSRPTv1"))
        continue;
      if (report->record != NULL)
        {
          report->status = PB_TLS_RPT_STATUS_INVALID;
          report->detail = g_strdup (_("there is more than one TLS-RPT record"));
          return report;
        }
      report->record = g_strdup (records[i]);
    }
  report->status = report->record == NULL ? PB_TLS_RPT_STATUS_NONE : judge (report);
  return report;
}
