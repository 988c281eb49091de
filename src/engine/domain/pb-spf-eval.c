/* pb-spf-eval.c: does a domain's SPF policy let its mail provider's servers send for it?
 *
 * Two questions, one walk. The walk expands the whole policy (every include and the
 * redirect, whatever an address would match first) the way checking tools count it: its
 * DNS-querying terms against the limit of ten, its void lookups against two, loops, and
 * which domains it reaches. For a provider the policy must reach the provider's own SPF
 * domain; for a server of the domain's own, check_host() must pass each of its addresses.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-name-table.h"
#include "pb-spf-eval.h"
#include "pb-spf-macro.h"

/* Indexed by PbSpfStatus: the names in JSON and docs/domain.md. */
static const char * const status_names[] = {
  "ok", "missing", "not-authorized", "invalid", "too-many-lookups", "multiple", "dns-error",
};

PB_DEFINE_NAME_TABLE (PbSpfStatus, pb_spf_status, status_names, FALSE)

void
pb_spf_report_free (PbSpfReport *report)
{
  if (report == NULL)
    return;
  g_free (report->detail);
  g_free (report->record);
  g_free (report->provider_domain);
  g_free (report->server_host);
  g_strfreev (report->failing);
  g_free (report->publish);
  g_free (report);
}

typedef struct {
  PbDomainDns      *dns;
  const PbSpfQuery *query;
  PbSpfReport      *report;
  GPtrArray        *stack;     /* the include chain being walked */
  GHashTable       *reached;   /* every domain an include or redirect names */
  GPtrArray        *voids;     /* names that did not exist */
} Walk;

/* Records the problem; the walk stops at it (every caller returns FALSE at once), so there
 * is never a second one. */
static gboolean
set_problem (Walk        *w,
             PbSpfStatus  status,
             PbSpfReason  reason,
             char        *detail)
{
  w->report->status = status;
  w->report->reason = reason;
  w->report->detail = detail;
  return FALSE;
}

static gboolean walk_domain (Walk *w, const char *domain, gboolean top);

static gboolean
count_lookup (Walk *w)
{
  if (++w->report->lookups <= PB_SPF_MAX_LOOKUPS)
    return TRUE;
  return set_problem (w, PB_SPF_STATUS_TOO_MANY_LOOKUPS, PB_SPF_REASON_NONE, NULL);
}

static gboolean
lookup_name (Walk            *w,
             PbDomainDnsType  type,
             const char      *name)
{
  const char * const *values;

  switch (pb_domain_dns_lookup (w->dns, type, name, &values))
    {
    case PB_DOMAIN_DNS_ERROR:
      return set_problem (w, PB_SPF_STATUS_DNS_ERROR, PB_SPF_REASON_NONE, g_strdup (name));
    case PB_DOMAIN_DNS_VOID:
      /* a: a name may have only an IPv6 address. */
      if (type == PB_DOMAIN_DNS_A
          && pb_domain_dns_lookup (w->dns, PB_DOMAIN_DNS_AAAA, name, &values)
          == PB_DOMAIN_DNS_FOUND)
        return TRUE;
      g_ptr_array_add (w->voids, g_strdup (name));
      if (++w->report->void_lookups > PB_SPF_MAX_VOID_LOOKUPS)
        {
          g_ptr_array_add (w->voids, NULL);
          return set_problem (w, PB_SPF_STATUS_TOO_MANY_LOOKUPS, PB_SPF_REASON_VOID_LOOKUPS,
                              g_strjoinv (", ", (char **) w->voids->pdata));
        }
      return TRUE;
    default:
      return TRUE;
    }
}

/* include: and redirect=: the target's policy, walked in turn; a loop is reported with
 * its chain. */
