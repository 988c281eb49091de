/* pb-provider-db.h: the preset database: compiled into the program, and an administrator's
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pb-account-config.h"

G_BEGIN_DECLS

#define PB_PROVIDER_RESOURCE_PATH "/io/github/postbote/Postbote/providers/"

#define PB_TYPE_PROVIDER_DB (pb_provider_db_get_type ())
G_DECLARE_FINAL_TYPE (PbProviderDb, pb_provider_db, PB, PROVIDER_DB, GObject)

/* The database of the compiled-in resource and of the administrator's presets in
 * DATADIR/postbote/providers/ of every system data directory ($XDG_DATA_DIRS), loaded on
 * first use; thread-safe; transfer none. */
PbProviderDb    *pb_provider_db_get_default    (void);
/* Loads every *.xml under a resource path (for tests). Files that do not load are recorded
 * in pb_provider_db_get_load_errors (), they do not fail the whole load. */
PbProviderDb    *pb_provider_db_new_from_resource (const char *resource_path);
/* Adds the presets (*.xml, file name = id) of an administrator's directory: trusted as the
 * built-in ones, but a built-in id or domain stays the built-in one's (a load error). A
 * directory that is not there adds nothing. */
void             pb_provider_db_add_directory  (PbProviderDb *self,
                                                const char   *directory);

/* Lookups return a new reference or NULL. */
/* domain: any case, Unicode or punycode, a trailing dot is ignored. */
PbAccountConfig *pb_provider_db_lookup_domain  (PbProviderDb *self,
                                                const char   *domain);
/* The provider whose pb:mxSuffix matches mx_host (longest suffix wins). */
PbAccountConfig *pb_provider_db_lookup_mx      (PbProviderDb *self,
                                                const char   *mx_host);
PbAccountConfig *pb_provider_db_lookup_id      (PbProviderDb *self,
                                                const char   *provider_id);

/* Whether any preset came from an administrator's directory, and whether config (a preset
 * of this database) did: its settings are the organization's, not Postbote's. */
gboolean         pb_provider_db_has_admin      (PbProviderDb    *self);
gboolean         pb_provider_db_is_admin       (PbProviderDb    *self,
                                                PbAccountConfig *config);

/* Element type PbAccountConfig, sorted by id; transfer none. */
GPtrArray       *pb_provider_db_list           (PbProviderDb *self);
guint            pb_provider_db_get_n_domains  (PbProviderDb *self);
/* Messages for files that did not load or clashed (duplicate domain or id); NULL-terminated,
 * empty when all is well. */
const char * const *pb_provider_db_get_load_errors (PbProviderDb *self);

G_END_DECLS
