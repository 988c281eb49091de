/* test-discovery.c: the discovery run (pb-discovery.c, pb-discovery-sync.c) against the
 * lab's real DNS, web and mail servers: all sources at once and their rank, the deadline and
 * the grace after a find, nothing found, an address that is not discoverable, cancelling,
 * the synchronous run waiting for its sources, a busy main loop and a run again
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside tests/lab/lab-run (records: tests/lab/dns.d/discovery.conf, web:
 * tests/lab/nginx.d/discovery.conf and services.d/60-discovery.sh). What each source finds
 * is in test-discovery-sources.c.
 */
#include "config.h"

#include <locale.h>

#include "pb-discovery.h"
#include "pb-discovery-sync.h"
#include "pb-discovery-private.h"
#include "pb-test-discovery.h"
#include "pb-test-util.h"

static void
test_all_at_once (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("ivan@all.test", 0, 8000);
  g_autoptr(GArray) alternatives = pb_discovery_result_get_alternatives (result);
  guint ac_ms = pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);

  /* autoconfig answers after a second; ISPDB and MX long before. The rank wins. */
  assert_source (result, PB_DISCOVERY_SOURCE_AUTOCONFIG);
  assert_server (pb_discovery_result_get_outgoing (result), 0, "smtp.autoconfig-wins.all.test",
                 465, PB_SECURITY_TLS);
  g_assert_cmpuint (ac_ms, >=, 1000);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_ISPDB), ==,
                   PB_SOURCE_STATE_FOUND);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_MX), ==,
                   PB_SOURCE_STATE_FOUND);
  g_assert_cmpuint (pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_ISPDB), <, ac_ms);
  g_assert_cmpuint (pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_MX), <, ac_ms);
  /* Lower-ranked than a find: stopped, unless they had already finished. */
  g_assert_true (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_SRV) ==
                 PB_SOURCE_STATE_CANCELLED ||
                 pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_SRV) ==
                 PB_SOURCE_STATE_FOUND);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_GUESS), !=,
                   PB_SOURCE_STATE_FOUND);
  g_assert_cmpuint (alternatives->len, >=, 2);
  g_assert_cmpint (g_array_index (alternatives, PbDiscoverySource, 0), ==,
                   PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpint (g_array_index (alternatives, PbDiscoverySource, 1), ==,
                   PB_DISCOVERY_SOURCE_MX);
}

static void
test_stall_grace (void)
{
  const guint deadline_ms = 3000, grace_ms = deadline_ms / 3;
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("judy@stall.test", 0, deadline_ms);
  guint elapsed = pb_discovery_result_get_elapsed_ms (result);
  guint ispdb = pb_discovery_result_get_ms (result, PB_DISCOVERY_SOURCE_ISPDB);

  /* Both autoconfig addresses accept and never answer; the ISPDB knows the domain. The
   * stalled source gets a third of the deadline after the ISPDB answered, not the whole
   * deadline: the margin is half the grace, scaled for slow builds (unscaled, the run ends
   * a whole grace before the deadline). */
  assert_source (result, PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_TIMEOUT);
  g_assert_cmpuint (elapsed, >=, ispdb + grace_ms - 2);
  g_assert_cmpuint (elapsed, <, ispdb + grace_ms + pb_test_scaled_ms (grace_ms / 2));
}

/* The deadline is a promise to the user: not before it, and not much after it (a third of
 * it, scaled for slow builds). */
static void
test_stall_deadline (void)
{
  const guint deadline_ms = 1500;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("judy@stall.test",
                                                          ONLY (AUTOCONFIG), deadline_ms);
  gint64 ms = (g_get_monotonic_time () - start) / 1000;

  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_cmpint (pb_discovery_result_get_outcome (result, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_TIMEOUT);
  g_assert_cmpint (ms, >=, deadline_ms - 2);
  g_assert_cmpint (ms, <, deadline_ms + pb_test_scaled_ms (deadline_ms / 3));
}

static void
test_nothing (void)
{
  g_autoptr(PbDiscoveryResult) result = pb_test_discover ("max@nothing.test", 0, 8000);

  g_assert_null (pb_discovery_result_get_config (result));
  g_assert_false (pb_discovery_result_get_trusted (result));
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      PbSourceState state = pb_discovery_result_get_outcome (result, i);

      g_assert_true (state == PB_SOURCE_STATE_NOTHING || state == PB_SOURCE_STATE_DISABLED);
    }
  /* Every source says "nothing"; none waited for the deadline (that would be "timeout"). */
}

static void
test_public_suffix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = pb_test_run_discovery ("nobody@co.uk", 0, 0, FALSE,
                                                               &error);

  g_assert_null (result);
  g_assert_error (error, PB_DISCOVERY_ERROR, PB_DISCOVERY_ERROR_NOT_DISCOVERABLE);
}

static void
cancel_soon (PbDiscovery *discovery,
             guint        source,
             gpointer     user_data)
{
  if (pb_discovery_get_state (discovery, source) == PB_SOURCE_STATE_WORKING)
    g_cancellable_cancel (user_data);
}

/* Cancelled as its first source starts: without the cancel the run would end when the
 * stalled autoconfig's grace runs out after the ISPDB's answer, a third of the deadline at
 * the soonest, so it must be over before that. */
static void
test_cancel (void)
{
  const guint deadline_ms = 8000;
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new ("judy@stall.test", 0, deadline_ms);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  g_signal_connect (discovery, "source-changed", G_CALLBACK (cancel_soon), cancellable);
  result = pb_discovery_run_sync (discovery, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  /* Cancelled right after the first source changed: far sooner than the deadline. */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, pb_test_scaled_ms (deadline_ms / 3));
}

