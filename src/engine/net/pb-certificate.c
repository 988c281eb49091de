/* pb-certificate.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-certificate.h"

char *
pb_certificate_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *out;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  out = g_string_new (NULL);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (out, "%s%c%c", i ? ":" : "", hex[i], hex[i + 1]);
  return g_string_free (out, FALSE);
}

char *
pb_certificate_normalize_fingerprint (const char *sha256)
{
  GString *hex = g_string_new (NULL);

  for (const char *p = sha256; *p; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (hex, g_ascii_tolower (*p));
      else if (*p != ':' && *p != ' ')
        return g_string_free (hex, TRUE), NULL;
    }
  if (hex->len != 64)
    return g_string_free (hex, TRUE), NULL;
  return g_string_free (hex, FALSE);
}

gboolean
pb_certificate_matches_fingerprint (GTlsCertificate *certificate,
                                    const char      *normalized)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *plain = NULL;

  if (normalized == NULL || certificate == NULL)
    return FALSE;
  fingerprint = pb_certificate_sha256 (certificate);
  plain = fingerprint ? pb_certificate_normalize_fingerprint (fingerprint) : NULL;
  return plain != NULL && g_str_equal (plain, normalized);
}

/* The one table. A reason of NULL: the sentence has nothing specific to say. */
static const struct {
  GTlsCertificateFlags flag;
  const char *id;
  const char *label;
  const char *reason;
} flags_table[] = {
  { G_TLS_CERTIFICATE_UNKNOWN_CA, "unknown-ca", N_("issuer not trusted"),
    N_("it was not issued by an authority this computer trusts") },
  { G_TLS_CERTIFICATE_BAD_IDENTITY, "bad-identity", N_("issued for another server name"),
    N_("it was issued for a different server name") },
  { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not-activated", N_("not valid yet"),
    N_("it is not valid yet") },
  { G_TLS_CERTIFICATE_EXPIRED, "expired", N_("expired"), N_("it has expired") },
  { G_TLS_CERTIFICATE_REVOKED, "revoked", N_("revoked"), N_("it has been revoked") },
  { G_TLS_CERTIFICATE_INSECURE, "insecure", N_("insecure algorithm or key too short"),
    N_("it uses an insecure algorithm or too short a key") },
  { G_TLS_CERTIFICATE_GENERIC_ERROR, "generic-error", N_("other error"), NULL },
};

char **
pb_certificate_flags_to_strings (GTlsCertificateFlags flags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (flags_table); i++)
    {
      if (flags & flags_table[i].flag)
        g_strv_builder_add (builder, flags_table[i].id);
    }
  return g_strv_builder_end (builder);
}

/* The localized texts of the set flags, joined; reasons (not labels) when reasons is set. */
static char *
join_texts (GTlsCertificateFlags  flags,
            gboolean              reasons,
            const char           *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (flags_table); i++)
    {
      const char *part = reasons ? flags_table[i].reason : flags_table[i].label;

      if (!(flags & flags_table[i].flag) || part == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, _(part));
    }
  return g_string_free (text, FALSE);
}

char *
pb_certificate_flags_to_labels (GTlsCertificateFlags flags)
{
  return join_texts (flags, FALSE, ", ");
}

char *
pb_certificate_flags_to_reasons (GTlsCertificateFlags flags)
{
  /* Translators: separates reasons why a certificate failed */
  char *text = join_texts (flags, TRUE, _("; "));

  if (text[0] != '\0')
    return text;
  g_free (text);
  return g_strdup (_("it could not be verified"));
}
