/* pb-account-config-private.h: the fields of PbAccountConfig, for the files that make up the
 * object: pb-account-config.c (the object, its servers and texts) and
 * pb-account-config-extensions.c (the Postbote extensions)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-account-config.h"

G_BEGIN_DECLS

typedef struct {
  char        *url;
  PbLangTexts *texts;
} Documentation;

typedef struct {
  gboolean     present;
  char        *url;
  PbLangTexts *notes;
} Quirk;

struct _PbAccountConfig
{
  GObject parent_instance;

  char        *provider_id;
  char        *display_name;
  char        *short_name;
  char        *source_url;
  GPtrArray   *domains;        /* char *, NULL-terminated */
  GHashTable  *domain_set;     /* the same strings, borrowed */
  GPtrArray   *incoming;       /* PbServerConfig */
  GPtrArray   *outgoing;
  GHashTable  *auth_methods;   /* PbServerConfig * -> GUINT_TO_POINTER (mask) */
  gboolean     oauth2_block;
  PbOAuthIssuer *oauth_issuer; /* <oAuth2>, when complete and over https */
  guint        n_skipped;
  GArray      *documentation;  /* Documentation */
  char        *enable_url;
  PbLangTexts *enable_texts;
  /* The Postbote extensions (pb-account-config-extensions.c). */
  Quirk        quirks[PB_N_QUIRKS];
  PbAppPassword app_password;
  PbLangTexts *notes;
  GPtrArray   *mx_suffixes;    /* char *, NULL-terminated */
  char        *spf_domain;     /* the provider's own SPF policy, for its customers' include: */
  PbLangTexts *dns_records;    /* where a customer's domain records go */
  GPtrArray   *dkim_selectors; /* char *, NULL-terminated */
  GPtrArray   *corrections;    /* PbCorrection */
};

/* The strings of a NULL-terminated GPtrArray of char * (never NULL, also when empty). */
const char * const *pb_account_config_strv_of          (GPtrArray   *array);
/* Frees *field and puts a copy of value there. */
void                pb_account_config_replace_string   (char       **field,
                                                        const char  *value);

G_END_DECLS
