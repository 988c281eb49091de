/* pb-domain-group.h: after an account that works, its sender domain's SPF, DKIM and DMARC
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Your Domain" card of the result page, for an address at a domain of its own: one
 * row per record with its state; a row opens to the explanation, what to do, the record to
 * add with a copy button, and where in the provider's settings it goes.
 */
#pragma once

#include <adwaita.h>

#include "pb-domain-report.h"

G_BEGIN_DECLS

#define PB_TYPE_DOMAIN_GROUP (pb_domain_group_get_type ())

G_DECLARE_FINAL_TYPE (PbDomainGroup, pb_domain_group, PB, DOMAIN_GROUP, AdwPreferencesGroup)

/* Shows that domain's records are being checked. */
void pb_domain_group_set_checking (PbDomainGroup        *self,
                                   const char           *domain);
/* The report's three records (NULL, or a mailbox provider's domain: the group hides). */
void pb_domain_group_set_report   (PbDomainGroup        *self,
                                   const PbDomainReport *report);
/* Hides the group and forgets its rows. */
void pb_domain_group_clear        (PbDomainGroup        *self);

G_END_DECLS
