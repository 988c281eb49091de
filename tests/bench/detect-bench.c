/* detect-bench.c: time to a result, parallel and ranked versus one URL after another
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/detect inside the lab, behind delay proxies (a fixed one-way delay on
 * every DNS answer and every TCP chunk). Prints figures; asserts nothing.
 *
 * The sequential strategy is the one GNOME Online Accounts and Evolution use: the autoconfig
 * server, then .well-known, then the ISPDB, then the ISPDB for the MX's domain, each with
 * its own timeout (15 s there), stopping at the first answer.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "pb-discovery.h"
#include "pb-discovery-sync.h"
#include "pb-discovery-http.h"
#include "pb-provider-db.h"

#define LAB_ISPDB "https://ispdb.test/v1.1/"

static double delay_ms = 0;        /* one way: a round trip is twice this */
static int deadline_ms = 10000;
static int sequential_timeout_ms = 15000;
static int runs = 3;
static char *only;
static char *scenario_filter;
static gboolean verbose;

typedef struct {
  const char *name;
  const char *address;
} Scenario;

static const Scenario scenarios[] = {
  { "preset (gmx.de)", "someone@gmx.de" },
  { "autoconfig only", "alice@acme.test" },
  { ".well-known only", "bob@wellknown.test" },
  { "ISPDB only", "carol@ispdb-only.test" },
  { "MX -> preset (Google)", "dave@custom-google.test" },
  { "MX -> ISPDB (hoster)", "erin@custom-hoster.test" },
  { "SRV only", "gina@srv-only.test" },
  { "guessing only", "henry@ok.smtp.test" },
  { "all at once (slow autoconfig)", "ivan@all.test" },
  { "two stalled sources", "judy@stall.test" },
  { "nothing at all", "max@nothing.test" },
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
rtt (double ms)
{
  return delay_ms > 0 ? ms / (2 * delay_ms) : 0;
}

/* The parallel, ranked run. */
static double
run_parallel (const char  *text,
              char       **source)
{
  g_autoptr(PbAddress) address = pb_address_parse (text, NULL);
  g_autoptr(PbDiscovery) discovery = pb_discovery_new (address);
  g_autoptr(PbDiscoveryResult) result = NULL;
  double start = now_ms ();

  pb_discovery_set_ispdb_base_url (discovery, LAB_ISPDB);
  pb_discovery_set_timeout_ms (discovery, deadline_ms);
  if (only != NULL)
    {
      PbDiscoverySource which;

      if (pb_discovery_source_from_string (only, &which))
        pb_discovery_set_sources (discovery, PB_DISCOVERY_SOURCE_MASK (which));
    }
  result = pb_discovery_run_sync (discovery, NULL, NULL);
  for (guint i = 0; verbose && result != NULL && i < PB_DISCOVERY_N_SOURCES; i++)
    printf ("    %-16s %-10s %5u ms\n", pb_discovery_source_to_string (i),
            pb_source_state_to_string (pb_discovery_result_get_outcome (result, i)),
            pb_discovery_result_get_ms (result, i));
  *source = g_strdup (result == NULL || pb_discovery_result_get_config (result) == NULL ? "-" :
                      pb_discovery_source_to_string (pb_discovery_result_get_source (result)));
  return now_ms () - start;
}

/* One step of the sequential strategy, on a private loop, bounded by its own timeout. */
static void
step_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
cancel_step (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static PbAccountConfig *
sequential_fetch (PbDiscoveryContext *ctx,
                  const char         *url)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSourceAnswer) answer = NULL;
  guint timer = g_timeout_add (sequential_timeout_ms, cancel_step, cancellable);

  pb_discovery_fetch_config_async (ctx, url, FALSE, cancellable, step_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timer);
  answer = pb_discovery_source_finish (result, NULL);
  return answer != NULL && answer->config != NULL ? g_object_ref (answer->config) : NULL;
}

