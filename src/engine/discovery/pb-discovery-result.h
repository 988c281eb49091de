/* pb-discovery-result.h: what a discovery run found, and how each source fared
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pb-account-config.h"
#include "pb-address.h"

G_BEGIN_DECLS

/* In rank order: a source earlier in this list beats every later one. The nicks
 * (pb_discovery_source_to_string) are the names of the JSON and docs/discovery.md; a new
 * source is a value here and its entry in the table of pb-discovery.c. */
typedef enum {
  PB_DISCOVERY_SOURCE_PRESET,           /* the compiled-in preset database */
  PB_DISCOVERY_SOURCE_ADMIN,            /* an administrator's presets ($XDG_DATA_DIRS/postbote/
                                           providers); never the same domain as a built-in one */
  PB_DISCOVERY_SOURCE_AUTOCONFIG,       /* https://autoconfig.<d>/… and https://<d>/.well-known/… */
  PB_DISCOVERY_SOURCE_ISPDB,            /* the public ISPDB (GSettings ispdb-base-url) */
  PB_DISCOVERY_SOURCE_MX,               /* MX -> base domain -> preset or ISPDB */
  PB_DISCOVERY_SOURCE_AUTOCONFIG_HTTP,  /* plain-HTTP autoconfig, only with allow-plain-http */
  PB_DISCOVERY_SOURCE_SRV,              /* RFC 6186 / 8314 SRV records */
  PB_DISCOVERY_SOURCE_GUESS,            /* smtp./mail./bare domain probed, no credentials */
  PB_DISCOVERY_N_SOURCES                /*< skip >*/
} PbDiscoverySource;

typedef enum {
  PB_SOURCE_STATE_WAITING,    /* not started (yet) */
  PB_SOURCE_STATE_WORKING,
  PB_SOURCE_STATE_FOUND,
  PB_SOURCE_STATE_NOTHING,    /* asked, nothing there (404, no record, no server answered) */
  PB_SOURCE_STATE_FAILED,     /* an error: TLS, broken XML, network; the reason says which */
  PB_SOURCE_STATE_TIMEOUT,    /* stopped by the deadline or the grace period */
  PB_SOURCE_STATE_CANCELLED,  /* stopped because a better-ranked source answered */
  PB_SOURCE_STATE_DISABLED,   /* not asked: offline, plain HTTP off, not in the mask */
} PbSourceState;

/* The names are the GEnum nicks. */
const char *pb_discovery_source_to_string (PbDiscoverySource source);   /* "preset", … */
gboolean    pb_discovery_source_from_string (const char        *str,
                                             PbDiscoverySource *out);
const char *pb_source_state_to_string     (PbSourceState     state);    /* "found", … */
const char *pb_source_state_get_label     (PbSourceState     state);
gboolean    pb_source_state_is_final      (PbSourceState     state);

#define PB_TYPE_DISCOVERY_RESULT (pb_discovery_result_get_type ())
G_DECLARE_FINAL_TYPE (PbDiscoveryResult, pb_discovery_result, PB, DISCOVERY_RESULT, GObject)

const PbAddress *pb_discovery_result_get_address (PbDiscoveryResult *self);
/* The best configuration, or NULL when nothing was found; transfer none. */
PbAccountConfig *pb_discovery_result_get_config  (PbDiscoveryResult *self);
PbDiscoverySource pb_discovery_result_get_source (PbDiscoveryResult *self);
/* FALSE for a result from plain HTTP; nothing found is not trusted either. */
gboolean     pb_discovery_result_get_trusted     (PbDiscoveryResult *self);
/* The best configuration's servers with every placeholder (%EMAILADDRESS%, %MXHOST%, …)
 * expanded, servers that stay templates left out; element type PbServerConfig. */
GPtrArray   *pb_discovery_result_get_incoming    (PbDiscoveryResult *self);
GPtrArray   *pb_discovery_result_get_outgoing    (PbDiscoveryResult *self);
/* The incoming server a setup test checks and a hand-off uses: the first IMAP server, else
 * the first POP3 server (IMAP shows the mailbox as the mail program will, folders and all);
 * NULL when there is none. */
PbServerConfig *pb_discovery_result_get_best_incoming (PbDiscoveryResult *self);
/* Hosts outside the address's registrable domain that no reviewed source vouches for (a
 * preset, or the ISPDB's domain list; never the domain's own autoconfig, DNS or a guess):
 * the user must confirm them before a password is sent. NULL-terminated, possibly empty. */
gboolean     pb_discovery_result_get_needs_confirmation (PbDiscoveryResult *self);
const char * const *pb_discovery_result_get_foreign_hosts (PbDiscoveryResult *self);

/* Each source: its final state, the reason (localized, may be NULL), the time from the
 * start of the run to its end, and what it found (the alternatives). */
PbSourceState pb_discovery_result_get_outcome    (PbDiscoveryResult *self,
                                                  PbDiscoverySource  source);
const char  *pb_discovery_result_get_reason      (PbDiscoveryResult *self,
                                                  PbDiscoverySource  source);
guint        pb_discovery_result_get_ms          (PbDiscoveryResult *self,
                                                  PbDiscoverySource  source);
PbAccountConfig *pb_discovery_result_get_source_config (PbDiscoveryResult *self,
                                                        PbDiscoverySource  source);
/* Sources other than the chosen one that found a configuration, in rank order. */
GArray      *pb_discovery_result_get_alternatives (PbDiscoveryResult *self);
guint        pb_discovery_result_get_elapsed_ms  (PbDiscoveryResult *self);
/* A sentence that says where the settings came from ("Settings from the built-in provider
 * list."); NULL when nothing was found. */
const char  *pb_discovery_result_get_origin      (PbDiscoveryResult *self);
/* TRUE when the domain's MX lookup found no record: nothing there receives mail, and the
 * domain most likely does not exist (a typo); FALSE also when the lookup did not answer. */
gboolean     pb_discovery_result_get_no_mx       (PbDiscoveryResult *self);

G_END_DECLS
