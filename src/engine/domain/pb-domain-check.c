/* pb-domain-check.c: check a sender domain: which provider sends for it, then its SPF,
 * DMARC and DKIM records
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-account-config-extensions.h"
#include "pb-discovery-sync.h"
#include "pb-domain-check.h"
#include "pb-provider-db.h"

/* Mailbox providers list their own domains in <domain>; hosters of customers' domains
 * (IONOS, STRATO, Google Workspace, Microsoft 365) list none and are found by MX. */
static PbAccountConfig *
mailbox_provider (const PbAddress *address)
{
  return pb_provider_db_lookup_domain (pb_provider_db_get_default (), address->domain);
}

/* Who sends for the domain: a preset found by MX (its SPF domain), or the first outgoing
 * server that presets, MX or SRV records name. Nothing that goes over HTTP or connects. */
static PbDiscoveryResult *
discover (const PbAddress  *address,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr(PbDiscovery) discovery = pb_discovery_new (address);

  pb_discovery_set_sources (discovery,
                            PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_PRESET)
                            | PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_ADMIN)
                            | PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_MX)
                            | PB_DISCOVERY_SOURCE_MASK (PB_DISCOVERY_SOURCE_SRV));
  return pb_discovery_run_sync (discovery, cancellable, error);
}

static void
fill_sender (PbDomainReport        *report,
             PbDiscoveryResult     *found,
             const PbDomainOptions *options,
             PbSpfQuery            *query,
             char                 **host)
{
  PbAccountConfig *config = found != NULL ? pb_discovery_result_get_config (found) : NULL;
  GPtrArray *outgoing = found != NULL ? pb_discovery_result_get_outgoing (found) : NULL;

  /* With server_host given nothing was discovered: found is NULL. */
  if (config != NULL)
    report->where = g_strdup (pb_account_config_get_dns_records_note (config));
  if (config != NULL && pb_account_config_get_spf_domain (config) != NULL)
    {
      report->provider_id = g_strdup (pb_account_config_get_provider_id (config));
      report->provider_name = g_strdup (pb_account_config_get_display_name (config));
      query->provider_domain = pb_account_config_get_spf_domain (config);
      return;
    }
  if (options->server_host != NULL)
    *host = g_strdup (options->server_host);
  else if (outgoing != NULL && outgoing->len > 0)
    *host = g_strdup (((PbServerConfig *) g_ptr_array_index (outgoing, 0))->host);
  query->server_host = *host;
}

/* The selectors the preset of the domain's provider names, or NULL. */
static const char * const *
known_selectors (PbDiscoveryResult *found)
{
  PbAccountConfig *config = found != NULL ? pb_discovery_result_get_config (found) : NULL;

  return config != NULL ? pb_account_config_get_dkim_selectors (config) : NULL;
}

PbDomainReport *
pb_domain_check_run_sync (const PbAddress        *address,
                          const PbDomainOptions  *options,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(PbDomainReport) report = g_new0 (PbDomainReport, 1);
  g_autoptr(PbAccountConfig) mailbox = mailbox_provider (address);
  g_autoptr(PbDiscoveryResult) found = NULL;
  g_autoptr(PbDomainDns) dns = NULL;
  g_autofree char *host = NULL;
  PbSpfQuery query = { address->address, address->domain, NULL, NULL };

  report->domain = g_strdup (address->domain);
  if (mailbox != NULL)
    {
      report->mailbox_provider = TRUE;
      report->provider_id = g_strdup (pb_account_config_get_provider_id (mailbox));
      report->provider_name = g_strdup (pb_account_config_get_display_name (mailbox));
      return g_steal_pointer (&report);
    }
  if (options->server_host == NULL)
    {
      found = discover (address, cancellable, error);
      if (found == NULL)
        return NULL;
    }
  fill_sender (report, found, options, &query, &host);
  dns = pb_domain_dns_new (NULL, cancellable);
  report->spf = pb_spf_eval_run (dns, &query);
  report->dmarc = pb_dmarc_check_run (dns, address->domain);
  /* Names that may come from a message's header: only DNS labels are asked for. */
  if (options->selector != NULL && pb_dkim_name_is_valid (options->selector)
      && (options->signing_domain == NULL || pb_dkim_name_is_valid (options->signing_domain)))
    report->dkim = pb_dkim_check_run (dns, address->domain, options->selector,
                                      options->signing_domain);
  else
    report->dkim = pb_dkim_check_run_known (dns, address->domain, known_selectors (found));
  report->mta_sts = pb_mta_sts_check_run (dns, address->domain);
  report->tls_rpt = pb_tls_rpt_check_run (dns, address->domain);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}

typedef struct {
  PbAddress *address;
  char      *selector;
  char      *signing_domain;
  char      *server_host;
} RunData;

static void
run_data_free (RunData *data)
{
  pb_address_free (data->address);
  g_free (data->selector);
  g_free (data->signing_domain);
  g_free (data->server_host);
  g_free (data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  PbDomainOptions options = { data->selector, data->signing_domain, data->server_host };
  GError *error = NULL;
  PbDomainReport *report = pb_domain_check_run_sync (data->address, &options, cancellable,
                                                     &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) pb_domain_report_free);
}

void
pb_domain_check_run_async (const PbAddress        *address,
                           const PbDomainOptions  *options,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  g_task_set_source_tag (task, pb_domain_check_run_async);
  data->address = pb_address_copy (address);
  data->selector = g_strdup (options->selector);
  data->signing_domain = g_strdup (options->signing_domain);
  data->server_host = g_strdup (options->server_host);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

PbDomainReport *
pb_domain_check_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
