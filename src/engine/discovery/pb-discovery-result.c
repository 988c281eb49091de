/* pb-discovery-result.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "pb-account-config-extensions.h"
#include "pb-discovery-result-private.h"
#include "pb-engine-enums.h"
#include "pb-enum.h"

typedef struct {
  PbSourceState   state;
  char           *reason;
  guint           ms;
  PbSourceAnswer *answer;
} Outcome;

struct _PbDiscoveryResult
{
  GObject            parent_instance;

  PbAddress         *address;
  Outcome            outcomes[PB_DISCOVERY_N_SOURCES];
  int                best;        /* a PbDiscoverySource or -1 */
  GPtrArray         *incoming;
  GPtrArray         *outgoing;
  GStrv              foreign_hosts;
  guint              elapsed_ms;
  gboolean           no_mx;
};

G_DEFINE_FINAL_TYPE (PbDiscoveryResult, pb_discovery_result, G_TYPE_OBJECT)

static const char * const state_labels[] = {
  [PB_SOURCE_STATE_WAITING] = N_("Waiting"),
  [PB_SOURCE_STATE_WORKING] = N_("Asking…"),
  [PB_SOURCE_STATE_FOUND] = N_("Found"),
  [PB_SOURCE_STATE_NOTHING] = N_("Nothing found"),
  [PB_SOURCE_STATE_FAILED] = N_("Failed"),
  [PB_SOURCE_STATE_TIMEOUT] = N_("No answer in time"),
  [PB_SOURCE_STATE_CANCELLED] = N_("Not needed"),
  [PB_SOURCE_STATE_DISABLED] = N_("Not asked"),
};

const char *
pb_discovery_source_to_string (PbDiscoverySource source)
{
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, NULL);
  return pb_enum_to_nick (PB_TYPE_DISCOVERY_SOURCE, source);
}

gboolean
pb_discovery_source_from_string (const char        *str,
                                 PbDiscoverySource *out)
{
  int value;

  if (!pb_enum_from_nick (PB_TYPE_DISCOVERY_SOURCE, str, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
pb_source_state_to_string (PbSourceState state)
{
  g_return_val_if_fail (state <= PB_SOURCE_STATE_DISABLED, NULL);
  return pb_enum_to_nick (PB_TYPE_SOURCE_STATE, state);
}

const char *
pb_source_state_get_label (PbSourceState state)
{
  g_return_val_if_fail (state <= PB_SOURCE_STATE_DISABLED, NULL);
  return _(state_labels[state]);
}

gboolean
pb_source_state_is_final (PbSourceState state)
{
  return state != PB_SOURCE_STATE_WAITING && state != PB_SOURCE_STATE_WORKING;
}

static void
pb_discovery_result_finalize (GObject *object)
{
  PbDiscoveryResult *self = PB_DISCOVERY_RESULT (object);

  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      g_free (self->outcomes[i].reason);
      pb_source_answer_free (self->outcomes[i].answer);
    }
  g_clear_pointer (&self->address, pb_address_free);
  g_clear_pointer (&self->incoming, g_ptr_array_unref);
  g_clear_pointer (&self->outgoing, g_ptr_array_unref);
  g_clear_pointer (&self->foreign_hosts, g_strfreev);

  G_OBJECT_CLASS (pb_discovery_result_parent_class)->finalize (object);
}

static void
pb_discovery_result_class_init (PbDiscoveryResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_discovery_result_finalize;
}

static void
pb_discovery_result_init (PbDiscoveryResult *self)
{
  self->best = -1;
  self->incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_server_config_unref);
  self->outgoing = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_server_config_unref);
  self->foreign_hosts = g_new0 (char *, 1);
}

PbDiscoveryResult *
pb_discovery_result_new (const PbAddress *address)
{
  PbDiscoveryResult *self = g_object_new (PB_TYPE_DISCOVERY_RESULT, NULL);

  self->address = pb_address_copy (address);
  return self;
}

void
pb_discovery_result_set_outcome (PbDiscoveryResult *self,
                                 PbDiscoverySource  source,
                                 PbSourceState      state,
                                 const char        *reason,
                                 guint              ms,
                                 PbSourceAnswer    *answer)
{
  Outcome *o = &self->outcomes[source];

  o->state = state;
  g_free (o->reason);
  o->reason = g_strdup (reason);
  o->ms = ms;
  pb_source_answer_free (o->answer);
  o->answer = answer;
}

