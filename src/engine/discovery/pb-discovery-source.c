/* pb-discovery-source.c: the task every discovery source runs as
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-discovery-private.h"

GTask *
pb_discovery_source_task_new (PbDiscoveryContext  *ctx,
                              gpointer             source_tag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_object_set_data_full (G_OBJECT (task), "ctx", pb_discovery_context_ref (ctx),
                          (GDestroyNotify) pb_discovery_context_unref);
  return task;
}

PbDiscoveryContext *
pb_discovery_source_task_get_context (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "ctx");
}
