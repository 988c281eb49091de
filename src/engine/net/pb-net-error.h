/* pb-net-error.h: the connection core's own refusals
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Errors of the network itself keep their GIO domains (G_IO_ERROR, G_RESOLVER_ERROR,
 * G_TLS_ERROR); these are the rules the core enforces on its own. A protocol may report them
 * in its own domain (the SMTP client does, as its JSON has always shown).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PB_NET_ERROR (pb_net_error_quark ())

typedef enum {
  PB_NET_ERROR_POLICY,           /* the TLS session fails the policy (pb-tls-policy.h) */
  PB_NET_ERROR_INJECTION,        /* bytes arrived between the upgrade's reply and TLS */
  PB_NET_ERROR_LINE_TOO_LONG,    /* a line longer than the protocol allows */
} PbNetError;

GQuark pb_net_error_quark (void);

G_END_DECLS
