/* pb-domain-dns.c: the DNS answers a domain check reads, each name asked once
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-domain-dns.h"
#include "pb-text.h"

/* An SPF evaluation asks the same names again for each address of a server; the cache
 * keeps that to one question per name and type. */
typedef struct {
  PbDomainDnsAnswer answer;
  GStrv             values;
} CacheEntry;

struct _PbDomainDns {
  GResolver    *resolver;
  GCancellable *cancellable;
  GHashTable   *cache;   /* "type:name" -> CacheEntry */
};

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_strfreev (entry->values);
  g_free (entry);
}

PbDomainDns *
pb_domain_dns_new (GResolver    *resolver,
                   GCancellable *cancellable)
{
  PbDomainDns *self = g_new0 (PbDomainDns, 1);

  self->resolver = resolver != NULL ? g_object_ref (resolver) : g_resolver_get_default ();
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  return self;
}

void
pb_domain_dns_free (PbDomainDns *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->resolver);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->cache);
  g_free (self);
}

/* TXT: a record's strings are one text (RFC 7208 3.3, RFC 6376 3.6.2.2). */
static void
add_records (PbDomainDnsType  type,
             GList           *records,
             GPtrArray       *out)
{
  for (GList *l = records; l != NULL; l = l->next)
    {
      if (type == PB_DOMAIN_DNS_TXT)
        {
          g_autofree const char **strings = NULL;

          g_variant_get (l->data, "(^a&s)", &strings);
          g_ptr_array_add (out, g_strjoinv ("", (char **) strings));
        }
      else
        {
          const char *name;
          guint16 preference;
          char *host;

          g_variant_get (l->data, "(q&s)", &preference, &name);
          /* A null MX (RFC 7505) names no host: it is an answer, but no host to look at. */
          host = pb_text_dns_host (name);
          if (host != NULL)
            g_ptr_array_add (out, host);
        }
    }
}

static gint
compare_mx (gconstpointer a,
            gconstpointer b)
{
  guint16 pa, pb;
  const char *ha, *hb;

  g_variant_get ((GVariant *) a, "(q&s)", &pa, &ha);
  g_variant_get ((GVariant *) b, "(q&s)", &pb, &hb);
  return pa != pb ? (int) pa - (int) pb : g_strcmp0 (ha, hb);
}

static PbDomainDnsAnswer
ask (PbDomainDns     *self,
     PbDomainDnsType  type,
     const char      *name,
     GPtrArray       *out)
{
  g_autoptr(GError) error = NULL;
  gboolean answered = FALSE;

  if (type == PB_DOMAIN_DNS_A || type == PB_DOMAIN_DNS_AAAA)
    {
      GResolverNameLookupFlags flags = type == PB_DOMAIN_DNS_A
        ? G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY : G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY;
      GList *addresses = g_resolver_lookup_by_name_with_flags (self->resolver, name, flags,
                                                               self->cancellable, &error);

      for (GList *l = addresses; l != NULL; l = l->next)
        g_ptr_array_add (out, g_inet_address_to_string (l->data));
      g_resolver_free_addresses (addresses);
    }
  else
    {
      GList *records = g_resolver_lookup_records (self->resolver, name,
                                                  type == PB_DOMAIN_DNS_TXT
                                                  ? G_RESOLVER_RECORD_TXT : G_RESOLVER_RECORD_MX,
                                                  self->cancellable, &error);

      if (type == PB_DOMAIN_DNS_MX)
        records = g_list_sort (records, compare_mx);
      answered = records != NULL;
      add_records (type, records, out);
      g_list_free_full (records, (GDestroyNotify) g_variant_unref);
    }
  /* An answer with records is not void (RFC 7208 4.6.4), even if every record was a null MX. */
  if (error == NULL)
    return out->len > 0 || answered ? PB_DOMAIN_DNS_FOUND : PB_DOMAIN_DNS_VOID;
  return g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND)
    ? PB_DOMAIN_DNS_VOID : PB_DOMAIN_DNS_ERROR;
}

GCancellable *
pb_domain_dns_get_cancellable (PbDomainDns *self)
{
  return self->cancellable;
}

PbDomainDnsAnswer
pb_domain_dns_lookup (PbDomainDns         *self,
                      PbDomainDnsType      type,
                      const char          *name,
                      const char * const **values)
{
  static const char * const none[] = { NULL };
  g_autofree char *host = pb_text_dns_host (name);
  g_autofree char *key = NULL;
  CacheEntry *entry;

  /* The root (a name that was only dots) holds no record we ask for. */
  if (host == NULL)
    {
      *values = none;
      return PB_DOMAIN_DNS_VOID;
    }
  key = g_strdup_printf ("%d:%s", type, host);
  entry = g_hash_table_lookup (self->cache, key);

  if (entry == NULL)
    {
      g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

      entry = g_new0 (CacheEntry, 1);
      entry->answer = ask (self, type, host, out);
      g_ptr_array_add (out, NULL);
      entry->values = (GStrv) g_ptr_array_steal (out, NULL);
      /* A failure is not kept: it says nothing about the name. */
      if (entry->answer != PB_DOMAIN_DNS_ERROR)
        g_hash_table_insert (self->cache, g_steal_pointer (&key), entry);
      else
        {
          cache_entry_free (entry);
          *values = NULL;
          return PB_DOMAIN_DNS_ERROR;
        }
    }
  *values = (const char * const *) entry->values;
  return entry->answer;
}