static gboolean
follow (Walk       *w,
        const char *target)
{
  for (guint i = 0; i < w->stack->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (w->stack, i), target) == 0)
        {
          g_autoptr(GString) chain = g_string_new (NULL);

          for (guint j = i; j < w->stack->len; j++)
            g_string_append_printf (chain, "%s → ", (char *) g_ptr_array_index (w->stack, j));
          g_string_append (chain, target);
          return set_problem (w, PB_SPF_STATUS_INVALID, PB_SPF_REASON_LOOP,
                              g_string_free (g_steal_pointer (&chain), FALSE));
        }
    }
  g_hash_table_add (w->reached, g_ascii_strdown (target, -1));
  return walk_domain (w, target, FALSE);
}

static gboolean
walk_term (Walk                 *w,
           const PbSpfMechanism *mech,
           const char           *domain)
{
  PbSpfMacroContext ctx = { w->query->sender, domain, NULL };
  g_autofree char *target = NULL;

  if (mech->type == PB_SPF_MECH_ALL || mech->type == PB_SPF_MECH_IP4
      || mech->type == PB_SPF_MECH_IP6)
    return TRUE;
  if (!count_lookup (w))
    return FALSE;
  target = mech->domain != NULL ? pb_spf_macro_expand (mech->domain, &ctx) : g_strdup (domain);
  /* A macro of the sending address (%{i}) has no value here: counted, not followed. */
  if (target == NULL || mech->type == PB_SPF_MECH_PTR)
    return TRUE;
  switch (mech->type)
    {
    case PB_SPF_MECH_INCLUDE: return follow (w, target);
    case PB_SPF_MECH_MX: return lookup_name (w, PB_DOMAIN_DNS_MX, target);
    default: return lookup_name (w, PB_DOMAIN_DNS_A, target);
    }
}

static gboolean
walk_policy (Walk              *w,
             const PbSpfRecord *record,
             const char        *domain)
{
  gboolean has_all = FALSE;
  PbSpfMacroContext ctx = { w->query->sender, domain, NULL };
  g_autofree char *target = NULL;

  for (guint i = 0; i < record->mechanisms->len; i++)
    {
      const PbSpfMechanism *mech = g_ptr_array_index (record->mechanisms, i);

      has_all = has_all || mech->type == PB_SPF_MECH_ALL;
      if (!walk_term (w, mech, domain))
        return FALSE;
    }
  /* A redirect is used only when nothing matched, and "all" always matches (6.1). */
  if (record->redirect == NULL || has_all)
    return TRUE;
  if (!count_lookup (w))
    return FALSE;
  target = pb_spf_macro_expand (record->redirect, &ctx);
  return target == NULL || follow (w, target);
}

static gboolean
walk_domain (Walk       *w,
             const char *domain,
             gboolean    top)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PbSpfRecord) record = NULL;
  PbSpfFetch fetch = pb_spf_fetch_policy (w->dns, domain, &text, &record, &error);
  gboolean ok;

  if (top)
    w->report->record = g_strdup (text);
  switch (fetch)
    {
    case PB_SPF_FETCH_DNS_ERROR:
      return set_problem (w, PB_SPF_STATUS_DNS_ERROR, PB_SPF_REASON_NONE, g_strdup (domain));
    case PB_SPF_FETCH_NONE:
      if (top)
        return set_problem (w, PB_SPF_STATUS_MISSING, PB_SPF_REASON_NONE, NULL);
      return set_problem (w, PB_SPF_STATUS_INVALID, PB_SPF_REASON_INCLUDE_MISSING,
                          g_strdup (domain));
    case PB_SPF_FETCH_MULTIPLE:
      if (top)
        return set_problem (w, PB_SPF_STATUS_MULTIPLE, PB_SPF_REASON_NONE, NULL);
      return set_problem (w, PB_SPF_STATUS_INVALID, PB_SPF_REASON_INCLUDE_MISSING,
                          g_strdup (domain));
    case PB_SPF_FETCH_INVALID:
      return set_problem (w, PB_SPF_STATUS_INVALID, PB_SPF_REASON_SYNTAX,
                          top ? g_strdup (error->message)
                          : g_strdup_printf ("%s: %s", domain, error->message));
    case PB_SPF_FETCH_ONE:
      break;
    }
  g_ptr_array_add (w->stack, g_strdup (domain));
  ok = walk_policy (w, record, domain);
  g_ptr_array_remove_index (w->stack, w->stack->len - 1);
  return ok;
}

