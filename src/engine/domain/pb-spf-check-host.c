/* pb-spf-check-host.c: RFC 7208's check_host() for one address, and the policy of a name
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-spf-check-host.h"
#include "pb-spf-macro.h"

PbSpfFetch
pb_spf_fetch_policy (PbDomainDns   *dns,
                     const char    *name,
                     char         **text,
                     PbSpfRecord  **record,
                     GError       **error)
{
  const char * const *records;
  const char *found = NULL;

  *text = NULL;
  *record = NULL;
  switch (pb_domain_dns_lookup (dns, PB_DOMAIN_DNS_TXT, name, &records))
    {
    case PB_DOMAIN_DNS_ERROR: return PB_SPF_FETCH_DNS_ERROR;
    case PB_DOMAIN_DNS_VOID: return PB_SPF_FETCH_NONE;
    case PB_DOMAIN_DNS_FOUND: break;
    }
  for (guint i = 0; records[i] != NULL; i++)
    {
      if (!pb_spf_record_is_spf (records[i]))
        continue;
      if (found != NULL)
        return PB_SPF_FETCH_MULTIPLE;
      found = records[i];
    }
  if (found == NULL)
    return PB_SPF_FETCH_NONE;
  *text = g_strdup (found);
  *record = pb_spf_record_parse (found, error);
  return *record != NULL ? PB_SPF_FETCH_ONE : PB_SPF_FETCH_INVALID;
}

gboolean
pb_spf_prefix_match (GInetAddress *a,
                     GInetAddress *b,
                     guint         len)
{
  const guint8 *x = g_inet_address_to_bytes (a);
  const guint8 *y = g_inet_address_to_bytes (b);
  gsize size = g_inet_address_get_native_size (a);

  if (g_inet_address_get_family (a) != g_inet_address_get_family (b))
    return FALSE;
  len = MIN (len, size * 8);
  if (memcmp (x, y, len / 8) != 0)
    return FALSE;
  return len % 8 == 0 || ((x[len / 8] ^ y[len / 8]) & (0xff << (8 - len % 8)) & 0xff) == 0;
}

typedef struct {
  PbDomainDns  *dns;
  GInetAddress *ip;
  const char   *sender;
  guint         lookups;
  guint         voids;
} Check;

static PbSpfResult check (Check *c, const char *domain);

/* Whether a name's addresses (of the checked address's family) hold it, within cidr. */
static PbSpfResult
name_matches (Check      *c,
              const char *name,
              int         cidr4,
              int         cidr6,
              gboolean    counts_void)
{
  gboolean v4 = g_inet_address_get_family (c->ip) == G_SOCKET_FAMILY_IPV4;
  const char * const *addresses;
  PbDomainDnsAnswer answer = pb_domain_dns_lookup (c->dns, v4 ? PB_DOMAIN_DNS_A
                                                   : PB_DOMAIN_DNS_AAAA, name, &addresses);
  guint len = v4 ? (cidr4 >= 0 ? (guint) cidr4 : 32) : (cidr6 >= 0 ? (guint) cidr6 : 128);

  if (answer == PB_DOMAIN_DNS_ERROR)
    return PB_SPF_RESULT_TEMPERROR;
  if (answer == PB_DOMAIN_DNS_VOID && counts_void && ++c->voids > PB_SPF_MAX_VOID_LOOKUPS)
    return PB_SPF_RESULT_PERMERROR;
  for (guint i = 0; answer == PB_DOMAIN_DNS_FOUND && addresses[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) other = g_inet_address_new_from_string (addresses[i]);

      if (other != NULL && pb_spf_prefix_match (other, c->ip, len))
        return PB_SPF_RESULT_PASS;
    }
  return PB_SPF_RESULT_NONE;
}

static PbSpfResult
mx_matches (Check                *c,
            const char           *name,
            const PbSpfMechanism *mech)
{
  const char * const *hosts;
  PbDomainDnsAnswer answer = pb_domain_dns_lookup (c->dns, PB_DOMAIN_DNS_MX, name, &hosts);

  if (answer == PB_DOMAIN_DNS_ERROR)
    return PB_SPF_RESULT_TEMPERROR;
  if (answer == PB_DOMAIN_DNS_VOID)
    return ++c->voids > PB_SPF_MAX_VOID_LOOKUPS ? PB_SPF_RESULT_PERMERROR : PB_SPF_RESULT_NONE;
  /* At most ten MX names are looked at (4.6.4). */
  for (guint i = 0; hosts[i] != NULL && i < 10; i++)
    {
      PbSpfResult r = name_matches (c, hosts[i], mech->cidr4, mech->cidr6, FALSE);

      if (r != PB_SPF_RESULT_NONE)
        return r;
    }
  return PB_SPF_RESULT_NONE;
}

