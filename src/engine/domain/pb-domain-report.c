/* pb-domain-report.c: the health of a sender domain: SPF, DMARC and DKIM together
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-domain-report.h"
#include "pb-domain-texts.h"
#include "pb-json.h"

void
pb_domain_report_free (PbDomainReport *report)
{
  if (report == NULL)
    return;
  g_free (report->domain);
  g_free (report->provider_id);
  g_free (report->provider_name);
  g_free (report->where);
  pb_spf_report_free (report->spf);
  pb_dmarc_report_free (report->dmarc);
  pb_dkim_report_free (report->dkim);
  pb_mta_sts_report_free (report->mta_sts);
  pb_tls_rpt_report_free (report->tls_rpt);
  g_free (report);
}

gboolean
pb_domain_report_is_ok (const PbDomainReport *report)
{
  if (report->mailbox_provider)
    return TRUE;
  return report->spf->status == PB_SPF_STATUS_OK && report->dmarc->status == PB_DMARC_STATUS_OK
    && report->dkim->status == PB_DKIM_STATUS_OK;
}

static char *
mailbox_provider_text (const PbDomainReport *report)
{
  return g_strdup_printf (_("%s is a domain of the mailbox provider %s, which looks after its "
                            "SPF, DKIM and DMARC records. This check is for addresses at a "
                            "domain of your own."), report->domain, report->provider_name);
}

/* "explanation" and "fix" of one record; fix null when there is nothing to do. */
static void
add_texts (JsonBuilder *builder,
           char        *explanation,
           char        *fix)
{
  pb_json_member_string (builder, "explanation", explanation);
  pb_json_member_string (builder, "fix", fix);
  g_free (explanation);
  g_free (fix);
}

static void
add_spf (JsonBuilder          *builder,
         const PbDomainReport *report)
{
  const PbSpfReport *spf = report->spf;

  json_builder_set_member_name (builder, "spf");
  json_builder_begin_object (builder);
  pb_json_member_string (builder, "status", pb_spf_status_to_string (spf->status));
  pb_json_member_string (builder, "record", spf->record);
  pb_json_member_int (builder, "lookups", spf->lookups);
  pb_json_member_int (builder, "void_lookups", spf->void_lookups);
  pb_json_member_string (builder, "authorizes", spf->provider_domain != NULL
                         ? spf->provider_domain : spf->server_host);
  pb_json_member_string (builder, "publish", spf->publish);
  add_texts (builder, pb_domain_texts_spf_explanation (spf, report->provider_name),
             pb_domain_texts_spf_fix (spf));
  json_builder_end_object (builder);
}

static void
add_dmarc (JsonBuilder         *builder,
           const PbDmarcReport *dmarc)
{
  json_builder_set_member_name (builder, "dmarc");
  json_builder_begin_object (builder);
  pb_json_member_string (builder, "status", pb_dmarc_status_to_string (dmarc->status));
  pb_json_member_string (builder, "policy", dmarc->status == PB_DMARC_STATUS_OK
                         ? pb_dmarc_policy_to_string (dmarc->policy) : NULL);
  pb_json_member_boolean (builder, "reports", dmarc->reports);
  pb_json_member_string (builder, "record", dmarc->record);
  pb_json_member_string (builder, "found_at", dmarc->found_at);
  pb_json_member_string (builder, "publish", dmarc->publish);
  add_texts (builder, pb_domain_texts_dmarc_explanation (dmarc),
             pb_domain_texts_dmarc_fix (dmarc));
  json_builder_end_object (builder);
}

static void
add_dkim (JsonBuilder        *builder,
          const PbDkimReport *dkim)
{
  gboolean measured = dkim->status == PB_DKIM_STATUS_OK
    || dkim->status == PB_DKIM_STATUS_WEAK_KEY || dkim->status == PB_DKIM_STATUS_NOT_ALIGNED;

  json_builder_set_member_name (builder, "dkim");
  json_builder_begin_object (builder);
  pb_json_member_string (builder, "status", pb_dkim_status_to_string (dkim->status));
  pb_json_member_string (builder, "selector", dkim->selector);
  pb_json_member_boolean (builder, "provider_selector", dkim->from_provider);
  pb_json_member_string (builder, "signing_domain", dkim->signing_domain);
  pb_json_member_string (builder, "key_type", measured
                         ? pb_dkim_key_type_to_string (dkim->key.type) : NULL);
  pb_json_member_int (builder, "key_bits", measured ? dkim->key.bits : 0);
  add_texts (builder, pb_domain_texts_dkim_explanation (dkim), pb_domain_texts_dkim_fix (dkim));
  json_builder_end_object (builder);
}