/* Several policies: the one record to publish instead (pb_spf_records_merge). */
static char *
merge_policies (PbDomainDns *dns,
                const char  *domain,
                const char  *term)
{
  const char * const *records;

  /* The answer the walk found the policies in, from the cache. */
  pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, domain, &records);
  return pb_spf_records_merge (records, term);
}

/* The term that authorizes the sending servers: the provider's include, the own server. */
static char *
sender_term (const PbSpfQuery *query)
{
  if (query->provider_domain != NULL)
    return g_strdup_printf ("include:%s", query->provider_domain);
  if (query->server_host != NULL)
    return g_strdup_printf ("a:%s", query->server_host);
  return g_strdup ("mx");
}

/* Own server: the addresses of the submission server for which check_host() does not
 * pass; NULL when all pass; FALSE when the server's name has no address. */
static gboolean
failing_addresses (PbDomainDns       *dns,
                   const PbSpfQuery  *query,
                   GStrv             *failing)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  PbDomainDnsType types[] = { PB_DOMAIN_DNS_A, PB_DOMAIN_DNS_AAAA };
  gboolean any = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      const char * const *addresses;

      if (pb_domain_dns_lookup (dns, types[t], query->server_host, &addresses)
          != PB_DOMAIN_DNS_FOUND)
        continue;
      for (guint i = 0; addresses[i] != NULL; i++)
        {
          g_autoptr(GInetAddress) ip = g_inet_address_new_from_string (addresses[i]);

          any = TRUE;
          if (pb_spf_check_host (dns, ip, query->domain, query->sender) != PB_SPF_RESULT_PASS)
            g_ptr_array_add (out, g_strdup (addresses[i]));
        }
    }
  g_ptr_array_add (out, NULL);
  *failing = out->len > 1 ? (GStrv) g_ptr_array_steal (out, NULL) : NULL;
  return any;
}

static void
judge (Walk *w)
{
  PbSpfReport *report = w->report;
  const PbSpfQuery *query = w->query;
  g_autofree char *term = sender_term (query);

  if (report->status == PB_SPF_STATUS_OK && query->provider_domain != NULL)
    {
      if (!g_hash_table_contains (w->reached, query->provider_domain))
        report->status = PB_SPF_STATUS_NOT_AUTHORIZED;
    }
  else if (report->status == PB_SPF_STATUS_OK && query->server_host != NULL)
    {
      if (!failing_addresses (w->dns, query, &report->failing))
        {
          report->status = PB_SPF_STATUS_DNS_ERROR;
          report->detail = g_strdup (query->server_host);
        }
      else if (report->failing != NULL)
        report->status = PB_SPF_STATUS_NOT_AUTHORIZED;
    }
  else if (report->status == PB_SPF_STATUS_OK)
    report->reason = PB_SPF_REASON_NO_SERVER;

  if (report->status == PB_SPF_STATUS_MISSING || report->status == PB_SPF_STATUS_NOT_AUTHORIZED)
    report->publish = pb_spf_record_with_term (report->record, term);
  else if (report->status == PB_SPF_STATUS_MULTIPLE)
    report->publish = merge_policies (w->dns, query->domain, term);
}

PbSpfReport *
pb_spf_eval_run (PbDomainDns      *dns,
                 const PbSpfQuery *query)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) voids = g_ptr_array_new_with_free_func (g_free);
  PbSpfReport *report = g_new0 (PbSpfReport, 1);
  Walk w = { dns, query, report, stack, reached, voids };

  report->provider_domain = g_strdup (query->provider_domain);
  report->server_host = g_strdup (query->server_host);
  walk_domain (&w, query->domain, TRUE);
  judge (&w);
  return report;
}
