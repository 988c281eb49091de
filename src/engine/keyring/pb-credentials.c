/* pb-credentials.c: passwords in the desktop keyring (libsecret), and nowhere else
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operations themselves go through libsecret's password API, which talks to the
 * Secret Service on a desktop and to the Secret portal inside a Flatpak. The unlock
 * before each of them is pb-credentials-op.c's.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-credentials-op.h"
#include "pb-credentials.h"

static const SecretSchema credentials_schema = {
  APPLICATION_ID, SECRET_SCHEMA_NONE,
  {
    { "protocol", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

const SecretSchema *
pb_credentials_get_schema (void)
{
  return &credentials_schema;
}

char *
pb_credentials_make_label (PbProtocol  protocol,
                           const char *host,
                           const char *user)
{
  g_autofree char *proto = g_ascii_strup (pb_protocol_to_string (protocol), -1);

  /* Translators: the name of a password in the keyring (Seahorse shows it), e.g.
   * "Postbote: alice@example.com on smtp.example.com (SMTP)" */
  return g_strdup_printf (_("Postbote: %1$s on %2$s (%3$s)"), user, host, proto);
}

PbCredentialsFlags
pb_credentials_default_flags (void)
{
  /* Without a display the desktop cannot show its unlock prompt (ssh, a service): then
   * "locked" is the honest answer, not a prompt nobody sees. */
  if (g_getenv ("WAYLAND_DISPLAY") != NULL || g_getenv ("DISPLAY") != NULL)
    return PB_CREDENTIALS_FLAGS_NONE;
  return PB_CREDENTIALS_FLAGS_NO_PROMPT;
}

static GHashTable *
build_attributes (const char *protocol,
                  const char *host,
                  guint16     port,
                  const char *user)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (protocol != NULL)
    g_hash_table_insert (attributes, (char *) "protocol", g_strdup (protocol));
  /* Host names are case-insensitive: one spelling finds the other. */
  if (host != NULL)
    g_hash_table_insert (attributes, (char *) "host", g_ascii_strdown (host, -1));
  if (port != 0)
    g_hash_table_insert (attributes, (char *) "port", g_strdup_printf ("%u", port));
  g_hash_table_insert (attributes, (char *) "user", g_strdup (user));

  return attributes;
}

GHashTable *
pb_credentials_make_attributes (PbProtocol  protocol,
                                const char *host,
                                guint16     port,
                                const char *user)
{
  return build_attributes (pb_protocol_to_string (protocol), host, port, user);
}

void
pb_credentials_password_free (PbPassword *password)
{
  secret_password_free (password);
}

/* ---------------------------------------------------------------------------------- */
/* store */

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    pb_credentials_op_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* libsecret's own choice of backend: in a Flatpak or Snap (or when SECRET_BACKEND says so)
 * it keeps an encrypted file with the key from the Secret portal, and there is no
 * collection to unlock. */
static gboolean
uses_file_backend (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) || g_getenv ("SNAP_NAME") != NULL ||
         g_strcmp0 (g_getenv ("SECRET_BACKEND"), "file") == 0;
}

static void
store_now (GTask *task)
{
  PbCredentialsOp *op = g_task_get_task_data (task);

  /* Same attributes as an existing item: the Secret Service replaces it. */
  secret_password_storev_binary (op->schema, op->attributes, SECRET_COLLECTION_DEFAULT,
                                 op->label, op->value, g_task_get_cancellable (task),
                                 on_stored, g_object_ref (task));
}

static void
on_default_collection (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbCredentialsOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretCollection) collection = secret_collection_for_alias_finish (result, &error);

  if (error != NULL)
    {
      pb_credentials_op_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* No default collection yet: the Secret Service creates one (and asks for its password). */
  if (collection == NULL || !secret_collection_get_locked (collection))
    {
      store_now (task);
      return;
    }

  /* Kept in op->items: libsecret holds on to the object while it unlocks. */
  op->items = g_list_prepend (NULL, g_steal_pointer (&collection));
  op->then = store_now;
  pb_credentials_op_unlock_then (task, secret_collection_get_service (op->items->data), op->items);
}

