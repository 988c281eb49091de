/* pb-keyring-unlock.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-keyring-unlock.h"

typedef struct {
  SecretService *service;
  GList         *objects;
  GList         *unlocked;
} Unlock;

/* The unlocks asked for: the head is under way, the others wait. The sync calls of the
 * keyring run in worker threads: the queue is shared. */
G_LOCK_DEFINE_STATIC (queue);
static GQueue queue = G_QUEUE_INIT;

static void
unlock_free (Unlock *unlock)
{
  g_object_unref (unlock->service);
  g_list_free_full (unlock->objects, g_object_unref);
  g_list_free_full (unlock->unlocked, g_object_unref);
  g_free (unlock);
}

static void start (GTask *task);

static gboolean
start_in_context (gpointer data)
{
  start (data);
  return G_SOURCE_REMOVE;
}

static void
on_unlocked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Unlock *unlock = g_task_get_task_data (task);
  GError *error = NULL;
  GTask *next;

  secret_service_unlock_finish (SECRET_SERVICE (source), result, &unlock->unlocked, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  G_LOCK (queue);
  g_queue_remove (&queue, task);
  next = g_queue_peek_head (&queue);
  G_UNLOCK (queue);
  if (next != NULL)
    g_main_context_invoke (g_task_get_context (next), start_in_context, next);
  g_object_unref (task);
}

static void
start (GTask *task)
{
  Unlock *unlock = g_task_get_task_data (task);

  secret_service_unlock (unlock->service, unlock->objects, g_task_get_cancellable (task),
                         on_unlocked, task);
}

void
pb_keyring_unlock (SecretService       *service,
                   GList               *objects,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task;
  Unlock *unlock;
  gboolean first;

  g_return_if_fail (SECRET_IS_SERVICE (service));

  task = g_task_new (NULL, cancellable, callback, user_data);
  unlock = g_new0 (Unlock, 1);
  unlock->service = g_object_ref (service);
  unlock->objects = g_list_copy_deep (objects, (GCopyFunc) (void (*) (void)) g_object_ref,
                                      NULL);
  g_task_set_source_tag (task, pb_keyring_unlock);
  g_task_set_task_data (task, unlock, (GDestroyNotify) unlock_free);
  G_LOCK (queue);
  g_queue_push_tail (&queue, task);
  first = queue.length == 1;
  G_UNLOCK (queue);
  if (first)
    start (task);
}

gboolean
pb_keyring_unlock_finish (GAsyncResult  *result,
                          GList        **unlocked,
                          GError       **error)
{
  Unlock *unlock;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  unlock = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (unlocked != NULL)
    *unlocked = g_steal_pointer (&unlock->unlocked);
  return TRUE;
}
