/* pb-sasl.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-sasl.h"

/* A CRAM-MD5 challenge is a message id, well under this. */
#define MAX_CHALLENGE_LENGTH 1024

/* Bounds on what a server's list of mechanisms can make us keep. */
#define MAX_MECHANISMS 32
#define MAX_MECHANISM_LENGTH 20  /* RFC 4422 */

const char *
pb_sasl_mechanism_to_string (PbSaslMechanism mechanism)
{
  switch (mechanism)
    {
    case PB_SASL_PLAIN:
      return "PLAIN";
    case PB_SASL_LOGIN:
      return "LOGIN";
    case PB_SASL_CRAM_MD5:
      return "CRAM-MD5";
    case PB_SASL_NONE:
    default:
      return NULL;
    }
}

PbSaslMechanism
pb_sasl_mechanism_from_string (const char *name)
{
  static const PbSaslMechanism all[] = { PB_SASL_PLAIN, PB_SASL_LOGIN, PB_SASL_CRAM_MD5 };

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (all); i++)
    {
      if (g_ascii_strcasecmp (name, pb_sasl_mechanism_to_string (all[i])) == 0)
        return all[i];
    }
  return PB_SASL_NONE;
}

PbSaslMechanism
pb_sasl_pick (const char * const *offered,
              PbAuthMethod        method)
{
  static const PbSaslMechanism cleartext_order[] = { PB_SASL_PLAIN, PB_SASL_LOGIN,
                                                     PB_SASL_CRAM_MD5 };
  static const PbSaslMechanism encrypted_order[] = { PB_SASL_CRAM_MD5 };
  const PbSaslMechanism *order = cleartext_order;
  guint n_order = G_N_ELEMENTS (cleartext_order);

  if (offered == NULL)
    return PB_SASL_NONE;
  if (method == PB_AUTH_PASSWORD_ENCRYPTED)
    {
      order = encrypted_order;
      n_order = G_N_ELEMENTS (encrypted_order);
    }
  else if (method != PB_AUTH_PASSWORD_CLEARTEXT)
    {
      /* OAuth2, NTLM and GSSAPI need a token or a domain login, not a password check. */
      n_order = 0;
    }
  for (guint i = 0; i < n_order; i++)
    {
      if (g_strv_contains (offered, pb_sasl_mechanism_to_string (order[i])))
        return order[i];
    }
  return PB_SASL_NONE;
}

gboolean
pb_sasl_offers_oauth (const char * const *offered)
{
  return offered != NULL &&
         (g_strv_contains (offered, "XOAUTH2") || g_strv_contains (offered, "OAUTHBEARER"));
}

void
pb_sasl_set_unusable_error (GError             **error,
                            GQuark               domain,
                            gint                 code,
                            const char * const  *offered,
                            PbAuthMethod         method)
{
  g_autofree char *list = g_strjoinv (" ", (char **) offered);

  if (pb_sasl_offers_oauth (offered) && method != PB_AUTH_OAUTH2)
    g_set_error (error, domain, code,
                 _("The server offers no password sign-in, only OAuth2 (%s)"), list);
  else
    g_set_error (error, domain, code,
                 /* Translators: the first %s is a method like "password-cleartext", the
                  * second the list of offered SASL mechanisms: keep it last, in parentheses
                  * (the diagnosis reads it from there) */
                 _("No usable authentication mechanism for %s among those offered (%s)"),
                 pb_auth_method_to_string (method), list);
}

/* s: a word of 1 to MAX_MECHANISM_LENGTH characters (pb_sasl_add_mechanisms). */
static gboolean
is_mechanism_name (const char *s)
{
  for (; *s; s++)
    {
      if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_')
        return FALSE;
    }
  return TRUE;
}

static void
add_mechanism (GPtrArray  *mechs,
               const char *word,
               gsize       len)
{
  g_autofree char *up = g_ascii_strup (word, len);

  if (!is_mechanism_name (up))
    return;
  for (guint j = 0; j < mechs->len; j++)
    {
      if (g_str_equal (mechs->pdata[j], up))
        return;
    }
  g_ptr_array_add (mechs, g_steal_pointer (&up));
}

void
pb_sasl_add_mechanisms (GPtrArray  *mechs,
                        const char *list)
{
  /* Word by word in place: only a word short enough to be a name is copied. */
  for (const char *p = list; *p != '\0';)
    {
      gsize len = strcspn (p, " \t");

      if (len > 0 && len <= MAX_MECHANISM_LENGTH && mechs->len < MAX_MECHANISMS)
        add_mechanism (mechs, p, len);
      p += len;
      if (*p != '\0')
        p++;
    }
}

static char *
base64_wiped (guchar *data,
              gsize   len)
{
  char *encoded = g_base64_encode (data, len);

  explicit_bzero (data, len);
  g_free (data);
  return encoded;
}

char *
pb_sasl_base64 (const char *text)
{
  return g_base64_encode ((const guchar *) text, strlen (text));
}

char *
pb_sasl_plain_response (const char *username,
                        const char *password)
{
  gsize ulen = strlen (username), plen = strlen (password);
  gsize len = 1 + ulen + 1 + plen;
  guchar *buf = g_malloc0 (len);

  /* authzid empty, then authcid and password, each after a NUL (RFC 4616) */
  memcpy (buf + 1, username, ulen);
  memcpy (buf + 2 + ulen, password, plen);
  return base64_wiped (buf, len);
}

char *
pb_sasl_cram_md5_response (const char *username,
                           const char *password,
                           const char *challenge_base64)
{
  g_autofree guchar *challenge = NULL;
  g_autofree char *digest = NULL;
  gsize challenge_len = 0;
  gsize len;
  guchar *buf;

  if (strlen (challenge_base64) > MAX_CHALLENGE_LENGTH * 4 / 3 + 4)
    return NULL;
  for (const char *p = challenge_base64; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
        return NULL;
    }
  challenge = g_base64_decode (challenge_base64, &challenge_len);
  if (challenge == NULL || challenge_len == 0)
    return NULL;

  digest = g_compute_hmac_for_data (G_CHECKSUM_MD5, (const guchar *) password, strlen (password),
                                    challenge, challenge_len);
  len = strlen (username) + 1 + strlen (digest);
  buf = (guchar *) g_strdup_printf ("%s %s", username, digest);
  explicit_bzero (digest, strlen (digest));
  return base64_wiped (buf, len);
}
