/* pb-discovery-private.h: what the discovery run shares with its sources
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pb-discovery.h"
#include "pb-provider-db.h"

G_BEGIN_DECLS

/* Bounds on what a hostile DNS or HTTP server can make us hold. */
#define PB_DISCOVERY_MAX_BODY     (1024 * 1024)
#define PB_DISCOVERY_MAX_REDIRECTS 3
/* SRV targets kept per service: the best by priority and weight, from all the answer's
 * records (pb-discovery-dns.c). */
#define PB_DISCOVERY_MAX_RECORDS  16

/* Shared, read-only while sources run; reference counted (g_atomic_rc_box). */
typedef struct {
  PbAddress    *address;
  PbProviderDb *db;
  SoupSession  *session;
  GResolver    *resolver;
  char         *ispdb_base_url;   /* ends with '/' */
  guint         timeout_ms;       /* the run's deadline, also each step's upper bound */
} PbDiscoveryContext;

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
} PbSourceAnswer;

PbSourceAnswer *pb_source_answer_new     (PbAccountConfig *config,
                                          const char      *reason);
void            pb_source_answer_free    (PbSourceAnswer  *answer);
/* FALSE when every server stays a template after expansion (pb:accountSpecific). */
gboolean        pb_source_answer_is_usable (PbSourceAnswer  *answer,
                                            const PbAddress *address);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSourceAnswer, pb_source_answer_free)

/* Every source is a GTask returning a PbSourceAnswer, finished with this. */
PbSourceAnswer *pb_discovery_source_finish (GAsyncResult  *result,
                                            GError       **error);

/* pb-discovery-source.c: a source's task, holding a reference to ctx for its steps. */
GTask              *pb_discovery_source_task_new         (PbDiscoveryContext  *ctx,
                                                          gpointer             source_tag,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
PbDiscoveryContext *pb_discovery_source_task_get_context (GTask               *task);

/* pb-discovery-http.c */
SoupSession *pb_discovery_http_session_new (guint timeout_ms);
/* GET url: HTTPS unless allow_plain; at most PB_DISCOVERY_MAX_REDIRECTS redirects, never
 * from HTTPS to HTTP; the body capped at PB_DISCOVERY_MAX_BODY. Returns the parsed
 * configuration; a 404/410 or a failed name lookup is "nothing". Only the ISPDB's
 * answers (pb_discovery_ispdb_async) are marked reviewed. */
void pb_discovery_fetch_config_async (PbDiscoveryContext  *ctx,
                                      const char          *url,
                                      gboolean             allow_plain,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void pb_discovery_autoconfig_async   (PbDiscoveryContext  *ctx,
                                      gboolean             plain_http,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void pb_discovery_ispdb_async        (PbDiscoveryContext  *ctx,
                                      const char          *domain,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char *pb_discovery_ispdb_url         (const char          *base_url,
                                      const char          *domain);

/* pb-discovery-dns.c */
void pb_discovery_mx_async           (PbDiscoveryContext  *ctx,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void pb_discovery_srv_async          (PbDiscoveryContext  *ctx,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

/* pb-discovery-guess.c */
void pb_discovery_guess_async        (PbDiscoveryContext  *ctx,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

/* pb-discovery-result.c: built by the run. */
PbDiscoveryResult *pb_discovery_result_new      (const PbAddress   *address);
void               pb_discovery_result_set_outcome (PbDiscoveryResult *self,
                                                    PbDiscoverySource  source,
                                                    PbSourceState      state,
                                                    const char        *reason,
                                                    guint              ms,
                                                    PbSourceAnswer    *answer);
/* Picks the best-ranked source that found something; computes servers and confirmation. */
void               pb_discovery_result_conclude (PbDiscoveryResult *self,
                                                 guint              elapsed_ms);

/* Source tasks of the run not yet completed (they still may after the result), for tests. */
guint pb_discovery_get_n_running (PbDiscovery *self);

/* A host inside domain: equal to it or a subdomain of it. */
gboolean pb_discovery_host_in_domain (const char *host,
                                      const char *domain);

G_END_DECLS
