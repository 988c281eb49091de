/* pb-discovery-sync.c: a discovery run to its end on a private main context
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-discovery-private.h"
#include "pb-discovery-sync.h"

/* After the result, how long cancelled sources get to complete. They are all cancelled by
 * then and finish within milliseconds; the bound is for a source that would not. */
#define SYNC_SETTLE_MS 2000

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
sync_settle_expired (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

PbDiscoveryResult *
pb_discovery_run_sync (PbDiscovery   *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  PbDiscoveryResult *ret;

  g_main_context_push_thread_default (context);
  pb_discovery_run_async (self, cancellable, sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  ret = pb_discovery_run_finish (self, result, error);

  /* Cancelled sources still complete, some from a worker thread (a TLS handshake) a moment
   * later: wait for each, or it completes into a context nobody iterates and its task,
   * connection and run context leak. */
  if (pb_discovery_get_n_running (self) > 0)
    {
      g_autoptr(GSource) bound = g_timeout_source_new (SYNC_SETTLE_MS);
      gboolean expired = FALSE;

      g_source_set_callback (bound, sync_settle_expired, &expired, NULL);
      g_source_set_static_name (bound, "[postbote] discovery settle");
      g_source_attach (bound, context);
      while (pb_discovery_get_n_running (self) > 0 && !expired)
        g_main_context_iteration (context, TRUE);
      g_source_destroy (bound);
      if (pb_discovery_get_n_running (self) > 0)
        g_debug ("Discovery: %u source(s) did not complete within %d ms of cancellation",
                 pb_discovery_get_n_running (self), SYNC_SETTLE_MS);
    }
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  return ret;
}