/* Implicit TLS before STARTTLS before plain, whatever order a file used: implicit TLS
 * cannot be stripped on the way (RFC 8314), STARTTLS can only be refused loudly.
 * Stable, and only within one protocol: a provider's IMAP stays before its POP3. */
static void
prefer_encryption (GPtrArray *servers)
{
  for (guint i = 1; i < servers->len; i++)
    {
      for (guint j = i; j > 0; j--)
        {
          PbServerConfig *a = g_ptr_array_index (servers, j - 1);
          PbServerConfig *b = g_ptr_array_index (servers, j);

          if (a->protocol != b->protocol || a->security <= b->security)
            break;
          servers->pdata[j - 1] = b;
          servers->pdata[j] = a;
        }
    }
}

static gboolean
host_is_known (PbDiscoveryResult *self,
               PbSourceAnswer    *answer,
               const char        *host)
{
  const char *domain = self->address->domain;
  const char *base = soup_tld_get_base_domain (domain, NULL);
  const char * const *domains = pb_account_config_get_domains (answer->config);
  const char * const *suffixes = pb_account_config_get_mx_suffixes (answer->config);

  /* A sibling of the address's domain under the same registrable domain is the same
   * owner (mail.example.com for user@shop.example.com). */
  if (pb_discovery_host_in_domain (host, domain) ||
      (base != NULL && pb_discovery_host_in_domain (host, base)))
    return TRUE;
  /* Only reviewed data may widen that. A file from the domain's own web space (autoconfig,
   * .well-known, over HTTPS or not) names its hosts and the domains that approve them at
   * once: whoever took over that space (a dangling CNAME, a shared host) would vouch for
   * their own server. The same holds for what DNS or guessing made up. */
  if (!answer->reviewed)
    return FALSE;
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    if (pb_discovery_host_in_domain (host, domains[i]))
      return TRUE;
  for (guint i = 0; suffixes != NULL && suffixes[i] != NULL; i++)
    if (pb_discovery_host_in_domain (host, suffixes[i]))
      return TRUE;
  return FALSE;
}

static void
collect_foreign (PbDiscoveryResult *self,
                 PbSourceAnswer    *answer,
                 GPtrArray         *servers,
                 GPtrArray         *foreign)
{
  for (guint i = 0; i < servers->len; i++)
    {
      PbServerConfig *server = g_ptr_array_index (servers, i);
      gboolean seen = FALSE;

      if (host_is_known (self, answer, server->host))
        continue;
      for (guint j = 0; j < foreign->len && !seen; j++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (foreign, j), server->host) == 0;
      if (!seen)
        g_ptr_array_add (foreign, g_strdup (server->host));
    }
}

void
pb_discovery_result_conclude (PbDiscoveryResult *self,
                              guint              elapsed_ms)
{
  g_autoptr(GPtrArray) foreign = g_ptr_array_new ();
  PbSourceAnswer *answer;

  self->elapsed_ms = elapsed_ms;
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES && self->best < 0; i++)
    {
      if (self->outcomes[i].state == PB_SOURCE_STATE_FOUND)
        self->best = i;
    }
  if (self->best < 0)
    return;

  answer = self->outcomes[self->best].answer;
  pb_source_answer_expand (answer, self->address, self->incoming, self->outgoing);
  prefer_encryption (self->incoming);
  prefer_encryption (self->outgoing);

  /* The preset database is our own reviewed data: its hosts are the provider's. */
  if (!answer->curated)
    {
      collect_foreign (self, answer, self->incoming, foreign);
      collect_foreign (self, answer, self->outgoing, foreign);
    }
  g_ptr_array_add (foreign, NULL);
  g_strfreev (self->foreign_hosts);
  self->foreign_hosts = (GStrv) g_ptr_array_steal (foreign, NULL);
}

const PbAddress *
pb_discovery_result_get_address (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  return self->address;
}

PbAccountConfig *
pb_discovery_result_get_config (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  return self->best < 0 ? NULL : self->outcomes[self->best].answer->config;
}

PbDiscoverySource
pb_discovery_result_get_source (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), PB_DISCOVERY_N_SOURCES);
  return self->best < 0 ? PB_DISCOVERY_N_SOURCES : (PbDiscoverySource) self->best;
}

