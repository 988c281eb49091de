/* pb-cli-asker.c: the setup flow's questions, answered from the command line's options
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-cli-asker.h"

struct _PbCliAsker
{
  GObject  parent_instance;
  char    *confirmed_host;
};

static void pb_cli_asker_iface_init (PbSetupAskerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PbCliAsker, pb_cli_asker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_SETUP_ASKER,
                                                      pb_cli_asker_iface_init))

/* Yes only when every host in question is the one the user named. */
static gboolean
is_confirmed (PbCliAsker            *self,
              const PbSetupQuestion *question)
{
  if (question->kind == PB_SETUP_QUESTION_TRUST_CERTIFICATE || self->confirmed_host == NULL ||
      question->hosts == NULL || question->hosts[0] == NULL)
    return FALSE;
  for (guint i = 0; question->hosts[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (question->hosts[i], self->confirmed_host) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
pb_cli_asker_ask_async (PbSetupAsker          *asker,
                        const PbSetupQuestion *question,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = g_task_new (asker, cancellable, callback, user_data);

  g_task_return_boolean (task, is_confirmed (PB_CLI_ASKER (asker), question));
}

static void
pb_cli_asker_iface_init (PbSetupAskerInterface *iface)
{
  iface->ask_async = pb_cli_asker_ask_async;
}

static void
pb_cli_asker_finalize (GObject *object)
{
  g_free (PB_CLI_ASKER (object)->confirmed_host);
  G_OBJECT_CLASS (pb_cli_asker_parent_class)->finalize (object);
}

static void
pb_cli_asker_class_init (PbCliAskerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_cli_asker_finalize;
}

static void
pb_cli_asker_init (PbCliAsker *self)
{
}

PbCliAsker *
pb_cli_asker_new (const char *confirmed_host)
{
  PbCliAsker *self = g_object_new (PB_TYPE_CLI_ASKER, NULL);

  self->confirmed_host = g_strdup (confirmed_host);
  return self;
}
