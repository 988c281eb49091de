/* pb-discovery-source.c: the run's context, a source's task and its answer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pb-discovery-error.h"
#include "pb-discovery-source.h"

static void
context_free (PbDiscoveryContext *ctx)
{
  g_clear_pointer (&ctx->address, pb_address_free);
  g_clear_object (&ctx->db);
  g_clear_object (&ctx->session);
  g_clear_object (&ctx->resolver);
  g_free (ctx->ispdb_base_url);
}

PbDiscoveryContext *
pb_discovery_context_new (const PbAddress *address,
                          guint            timeout_ms,
                          const char      *ispdb_base_url)
{
  PbDiscoveryContext *ctx = g_atomic_rc_box_new0 (PbDiscoveryContext);

  ctx->address = pb_address_copy (address);
  ctx->db = g_object_ref (pb_provider_db_get_default ());
  ctx->timeout_ms = timeout_ms;
  ctx->ispdb_base_url = g_strdup (ispdb_base_url);
  return ctx;
}

PbDiscoveryContext *
pb_discovery_context_ref (PbDiscoveryContext *ctx)
{
  return g_atomic_rc_box_acquire (ctx);
}

void
pb_discovery_context_unref (PbDiscoveryContext *ctx)
{
  g_atomic_rc_box_release_full (ctx, (GDestroyNotify) context_free);
}

PbSourceAnswer *
pb_source_answer_new (PbAccountConfig *config,
                      const char      *reason)
{
  PbSourceAnswer *answer = g_new0 (PbSourceAnswer, 1);

  answer->config = config != NULL ? g_object_ref (config) : NULL;
  answer->reason = g_strdup (reason);
  return answer;
}

void
pb_source_answer_free (PbSourceAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_object (&answer->config);
  g_free (answer->mx_host);
  g_free (answer->reason);
  g_free (answer);
}

/* NULL when a placeholder stays (%PBPACKAGE%, or %MXHOST% without an MX match). */
static char *
expand (const PbAddress *address,
        const char      *mx_host,
        const char      *text)
{
  gboolean complete;
  g_autofree char *expanded = pb_address_expand_full (address, NULL, mx_host, text, &complete);

  /* Whether a placeholder stays is a question about the template, not the result: the
   * address itself may read like one. */
  return complete ? g_steal_pointer (&expanded) : NULL;
}

static void
expand_servers (const PbAddress *address,
                const char      *mx_host,
                GPtrArray       *from,
                GPtrArray       *to)
{
  for (guint i = 0; i < from->len; i++)
    {
      PbServerConfig *server = g_ptr_array_index (from, i);
      g_autofree char *host = expand (address, mx_host, server->host);
      g_autofree char *user = NULL;

      if (host == NULL)
        continue;
      if (server->username != NULL && (user = expand (address, mx_host, server->username)) == NULL)
        continue;
      g_ptr_array_add (to, pb_server_config_new (server->protocol, host, server->port,
                                                 server->security, server->auth, user));
    }
}

void
pb_source_answer_expand (PbSourceAnswer  *answer,
                         const PbAddress *address,
                         GPtrArray       *incoming,
                         GPtrArray       *outgoing)
{
  expand_servers (address, answer->mx_host, pb_account_config_get_incoming (answer->config),
                  incoming);
  expand_servers (address, answer->mx_host, pb_account_config_get_outgoing (answer->config),
                  outgoing);
}

gboolean
pb_source_answer_is_usable (PbSourceAnswer  *answer,
                            const PbAddress *address)
{
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_server_config_unref);

  pb_source_answer_expand (answer, address, servers, servers);
  return servers->len > 0;
}

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

PbSourceAnswer *
pb_discovery_source_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
pb_discovery_host_in_domain (const char *host,
                             const char *domain)
{
  gsize hlen, dlen;

  if (host == NULL || domain == NULL || *domain == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, domain) == 0)
    return TRUE;
  hlen = strlen (host);
  dlen = strlen (domain);
  return hlen > dlen && host[hlen - dlen - 1] == '.' &&
         g_ascii_strcasecmp (host + hlen - dlen, domain) == 0;
}

gboolean
pb_discovery_check_discoverable (const PbAddress  *address,
                                 GError          **error)
{
  if (!pb_address_check_discoverable (address, error))
    return FALSE;
  /* Never ask a registry-level name: its autoconfig or MX would speak for everybody. */
  if (strchr (address->domain, '.') == NULL || soup_tld_domain_is_public_suffix (address->domain))
    {
      g_set_error (error, PB_DISCOVERY_ERROR, PB_DISCOVERY_ERROR_NOT_DISCOVERABLE,
                   _("“%s” is a public suffix, not a mail domain: settings cannot be looked up "
                     "for it"), address->domain_unicode);
      return FALSE;
    }
  return TRUE;
}
