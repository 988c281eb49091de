/* pb-discovery-guess.c: probe common server names, the last resort
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each candidate goes through the check's own SMTP client up to the end of its connect
 * stage (TCP, TLS or STARTTLS, certificate validation, EHLO) and then QUIT: no AUTH is
 * ever started here, so no credential can leave. Candidates run in parallel.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-discovery-guess.h"
#include "pb-smtp.h"

/* Per step: a dropped SYN or a silent server costs this much, not the whole deadline. */
#define GUESS_STEP_TIMEOUT_MS 4000

static const char * const host_prefixes[] = { "smtp.", "mail.", "" };
static const struct {
  guint16    port;
  PbSecurity security;
} ports[] = {
  { 465, PB_SECURITY_TLS },
  { 587, PB_SECURITY_STARTTLS },
  { 25, PB_SECURITY_STARTTLS },
};
#define N_CANDIDATES (G_N_ELEMENTS (host_prefixes) * G_N_ELEMENTS (ports))

typedef struct {
  PbSmtpClient *client;
  char         *host;
  guint16       port;
  PbSecurity    security;
  gboolean      done;
  gboolean      ok;
  gboolean      has_auth;
  char         *failure;
} Candidate;

typedef struct {
  Candidate candidates[N_CANDIDATES];
  guint     pending;
  gboolean  returned;
} Guess;

static void
guess_free (Guess *guess)
{
  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      g_clear_object (&guess->candidates[i].client);
      g_free (guess->candidates[i].host);
      g_free (guess->candidates[i].failure);
    }
  g_free (guess);
}

static void
add_servers (PbAccountConfig *config,
             Guess           *guess,
             gboolean         with_auth)
{
  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      Candidate *c = &guess->candidates[i];
      PbAuthMethod auth = with_auth ? PB_AUTH_PASSWORD_CLEARTEXT : PB_AUTH_NONE;
      g_autoptr(PbServerConfig) server = NULL;

      if (!c->ok || c->has_auth != with_auth)
        continue;
      server = pb_server_config_new (PB_PROTOCOL_SMTP, c->host, c->port, c->security, auth,
                                     with_auth ? "%EMAILADDRESS%" : NULL);
      pb_account_config_add_server (config, server, PB_AUTH_MASK (auth));
    }
}

static void
guess_conclude (GTask *task)
{
  Guess *guess = g_task_get_task_data (task);
  PbDiscoveryContext *ctx = pb_discovery_source_task_get_context (task);
  g_autoptr(PbAccountConfig) config = pb_account_config_new (NULL);
  g_autoptr(GString) reason = g_string_new (NULL);

  if (guess->returned)
    return;
  guess->returned = TRUE;

  /* A server that offers AUTH is a submission server; one without is a relay that will
   * not take mail from a roaming client, so it only comes after. */
  add_servers (config, guess, TRUE);
  add_servers (config, guess, FALSE);
  if (pb_account_config_get_outgoing (config)->len > 0)
    {
      PbServerConfig *best = g_ptr_array_index (pb_account_config_get_outgoing (config), 0);

      pb_account_config_add_domain (config, ctx->address->domain);
      g_string_printf (reason, _("%s answered on port %u"), best->host, best->port);
      g_task_return_pointer (task, pb_source_answer_new (config, reason->str),
                             (GDestroyNotify) pb_source_answer_free);
      return;
    }

  /* Name the failures that are not "no such host": a bad certificate is worth seeing. */
  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      Candidate *c = &guess->candidates[i];

      if (c->failure != NULL)
        g_string_append_printf (reason, "%s%s:%u: %s", reason->len > 0 ? "; " : "", c->host,
                                c->port, c->failure);
    }
  if (reason->len == 0)
    g_string_assign (reason, _("None of the usual server names answered"));
  g_task_return_pointer (task, pb_source_answer_new (NULL, reason->str),
                         (GDestroyNotify) pb_source_answer_free);
}

