/* pb-discovery-dns.c: the MX and SRV sources
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-discovery-dns.h"
#include "pb-discovery-http.h"
#include "pb-text.h"

static void
return_answer (GTask          *task,
               PbSourceAnswer *answer)
{
  g_task_return_pointer (task, answer, (GDestroyNotify) pb_source_answer_free);
}

static void
return_nothing (GTask      *task,
                const char *reason)
{
  return_answer (task, pb_source_answer_new (NULL, reason));
}

/* MX: a custom domain hosted at a known provider. */

static void
mx_ispdb_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *mx_host = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  PbSourceAnswer *answer = pb_discovery_source_finish (result, &error);

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (answer->config != NULL)
    {
      g_autofree char *url = g_steal_pointer (&answer->reason);

      answer->reason = g_strdup_printf (_("MX %s, then %s"), mx_host, url);
      answer->mx_host = g_strdup (mx_host);
    }
  return_answer (task, answer);
}

static void
mx_looked_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbDiscoveryContext *ctx = pb_discovery_source_task_get_context (task);
  const char *domain = ctx->address->domain;
  g_autoptr(GError) error = NULL;
  GList *records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, &error);
  g_autofree char *best = NULL;
  g_autoptr(PbAccountConfig) config = NULL;
  PbSourceAnswer *answer;
  const char *base;
  guint16 best_pref = G_MAXUINT16;
  GCancellable *cancellable;

  if (error != NULL)
    {
      if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
        {
          answer = pb_source_answer_new (NULL, _("The domain has no MX record"));
          answer->no_mx = TRUE;
          return_answer (task, answer);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Every record counts, not only the first few in the answer's order: the best may stand
   * last. One pass over what the resolver already parsed is cheap. A null MX (RFC 7505,
   * the root as host) is no candidate: alone it leaves best unset (no mail here); beside
   * real records, which the RFC forbids, they still name the hoster, in any order. */
  for (GList *l = records; l != NULL; l = l->next)
    {
      guint16 pref;
      const char *name;
      g_autofree char *host = NULL;

      g_variant_get (l->data, "(q&s)", &pref, &name);
      host = pb_text_dns_host (name);
      if (host != NULL && (best == NULL || pref < best_pref))
        {
          g_free (best);
          best = g_steal_pointer (&host);
          best_pref = pref;
        }
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);

  if (best == NULL)
    {
      return_nothing (task, _("The domain accepts no mail (null MX record)"));
      return;
    }

  config = pb_provider_db_lookup_mx (ctx->db, best);
  base = soup_tld_get_base_domain (best, NULL);
  if (config == NULL && base != NULL)
    config = pb_provider_db_lookup_domain (ctx->db, base);
  if (config != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("MX %s belongs to %s"), best,
                                                 pb_account_config_get_short_name (config));

      answer = pb_source_answer_new (config, reason);
      answer->mx_host = g_strdup (best);
      answer->curated = TRUE;
      return_answer (task, answer);
      return;
    }
  if (base == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("MX %s has no registrable domain"), best);

      return_nothing (task, reason);
      return;
    }
  /* The domain's own mail server: the autoconfig and ISPDB sources already ask for it. */
  if (pb_discovery_host_in_domain (domain, base))
    {
      g_autofree char *reason = g_strdup_printf (_("MX %s is the domain’s own server"), best);

      return_nothing (task, reason);
      return;
    }
  g_task_set_task_data (task, g_strdup (best), g_free);
  cancellable = g_task_get_cancellable (task);
  pb_discovery_ispdb_async (ctx, base, cancellable, mx_ispdb_done, g_steal_pointer (&task));
}

void
pb_discovery_mx_async (PbDiscoveryContext  *ctx,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = pb_discovery_source_task_new (ctx, pb_discovery_mx_async, cancellable, callback,
                                              user_data);

  g_resolver_lookup_records_async (ctx->resolver, ctx->address->domain, G_RESOLVER_RECORD_MX,
                                   cancellable, mx_looked_up, task);
}

/* SRV, RFC 6186 and RFC 8314: implicit TLS before STARTTLS, submission before IMAP/POP3
 * in this table only for readability; the order inside each direction is what counts. */

static const struct {
  const char *service;
  PbProtocol  protocol;
  PbSecurity  security;
} srv_services[] = {
  { "submissions", PB_PROTOCOL_SMTP, PB_SECURITY_TLS },
  { "submission", PB_PROTOCOL_SMTP, PB_SECURITY_STARTTLS },
  { "imaps", PB_PROTOCOL_IMAP, PB_SECURITY_TLS },
  { "imap", PB_PROTOCOL_IMAP, PB_SECURITY_STARTTLS },
  { "pop3s", PB_PROTOCOL_POP3, PB_SECURITY_TLS },
  { "pop3", PB_PROTOCOL_POP3, PB_SECURITY_STARTTLS },
};
#define N_SRV G_N_ELEMENTS (srv_services)

typedef struct {
  guint16 priority;
  guint16 weight;
  guint16 port;
  char   *target;
} SrvTarget;

