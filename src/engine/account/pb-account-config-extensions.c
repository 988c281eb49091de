/* pb-account-config-extensions.c: what a provider's settings hold from the Postbote extension
 * namespace (data/providers/README.md): quirks with their links and notes, the app
 * password, notes, MX suffixes, the SPF domain, where DNS records go, DKIM selectors and
 * corrections of the public ISPDB. The parser keeps them from presets only
 * (pb-autoconfig-provider.c).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-account-config-extensions.h"
#include "pb-account-config-private.h"

gboolean
pb_account_config_has_quirk (PbAccountConfig *self,
                             PbQuirk          quirk)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), FALSE);
  g_return_val_if_fail (quirk < PB_N_QUIRKS, FALSE);
  return self->quirks[quirk].present;
}

const char *
pb_account_config_get_quirk_url (PbAccountConfig *self,
                                 PbQuirk          quirk)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  g_return_val_if_fail (quirk < PB_N_QUIRKS, NULL);
  return self->quirks[quirk].url;
}

const char *
pb_account_config_get_quirk_note (PbAccountConfig *self,
                                  PbQuirk          quirk)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  g_return_val_if_fail (quirk < PB_N_QUIRKS, NULL);
  return pb_lang_texts_get (self->quirks[quirk].notes);
}

PbAppPassword
pb_account_config_get_app_password (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), PB_APP_PASSWORD_NO);
  return self->app_password;
}

const char *
pb_account_config_get_note (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return pb_lang_texts_get (self->notes);
}

const char * const *
pb_account_config_get_mx_suffixes (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return pb_account_config_strv_of (self->mx_suffixes);
}

const char *
pb_account_config_get_spf_domain (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->spf_domain;
}

void
pb_account_config_set_spf_domain (PbAccountConfig *self,
                                  const char      *domain)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_free (self->spf_domain);
  self->spf_domain = domain != NULL ? g_ascii_strdown (domain, -1) : NULL;
}

const char *
pb_account_config_get_dns_records_note (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->dns_records != NULL ? pb_lang_texts_get (self->dns_records) : NULL;
}

void
pb_account_config_set_dns_records_note (PbAccountConfig *self,
                                        PbLangTexts     *notes)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  pb_lang_texts_free (self->dns_records);
  self->dns_records = notes;
}

GPtrArray *
pb_account_config_get_corrections (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return self->corrections;
}

gboolean
pb_account_config_has_correction (PbAccountConfig   *self,
                                  const char        *domain,
                                  PbCorrectionField  field)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), FALSE);

  for (guint i = 0; i < self->corrections->len; i++)
    {
      PbCorrection *c = g_ptr_array_index (self->corrections, i);

      if (c->against_article)
        continue;
      if (!g_str_equal (c->domain, "*") && g_ascii_strcasecmp (c->domain, domain) != 0)
        continue;
      if (c->field == field || c->field == PB_CORRECTION_DOMAIN)
        return TRUE;
    }
  return FALSE;
}

/* ---- building ---- */

static void
add_unique_lower (GPtrArray  *array,
                  const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);

  for (guint i = 0; i < array->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (array, i), lower))
        return;
    }
  g_ptr_array_add (array, g_steal_pointer (&lower));
}

void
pb_account_config_set_quirk (PbAccountConfig *self,
                             PbQuirk          quirk,
                             const char      *url,
                             PbLangTexts     *notes)
{
  Quirk *q;

  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_return_if_fail (quirk < PB_N_QUIRKS);

  q = &self->quirks[quirk];
  q->present = TRUE;
  pb_account_config_replace_string (&q->url, url);
  pb_lang_texts_free (q->notes);
  q->notes = notes;
}

void
pb_account_config_set_app_password (PbAccountConfig *self,
                                    PbAppPassword    required)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  self->app_password = required;
}

void
pb_account_config_add_note (PbAccountConfig *self,
                            const char      *lang,
                            const char      *text)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  pb_lang_texts_add (self->notes, lang, text);
}

void
pb_account_config_add_mx_suffix (PbAccountConfig *self,
                                 const char      *suffix)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_return_if_fail (suffix != NULL);
  add_unique_lower (self->mx_suffixes, suffix);
}

const char * const *
pb_account_config_get_dkim_selectors (PbAccountConfig *self)
{
  g_return_val_if_fail (PB_IS_ACCOUNT_CONFIG (self), NULL);
  return pb_account_config_strv_of (self->dkim_selectors);
}

void
pb_account_config_add_dkim_selector (PbAccountConfig *self,
                                     const char      *selector)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_return_if_fail (selector != NULL);
  add_unique_lower (self->dkim_selectors, selector);
}

void
pb_account_config_add_correction (PbAccountConfig *self,
                                  PbCorrection    *correction)
{
  g_return_if_fail (PB_IS_ACCOUNT_CONFIG (self));
  g_return_if_fail (correction != NULL);
  g_ptr_array_add (self->corrections, correction);
}