/* Candidates are ranked (smtp. before mail. before the bare name, 465 before 587 before
 * 25): the answer is settled once every candidate ranked above the best submission server
 * found so far has finished. A dropped port 25 then costs nothing. */
static void
candidate_done (GTask *task)
{
  Guess *guess = g_task_get_task_data (task);

  guess->pending--;
  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      Candidate *c = &guess->candidates[i];

      if (!c->done)
        break;
      if (c->ok && c->has_auth)
        {
          guess_conclude (task);
          return;
        }
    }
  if (guess->pending == 0)
    guess_conclude (task);
}

typedef struct {
  GTask *task;
  guint  index;
} ProbeCall;

static void
probe_connected (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ProbeCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  Guess *guess = g_task_get_task_data (task);
  Candidate *c = &guess->candidates[call->index];
  g_autoptr(GError) error = NULL;

  g_free (call);
  c->done = TRUE;
  if (pb_smtp_client_connect_finish (c->client, result, &error))
    {
      const PbSmtpCapabilities *caps = pb_smtp_client_get_capabilities (c->client);

      c->ok = TRUE;
      c->has_auth = caps != NULL && (caps->flags & PB_SMTP_CAP_AUTH) != 0;
      /* Polite, but nobody waits for it. */
      pb_smtp_client_quit_async (c->client, NULL, NULL, NULL);
    }
  else if (!g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    c->failure = g_strdup (error->message);

  candidate_done (task);
}

typedef struct {
  GTask *task;
  guint  host;
} ResolveCall;

static void
host_resolved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ResolveCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  Guess *guess = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  PbDiscoveryContext *ctx = pb_discovery_source_task_get_context (task);
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  guint first = call->host * G_N_ELEMENTS (ports);

  g_free (call);
  g_resolver_free_addresses (addresses);
  for (guint i = first; i < first + G_N_ELEMENTS (ports); i++)
    {
      Candidate *c = &guess->candidates[i];
      ProbeCall *probe;

      if (addresses == NULL)
        {
          c->done = TRUE;
          candidate_done (task);
          continue;
        }
      probe = g_new0 (ProbeCall, 1);
      c->client = pb_smtp_client_new (c->host, c->port, c->security);
      pb_smtp_client_set_timeouts (c->client, MIN (GUESS_STEP_TIMEOUT_MS, ctx->timeout_ms),
                                   ctx->timeout_ms);
      probe->task = g_object_ref (task);
      probe->index = i;
      pb_smtp_client_connect_async (c->client, cancellable, probe_connected, probe);
    }
}

void
pb_discovery_guess_async (PbDiscoveryContext  *ctx,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = pb_discovery_source_task_new (ctx, pb_discovery_guess_async,
                                                         cancellable, callback, user_data);
  Guess *guess = g_new0 (Guess, 1);

  g_task_set_task_data (task, guess, (GDestroyNotify) guess_free);
  guess->pending = N_CANDIDATES;

  /* One lookup per name before any probe: GIO's connect resolves IPv4 and IPv6 as two
   * tasks per connection, and nine probes at once would queue every other source's DNS
   * behind them in GLib's resolver thread pool. Names that do not exist cost no probe. */
  for (guint h = 0; h < G_N_ELEMENTS (host_prefixes); h++)
    {
      ResolveCall *call = g_new0 (ResolveCall, 1);
      g_autofree char *host = g_strconcat (host_prefixes[h], ctx->address->domain, NULL);

      for (guint p = 0; p < G_N_ELEMENTS (ports); p++)
        {
          Candidate *c = &guess->candidates[h * G_N_ELEMENTS (ports) + p];

          c->host = g_strdup (host);
          c->port = ports[p].port;
          c->security = ports[p].security;
        }
      call->task = g_object_ref (task);
      call->host = h;
      g_resolver_lookup_by_name_async (ctx->resolver, host, cancellable, host_resolved, call);
    }
}
