/* pb-setup-asker.c: what the setup flow asks the user, and the one way it asks
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-setup-asker.h"

G_DEFINE_INTERFACE (PbSetupAsker, pb_setup_asker, G_TYPE_OBJECT)

/* An asker whose ask_async returns its answer with g_task_return_boolean() needs no
 * ask_finish of its own. */
static gboolean
ask_finish_from_task (PbSetupAsker  *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pb_setup_asker_default_init (PbSetupAskerInterface *iface)
{
  iface->ask_finish = ask_finish_from_task;
}

void
pb_setup_question_free (PbSetupQuestion *question)
{
  if (question == NULL)
    return;
  g_strfreev (question->hosts);
  g_clear_object (&question->result);
  g_free (question);
}

void
pb_setup_asker_ask_async (PbSetupAsker          *self,
                          const PbSetupQuestion *question,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_return_if_fail (PB_IS_SETUP_ASKER (self));
  g_return_if_fail (question != NULL);

  PB_SETUP_ASKER_GET_IFACE (self)->ask_async (self, question, cancellable, callback, user_data);
}

gboolean
pb_setup_asker_ask_finish (PbSetupAsker  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PB_IS_SETUP_ASKER (self), FALSE);

  return PB_SETUP_ASKER_GET_IFACE (self)->ask_finish (self, result, error);
}
