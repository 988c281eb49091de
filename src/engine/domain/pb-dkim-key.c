/* pb-dkim-key.c: a DKIM key record (RFC 6376 3.6.1, RFC 8463), parsed, its key measured
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <string.h>

#include "pb-dkim-key.h"
#include "pb-tag-list.h"
#include "pb-name-table.h"

G_DEFINE_QUARK (pb-dkim-key-error-quark, pb_dkim_key_error)

/* Indexed by PbDkimKeyType: the values of k=. */
static const char * const type_names[] = { "rsa", "ed25519" };

const char *
pb_dkim_key_type_to_string (PbDkimKeyType type)
{
  return pb_name_table_get (type_names, G_N_ELEMENTS (type_names), type);
}

/* p= of an RSA key: a DER SubjectPublicKeyInfo (RFC 6376 3.6.1). */
static gboolean
rsa_bits (const guchar *der,
          gsize         len,
          guint        *bits)
{
  gnutls_pubkey_t pubkey;
  gnutls_datum_t datum = { (unsigned char *) der, (unsigned int) len };
  gboolean ok;

  if (gnutls_pubkey_init (&pubkey) < 0)
    return FALSE;
  ok = gnutls_pubkey_import (pubkey, &datum, GNUTLS_X509_FMT_DER) >= 0
    && gnutls_pubkey_get_pk_algorithm (pubkey, bits) == GNUTLS_PK_RSA;
  gnutls_pubkey_deinit (pubkey);
  return ok;
}

/* Base64 with the folding whitespace a TXT record may hold; NULL for other characters. */
static guchar *
decode_key (const char *value,
            gsize      *len)
{
  g_autoptr(GString) clean = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p) && strchr ("+/=", *p) == NULL)
        return NULL;
      g_string_append_c (clean, *p);
    }
  if (clean->len % 4 != 0)
    return NULL;
  return g_base64_decode (clean->str, len);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, PB_DKIM_KEY_ERROR, PB_DKIM_KEY_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
measure (const char *p_value,
         PbDkimKey  *key,
         GError    **error)
{
  gsize len = 0;
  g_autofree guchar *bytes = NULL;

  if (*p_value == '\0')
    {
      g_set_error_literal (error, PB_DKIM_KEY_ERROR, PB_DKIM_KEY_ERROR_REVOKED,
                           _("the key has been withdrawn (empty p=)"));
      return FALSE;
    }
  bytes = decode_key (p_value, &len);
  if (bytes == NULL || len == 0)
    return invalid (error, _("the key (p=) is not valid Base64"));
  if (key->type == PB_DKIM_KEY_ED25519)
    {
      /* RFC 8463: the bare 32-byte public key. */
      key->bits = 256;
      return len == 32 || invalid (error, _("the Ed25519 key (p=) is not 32 bytes long"));
    }
  return rsa_bits (bytes, len, &key->bits)
    || invalid (error, _("the key (p=) is not an RSA public key"));
}

gboolean
pb_dkim_key_parse (const char  *text,
                   PbDkimKey   *key,
                   GError     **error)
{
  PbTagListStatus status;
  g_autofree char *bad = NULL;
  g_autoptr(GPtrArray) tags = pb_tag_list_parse (text, &status, &bad);
  const char *p_value = NULL;
  int type = PB_DKIM_KEY_RSA;

  if (tags == NULL)
    return invalid (error, status == PB_TAG_LIST_DUPLICATE
                    ? _("a tag appears more than once")
                    : _("the record is not a list of tag=value pairs"));
  for (guint i = 0; i < tags->len; i++)
    {
      const PbTag *tag = g_ptr_array_index (tags, i);

      /* v= is optional, but when present it comes first and says DKIM1 (3.6.1). */
      if (strcmp (tag->name, "v") == 0 && (i != 0 || strcmp (tag->value, "DKIM1") != 0))
        return invalid (error, _("the version tag is not “v=DKIM1” at the start"));
      if (strcmp (tag->name, "k") == 0
          && (type = pb_name_table_find (type_names, G_N_ELEMENTS (type_names), tag->value,
                                         TRUE)) < 0)
        return invalid (error, _("the key type (k=) is neither rsa nor ed25519"));
      if (strcmp (tag->name, "p") == 0)
        p_value = tag->value;
    }
  if (p_value == NULL)
    return invalid (error, _("the record has no key (p=)"));
  key->type = type;
  return measure (p_value, key, error);
}
