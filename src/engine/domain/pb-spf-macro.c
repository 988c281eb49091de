/* pb-spf-macro.c: the macro language of SPF domain specifications (RFC 7208 section 7)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-spf-macro.h"

#define DELIMITERS ".-+,/_="

/* "%{" letter *DIGIT ["r"] *delimiter "}" at p (after the "%{"); the end after "}" or NULL. */
static const char *
parse_expand (const char *p,
              gboolean    in_exp,
              char       *letter,
              guint      *keep,
              gboolean   *reverse,
              char       *delims)
{
  guint n = 0, digits = 0, n_delims = 0;

  *letter = g_ascii_tolower (*p);
  if (*letter == '\0' || strchr (in_exp ? "slodiphcrtv" : "slodiphv", *letter) == NULL)
    return NULL;
  for (p++; g_ascii_isdigit (*p); p++, digits++)
    {
      n = n * 10 + (*p - '0');
      if (n > 128)
        return NULL;
    }
  if (digits > 0 && n == 0)
    return NULL;
  *keep = n;
  *reverse = g_ascii_tolower (*p) == 'r';
  if (*reverse)
    p++;
  for (; *p != '\0' && strchr (DELIMITERS, *p) != NULL; p++)
    if (n_delims < 7)
      delims[n_delims++] = *p;
  delims[n_delims] = '\0';
  return *p == '}' ? p + 1 : NULL;
}

/* The end of the token at p (a literal character or a macro-expand), or NULL when p starts
 * no valid one; *expand says whether it was a macro-expand. */
static const char *
next_token (const char *p,
            gboolean    in_exp,
            gboolean   *expand)
{
  char letter, delims[8];
  guint keep;
  gboolean reverse;

  *expand = *p == '%';
  if (!*expand)
    return (guchar) *p < 0x21 || (guchar) *p > 0x7e ? NULL : p + 1;
  if (p[1] == '%' || p[1] == '_' || p[1] == '-')
    return p + 2;
  if (p[1] != '{')
    return NULL;
  return parse_expand (p + 2, in_exp, &letter, &keep, &reverse, delims);
}

gboolean
pb_spf_macro_is_valid (const char *text,
                       gboolean    in_exp)
{
  gboolean expand;

  for (const char *p = text; *p != '\0';)
    {
      p = next_token (p, in_exp, &expand);
      if (p == NULL)
        return FALSE;
    }
  return TRUE;
}

gboolean
pb_spf_macro_ends_with_expand (const char *text)
{
  gboolean expand = FALSE;

  for (const char *p = text; p != NULL && *p != '\0';)
    p = next_token (p, FALSE, &expand);
  return expand;
}

/* i: dotted quad, or the 32 nibbles of an IPv6 address separated by dots (7.3). */
static char *
ip_text (GInetAddress *ip)
{
  const guint8 *bytes = g_inet_address_to_bytes (ip);
  GString *out;

  if (g_inet_address_get_family (ip) == G_SOCKET_FAMILY_IPV4)
    return g_inet_address_to_string (ip);
  out = g_string_new (NULL);
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (out, "%s%x.%x", i == 0 ? "" : ".", bytes[i] >> 4, bytes[i] & 15);
  return g_string_free (out, FALSE);
}

static char *
letter_value (char                     letter,
              const PbSpfMacroContext *ctx)
{
  const char *at = strrchr (ctx->sender, '@');

  switch (letter)
    {
    case 's': return g_strdup (ctx->sender);
    case 'l': return at != NULL ? g_strndup (ctx->sender, at - ctx->sender) : g_strdup ("postmaster");
    case 'o': case 'h': return g_strdup (at != NULL ? at + 1 : ctx->sender);
    case 'd': return g_strdup (ctx->domain);
    /* The validated name of the address would need a PTR lookup; RFC 7208 5.5 discourages
     * ptr and allows "unknown". */
    case 'p': return ctx->ip != NULL ? g_strdup ("unknown") : NULL;
    case 'i': case 'c': return ctx->ip != NULL ? ip_text (ctx->ip) : NULL;
    case 'v':
      if (ctx->ip == NULL)
        return NULL;
      return g_strdup (g_inet_address_get_family (ctx->ip) == G_SOCKET_FAMILY_IPV4
                       ? "in-addr" : "ip6");
    case 'r': return g_strdup ("unknown");
    default: return g_strdup ("0");   /* t: a timestamp, only in exp */
    }
}

/* Split on the delimiters, reverse if asked, keep the rightmost keep parts, join with ".". */
static void
append_transformed (GString    *out,
                    const char *value,
                    guint       keep,
                    gboolean    reverse,
                    const char *delims)
{
  g_auto(GStrv) parts = g_strsplit_set (value, *delims != '\0' ? delims : ".", -1);
  guint n = g_strv_length (parts);
  guint first;

  if (reverse)
    for (guint i = 0; i < n / 2; i++)
      {
        char *tmp = parts[i];
        parts[i] = parts[n - 1 - i];
        parts[n - 1 - i] = tmp;
      }
  first = keep > 0 && keep < n ? n - keep : 0;
  for (guint i = first; i < n; i++)
    g_string_append_printf (out, "%s%s", i == first ? "" : ".", parts[i]);
}

char *
pb_spf_macro_expand (const char              *text,
                     const PbSpfMacroContext *ctx)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      char letter, delims[8];
      guint keep;
      gboolean reverse;
      g_autofree char *value = NULL;

      if (*p != '%')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (p[1] != '{')
        {
          g_string_append (out, p[1] == '%' ? "%" : p[1] == '_' ? " " : "%20");
          p += 2;
          continue;
        }
      p = parse_expand (p + 2, TRUE, &letter, &keep, &reverse, delims);
      value = p != NULL ? letter_value (letter, ctx) : NULL;
      if (value == NULL)
        return NULL;
      append_transformed (out, value, keep, reverse, delims);
    }
  /* Longer than a domain name may be: labels go from the left until it fits (RFC 7208
   * 7.3), in one cut: a label at a time would move the rest each time. */
  if (out->len > 253)
    {
      const char *cut = out->str;
      const char *dot;

      while (out->len - (gsize) (cut - out->str) > 253 && (dot = strchr (cut, '.')) != NULL)
        cut = dot + 1;
      g_string_erase (out, 0, cut - out->str);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
