/* pb-autoconfig.h: the Thunderbird autoconfig config-v1.1 format, safely parsed
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pb-account-config.h"
#include "pb-autoconfig-format.h"

G_BEGIN_DECLS

/* Parses data (len bytes, need not be NUL-terminated) without any network or file access.
 * source_url is only recorded and quoted in errors; may be NULL. Returns the first
 * <emailProvider>. Every input, however hostile, gives a result or an error.
 * Extension elements are ignored: this is the parser for untrusted documents. */
PbAccountConfig *pb_autoconfig_parse       (const char  *data,
                                            gsize        len,
                                            const char  *source_url,
                                            GError     **error);

/* The same, every <emailProvider> of the document (element type PbAccountConfig). */
GPtrArray       *pb_autoconfig_parse_all   (const char  *data,
                                            gsize        len,
                                            const char  *source_url,
                                            GError     **error);

/* The same with flags: PB_AUTOCONFIG_FLAGS_EXTENSIONS for the provider database only. */
PbAccountConfig *pb_autoconfig_parse_full  (const char         *data,
                                            gsize               len,
                                            const char         *source_url,
                                            PbAutoconfigFlags   flags,
                                            GError            **error);
GPtrArray       *pb_autoconfig_parse_all_full (const char         *data,
                                               gsize               len,
                                               const char         *source_url,
                                               PbAutoconfigFlags   flags,
                                               GError            **error);

/* Where a domain publishes its autoconfig file, with scheme "https" (or "http"): at its
 * autoconfig subdomain, or under the domain's own .well-known. */
char *pb_autoconfig_publish_url (const char *scheme,
                                 const char *domain,
                                 gboolean    well_known);

G_END_DECLS
