/* pb-discovery-source.h: what every discovery source is built on: the run's shared context,
 * the task a source runs as and the answer it gives
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Below the run (pb-discovery.c), its sources (pb-discovery-http.c, -dns.c, -guess.c) and
 * the result (pb-discovery-result.c): all of them include this, it includes none of them.
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-account-config.h"
#include "pb-address.h"
#include "pb-provider-db.h"

G_BEGIN_DECLS

/* Shared, read-only while sources run; reference counted (g_atomic_rc_box). */
typedef struct {
  PbAddress    *address;
  PbProviderDb *db;
  SoupSession  *session;
  GResolver    *resolver;
  char         *ispdb_base_url;   /* ends with '/' */
  guint         timeout_ms;       /* the run's deadline, also each step's upper bound */
} PbDiscoveryContext;

/* The default provider database; no session and no resolver yet (a preset hit needs
 * neither). */
PbDiscoveryContext *pb_discovery_context_new   (const PbAddress    *address,
                                                guint               timeout_ms,
                                                const char         *ispdb_base_url);
PbDiscoveryContext *pb_discovery_context_ref   (PbDiscoveryContext *ctx);
void                pb_discovery_context_unref (PbDiscoveryContext *ctx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDiscoveryContext, pb_discovery_context_unref)

/* What one source answered. config NULL means nothing was found; reason then says why
 * (localized). For a find, reason says where from (a URL, a record). */
typedef struct {
  PbAccountConfig *config;
  char            *mx_host;   /* the MX that matched a pb:mxSuffix (%MXHOST%), or NULL */
  char            *reason;
  gboolean         curated;   /* from the preset database: hosts need no confirmation */
  gboolean         reviewed;  /* from the ISPDB: its domain list may vouch for hosts */
  gboolean         no_mx;     /* nothing, because the domain has no MX record at all */
} PbSourceAnswer;

PbSourceAnswer *pb_source_answer_new     (PbAccountConfig *config,
                                          const char      *reason);
void            pb_source_answer_free    (PbSourceAnswer  *answer);
/* The answer's servers with every placeholder expanded for address, appended to incoming
 * and outgoing (element type PbServerConfig); servers that stay templates are left out. */
void            pb_source_answer_expand  (PbSourceAnswer  *answer,
                                          const PbAddress *address,
                                          GPtrArray       *incoming,
                                          GPtrArray       *outgoing);
/* FALSE when every server stays a template after expansion (pb:accountSpecific). */
gboolean        pb_source_answer_is_usable (PbSourceAnswer  *answer,
                                            const PbAddress *address);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSourceAnswer, pb_source_answer_free)

/* A source's task, holding a reference to ctx for its steps. Every source is a GTask
 * returning a PbSourceAnswer, finished with pb_discovery_source_finish(). */
GTask              *pb_discovery_source_task_new         (PbDiscoveryContext  *ctx,
                                                          gpointer             source_tag,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
PbDiscoveryContext *pb_discovery_source_task_get_context (GTask               *task);
PbSourceAnswer     *pb_discovery_source_finish           (GAsyncResult        *result,
                                                          GError             **error);

/* A host inside domain: equal to it or a subdomain of it. */
gboolean pb_discovery_host_in_domain (const char *host,
                                      const char *domain);

/* Whether settings may be looked up for address at all: a mail domain, not a registry-level
 * name (PB_DISCOVERY_ERROR_NOT_DISCOVERABLE). */
gboolean pb_discovery_check_discoverable (const PbAddress  *address,
                                          GError          **error);

G_END_DECLS
