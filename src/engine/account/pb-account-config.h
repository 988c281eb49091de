/* pb-account-config.h: one provider's settings as read from autoconfig or a preset
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pb-lang-texts.h"
#include "pb-oauth-issuer.h"
#include "pb-server-config.h"

G_BEGIN_DECLS

/* Quirks from the Postbote extension namespace (data/providers/README.md); the functions
 * that read and set them and the other extensions: pb-account-config-extensions.h. */
typedef enum {
  PB_QUIRK_APP_PASSWORD,            /* pb:appPassword, see pb_account_config_get_app_password () */
  PB_QUIRK_ENABLE_ACCESS,           /* pb:enableAccess */
  PB_QUIRK_OAUTH2_ONLY,             /* pb:oauth2Only */
  PB_QUIRK_BASIC_AUTH_DISABLED,     /* pb:basicAuthDisabled */
  PB_QUIRK_SENDER_MUST_MATCH_LOGIN, /* pb:senderMustMatchLogin */
  PB_QUIRK_SEPARATE_PASSWORD,       /* pb:separatePassword */
  PB_QUIRK_BRIDGE,                  /* pb:bridge */
  PB_QUIRK_ACCOUNT_SPECIFIC,        /* pb:accountSpecific */
  PB_N_QUIRKS
} PbQuirk;

typedef enum {
  PB_APP_PASSWORD_NO,
  PB_APP_PASSWORD_REQUIRED,         /* required="yes" */
  PB_APP_PASSWORD_IF_2FA,           /* required="if-2fa" */
} PbAppPassword;

typedef enum {
  PB_CORRECTION_INCOMING,
  PB_CORRECTION_OUTGOING,
  PB_CORRECTION_USERNAME,
  PB_CORRECTION_DOMAIN,
} PbCorrectionField;

/* pb:correction: a deliberate difference from the public ISPDB (or from an article). */
typedef struct {
  char              *domain;        /* a domain of the file, or "*" */
  PbCorrectionField  field;
  char              *reason;
  char              *ispdb;         /* informational, may be NULL */
  gboolean           against_article;
} PbCorrection;

/* Bit (1 << PbAuthMethod) for each method a server lists. */
#define PB_AUTH_MASK(method) (1u << (method))

#define PB_TYPE_ACCOUNT_CONFIG (pb_account_config_get_type ())
G_DECLARE_FINAL_TYPE (PbAccountConfig, pb_account_config, PB, ACCOUNT_CONFIG, GObject)

PbAccountConfig *pb_account_config_new (const char *provider_id);

const char  *pb_account_config_get_provider_id   (PbAccountConfig *self);
const char  *pb_account_config_get_display_name  (PbAccountConfig *self);
/* Falls back to the display name, then the provider id. */
const char  *pb_account_config_get_short_name    (PbAccountConfig *self);
/* Where it was read from (a URL or resource path); may be NULL. */
const char  *pb_account_config_get_source_url    (PbAccountConfig *self);

/* NULL-terminated, lower case ASCII. */
const char * const *pb_account_config_get_domains (PbAccountConfig *self);
gboolean     pb_account_config_has_domain        (PbAccountConfig *self,
                                                  const char      *domain);

/* Element type PbServerConfig, preference order; transfer none. Incoming holds IMAP and
 * POP3 servers in the order of the file, outgoing SMTP servers. */
GPtrArray   *pb_account_config_get_incoming      (PbAccountConfig *self);
GPtrArray   *pb_account_config_get_outgoing      (PbAccountConfig *self);
/* The first server of that protocol, or NULL; transfer none. */
PbServerConfig *pb_account_config_get_first      (PbAccountConfig *self,
                                                  PbProtocol       protocol);
/* Every authentication method the file lists for this server (PB_AUTH_MASK bits); the
 * server's own `auth` field is the one Postbote uses. 0 for a server not in this config. */
guint        pb_account_config_get_auth_methods  (PbAccountConfig      *self,
                                                  const PbServerConfig *server);
/* Some server lists OAuth2, or the file has an <oAuth2> block. */
gboolean     pb_account_config_offers_oauth2     (PbAccountConfig *self);
/* Number of servers left out: Exchange/EWS/Graph types, or incomplete entries. */
guint        pb_account_config_get_n_skipped     (PbAccountConfig *self);

/* <documentation url> with <descr lang>; index < n. Text localized, may be NULL. */
guint        pb_account_config_get_n_documentation (PbAccountConfig *self);
const char  *pb_account_config_get_documentation_url (PbAccountConfig *self,
                                                      guint            index);
const char  *pb_account_config_get_documentation_text (PbAccountConfig *self,
                                                       guint            index);
/* <enable visiturl> with <instruction lang>: NULL when absent. */
const char  *pb_account_config_get_enable_url        (PbAccountConfig *self);
const char  *pb_account_config_get_enable_instruction (PbAccountConfig *self);

/* Building, used by the parser. */
void         pb_account_config_set_display_name  (PbAccountConfig *self,
                                                  const char      *name);
void         pb_account_config_set_short_name    (PbAccountConfig *self,
                                                  const char      *name);
void         pb_account_config_set_source_url    (PbAccountConfig *self,
                                                  const char      *url);
void         pb_account_config_add_domain        (PbAccountConfig *self,
                                                  const char      *domain);
void         pb_account_config_add_server        (PbAccountConfig *self,
                                                  PbServerConfig  *server,
                                                  guint            auth_methods);
void         pb_account_config_add_skipped       (PbAccountConfig *self);
void         pb_account_config_set_has_oauth2_block (PbAccountConfig *self);
/* The <oAuth2> block's authorization server, or NULL. Set copies it (NULL: none). */
const PbOAuthIssuer *pb_account_config_get_oauth_issuer (PbAccountConfig     *self);
void         pb_account_config_set_oauth_issuer  (PbAccountConfig     *self,
                                                  const PbOAuthIssuer *issuer);
/* Takes ownership of texts (may be NULL). */
void         pb_account_config_add_documentation (PbAccountConfig *self,
                                                  const char      *url,
                                                  PbLangTexts     *texts);
void         pb_account_config_set_enable        (PbAccountConfig *self,
                                                  const char      *url,
                                                  PbLangTexts     *texts);

void         pb_correction_free                  (PbCorrection    *correction);
const char  *pb_correction_field_to_string       (PbCorrectionField field);
gboolean     pb_correction_field_from_string     (const char        *str,
                                                  PbCorrectionField *out);

G_END_DECLS
