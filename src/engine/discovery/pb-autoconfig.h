/* pb-autoconfig.h: the Thunderbird autoconfig config-v1.1 format, safely parsed
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pb-account-config.h"

G_BEGIN_DECLS

#define PB_AUTOCONFIG_ERROR (pb_autoconfig_error_quark ())

typedef enum {
  PB_AUTOCONFIG_ERROR_EMPTY,          /* no data at all */
  PB_AUTOCONFIG_ERROR_TOO_LARGE,      /* over PB_AUTOCONFIG_MAX_SIZE */
  PB_AUTOCONFIG_ERROR_NOT_XML,        /* not well-formed (also: truncated) */
  PB_AUTOCONFIG_ERROR_ENCODING,       /* bytes do not match the declared (or default) encoding */
  PB_AUTOCONFIG_ERROR_FORBIDDEN,      /* DOCTYPE with entities or external ids, XInclude */
  PB_AUTOCONFIG_ERROR_WRONG_ROOT,     /* not <clientConfig> */
  PB_AUTOCONFIG_ERROR_NO_PROVIDER,    /* no <emailProvider> */
  PB_AUTOCONFIG_ERROR_NO_SERVERS,     /* a provider without one usable server */
} PbAutoconfigError;

#define PB_AUTOCONFIG_MAX_SIZE (1024 * 1024)

/* The namespace of the Postbote extension elements. */
#define PB_PROVIDER_NS "https://postbote.github.io/ns/provider/1"

typedef enum {
  PB_AUTOCONFIG_FLAGS_NONE        = 0,
  /* Honour the PB_PROVIDER_NS extension elements (quirks with their links and notes, MX
   * suffixes, corrections, notes). Only for the compiled-in presets: everything else
   * (remote autoconfig, ISPDB, plain HTTP) is not ours and must not tell the user to open
   * a link as if Postbote said so. */
  PB_AUTOCONFIG_FLAGS_EXTENSIONS  = 1 << 0,
} PbAutoconfigFlags;

GQuark           pb_autoconfig_error_quark (void);

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

G_END_DECLS
