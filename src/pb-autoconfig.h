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

GQuark           pb_autoconfig_error_quark (void);

/* Parses data (len bytes, need not be NUL-terminated) without any network or file access.
 * source_url is only recorded and quoted in errors; may be NULL. Returns the first
 * <emailProvider>. Every input, however hostile, gives a result or an error. */
PbAccountConfig *pb_autoconfig_parse       (const char  *data,
                                            gsize        len,
                                            const char  *source_url,
                                            GError     **error);

/* The same, every <emailProvider> of the document (element type PbAccountConfig). */
GPtrArray       *pb_autoconfig_parse_all   (const char  *data,
                                            gsize        len,
                                            const char  *source_url,
                                            GError     **error);

G_END_DECLS