/* MTA-STS and TLS-RPT are information: their states never make the domain fail. */
static void
add_mta_sts (JsonBuilder          *builder,
             const PbMtaStsReport *sts)
{
  json_builder_set_member_name (builder, "mta_sts");
  json_builder_begin_object (builder);
  pb_json_member_string (builder, "status", pb_mta_sts_status_to_string (sts->status));
  pb_json_member_string (builder, "record", sts->record);
  pb_json_member_string (builder, "policy_url", sts->record != NULL ? sts->url : NULL);
  pb_json_member_string (builder, "mode", sts->mode);
  json_builder_set_member_name (builder, "mx");
  json_builder_begin_array (builder);
  for (guint i = 0; sts->patterns != NULL && sts->patterns[i] != NULL; i++)
    pb_json_add_string (builder, sts->patterns[i]);
  json_builder_end_array (builder);
  add_texts (builder, pb_domain_texts_mta_sts_explanation (sts),
             pb_domain_texts_mta_sts_fix (sts));
  json_builder_end_object (builder);
}

static void
add_tls_rpt (JsonBuilder          *builder,
             const PbTlsRptReport *rpt)
{
  json_builder_set_member_name (builder, "tls_rpt");
  json_builder_begin_object (builder);
  pb_json_member_string (builder, "status", pb_tls_rpt_status_to_string (rpt->status));
  pb_json_member_string (builder, "record", rpt->record);
  pb_json_member_string (builder, "rua", rpt->rua);
  add_texts (builder, pb_domain_texts_tls_rpt_explanation (rpt), NULL);
  json_builder_end_object (builder);
}

void
pb_domain_report_write_members (JsonBuilder          *builder,
                                const PbDomainReport *report)
{
  pb_json_member_string (builder, "domain", report->domain);
  pb_json_member_string (builder, "provider", report->provider_id);
  pb_json_member_boolean (builder, "own_domain", !report->mailbox_provider);
  if (report->mailbox_provider)
    add_texts (builder, mailbox_provider_text (report), NULL);
  else
    {
      add_spf (builder, report);
      add_dmarc (builder, report->dmarc);
      add_dkim (builder, report->dkim);
      add_mta_sts (builder, report->mta_sts);
      add_tls_rpt (builder, report->tls_rpt);
      pb_json_member_string (builder, "where", report->where);
    }
}

char *
pb_domain_report_to_json (const PbDomainReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  pb_domain_report_write_members (builder, report);
  json_builder_end_object (builder);
  return pb_json_to_string (builder);
}

static void
append_part (GString    *out,
             const char *title,
             const char *status,
             char       *explanation,
             char       *fix)
{
  g_string_append_printf (out, "%s: %s\n  %s\n", title, status, explanation);
  if (fix != NULL)
    g_string_append_printf (out, "  %s %s\n", _("What to do:"), fix);
  g_free (explanation);
  g_free (fix);
}

char *
pb_domain_report_to_text (const PbDomainReport *report)
{
  GString *out = g_string_new (NULL);

  if (report->mailbox_provider)
    {
      g_autofree char *text = mailbox_provider_text (report);

      g_string_append_printf (out, "%s\n", text);
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, _("Domain: %s"), report->domain);
  if (report->provider_name != NULL)
    g_string_append_printf (out, " (%s)", report->provider_name);
  g_string_append (out, "\n");
  append_part (out, "SPF", pb_domain_texts_spf_status (report->spf->status),
               pb_domain_texts_spf_explanation (report->spf, report->provider_name),
               pb_domain_texts_spf_fix (report->spf));
  append_part (out, "DKIM", pb_domain_texts_dkim_status (report->dkim->status),
               pb_domain_texts_dkim_explanation (report->dkim),
               pb_domain_texts_dkim_fix (report->dkim));
  append_part (out, "DMARC", pb_domain_texts_dmarc_status (report->dmarc->status),
               pb_domain_texts_dmarc_explanation (report->dmarc),
               pb_domain_texts_dmarc_fix (report->dmarc));
  append_part (out, "MTA-STS", pb_domain_texts_mta_sts_status (report->mta_sts->status),
               pb_domain_texts_mta_sts_explanation (report->mta_sts),
               pb_domain_texts_mta_sts_fix (report->mta_sts));
  append_part (out, "TLS-RPT", pb_domain_texts_tls_rpt_status (report->tls_rpt->status),
               pb_domain_texts_tls_rpt_explanation (report->tls_rpt), NULL);
  if (report->where != NULL && !pb_domain_report_is_ok (report))
    g_string_append_printf (out, "%s %s\n", _("Where to add records:"), report->where);
  return g_string_free (out, FALSE);
}
