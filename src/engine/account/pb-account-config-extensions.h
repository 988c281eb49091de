/* pb-account-config-extensions.h: what a provider's settings hold from the Postbote extension
 * namespace (data/providers/README.md): quirks, the app password, notes, MX suffixes, the
 * SPF domain, where DNS records go, DKIM selectors and corrections
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-account-config.h"

G_BEGIN_DECLS

/* Quirks. url and note are NULL when the quirk or that part is absent; note localized. */
gboolean     pb_account_config_has_quirk         (PbAccountConfig *self,
                                                  PbQuirk          quirk);
const char  *pb_account_config_get_quirk_url     (PbAccountConfig *self,
                                                  PbQuirk          quirk);
const char  *pb_account_config_get_quirk_note    (PbAccountConfig *self,
                                                  PbQuirk          quirk);
PbAppPassword pb_account_config_get_app_password (PbAccountConfig *self);
/* pb:note directly under emailProvider, localized; NULL if none. */
const char  *pb_account_config_get_note          (PbAccountConfig *self);
/* pb:mxSuffix values, NULL-terminated, lower case. */
const char * const *pb_account_config_get_mx_suffixes (PbAccountConfig *self);
/* pb:spfDomain: the domain whose SPF policy covers the provider's sending servers (what a
 * customer's own domain must include:), or NULL. */
const char  *pb_account_config_get_spf_domain (PbAccountConfig *self);
void         pb_account_config_set_spf_domain (PbAccountConfig *self,
                                               const char      *domain);
/* pb:dnsRecords: where in the provider's settings a customer adds a record to the domain
 * (SPF, DMARC) and switches on DKIM, localized; NULL if the preset does not say. */
const char  *pb_account_config_get_dns_records_note (PbAccountConfig *self);
/* Takes ownership of notes (may be NULL). */
void         pb_account_config_set_dns_records_note (PbAccountConfig *self,
                                                     PbLangTexts     *notes);
/* pb:dkimSelector values, NULL-terminated: the selectors the provider signs its customers'
 * mail with by default (Google Workspace "google"), tried when no message told. */
const char * const *pb_account_config_get_dkim_selectors (PbAccountConfig *self);
void         pb_account_config_add_dkim_selector (PbAccountConfig *self,
                                                  const char      *selector);
/* Element type PbCorrection; transfer none. */
GPtrArray   *pb_account_config_get_corrections   (PbAccountConfig *self);
/* A correction (not against_article) that excuses a difference in field for domain. */
gboolean     pb_account_config_has_correction    (PbAccountConfig   *self,
                                                  const char        *domain,
                                                  PbCorrectionField  field);

/* Building, used by the parser. */
void         pb_account_config_set_quirk         (PbAccountConfig *self,
                                                  PbQuirk          quirk,
                                                  const char      *url,
                                                  PbLangTexts     *notes);
void         pb_account_config_set_app_password  (PbAccountConfig *self,
                                                  PbAppPassword    required);
void         pb_account_config_add_note          (PbAccountConfig *self,
                                                  const char      *lang,
                                                  const char      *text);
void         pb_account_config_add_mx_suffix     (PbAccountConfig *self,
                                                  const char      *suffix);
/* Takes ownership of correction. */
void         pb_account_config_add_correction    (PbAccountConfig *self,
                                                  PbCorrection    *correction);

G_END_DECLS