gboolean
pb_discovery_result_get_trusted (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), FALSE);
  return self->best >= 0 && self->best != PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP;
}

GPtrArray *
pb_discovery_result_get_incoming (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  return self->incoming;
}

PbServerConfig *
pb_discovery_result_get_best_incoming (PbDiscoveryResult *self)
{
  PbServerConfig *best = NULL;

  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);

  for (guint i = 0; self->incoming != NULL && i < self->incoming->len; i++)
    {
      PbServerConfig *server = self->incoming->pdata[i];

      if (server->protocol == PB_PROTOCOL_IMAP)
        return server;
      if (best == NULL && server->protocol == PB_PROTOCOL_POP3)
        best = server;
    }
  return best;
}

GPtrArray *
pb_discovery_result_get_outgoing (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  return self->outgoing;
}

gboolean
pb_discovery_result_get_needs_confirmation (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), FALSE);
  return self->foreign_hosts[0] != NULL || !pb_discovery_result_get_trusted (self);
}

const char * const *
pb_discovery_result_get_foreign_hosts (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  return (const char * const *) self->foreign_hosts;
}

PbSourceState
pb_discovery_result_get_outcome (PbDiscoveryResult *self,
                                 PbDiscoverySource  source)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), PB_SOURCE_STATE_DISABLED);
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, PB_SOURCE_STATE_DISABLED);
  return self->outcomes[source].state;
}

const char *
pb_discovery_result_get_reason (PbDiscoveryResult *self,
                                PbDiscoverySource  source)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, NULL);
  return self->outcomes[source].reason;
}

guint
pb_discovery_result_get_ms (PbDiscoveryResult *self,
                            PbDiscoverySource  source)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), 0);
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, 0);
  return self->outcomes[source].ms;
}

PbAccountConfig *
pb_discovery_result_get_source_config (PbDiscoveryResult *self,
                                       PbDiscoverySource  source)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  g_return_val_if_fail (source < PB_DISCOVERY_N_SOURCES, NULL);
  if (self->outcomes[source].answer == NULL)
    return NULL;
  return self->outcomes[source].answer->config;
}

GArray *
pb_discovery_result_get_alternatives (PbDiscoveryResult *self)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (PbDiscoverySource));

  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), list);
  for (guint i = 0; i < PB_DISCOVERY_N_SOURCES; i++)
    {
      PbDiscoverySource s = i;

      if ((int) i != self->best && self->outcomes[i].state == PB_SOURCE_STATE_FOUND)
        g_array_append_val (list, s);
    }
  return list;
}

/* Where the settings came from, a sentence a source. */
static const char * const origins[PB_DISCOVERY_N_SOURCES] = {
  [PB_DISCOVERY_SOURCE_PRESET] = N_("Settings from the built-in provider list."),
  [PB_DISCOVERY_SOURCE_ADMIN] = N_("Settings from your organization’s provider list."),
  [PB_DISCOVERY_SOURCE_AUTOCONFIG] = N_("Settings from the provider’s configuration server."),
  [PB_DISCOVERY_SOURCE_ISPDB] = N_("Settings from Thunderbird’s provider database."),
  [PB_DISCOVERY_SOURCE_MX] = N_("Settings found through the domain’s mail exchanger (MX)."),
  [PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP] = N_("Settings from a configuration server without encryption."),
  [PB_DISCOVERY_SOURCE_SRV] = N_("Settings from the domain’s service records (SRV)."),
  [PB_DISCOVERY_SOURCE_GUESS] = N_("Settings found by trying common server names."),
};

const char *
pb_discovery_result_get_origin (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), NULL);
  return self->best >= 0 ? _(origins[self->best]) : NULL;
}

void
pb_discovery_result_set_no_mx (PbDiscoveryResult *self,
                               gboolean           no_mx)
{
  g_return_if_fail (PB_IS_DISCOVERY_RESULT (self));
  self->no_mx = no_mx;
}

gboolean
pb_discovery_result_get_no_mx (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), FALSE);
  return self->no_mx;
}

guint
pb_discovery_result_get_elapsed_ms (PbDiscoveryResult *self)
{
  g_return_val_if_fail (PB_IS_DISCOVERY_RESULT (self), 0);
  return self->elapsed_ms;
}