/* pb_discovery_run_sync returns only once every source task it started has completed,
 * cancelled ones too: one completing after the private main context is popped would never
 * be dispatched, and its task (with the connection and the context it holds) would leak. */
static void
assert_sync_waits (const char *address_text,
                   guint       timeout_ms,
                   gboolean    cancel)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new (address_text, 0, timeout_ms);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbDiscoveryResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (cancel)
    g_signal_connect (discovery, "source-changed", G_CALLBACK (cancel_soon), cancellable);
  result = pb_discovery_run_sync (discovery, cancellable, &error);
  g_test_message ("%s%s: %s", address_text, cancel ? " (cancelled)" : "",
                  error ? error->message : "result");
  g_assert_true ((result != NULL) == !cancel);
  g_assert_cmpuint (pb_discovery_get_n_running (discovery), ==, 0);
}

static void
test_sync_waits_for_sources (void)
{
  /* Stalled HTTP, a stalled TLS handshake, slow and fast answers; cancelled and not. */
  static const char * const addresses[] = { "judy@stall.test", "kim@tls-stall.test",
                                            "alice@all.test", "gina@srv-only.test" };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      assert_sync_waits (addresses[i], 1500, FALSE);
      assert_sync_waits (addresses[i], 1500, TRUE);
    }
  /* At the deadline the handshake is cancelled in GIO's worker thread, which completes
   * it a moment later: often enough after a non-blocking look at the context. */
  for (guint i = 0; i < 8; i++)
    assert_sync_waits ("kim@tls-stall.test", 300, FALSE);
}

/* A GUI's main loop is never idle while it animates: when a frame takes longer than the
 * refresh interval (software GL on a loaded machine), GTK's frame clock is due again at
 * once, at GDK_PRIORITY_REDRAW. Nothing the run needs may wait for priorities below that,
 * or SRV and guessing never start and time out (the window test failed that way). */
#define FRAME_CLOCK_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

static gboolean
slow_frame (gpointer user_data)
{
  g_usleep (20 * 1000);
  return G_SOURCE_CONTINUE;
}

static void
on_busy_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_busy_main_loop (void)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new ("gina@srv-only.test", 0, 4000);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) frames = g_idle_source_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(PbDiscoveryResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);
  g_source_set_priority (frames, FRAME_CLOCK_PRIORITY);
  g_source_set_callback (frames, slow_frame, NULL, NULL);
  g_source_attach (frames, context);

  pb_discovery_run_async (discovery, NULL, on_busy_done, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (context, TRUE);
  result = pb_discovery_run_finish (discovery, async_result, &error);
  g_source_destroy (frames);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  /* A starved SRV lookup would have timed out, and the result would be another source's. */
  g_assert_no_error (error);
  assert_source (result, PB_DISCOVERY_SOURCE_SRV);
}

/* The same object run again while the first run's cancelled sources are still completing:
 * their late answers ("cancelled") belong to the first run and must not become the second
 * run's outcome. */
typedef struct {
  GAsyncResult *first;
  GAsyncResult *second;
} Rerun;

static void
on_first_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Rerun *rerun = user_data;

  rerun->first = g_object_ref (result);
  /* At once, while the first run's HTTP sources are still being cancelled. */
  g_assert_cmpuint (pb_discovery_get_n_running (PB_DISCOVERY (object)), >, 0);
  pb_discovery_run_async (PB_DISCOVERY (object), NULL, on_busy_done, &rerun->second);
}

static void
test_rerun_same_object (void)
{
  g_autoptr(PbDiscovery) discovery = pb_test_discovery_new ("judy@stall.test", 0, 3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PbDiscoveryResult) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  Rerun rerun = { NULL, NULL };

  g_signal_connect (discovery, "source-changed", G_CALLBACK (cancel_soon), cancellable);
  pb_discovery_run_async (discovery, cancellable, on_first_done, &rerun);
  while (rerun.second == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (pb_discovery_get_n_running (discovery) > 0)
    g_main_context_iteration (NULL, TRUE);

  first = pb_discovery_run_finish (discovery, rerun.first, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  second = pb_discovery_run_finish (discovery, rerun.second, &error);
  g_assert_no_error (error);
  /* As in a run of its own (/discovery/stall/grace): the stalled autoconfig timed out. */
  assert_source (second, PB_DISCOVERY_SOURCE_ISPDB);
  g_assert_cmpint (pb_discovery_result_get_outcome (second, PB_DISCOVERY_SOURCE_AUTOCONFIG), ==,
                   PB_SOURCE_STATE_TIMEOUT);
  g_clear_object (&rerun.first);
  g_clear_object (&rerun.second);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/discovery/all-at-once", test_all_at_once);
  g_test_add_func ("/discovery/stall/grace", test_stall_grace);
  g_test_add_func ("/discovery/stall/deadline", test_stall_deadline);
  g_test_add_func ("/discovery/nothing", test_nothing);
  g_test_add_func ("/discovery/public-suffix", test_public_suffix);
  g_test_add_func ("/discovery/cancel", test_cancel);
  g_test_add_func ("/discovery/sync-waits-for-sources", test_sync_waits_for_sources);
  g_test_add_func ("/discovery/busy-main-loop", test_busy_main_loop);
  g_test_add_func ("/discovery/rerun-same-object", test_rerun_same_object);

  return g_test_run ();
}
