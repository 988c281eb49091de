/* preset-lookup.c: how long the preset database takes to load and to answer
 *
 * Prints microseconds: the first lookup (which loads and indexes every provider file from
 * the compiled-in resource), the median of repeated full loads, and the mean of many later
 * lookups by domain and by MX host. Fails when the median load exceeds the 5 ms budget.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-provider-db.h"

#define ROUNDS 100000
#define LOADS  21

static const char * const domains[] = {
  "gmx.de", "GMail.com", "web.de", "t-online.de", "outlook.de.", "example.org", "posteo.de",
  "icloud.com",
};
static const char * const mx_hosts[] = {
  "aspmx.l.google.com", "example-de.mail.protection.outlook.com", "mx00.ionos.de",
  "mx.example.org",
};

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  gint64 start, first, domain_total, mx_total, loads[LOADS];
  g_autoptr(PbAccountConfig) config = NULL;
  PbProviderDb *db;
  guint hits = 0;

  start = g_get_monotonic_time ();
  db = pb_provider_db_get_default ();
  config = pb_provider_db_lookup_domain (db, "gmx.de");
  first = g_get_monotonic_time () - start;
  if (config == NULL)
    {
      g_printerr ("gmx.de is not in the preset database\n");
      return 1;
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(PbAccountConfig) c =
        pb_provider_db_lookup_domain (db, domains[i % G_N_ELEMENTS (domains)]);
      hits += c != NULL;
    }
  domain_total = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(PbAccountConfig) c =
        pb_provider_db_lookup_mx (db, mx_hosts[i % G_N_ELEMENTS (mx_hosts)]);
      hits += c != NULL;
    }
  mx_total = g_get_monotonic_time () - start;

  /* The first lookup above happens once per process and is at the mercy of the machine's
   * load; a full reload repeated shows what the code itself costs. */
  for (guint i = 0; i < LOADS; i++)
    {
      g_autoptr(PbProviderDb) fresh = NULL;
      g_autoptr(PbAccountConfig) c = NULL;

      start = g_get_monotonic_time ();
      fresh = pb_provider_db_new_from_resource (PB_PROVIDER_RESOURCE_PATH);
      c = pb_provider_db_lookup_domain (fresh, "gmx.de");
      loads[i] = g_get_monotonic_time () - start;
    }
  qsort (loads, LOADS, sizeof (gint64), compare_gint64);

  g_print ("providers: %u, domains: %u\n", pb_provider_db_list (db)->len,
           pb_provider_db_get_n_domains (db));
  g_print ("first lookup (load + index + lookup): %" G_GINT64_FORMAT " us\n", first);
  g_print ("load + index + lookup, median of %u: %" G_GINT64_FORMAT " us (min %" G_GINT64_FORMAT
           ", max %" G_GINT64_FORMAT ")\n", LOADS, loads[LOADS / 2], loads[0], loads[LOADS - 1]);
  g_print ("domain lookup, mean of %u: %.3f us\n", ROUNDS, (double) domain_total / ROUNDS);
  g_print ("MX lookup, mean of %u: %.3f us\n", ROUNDS, (double) mx_total / ROUNDS);
  g_print ("(%u hits)\n", hits);

  /* The budget for a preset hit: within 5 ms inside the engine. */
  return loads[LOADS / 2] < 5000 ? 0 : 1;
}
