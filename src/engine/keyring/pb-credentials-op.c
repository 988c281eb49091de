/* pb-credentials-op.c: one keyring operation, and the unlock before it
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsecret unlocks a locked keyring by itself but ignores a failed unlock (a lookup then
 * just finds nothing), so before each operation this looks for locked items (or a locked
 * default collection) and does the unlock itself: that is how "locked", "prompt
 * dismissed" and "not stored" stay three different answers.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials-op.h"
#include "pb-keyring-unlock.h"


static void
op_free (gpointer data)
{
  PbCredentialsOp *op = data;

  g_clear_pointer (&op->attributes, g_hash_table_unref);
  g_clear_pointer (&op->value, secret_value_unref);
  g_list_free_full (op->items, g_object_unref);
  g_free (op->label);
  g_free (op);
}

GTask *
pb_credentials_op_new (gpointer            source_tag,
                       const SecretSchema *schema,
                       GHashTable         *attributes,
                       PbCredentialsFlags  flags,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  PbCredentialsOp *op = g_new0 (PbCredentialsOp, 1);

  op->attributes = attributes;
  op->flags = flags;
  op->schema = schema;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_free);
  return task;
}

gboolean
pb_credentials_op_is_task_of (GAsyncResult *result,
                              gpointer      tag)
{
  return g_task_is_valid (result, NULL) && g_task_get_source_tag (G_TASK (result)) == tag;
}

static void
return_locked (GTask *task)
{
  g_task_return_new_error (task, PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_LOCKED,
                           _("The keyring is locked. Unlock it (for example in “Passwords and "
                             "Keys”) and try again."));
}

void
pb_credentials_op_return_error (GTask  *task,
                                GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == PB_CREDENTIALS_ERROR)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("keyring: %s (%s %d)", error->message, g_quark_to_string (error->domain),
           error->code);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return_locked (task);
  else
    g_task_return_new_error (task, PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_UNAVAILABLE,
                             _("The keyring is not available: no Secret Service answered "
                               "on this desktop (%s)."), error->message);
  g_error_free (error);
}

/* libsecret's unlock reports a dismissed prompt as success with nothing unlocked. */
static void
on_unlocked (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbCredentialsOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autolist(GDBusProxy) unlocked = NULL;

  pb_keyring_unlock_finish (result, &unlocked, &error);
  if (error != NULL)
    pb_credentials_op_return_error (task, g_steal_pointer (&error));
  else if (unlocked == NULL)
    g_task_return_new_error (task, PB_CREDENTIALS_ERROR, PB_CREDENTIALS_ERROR_DISMISSED,
                             _("The keyring stayed locked: the prompt to unlock it was "
                               "dismissed."));
  else
    op->then (task);
}

void
pb_credentials_op_unlock_then (GTask         *task,
                               SecretService *service,
                               GList         *locked)
{
  PbCredentialsOp *op = g_task_get_task_data (task);

  if (op->flags & PB_CREDENTIALS_FLAGS_NO_PROMPT)
    {
      return_locked (task);
      return;
    }

  pb_keyring_unlock (service, locked, g_task_get_cancellable (task), on_unlocked,
                     g_object_ref (task));
}

/* Items from the Secret Service are SecretItems that know whether they are locked; those
 * from the Flatpak's file backend have no lock of their own. */
static gboolean
unlock_items_then (GTask *task,
                   PbCredentialsNext  then)
{
  PbCredentialsOp *op = g_task_get_task_data (task);
  g_autoptr(GList) locked = NULL;
  SecretService *service = NULL;

  for (GList *l = op->items; l != NULL; l = l->next)
    {
      if (SECRET_IS_ITEM (l->data) && secret_item_get_locked (l->data))
        {
          locked = g_list_prepend (locked, l->data);
          service = secret_item_get_service (l->data);
        }
    }
  if (locked == NULL)
    return FALSE;

  op->then = then;
  pb_credentials_op_unlock_then (task, service, locked);
  return TRUE;
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbCredentialsOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  op->items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      pb_credentials_op_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!unlock_items_then (task, op->then))
    op->then (task);
}

/* Never with SECRET_SEARCH_UNLOCK: the unlock is ours, to see a dismissal. */
void
pb_credentials_op_search_then (GTask             *task,
                               SecretSearchFlags  search_flags,
                               PbCredentialsNext  then)
{
  PbCredentialsOp *op = g_task_get_task_data (task);

  op->then = then;
  secret_password_searchv (op->schema, op->attributes, search_flags,
                           g_task_get_cancellable (task), on_searched, g_object_ref (task));
}