void
pb_credentials_store (PbProtocol          protocol,
                      const char         *host,
                      guint16             port,
                      const char         *user,
                      const char         *password,
                      PbCredentialsFlags  flags,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autofree char *label = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (host != NULL && port != 0 && user != NULL && password != NULL);

  label = pb_credentials_make_label (protocol, host, user);
  attributes = pb_credentials_make_attributes (protocol, host, port, user);
  pb_credentials_store_foreign (&credentials_schema, attributes, label, password, flags,
                                cancellable, callback, user_data);
}

void
pb_credentials_store_foreign (const SecretSchema *schema,
                              GHashTable         *attributes,
                              const char         *label,
                              const char         *password,
                              PbCredentialsFlags  flags,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  PbCredentialsOp *op;

  g_return_if_fail (schema != NULL && attributes != NULL && label != NULL && password != NULL);

  /* One source tag for both stores: pb_credentials_store_finish() ends either. */
  task = pb_credentials_op_new (pb_credentials_store, schema, g_hash_table_ref (attributes),
                                flags, cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->label = g_strdup (label);
  op->value = secret_value_new (password, -1, "text/plain");

  if (uses_file_backend ())
    {
      store_now (task);
      return;
    }

  secret_collection_for_alias (NULL, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               cancellable, on_default_collection, g_object_ref (task));
}

gboolean
pb_credentials_store_finish (GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (pb_credentials_op_is_task_of (result, pb_credentials_store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------- */
/* lookup */

static void
on_retrieved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result,
                                                     &error);
  if (error != NULL)
    {
      pb_credentials_op_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (value == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* secret_value_unref_to_password keeps the text in libsecret's wiped memory. */
  g_task_return_pointer (task, secret_value_unref_to_password (value, NULL),
                         (GDestroyNotify) secret_password_free);
}

static void
lookup_retrieve (GTask *task)
{
  PbCredentialsOp *op = g_task_get_task_data (task);

  if (op->items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  secret_retrievable_retrieve_secret (op->items->data, g_task_get_cancellable (task),
                                      on_retrieved, g_object_ref (task));
}

void
pb_credentials_lookup (PbProtocol          protocol,
                       const char         *host,
                       guint16             port,
                       const char         *user,
                       PbCredentialsFlags  flags,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (host != NULL && port != 0 && user != NULL);

  attributes = build_attributes (pb_protocol_to_string (protocol), host, port, user);
  pb_credentials_lookup_foreign (&credentials_schema, attributes, flags, cancellable, callback,
                                 user_data);
}

void
pb_credentials_lookup_foreign (const SecretSchema *schema,
                               GHashTable         *attributes,
                               PbCredentialsFlags  flags,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = pb_credentials_op_new (pb_credentials_lookup, schema,
                                                 g_hash_table_ref (attributes), flags,
                                                 cancellable, callback, user_data);

  pb_credentials_op_search_then (task, SECRET_SEARCH_NONE, lookup_retrieve);
}

PbPassword *
pb_credentials_lookup_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (pb_credentials_op_is_task_of (result, pb_credentials_lookup), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------- */
/* clear */

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbCredentialsOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    pb_credentials_op_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, g_list_length (op->items));
}

static void
clear_now (GTask *task)
{
  PbCredentialsOp *op = g_task_get_task_data (task);

  if (op->items == NULL)
    {
      g_task_return_int (task, 0);
      return;
    }
  secret_password_clearv (op->schema, op->attributes, g_task_get_cancellable (task),
                          on_cleared, g_object_ref (task));
}

void
pb_credentials_clear (const char         *user,
                      const char         *host,
                      guint16             port,
                      PbCredentialsFlags  flags,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (user != NULL);

  attributes = build_attributes (NULL, host, port, user);
  pb_credentials_clear_foreign (&credentials_schema, attributes, flags, cancellable, callback,
                                user_data);
}

void
pb_credentials_clear_foreign (const SecretSchema *schema,
                              GHashTable         *attributes,
                              PbCredentialsFlags  flags,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) task = pb_credentials_op_new (pb_credentials_clear, schema,
                                                 g_hash_table_ref (attributes), flags,
                                                 cancellable, callback, user_data);

  pb_credentials_op_search_then (task, SECRET_SEARCH_ALL, clear_now);
}

gboolean
pb_credentials_clear_finish (GAsyncResult *result,
                             guint        *n_removed,
                             GError      **error)
{
  gssize n;

  g_return_val_if_fail (pb_credentials_op_is_task_of (result, pb_credentials_clear), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_removed != NULL)
    *n_removed = (guint) n;
  return TRUE;
}
