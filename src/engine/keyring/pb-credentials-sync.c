/* pb-credentials-sync.c: blocking forms of the keyring calls, for the command line
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like libsecret's own _sync calls: the async call runs on a private main context, so
 * nothing else of the program's main loop is dispatched meanwhile.
 */
#include "config.h"

#include "pb-credentials-sync.h"

typedef struct {
  GMainContext *context;
  GAsyncResult *result;
} SyncCall;

static void
sync_call_begin (SyncCall *call)
{
  call->context = g_main_context_new ();
  call->result = NULL;
  g_main_context_push_thread_default (call->context);
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = g_object_ref (result);
}

/* Returns the result (owned by @call until sync_call_end). */
static GAsyncResult *
sync_call_wait (SyncCall *call)
{
  while (call->result == NULL)
    g_main_context_iteration (call->context, TRUE);
  return call->result;
}

static void
sync_call_end (SyncCall *call)
{
  g_clear_object (&call->result);
  /* Lets sources that libsecret queued on this context finish and free their data. */
  while (g_main_context_iteration (call->context, FALSE))
    ;
  g_main_context_pop_thread_default (call->context);
  g_main_context_unref (call->context);
}

gboolean
pb_credentials_store_sync (PbProtocol          protocol,
                           const char         *host,
                           guint16             port,
                           const char         *user,
                           const char         *password,
                           PbCredentialsFlags  flags,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GHashTable) attributes = pb_credentials_make_attributes (protocol, host, port, user);
  g_autofree char *label = pb_credentials_make_label (protocol, host, user);

  return pb_credentials_store_foreign_sync (pb_credentials_get_schema (), attributes, label,
                                            password, flags, cancellable, error);
}

gboolean
pb_credentials_store_foreign_sync (const SecretSchema *schema,
                                   GHashTable         *attributes,
                                   const char         *label,
                                   const char         *password,
                                   PbCredentialsFlags  flags,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  SyncCall call;
  gboolean ok;

  sync_call_begin (&call);
  pb_credentials_store_foreign (schema, attributes, label, password, flags, cancellable,
                                on_sync_done, &call);
  ok = pb_credentials_store_finish (sync_call_wait (&call), error);
  sync_call_end (&call);
  return ok;
}

PbPassword *
pb_credentials_lookup_sync (PbProtocol          protocol,
                            const char         *host,
                            guint16             port,
                            const char         *user,
                            PbCredentialsFlags  flags,
                            GCancellable       *cancellable,
                            GError            **error)
{
  SyncCall call;
  PbPassword *password;

  sync_call_begin (&call);
  pb_credentials_lookup (protocol, host, port, user, flags, cancellable, on_sync_done, &call);
  password = pb_credentials_lookup_finish (sync_call_wait (&call), error);
  sync_call_end (&call);
  return password;
}

gboolean
pb_credentials_clear_sync (const char         *user,
                           const char         *host,
                           guint16             port,
                           PbCredentialsFlags  flags,
                           guint              *n_removed,
                           GCancellable       *cancellable,
                           GError            **error)
{
  SyncCall call;
  gboolean ok;

  sync_call_begin (&call);
  pb_credentials_clear (user, host, port, flags, cancellable, on_sync_done, &call);
  ok = pb_credentials_clear_finish (sync_call_wait (&call), n_removed, error);
  sync_call_end (&call);
  return ok;
}

gboolean
pb_credentials_clear_foreign_sync (const SecretSchema *schema,
                                   GHashTable         *attributes,
                                   PbCredentialsFlags  flags,
                                   guint              *n_removed,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  SyncCall call;
  gboolean ok;

  sync_call_begin (&call);
  pb_credentials_clear_foreign (schema, attributes, flags, cancellable, on_sync_done, &call);
  ok = pb_credentials_clear_finish (sync_call_wait (&call), n_removed, error);
  sync_call_end (&call);
  return ok;
}
