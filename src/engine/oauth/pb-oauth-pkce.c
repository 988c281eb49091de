/* pb-oauth-pkce.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "pb-oauth-pkce.h"

#define RANDOM_BYTES 32

/* base64url without padding (RFC 4648 5). */
static char *
base64url (const guchar *data,
           gsize         len)
{
  char *text = g_base64_encode (data, len);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

char *
pb_oauth_random_token (GError **error)
{
  guchar bytes[RANDOM_BYTES];
  gsize got = 0;
  char *token;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("No random numbers for the sign-in: %s"), g_strerror (saved));
          return NULL;
        }
      got += (gsize) n;
    }
  token = base64url (bytes, sizeof bytes);
  explicit_bzero (bytes, sizeof bytes);
  return token;
}

char *
pb_oauth_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (sha, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sha, digest, &len);
  return base64url (digest, len);
}

gboolean
pb_oauth_pkce_is_verifier (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len < 43 || len > 128)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && strchr ("-._~", text[i]) == NULL)
      return FALSE;
  return TRUE;
}
