/* pb-autoconfig.c: the Thunderbird autoconfig config-v1.1 format, safely parsed
 *
 * The bytes are read by pb-autoconfig-reader.c, which refuses what could harm (entities,
 * external document types, inclusions); here the document is checked to be a mail
 * configuration and each <emailProvider> read (pb-autoconfig-provider.c).
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-autoconfig.h"
#include "pb-autoconfig-provider.h"
#include "pb-autoconfig-reader.h"

static gboolean
is_blank (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
pb_autoconfig_parse_all_full (const char         *data,
                              gsize               len,
                              const char         *source_url,
                              PbAutoconfigFlags   flags,
                              GError            **error)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PbAcDoc) doc = NULL;
  const PbAcNode *root;
  gboolean had_provider = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0 || is_blank (data, len))
    {
      g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_EMPTY,
                           _("The configuration file is empty."));
      goto out;
    }
  if (len > PB_AUTOCONFIG_MAX_SIZE)
    {
      g_set_error (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_TOO_LARGE,
                   _("The configuration file is too large (more than %d KiB)."),
                   PB_AUTOCONFIG_MAX_SIZE / 1024);
      goto out;
    }

  doc = pb_ac_doc_read (data, len, &local_error);
  if (doc == NULL)
    goto out;

  root = pb_ac_doc_get_root (doc);
  if (root == NULL || !is_ac (root, "clientConfig"))
    {
      g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_WRONG_ROOT,
                           _("The file is not a mail configuration (no <clientConfig> element)."));
    }
  else
    {
      for (const PbAcNode *child = root->children; child != NULL; child = child->next)
        {
          PbAccountConfig *config;

          if (!is_ac (child, "emailProvider"))
            continue;
          had_provider = TRUE;
          config = pb_autoconfig_read_provider (child, source_url, flags);
          if (pb_account_config_get_incoming (config)->len == 0 &&
              pb_account_config_get_outgoing (config)->len == 0)
            g_object_unref (config);
          else
            g_ptr_array_add (providers, config);
        }

      /* <oAuth2> is a sibling of the providers and applies to all of them. */
      for (const PbAcNode *child = root->children; child != NULL; child = child->next)
        {
          g_autoptr(PbOAuthIssuer) issuer = NULL;

          if (!is_ac (child, "oAuth2"))
            continue;
          /* Where to sign in comes from Postbote's own presets only: a domain's file (or
           * one changed on its way) could send the code and the verifier elsewhere. */
          if (flags & PB_AUTOCONFIG_FLAGS_EXTENSIONS)
            issuer = pb_autoconfig_read_oauth2 (child);
          for (guint i = 0; i < providers->len; i++)
            {
              pb_account_config_set_has_oauth2_block (g_ptr_array_index (providers, i));
              if (issuer != NULL)
                pb_account_config_set_oauth_issuer (g_ptr_array_index (providers, i), issuer);
            }
        }

      if (!had_provider)
        g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NO_PROVIDER,
                             _("The configuration file describes no mail provider."));
      else if (providers->len == 0)
        g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NO_SERVERS,
                             _("The configuration file lists no server Postbote can use (only incomplete entries or Exchange servers)."));
    }

out:
  if (local_error != NULL)
    {
      if (source_url != NULL)
        g_prefix_error (&local_error, "%s: ", source_url);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&providers);
}

GPtrArray *
pb_autoconfig_parse_all (const char  *data,
                         gsize        len,
                         const char  *source_url,
                         GError     **error)
{
  return pb_autoconfig_parse_all_full (data, len, source_url, PB_AUTOCONFIG_FLAGS_NONE, error);
}

PbAccountConfig *
pb_autoconfig_parse_full (const char         *data,
                          gsize               len,
                          const char         *source_url,
                          PbAutoconfigFlags   flags,
                          GError            **error)
{
  g_autoptr(GPtrArray) providers = pb_autoconfig_parse_all_full (data, len, source_url, flags,
                                                                 error);

  if (providers == NULL)
    return NULL;
  return g_object_ref (g_ptr_array_index (providers, 0));
}

PbAccountConfig *
pb_autoconfig_parse (const char  *data,
                     gsize        len,
                     const char  *source_url,
                     GError     **error)
{
  return pb_autoconfig_parse_full (data, len, source_url, PB_AUTOCONFIG_FLAGS_NONE, error);
}

char *
pb_autoconfig_publish_url (const char *scheme,
                           const char *domain,
                           gboolean    well_known)
{
  if (well_known)
    return g_strdup_printf ("%s://%s/.well-known/autoconfig/mail/config-v1.1.xml", scheme,
                            domain);
  return g_strdup_printf ("%s://autoconfig.%s/mail/config-v1.1.xml", scheme, domain);
}
