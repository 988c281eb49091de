/* pb-account-config.c: one provider's settings as read from autoconfig or a preset: the
 * object, its provider, domains, servers and texts
 *
 * Its Postbote extensions (quirks, notes, MX suffixes, corrections, ...) are in
 * pb-account-config-extensions.c; the fields both use are in pb-account-config-private.h.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-account-config-private.h"
#include "pb-name-table.h"

/* ---- corrections ---- */

static const char * const correction_fields[] = { "incoming", "outgoing", "username", "domain" };

void
pb_correction_free (PbCorrection *correction)
{
  if (correction == NULL)
    return;
  g_free (correction->domain);
  g_free (correction->reason);
  g_free (correction->ispdb);
  g_free (correction);
}

/* The pb:correction extension is written by us: exact names. */
PB_DEFINE_NAME_TABLE (PbCorrectionField, pb_correction_field, correction_fields, FALSE)

/* ---- the object ---- */

G_DEFINE_FINAL_TYPE (PbAccountConfig, pb_account_config, G_TYPE_OBJECT)

static void
documentation_clear (gpointer data)
{
  Documentation *doc = data;

  g_free (doc->url);
  pb_lang_texts_free (doc->texts);
}

static void
pb_account_config_finalize (GObject *object)
{
  PbAccountConfig *self = PB_ACCOUNT_CONFIG (object);

  g_free (self->provider_id);
  g_free (self->display_name);
  g_free (self->short_name);
  g_free (self->source_url);
  pb_oauth_issuer_free (self->oauth_issuer);
  g_hash_table_unref (self->domain_set);
  g_ptr_array_unref (self->domains);
  g_ptr_array_unref (self->incoming);
  g_ptr_array_unref (self->outgoing);
  g_hash_table_unref (self->auth_methods);
  g_array_unref (self->documentation);
  g_free (self->enable_url);
  pb_lang_texts_free (self->enable_texts);
  for (guint i = 0; i < PB_N_QUIRKS; i++)
    {
      g_free (self->quirks[i].url);
      pb_lang_texts_free (self->quirks[i].notes);
    }
  pb_lang_texts_free (self->notes);
  g_ptr_array_unref (self->mx_suffixes);
  g_ptr_array_unref (self->dkim_selectors);
  g_free (self->spf_domain);
  pb_lang_texts_free (self->dns_records);
  g_ptr_array_unref (self->corrections);

  G_OBJECT_CLASS (pb_account_config_parent_class)->finalize (object);
}

static void
pb_account_config_class_init (PbAccountConfigClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_account_config_finalize;
}

/* A null-terminated GPtrArray has no storage before its first element. */
const char * const *
pb_account_config_strv_of (GPtrArray *array)
{
  static const char * const empty[] = { NULL };

  return array->pdata != NULL ? (const char * const *) array->pdata : empty;
}

static GPtrArray *
new_strv_array (void)
{
  GPtrArray *array = g_ptr_array_new_null_terminated (0, g_free, TRUE);

  return array;
}

static void
pb_account_config_init (PbAccountConfig *self)
{
  self->domains = new_strv_array ();
  self->domain_set = g_hash_table_new (g_str_hash, g_str_equal);
  self->mx_suffixes = new_strv_array ();
  self->dkim_selectors = new_strv_array ();
  self->incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_server_config_unref);
  self->outgoing = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_server_config_unref);
  self->auth_methods = g_hash_table_new (NULL, NULL);
  self->documentation = g_array_new (FALSE, TRUE, sizeof (Documentation));
  g_array_set_clear_func (self->documentation, documentation_clear);
  self->notes = pb_lang_texts_new ();
  self->corrections = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_correction_free);
}

PbAccountConfig *
pb_account_config_new (const char *provider_id)
{
  PbAccountConfig *self = g_object_new (PB_TYPE_ACCOUNT_CONFIG, NULL);

  self->provider_id = g_strdup (provider_id);
  return self;
}

const char *
pb_account_config_get_provider_id (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->provider_id;
}

const char *
pb_account_config_get_display_name (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->display_name != NULL ? self->display_name : self->provider_id;
}

const char *
pb_account_config_get_short_name (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->short_name != NULL ? self->short_name : pb_account_config_get_display_name (self);
}

const char *
pb_account_config_get_source_url (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->source_url;
}

const char * const *
pb_account_config_get_domains (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return pb_account_config_strv_of (self->domains);
}

gboolean
pb_account_config_has_domain (PbAccountConfig *self,
                              const char      *domain)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), FALSE);

  if (domain == NULL)
    return FALSE;
  lower = g_ascii_strdown (domain, -1);
  return g_hash_table_contains (self->domain_set, lower);
}

