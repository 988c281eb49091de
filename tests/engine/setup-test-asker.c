/* setup-test-asker.c: an asker for the setup flow's tests
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "setup-test-asker.h"

static void test_asker_iface_init (PbSetupAskerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestAsker, test_asker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_SETUP_ASKER,
                                                      test_asker_iface_init))

static void
on_ask_cancelled (GCancellable *cancellable,
                  gpointer      user_data)
{
  g_task_return_boolean (user_data, FALSE);
}

static void
test_asker_ask_async (PbSetupAsker          *asker,
                      const PbSetupQuestion *question,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  TestAsker *self = TEST_ASKER (asker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->n_asked++;
  self->kind = question->kind;
  g_free (self->hosts);
  self->hosts = question->hosts ? g_strjoinv (" ", question->hosts) : NULL;
  self->connections_when_asked = self->connections ? *self->connections : 0;
  if (!self->wait)
    {
      g_task_return_boolean (task, self->answer);
      return;
    }
  /* GTask returns the cancellation error itself: check-cancellable is on by default. */
  g_cancellable_connect (cancellable, G_CALLBACK (on_ask_cancelled),
                         g_steal_pointer (&task), g_object_unref);
}

static void
test_asker_iface_init (PbSetupAskerInterface *iface)
{
  iface->ask_async = test_asker_ask_async;
}

static void
test_asker_finalize (GObject *object)
{
  g_free (TEST_ASKER (object)->hosts);
  G_OBJECT_CLASS (test_asker_parent_class)->finalize (object);
}

static void
test_asker_class_init (TestAskerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_asker_finalize;
}

static void
test_asker_init (TestAsker *self)
{
}