/* PASS when the mechanism matches, NONE when not, an error result otherwise. */
static PbSpfResult
mechanism_matches (Check                *c,
                   const PbSpfMechanism *mech,
                   const char           *domain)
{
  PbSpfMacroContext ctx = { c->sender, domain, c->ip };
  g_autofree char *target = NULL;
  PbSpfResult r;

  if (mech->type == PB_SPF_MECH_ALL)
    return PB_SPF_RESULT_PASS;
  if (mech->type == PB_SPF_MECH_IP4 || mech->type == PB_SPF_MECH_IP6)
    return g_inet_address_mask_matches (mech->network, c->ip)
      ? PB_SPF_RESULT_PASS : PB_SPF_RESULT_NONE;
  if (++c->lookups > PB_SPF_MAX_LOOKUPS)
    return PB_SPF_RESULT_PERMERROR;
  /* The parser let only valid macros through, and each letter has a value when the
   * address is known: the expansion does not fail. */
  target = mech->domain != NULL ? pb_spf_macro_expand (mech->domain, &ctx) : g_strdup (domain);
  switch (mech->type)
    {
    case PB_SPF_MECH_INCLUDE:
      r = check (c, target);
      if (r == PB_SPF_RESULT_NONE)
        return PB_SPF_RESULT_PERMERROR;
      return r == PB_SPF_RESULT_TEMPERROR || r == PB_SPF_RESULT_PERMERROR
        || r == PB_SPF_RESULT_PASS ? r : PB_SPF_RESULT_NONE;
    case PB_SPF_MECH_A:
      return name_matches (c, target, mech->cidr4, mech->cidr6, TRUE);
    case PB_SPF_MECH_MX:
      return mx_matches (c, target, mech);
    case PB_SPF_MECH_EXISTS:
      {
        const char * const *values;
        PbDomainDnsAnswer answer = pb_domain_dns_lookup (c->dns, PB_DOMAIN_DNS_A, target,
                                                         &values);

        if (answer == PB_DOMAIN_DNS_ERROR)
          return PB_SPF_RESULT_TEMPERROR;
        return answer == PB_DOMAIN_DNS_FOUND ? PB_SPF_RESULT_PASS : PB_SPF_RESULT_NONE;
      }
    default:
      /* ptr: discouraged (5.5) and never matched here; a policy should not rely on it. */
      return PB_SPF_RESULT_NONE;
    }
}

static const PbSpfResult qualifier_results[] = {
  PB_SPF_RESULT_PASS, PB_SPF_RESULT_FAIL, PB_SPF_RESULT_SOFTFAIL, PB_SPF_RESULT_NEUTRAL,
};

/* The recursion of include: and redirect= is bounded by the lookup limit: each counts a
 * lookup before it descends. */
static PbSpfResult
check (Check      *c,
       const char *domain)
{
  g_autofree char *text = NULL;
  g_autoptr(PbSpfRecord) record = NULL;
  g_autofree char *target = NULL;
  PbSpfMacroContext ctx = { c->sender, domain, c->ip };
  PbSpfResult r;

  switch (pb_spf_fetch_policy (c->dns, domain, &text, &record, NULL))
    {
    case PB_SPF_FETCH_ONE: break;
    case PB_SPF_FETCH_NONE: return PB_SPF_RESULT_NONE;
    case PB_SPF_FETCH_DNS_ERROR: return PB_SPF_RESULT_TEMPERROR;
    default: return PB_SPF_RESULT_PERMERROR;
    }
  for (guint i = 0; i < record->mechanisms->len; i++)
    {
      const PbSpfMechanism *mech = g_ptr_array_index (record->mechanisms, i);

      r = mechanism_matches (c, mech, domain);
      if (r == PB_SPF_RESULT_PASS)
        return qualifier_results[mech->qualifier];
      if (r != PB_SPF_RESULT_NONE)
        return r;
    }
  if (record->redirect == NULL)
    return PB_SPF_RESULT_NEUTRAL;
  if (++c->lookups > PB_SPF_MAX_LOOKUPS)
    return PB_SPF_RESULT_PERMERROR;
  target = pb_spf_macro_expand (record->redirect, &ctx);
  r = check (c, target);
  return r == PB_SPF_RESULT_NONE ? PB_SPF_RESULT_PERMERROR : r;
}

PbSpfResult
pb_spf_check_host (PbDomainDns  *dns,
                   GInetAddress *ip,
                   const char   *domain,
                   const char   *sender)
{
  Check c = { dns, ip, sender, 0, 0 };

  return check (&c, domain);
}
