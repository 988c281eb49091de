/* pb-cli-asker.c: the setup flow's questions, answered from the command line's options
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-cli-asker.h"

struct _PbCliAsker
{
  GObject parent_instance;
};

static void pb_cli_asker_iface_init (PbSetupAskerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbCliAsker, pb_cli_asker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_SETUP_ASKER,
                                                      pb_cli_asker_iface_init))

/* The flow asks only about servers it detected (foreign, or settings over plain HTTP) and
 * certificates: the answer is no; the command line then says how to name the server with
 * --server, which takes the flow past every question. */
static void
pb_cli_asker_ask_async (PbSetupAsker          *asker,
                        const PbSetupQuestion *question,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (asker, cancellable, callback, user_data);

  g_task_return_boolean (task, FALSE);
}

static void
pb_cli_asker_iface_init (PbSetupAskerInterface *iface)
{
  iface->ask_async = pb_cli_asker_ask_async;
}

static void
pb_cli_asker_class_init (PbCliAskerClass *klass)
{
}

static void
pb_cli_asker_init (PbCliAsker *self)
{
}

PbCliAsker *
pb_cli_asker_new (void)
{
  return g_object_new (PB_TYPE_CLI_ASKER, NULL);
}
