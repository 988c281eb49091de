/* pb-test-goa.c: a stand-in for goa-daemon on a test's bus
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-test-goa.h"

#define MANAGER_PATH "/org/gnome/OnlineAccounts/Manager"

static const char introspection[] =
  "<node>"
  "  <interface name='org.gnome.OnlineAccounts.Manager'>"
  "    <method name='AddAccount'>"
  "      <arg name='provider' type='s' direction='in'/>"
  "      <arg name='identity' type='s' direction='in'/>"
  "      <arg name='presentation_identity' type='s' direction='in'/>"
  "      <arg name='credentials' type='a{sv}' direction='in'/>"
  "      <arg name='details' type='a{ss}' direction='in'/>"
  "      <arg name='account_object_path' type='o' direction='out'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.gnome.OnlineAccounts.Account'>"
  "    <method name='Remove'/>"
  "  </interface>"
  "</node>";

struct _PbTestGoa {
  char            *address;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  GDBusNodeInfo   *node;
  GMutex           lock;
  GCond            ready_cond;
  gboolean         ready;
  char            *refusal;
  GVariant        *credentials;
  guint            account_id;   /* the account's registration, 0 when there is none */
  guint            accounts;
};

static gboolean
refused (PbTestGoa             *goa,
         GDBusMethodInvocation *invocation)
{
  g_autofree char *refusal = NULL;

  g_mutex_lock (&goa->lock);
  refusal = g_strdup (goa->refusal);
  g_mutex_unlock (&goa->lock);
  if (refusal == NULL)
    return FALSE;
  g_dbus_method_invocation_return_dbus_error (invocation, "org.gnome.OnlineAccounts.Error.Failed",
                                              refusal);
  return TRUE;
}

static void on_call (GDBusConnection *connection, const char *sender, const char *path,
                     const char *iface, const char *method, GVariant *parameters,
                     GDBusMethodInvocation *invocation, gpointer user_data);

static const GDBusInterfaceVTable vtable = { on_call, NULL, NULL, { 0 } };

static void
add_account (PbTestGoa             *goa,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariant) credentials = g_variant_get_child_value (parameters, 3);

  if (goa->account_id == 0)
    goa->account_id = g_dbus_connection_register_object (goa->connection,
                                                         PB_TEST_GOA_ACCOUNT_PATH,
                                                         goa->node->interfaces[1], &vtable,
                                                         goa, NULL, NULL);
  g_mutex_lock (&goa->lock);
  g_clear_pointer (&goa->credentials, g_variant_unref);
  goa->credentials = g_steal_pointer (&credentials);
  goa->accounts = 1;
  g_mutex_unlock (&goa->lock);
  g_dbus_method_invocation_return_value (invocation,
                                         g_variant_new ("(o)", PB_TEST_GOA_ACCOUNT_PATH));
}

static void
on_call (GDBusConnection       *connection,
         const char            *sender,
         const char            *path,
         const char            *iface,
         const char            *method,
         GVariant              *parameters,
         GDBusMethodInvocation *invocation,
         gpointer               user_data)
{
  PbTestGoa *goa = user_data;

  if (refused (goa, invocation))
    return;
  if (g_str_equal (method, "AddAccount"))
    {
      add_account (goa, parameters, invocation);
      return;
    }
  g_dbus_connection_unregister_object (connection, goa->account_id);
  goa->account_id = 0;
  g_mutex_lock (&goa->lock);
  goa->accounts = 0;
  g_mutex_unlock (&goa->lock);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gpointer
serve (gpointer data)
{
  PbTestGoa *goa = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owned = NULL;
  guint32 reply = 0;

  g_main_context_push_thread_default (goa->context);
  goa->connection = g_dbus_connection_new_for_address_sync (
    goa->address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (goa->connection, MANAGER_PATH, goa->node->interfaces[0],
                                     &vtable, goa, NULL, &error);
  g_assert_no_error (error);
  /* DBUS_NAME_FLAG_DO_NOT_QUEUE; 1: now the primary owner. */
  owned = g_dbus_connection_call_sync (goa->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.gnome.OnlineAccounts", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owned, "(u)", &reply);
  g_assert_cmpuint (reply, ==, 1);
  g_mutex_lock (&goa->lock);
  goa->ready = TRUE;
  g_cond_signal (&goa->ready_cond);
  g_mutex_unlock (&goa->lock);

  g_main_loop_run (goa->loop);
  g_dbus_connection_close_sync (goa->connection, NULL, NULL);
  g_clear_object (&goa->connection);
  g_main_context_pop_thread_default (goa->context);
  return NULL;
}

PbTestGoa *
pb_test_goa_new (const char *address)
{
  PbTestGoa *goa = g_new0 (PbTestGoa, 1);
  g_autoptr(GError) error = NULL;

  goa->address = g_strdup (address);
  goa->node = g_dbus_node_info_new_for_xml (introspection, &error);
  g_assert_no_error (error);
  goa->context = g_main_context_new ();
  goa->loop = g_main_loop_new (goa->context, FALSE);
  g_mutex_init (&goa->lock);
  g_cond_init (&goa->ready_cond);
  goa->thread = g_thread_new ("pb-test-goa", serve, goa);
  g_mutex_lock (&goa->lock);
  while (!goa->ready)
    g_cond_wait (&goa->ready_cond, &goa->lock);
  g_mutex_unlock (&goa->lock);
  return goa;
}

void
pb_test_goa_set_refusal (PbTestGoa  *goa,
                         const char *message)
{
  g_mutex_lock (&goa->lock);
  g_free (goa->refusal);
  goa->refusal = g_strdup (message);
  g_mutex_unlock (&goa->lock);
}

GVariant *
pb_test_goa_dup_credentials (PbTestGoa *goa)
{
  GVariant *credentials;

  g_mutex_lock (&goa->lock);
  credentials = goa->credentials != NULL ? g_variant_ref (goa->credentials) : NULL;
  g_mutex_unlock (&goa->lock);
  return credentials;
}

guint
pb_test_goa_get_accounts (PbTestGoa *goa)
{
  guint accounts;

  g_mutex_lock (&goa->lock);
  accounts = goa->accounts;
  g_mutex_unlock (&goa->lock);
  return accounts;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
pb_test_goa_free (PbTestGoa *goa)
{
  g_main_context_invoke (goa->context, quit, goa->loop);
  g_thread_join (goa->thread);
  g_main_loop_unref (goa->loop);
  g_main_context_unref (goa->context);
  g_dbus_node_info_unref (goa->node);
  g_clear_pointer (&goa->credentials, g_variant_unref);
  g_mutex_clear (&goa->lock);
  g_cond_clear (&goa->ready_cond);
  g_free (goa->refusal);
  g_free (goa->address);
  g_free (goa);
}