typedef struct {
  GArray   *targets[N_SRV];   /* SrvTarget, sorted */
  gboolean  not_offered[N_SRV];
  GError   *error;            /* the first real failure */
  guint     pending;
} Srv;

static void
srv_target_clear (SrvTarget *t)
{
  g_free (t->target);
}

static void
srv_free (Srv *srv)
{
  for (guint i = 0; i < N_SRV; i++)
    g_clear_pointer (&srv->targets[i], g_array_unref);
  g_clear_error (&srv->error);
  g_free (srv);
}

static int
srv_target_compare (gconstpointer a,
                    gconstpointer b)
{
  const SrvTarget *x = a, *y = b;

  /* RFC 2782: lower priority first; among equals a heavier weight first (deterministic
   * instead of random: we pick one server, we do not spread load). */
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return (int) y->weight - (int) x->weight;
}

/* Sorted, and only the best PB_DISCOVERY_MAX_RECORDS by priority and weight, wherever they
 * stood in the answer: sorted first, cut after. */
static void
srv_keep_best (GArray *targets)
{
  g_array_sort (targets, srv_target_compare);
  if (targets->len > PB_DISCOVERY_MAX_RECORDS)
    g_array_set_size (targets, PB_DISCOVERY_MAX_RECORDS);
}

static void
srv_conclude (GTask *task)
{
  Srv *srv = g_task_get_task_data (task);
  PbDiscoveryContext *ctx = pb_discovery_source_task_get_context (task);
  g_autoptr(PbAccountConfig) config = pb_account_config_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < N_SRV; i++)
    {
      for (guint j = 0; srv->targets[i] != NULL && j < srv->targets[i]->len; j++)
        {
          SrvTarget *t = &g_array_index (srv->targets[i], SrvTarget, j);
          g_autoptr(PbServerConfig) server =
            pb_server_config_new (srv_services[i].protocol, t->target, t->port,
                                  srv_services[i].security, PB_AUTH_PASSWORD_CLEARTEXT,
                                  "%EMAILADDRESS%");

          pb_account_config_add_server (config, server,
                                        PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT));
          n++;
        }
      if (srv->targets[i] != NULL && srv->targets[i]->len > 0)
        g_string_append_printf (found, "%s_%s._tcp", found->len > 0 ? ", " : "",
                                srv_services[i].service);
    }

  if (n == 0 && srv->error != NULL)
    g_task_return_error (task, g_steal_pointer (&srv->error));
  else if (n == 0)
    return_nothing (task, _("The domain has no mail service (SRV) records"));
  else
    {
      pb_account_config_add_domain (config, ctx->address->domain);
      return_answer (task, pb_source_answer_new (config, found->str));
    }
}

typedef struct {
  GTask *task;
  guint  index;
} SrvCall;

static void
srv_looked_up (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SrvCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  Srv *srv = g_task_get_task_data (task);
  guint i = call->index;
  g_autoptr(GError) error = NULL;
  GList *records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, &error);

  g_free (call);
  srv->targets[i] = g_array_new (FALSE, TRUE, sizeof (SrvTarget));
  g_array_set_clear_func (srv->targets[i], (GDestroyNotify) srv_target_clear);
  if (error != NULL && !g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) &&
      srv->error == NULL)
    srv->error = g_steal_pointer (&error);

  for (GList *l = records; l != NULL; l = l->next)
    {
      SrvTarget t = { 0 };
      const char *name;

      g_variant_get (l->data, "(qqq&s)", &t.priority, &t.weight, &t.port, &name);
      t.target = pb_text_dns_host (name);
      /* RFC 2782: a lone "." target means the service is decidedly not offered. */
      if (t.target == NULL)
        srv->not_offered[i] = TRUE;
      else if (t.port != 0)
        {
          g_array_append_val (srv->targets[i], t);
          /* Never more than twice the bound held, however long the answer. */
          if (srv->targets[i]->len == 2 * PB_DISCOVERY_MAX_RECORDS)
            srv_keep_best (srv->targets[i]);
        }
      else
        g_free (t.target);
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
  if (srv->not_offered[i])
    g_array_set_size (srv->targets[i], 0);
  srv_keep_best (srv->targets[i]);

  if (--srv->pending == 0)
    srv_conclude (task);
}

void
pb_discovery_srv_async (PbDiscoveryContext  *ctx,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = pb_discovery_source_task_new (ctx, pb_discovery_srv_async, cancellable,
                                                         callback, user_data);
  Srv *srv = g_new0 (Srv, 1);

  g_task_set_task_data (task, srv, (GDestroyNotify) srv_free);
  srv->pending = N_SRV;
  for (guint i = 0; i < N_SRV; i++)
    {
      SrvCall *call = g_new0 (SrvCall, 1);
      g_autofree char *name = g_strdup_printf ("_%s._tcp.%s", srv_services[i].service,
                                               ctx->address->domain);

      call->task = g_object_ref (task);
      call->index = i;
      g_resolver_lookup_records_async (ctx->resolver, name, G_RESOLVER_RECORD_SRV, cancellable,
                                       srv_looked_up, call);
    }
}
