/* pb-domain-check.h: check a sender domain: which provider sends for it, then its SPF,
 * DMARC and DKIM records
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pb-address.h"
#include "pb-domain-report.h"

G_BEGIN_DECLS

typedef struct {
  const char *selector;        /* DKIM selector (s=), or NULL (or not a DNS name): the
                                * provider's usual selectors are tried */
  const char *signing_domain;  /* DKIM d=, NULL: the address's domain */
  const char *server_host;     /* the outgoing server, NULL: the one discovery finds */
} PbDomainOptions;

/* Blocking (the command line, or a worker thread): discovery's presets, MX and SRV say
 * which provider sends for the domain, then the DNS records are read. An address at a
 * mailbox provider's own domain (a <domain> of a preset: gmail.com, gmx.de) gives a report
 * that says so and checks nothing. Fails only for an address that cannot be looked up or
 * on cancellation. */
PbDomainReport *pb_domain_check_run_sync (const PbAddress        *address,
                                          const PbDomainOptions  *options,
                                          GCancellable           *cancellable,
                                          GError                **error);

/* The same in a worker thread (the window); options are copied. */
void            pb_domain_check_run_async  (const PbAddress        *address,
                                            const PbDomainOptions  *options,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
PbDomainReport *pb_domain_check_run_finish (GAsyncResult           *result,
                                            GError                **error);

G_END_DECLS
