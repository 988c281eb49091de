/* pb-autoconfig-format.h: what every part of the autoconfig parser shares: its error
 * domain, its size limit, the Postbote extension namespace and the parse flags
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Below pb-autoconfig.c and the two parts it drives (pb-autoconfig-reader.c,
 * pb-autoconfig-provider.c), so that the parts need not include the file that calls them.
 */
#pragma once

#include <glib.h>

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

GQuark pb_autoconfig_error_quark (void);

G_END_DECLS