GPtrArray *
pb_account_config_get_incoming (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->incoming;
}

GPtrArray *
pb_account_config_get_outgoing (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->outgoing;
}

PbServerConfig *
pb_account_config_get_first (PbAccountConfig *self,
                             PbProtocol       protocol)
{
  GPtrArray *servers;

  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);

  servers = protocol == PB_PROTOCOL_SMTP ? self->outgoing : self->incoming;
  for (guint i = 0; i < servers->len; i++)
    {
      PbServerConfig *server = g_ptr_array_index (servers, i);

      if (server->protocol == protocol)
        return server;
    }
  return NULL;
}

guint
pb_account_config_get_auth_methods (PbAccountConfig      *self,
                                    const PbServerConfig *server)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->auth_methods, server));
}

gboolean
pb_account_config_offers_oauth2 (PbAccountConfig *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), FALSE);

  if (self->oauth2_block)
    return TRUE;
  g_hash_table_iter_init (&iter, self->auth_methods);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (GPOINTER_TO_UINT (value) & PB_AUTH_MASK (PB_AUTH_OAUTH2))
        return TRUE;
    }
  return FALSE;
}

guint
pb_account_config_get_n_skipped (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), 0);
  return self->n_skipped;
}

guint
pb_account_config_get_n_documentation (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), 0);
  return self->documentation->len;
}

const char *
pb_account_config_get_documentation_url (PbAccountConfig *self,
                                         guint            index)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  g_return_val_if_fail (index < self->documentation->len, NULL);
  return g_array_index (self->documentation, Documentation, index).url;
}

const char *
pb_account_config_get_documentation_text (PbAccountConfig *self,
                                          guint            index)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  g_return_val_if_fail (index < self->documentation->len, NULL);
  return pb_lang_texts_get (g_array_index (self->documentation, Documentation, index).texts);
}

const char *
pb_account_config_get_enable_url (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->enable_url;
}

const char *
pb_account_config_get_enable_instruction (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return pb_lang_texts_get (self->enable_texts);
}

/* ---- building ---- */

void
pb_account_config_replace_string (char       **field,
                                  const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

void
pb_account_config_set_display_name (PbAccountConfig *self,
                                    const char      *name)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  pb_account_config_replace_string (&self->display_name, name);
}

void
pb_account_config_set_short_name (PbAccountConfig *self,
                                  const char      *name)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  pb_account_config_replace_string (&self->short_name, name);
}

void
pb_account_config_set_source_url (PbAccountConfig *self,
                                  const char      *url)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  pb_account_config_replace_string (&self->source_url, url);
}

void
pb_account_config_add_domain (PbAccountConfig *self,
                              const char      *domain)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_return_if_fail (domain != NULL);

  /* Providers such as Fastmail list well over a hundred domains. */
  lower = g_ascii_strdown (domain, -1);
  if (g_hash_table_contains (self->domain_set, lower))
    return;
  g_hash_table_add (self->domain_set, lower);
  g_ptr_array_add (self->domains, g_steal_pointer (&lower));
}

void
pb_account_config_add_server (PbAccountConfig *self,
                              PbServerConfig  *server,
                              guint            auth_methods)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_return_if_fail (server != NULL);

  g_ptr_array_add (server->protocol == PB_PROTOCOL_SMTP ? self->outgoing : self->incoming,
                   pb_server_config_ref (server));
  g_hash_table_insert (self->auth_methods, server, GUINT_TO_POINTER (auth_methods));
}

void
pb_account_config_add_skipped (PbAccountConfig *self)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  self->n_skipped++;
}

const PbOAuthIssuer *
pb_account_config_get_oauth_issuer (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->oauth_issuer;
}

void
pb_account_config_set_oauth_issuer (PbAccountConfig     *self,
                                    const PbOAuthIssuer *issuer)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  pb_oauth_issuer_free (self->oauth_issuer);
  self->oauth_issuer = pb_oauth_issuer_copy (issuer);
}

void
pb_account_config_set_has_oauth2_block (PbAccountConfig *self)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  self->oauth2_block = TRUE;
}

void
pb_account_config_add_documentation (PbAccountConfig *self,
                                     const char      *url,
                                     PbLangTexts     *texts)
{
  Documentation doc;

  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));

  doc.url = g_strdup (url);
  doc.texts = texts != NULL ? texts : pb_lang_texts_new ();
  g_array_append_val (self->documentation, doc);
}

void
pb_account_config_set_enable (PbAccountConfig *self,
                              const char      *url,
                              PbLangTexts     *texts)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));

  pb_account_config_replace_string (&self->enable_url, url);
  pb_lang_texts_free (self->enable_texts);
  self->enable_texts = texts;
}