static char *
sequential_mx_base (PbDiscoveryContext *ctx)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  guint timer = g_timeout_add (sequential_timeout_ms, cancel_step, cancellable);
  GList *records;
  char *base = NULL;

  g_resolver_lookup_records_async (ctx->resolver, ctx->address->domain, G_RESOLVER_RECORD_MX,
                                   cancellable, step_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (timer);
  records = g_resolver_lookup_records_finish (ctx->resolver, result, NULL);
  if (records != NULL)
    {
      const char *host;
      const char *b;

      g_variant_get (records->data, "(q&s)", NULL, &host);
      b = soup_tld_get_base_domain (host, NULL);
      if (b != NULL)
        base = g_strdup (b);
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
  return base;
}

static double
run_sequential (const char  *text,
                char       **found_by)
{
  g_autoptr(PbAddress) address = pb_address_parse (text, NULL);
  g_autofree char *escaped = g_uri_escape_string (address->address, NULL, FALSE);
  PbDiscoveryContext *ctx = g_atomic_rc_box_new0 (PbDiscoveryContext);
  g_autoptr(PbAccountConfig) config = NULL;
  g_autofree char *base = NULL;
  const char *names[] = { "autoconfig", "well-known", "ispdb" };
  char *urls[3];
  double start = now_ms ();

  ctx->address = pb_address_copy (address);
  ctx->db = g_object_ref (pb_provider_db_get_default ());
  ctx->session = pb_discovery_http_session_new (sequential_timeout_ms);
  ctx->resolver = g_resolver_get_default ();
  ctx->ispdb_base_url = g_strdup (LAB_ISPDB);
  ctx->timeout_ms = sequential_timeout_ms;
  urls[0] = g_strdup_printf ("https://autoconfig.%s/mail/config-v1.1.xml?emailaddress=%s",
                             address->domain, escaped);
  urls[1] = g_strdup_printf ("https://%s/.well-known/autoconfig/mail/config-v1.1.xml",
                             address->domain);
  urls[2] = pb_discovery_ispdb_url (LAB_ISPDB, address->domain);

  *found_by = g_strdup ("-");
  /* These clients have no preset database of their own. */
  for (guint i = 0; i < G_N_ELEMENTS (urls) && config == NULL; i++)
    {
      config = sequential_fetch (ctx, urls[i]);
      if (config != NULL)
        {
          g_free (*found_by);
          *found_by = g_strdup (names[i]);
        }
    }
  if (config == NULL && (base = sequential_mx_base (ctx)) != NULL)
    {
      g_autofree char *url = pb_discovery_ispdb_url (LAB_ISPDB, base);

      if ((config = sequential_fetch (ctx, url)) != NULL)
        {
          g_free (*found_by);
          *found_by = g_strdup ("mx-ispdb");
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    g_free (urls[i]);
  pb_discovery_context_unref (ctx);
  return now_ms () - start;
}

static void
bench_preset (void)
{
  PbProviderDb *db;
  double start = now_ms (), load_ms, per_lookup_us, run_ms = 1e9, run_total = 0;
  const char *domains[] = { "gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.com",
                            "not-a-provider.example" };
  const guint n = 20000;
  g_autoptr(PbAddress) address = pb_address_parse ("someone@gmx.de", NULL);

  db = pb_provider_db_get_default ();
  load_ms = now_ms () - start;
  start = now_ms ();
  for (guint i = 0; i < n; i++)
    {
      PbAccountConfig *config = pb_provider_db_lookup_domain (db, domains[i % G_N_ELEMENTS (domains)]);

      g_clear_object (&config);
    }
  per_lookup_us = (now_ms () - start) * 1000.0 / n;

  /* The whole engine run for a preset hit (discovery object, preset, result, expansion). */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(PbDiscovery) discovery = pb_discovery_new (address);
      g_autoptr(PbDiscoveryResult) result = NULL;
      double t = now_ms ();

      result = pb_discovery_run_sync (discovery, NULL, NULL);
      run_ms = MIN (run_ms, now_ms () - t);
      run_total += now_ms () - t;
      g_assert (result != NULL && pb_discovery_result_get_config (result) != NULL);
    }

  printf ("Preset database: first load %.2f ms (%u providers, %u domains)\n", load_ms,
          pb_provider_db_list (db)->len, pb_provider_db_get_n_domains (db));
  printf ("Preset lookup: %.2f us per lookup (mean of %u, hits and misses)\n", per_lookup_us, n);
  printf ("Engine run for a preset hit: mean %.3f ms, best %.3f ms (of 50; target < 5 ms)\n\n",
          run_total / 50, run_ms);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ms, "One-way delay the proxies add", "MS" },
    { "deadline-ms", 0, 0, G_OPTION_ARG_INT, &deadline_ms, "Discovery deadline", "MS" },
    { "sequential-timeout-ms", 0, 0, G_OPTION_ARG_INT, &sequential_timeout_ms,
      "Per-URL timeout of the sequential strategy", "MS" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per scenario (the median is shown)", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Each source's outcome and time", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run only this source in parallel mode", "NAME" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_filter, "Only scenarios containing TEXT",
      "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- discovery benchmark");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  bench_preset ();

  printf ("Latency: %.0f ms one way per DNS answer and per TCP chunk (RTT %.0f ms); deadline "
          "%d ms; sequential: %d ms per URL; median of %d runs\n\n", delay_ms, 2 * delay_ms,
          deadline_ms, sequential_timeout_ms, runs);
  printf ("%-31s %10s %6s %-11s %10s %6s %-11s %7s\n", "scenario", "parallel", "RTT", "source",
          "sequential", "RTT", "found by", "speedup");
  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      double par[16], seq[16];
      g_autofree char *source = NULL;
      g_autofree char *found_by = NULL;
      int n = CLAMP (runs, 1, 16);
      double p, q;

      if (scenario_filter != NULL && strstr (scenarios[s].name, scenario_filter) == NULL)
        continue;
      for (int i = 0; i < n; i++)
        {
          g_free (source);
          g_free (found_by);
          par[i] = run_parallel (scenarios[s].address, &source);
          seq[i] = run_sequential (scenarios[s].address, &found_by);
        }
      /* Median (insertion sort, n is small). */
      for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && par[j] < par[j - 1]; j--)
          {
            double t = par[j]; par[j] = par[j - 1]; par[j - 1] = t;
          }
      for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && seq[j] < seq[j - 1]; j--)
          {
            double t = seq[j]; seq[j] = seq[j - 1]; seq[j - 1] = t;
          }
      p = par[n / 2];
      q = seq[n / 2];
      /* A speed-up only means something when both strategies found settings. */
      if (g_str_equal (found_by, "-") || g_str_equal (source, "-"))
        printf ("%-31s %8.0f ms %6.1f %-11s %8.0f ms %6.1f %-11s %7s\n", scenarios[s].name, p,
                rtt (p), source, q, rtt (q), found_by, "-");
      else
        printf ("%-31s %8.0f ms %6.1f %-11s %8.0f ms %6.1f %-11s %6.1fx\n", scenarios[s].name,
                p, rtt (p), source, q, rtt (q), found_by, q / p);
      fflush (stdout);
    }
  return 0;
}
