/* pb-test-resolver.c: a resolver that answers from a table, for the domain checks' tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-resolver.h"

#define PB_TYPE_TEST_RESOLVER (pb_test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (PbTestResolver, pb_test_resolver, PB, TEST_RESOLVER, GResolver)

struct _PbTestResolver {
  GResolver              parent_instance;
  const PbTestDnsRecord *records;
};

G_DEFINE_TYPE (PbTestResolver, pb_test_resolver, G_TYPE_RESOLVER)

/* The rows of name and type; FALSE with error set when there are none or one fails. */
static gboolean
find_rows (PbTestResolver   *self,
           PbDomainDnsType   type,
           const char       *name,
           GPtrArray        *values,
           GError          **error)
{
  for (const PbTestDnsRecord *r = self->records; r->name != NULL; r++)
    {
      if (r->type != type || g_ascii_strcasecmp (r->name, name) != 0)
        continue;
      if (r->value == NULL)
        {
          g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                       "Temporary failure looking up “%s”", name);
          return FALSE;
        }
      g_ptr_array_add (values, (gpointer) r->value);
    }
  if (values->len > 0)
    return TRUE;
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No record for “%s”", name);
  return FALSE;
}

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  PbTestResolver *self = PB_TEST_RESOLVER (resolver);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  PbDomainDnsType type = (flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY)
    ? PB_DOMAIN_DNS_AAAA : PB_DOMAIN_DNS_A;
  GList *out = NULL;

  if (!find_rows (self, type, hostname, values, error))
    return NULL;
  for (guint i = 0; i < values->len; i++)
    out = g_list_append (out, g_inet_address_new_from_string (values->pdata[i]));
  return out;
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  return lookup_by_name_with_flags (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY,
                                    cancellable, error);
}

static GVariant *
record_variant (GResolverRecordType  type,
                const char          *value)
{
  const char *strings[] = { value, NULL };
  guint64 preference;
  char *host;

  if (type == G_RESOLVER_RECORD_TXT)
    return g_variant_ref_sink (g_variant_new ("(^as)", strings));
  preference = g_ascii_strtoull (value, &host, 10);
  return g_variant_ref_sink (g_variant_new ("(qs)", (guint16) preference, host + 1));
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  PbTestResolver *self = PB_TEST_RESOLVER (resolver);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  PbDomainDnsType type = record_type == G_RESOLVER_RECORD_TXT ? PB_DOMAIN_DNS_TXT
    : PB_DOMAIN_DNS_MX;
  GList *out = NULL;

  g_assert_true (record_type == G_RESOLVER_RECORD_TXT || record_type == G_RESOLVER_RECORD_MX);
  if (!find_rows (self, type, rrname, values, error))
    return NULL;
  for (guint i = 0; i < values->len; i++)
    out = g_list_append (out, record_variant (record_type, values->pdata[i]));
  return out;
}

static void
pb_test_resolver_class_init (PbTestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_with_flags = lookup_by_name_with_flags;
  resolver_class->lookup_records = lookup_records;
}

static void
pb_test_resolver_init (PbTestResolver *self)
{
}

GResolver *
pb_test_resolver_new (const PbTestDnsRecord *records)
{
  PbTestResolver *self = g_object_new (PB_TYPE_TEST_RESOLVER, NULL);

  self->records = records;
  return G_RESOLVER (self);
}

PbDomainDns *
pb_test_domain_dns_new (const PbTestDnsRecord *records)
{
  g_autoptr(GResolver) resolver = pb_test_resolver_new (records);

  return pb_domain_dns_new (resolver, NULL);
}
