/* pb-address.c: parse and validate a mail address, expand autoconfig placeholders
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pb-address.h"

/* RFC 5321 4.5.3.1: local part 64 octets, path 256 including the angle brackets, which
 * leaves 254 for the address. A domain is at most 255 octets in its ASCII form. */
#define MAX_LOCAL_PART 64
#define MAX_DOMAIN     255
#define MAX_ADDRESS    254
#define MAX_LABEL      63

G_DEFINE_QUARK (pb-address-error-quark, pb_address_error)

PbAddress *
pb_address_copy (const PbAddress *address)
{
  PbAddress *copy;

  g_return_val_if_fail (address != NULL, NULL);

  copy = g_new0 (PbAddress, 1);
  copy->address = g_strdup (address->address);
  copy->local_part = g_strdup (address->local_part);
  copy->domain = g_strdup (address->domain);
  copy->domain_unicode = g_strdup (address->domain_unicode);
  copy->is_literal = address->is_literal;
  return copy;
}

void
pb_address_free (PbAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->address);
  g_free (address->local_part);
  g_free (address->domain);
  g_free (address->domain_unicode);
  g_free (address);
}

/* A character as the user can read it in a message: control characters and spaces are
 * invisible, so they are named by their code point. */
static char *
describe_char (gunichar c)
{
  if (c == ' ')
    return g_strdup (_("space"));
  if (g_unichar_iscntrl (c) || g_unichar_isspace (c) || !g_unichar_isprint (c))
    return g_strdup_printf ("U+%04X", c);
  return g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
}

static gboolean
set_bad_char (GError  **error,
              gunichar  c,
              gboolean  in_domain)
{
  g_autofree char *what = describe_char (c);

  if (in_domain)
    g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_CHARACTER,
                 _("The domain (after the @) contains “%s”, which is not allowed there."),
                 what);
  else
    g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_CHARACTER,
                 _("The part before the @ contains “%s”, which is not allowed there."),
                 what);
  return FALSE;
}

/* RFC 5322 atext; non-ASCII UTF-8 is allowed by RFC 6531 (SMTPUTF8). */
static gboolean
is_atext (gunichar c)
{
  if (c >= 0x80)
    return g_unichar_isgraph (c);
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* Finds the @ that separates local part and domain: the one after a quoted local part,
 * else the only one. */
static gboolean
split_address (const char  *text,
               const char **at_out,
               GError     **error)
{
  const char *p = text;
  const char *at;

  if (*p == '"')
    {
      for (p++; *p != '\0' && *p != '"'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
        }
      if (*p != '"')
        {
          g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_QUOTING,
                               _("The quotation marks in the part before the @ are not closed."));
          return FALSE;
        }
      p++;
      if (*p != '@')
        {
          if (strchr (p, '@') == NULL)
            g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_NO_AT,
                                 _("The address has no @. A mail address looks like name@example.com."));
          else
            g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_QUOTING,
                                 _("A quoted part before the @ must be the whole part before the @."));
          return FALSE;
        }
      at = p;
    }
  else
    {
      at = strchr (text, '@');
      if (at == NULL)
        {
          g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_NO_AT,
                               _("The address has no @. A mail address looks like name@example.com."));
          return FALSE;
        }
    }

  if (strchr (at + 1, '@') != NULL)
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_SEVERAL_AT,
                           _("The address contains more than one @. Please enter exactly one address."));
      return FALSE;
    }

  *at_out = at;
  return TRUE;
}

/* local is not empty (pb_address_parse says so first). */
static gboolean
check_local_part (const char *local,
                  GError    **error)
{
  const char *p;

  if (strlen (local) > MAX_LOCAL_PART)
    {
      g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_LOCAL_PART_TOO_LONG,
                   _("The part before the @ is too long (at most %d characters)."),
                   MAX_LOCAL_PART);
      return FALSE;
    }

  if (*local == '"')
    {
      /* quoted-string: printable ASCII or UTF-8 except " and \, which need a backslash. */
      for (p = local + 1; *p != '"'; p = g_utf8_next_char (p))
        {
          gunichar c;

          if (*p == '\\')
            p++;
          c = g_utf8_get_char (p);
          if (c < 0x20 || c == 0x7f)
            return set_bad_char (error, c, FALSE);
        }
      return TRUE;
    }

  if (*local == '.' || g_str_has_suffix (local, ".") || strstr (local, "..") != NULL)
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_DOTS,
                           _("The part before the @ must not begin or end with a dot or contain two dots in a row."));
      return FALSE;
    }
  for (p = local; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        {
          g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_QUOTING,
                               _("A quoted part before the @ must be the whole part before the @."));
          return FALSE;
        }
      if (c != '.' && !is_atext (c))
        return set_bad_char (error, c, FALSE);
    }
  return TRUE;
}

/* "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 4.1.3). */
static gboolean
check_literal (const char *domain,
               GError    **error)
{
  gsize len = strlen (domain);
  g_autofree char *inner = NULL;
  const char *ip;

  if (len < 2 || domain[len - 1] != ']')
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_LITERAL,
                           _("The domain starts with “[” but is no IP address in brackets."));
      return FALSE;
    }
  inner = g_strndup (domain + 1, len - 2);
  ip = inner;
  if (g_ascii_strncasecmp (ip, "IPv6:", 5) == 0)
    ip += 5;
  else if (strchr (ip, ':') != NULL)
    ip = "";   /* an IPv6 literal needs its tag */
  /* GLib takes "fe80::1%<anything>" as an IPv6 address with a zone; RFC 5321 has no zones,
   * and the zone let control characters into the address. */
  if (strchr (ip, '%') != NULL || !g_hostname_is_ip_address (ip))
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_LITERAL,
                           _("The domain starts with “[” but is no IP address in brackets."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_idn_dot (gunichar c)
{
  return c == '.' || c == 0x3002 || c == 0xff0e || c == 0xff61;
}

/* Checks the domain as typed (not empty: pb_address_parse says so first) and returns its
 * ASCII form. */
static char *
check_domain (const char *domain,
              GError    **error)
{
  g_autofree char *ascii = NULL;
  g_auto(GStrv) labels = NULL;
  const char *p;

  if (g_hostname_is_ip_address (domain))
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_IP_ADDRESS,
                           _("After the @ there is an IP address instead of a domain. Please enter the domain of your mail address, for example “example.com”."));
      return NULL;
    }

  for (p = domain; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 ? !(g_ascii_isalnum (c) || c == '-' || c == '.')
                   : !(g_unichar_isalnum (c) || g_unichar_ismark (c) || is_idn_dot (c)))
        {
          set_bad_char (error, c, TRUE);
          return NULL;
        }
    }

  if (is_idn_dot (g_utf8_get_char (domain)) ||
      is_idn_dot (g_utf8_get_char (g_utf8_prev_char (domain + strlen (domain)))))
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_DOMAIN_DOTS,
                           _("The domain must not begin or end with a dot."));
      return NULL;
    }

  ascii = g_hostname_to_ascii (domain);
  if (ascii == NULL)
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_IDN,
                           _("The domain contains characters that cannot be used in an international domain name."));
      return NULL;
    }
  if (strlen (ascii) > MAX_DOMAIN)
    {
      g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_DOMAIN_TOO_LONG,
                   _("The domain is too long (at most %d characters)."), MAX_DOMAIN);
      return NULL;
    }

  labels = g_strsplit (ascii, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0)
        {
          g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL,
                               _("The domain contains two dots in a row."));
          return NULL;
        }
      if (len > MAX_LABEL)
        {
          g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL,
                       _("A part of the domain between two dots is too long (at most %d characters)."),
                       MAX_LABEL);
          return NULL;
        }
      if (label[0] == '-' || label[len - 1] == '-')
        {
          g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_DOMAIN_LABEL,
                               _("A part of the domain between two dots must not begin or end with a hyphen."));
          return NULL;
        }
      for (p = label; *p != '\0'; p++)
        {
          /* Only reachable for characters the IDN conversion let through. */
          if (!g_ascii_isalnum (*p) && *p != '-')
            {
              set_bad_char (error, (guchar) *p, TRUE);
              return NULL;
            }
        }
    }
  if (g_strv_length (labels) < 2)
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_DOMAIN_NO_DOT,
                           _("The domain after the @ needs at least one dot, for example “example.com”."));
      return NULL;
    }

  return g_ascii_strdown (ascii, -1);
}

PbAddress *
pb_address_parse (const char *text,
                  GError    **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;
  g_autoptr(PbAddress) address = NULL;
  const char *at;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_BAD_CHARACTER,
                           _("The address contains invalid characters."));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_EMPTY,
                           _("Please enter your mail address."));
      return NULL;
    }

  if (!split_address (trimmed, &at, error))
    return NULL;

  local = g_strndup (trimmed, at - trimmed);
  domain = g_strdup (at + 1);

  if (*local == '\0')
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_EMPTY_LOCAL_PART,
                           _("The part before the @ is missing."));
      return NULL;
    }
  if (*domain == '\0')
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_EMPTY_DOMAIN,
                           _("The domain after the @ is missing, for example “example.com”."));
      return NULL;
    }
  if (!check_local_part (local, error))
    return NULL;

  address = g_new0 (PbAddress, 1);
  address->local_part = g_steal_pointer (&local);

  if (*domain == '[')
    {
      if (!check_literal (domain, error))
        return NULL;
      address->is_literal = TRUE;
      address->domain = g_ascii_strdown (domain, -1);
      address->domain_unicode = g_strdup (address->domain);
    }
  else
    {
      address->domain = check_domain (domain, error);
      if (address->domain == NULL)
        return NULL;
      address->domain_unicode = g_hostname_to_unicode (address->domain);
      /* GLib decodes some hostile "xn--" labels to code points past U+10FFFF, which is
       * not UTF-8: show those in their ASCII form. */
      if (address->domain_unicode != NULL &&
          !g_utf8_validate (address->domain_unicode, -1, NULL))
        g_clear_pointer (&address->domain_unicode, g_free);
      if (address->domain_unicode == NULL)
        address->domain_unicode = g_strdup (address->domain);
    }

  address->address = g_strconcat (address->local_part, "@", address->domain, NULL);
  if (strlen (address->address) > MAX_ADDRESS)
    {
      g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_TOO_LONG,
                   _("The address is too long (at most %d characters)."), MAX_ADDRESS);
      return NULL;
    }

  return g_steal_pointer (&address);
}

gboolean
pb_address_check_discoverable (const PbAddress *address,
                               GError         **error)
{
  g_return_val_if_fail (address != NULL, FALSE);

  if (address->is_literal)
    {
      g_set_error_literal (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_LITERAL_NOT_DISCOVERABLE,
                           _("The address names a server by its IP address, so there is no domain to look up settings for. Please enter the server settings by hand."));
      return FALSE;
    }
  return TRUE;
}

const char *
pb_address_find_unsendable (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x21 || *p == 0x7f || *p == '<' || *p == '>')
        return (const char *) p;
    }
  return NULL;
}

gboolean
pb_address_check_sendable (const PbAddress *address,
                           GError         **error)
{
  const char *bad;
  g_autofree char *what = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  bad = pb_address_find_unsendable (address->address);
  if (bad == NULL)
    return TRUE;
  /* Only a quoted local part lets such a character through pb_address_parse (). */
  what = describe_char ((guchar) *bad);
  g_set_error (error, PB_ADDRESS_ERROR, PB_ADDRESS_ERROR_NOT_SENDABLE,
               _("The part before the @ contains “%s”, which cannot be sent to a mail server."),
               what);
  return FALSE;
}

gboolean
pb_address_is_valid (const char *text)
{
  g_autoptr(PbAddress) address = pb_address_parse (text, NULL);

  return address != NULL;
}

/* The length of the %WORD% placeholder at @p (upper-case letters, digits, "_"), or 0. */
static gsize
placeholder_length (const char *p)
{
  const char *q = p + 1;

  if (*p != '%')
    return 0;
  while (g_ascii_isupper (*q) || g_ascii_isdigit (*q) || *q == '_')
    q++;
  return q > p + 1 && *q == '%' ? (gsize) (q + 1 - p) : 0;
}

char *
pb_address_expand_full (const PbAddress *address,
                        const char      *real_name,
                        const char      *mx_host,
                        const char      *template_,
                        gboolean        *complete)
{
  static const char * const names[] = {
    "%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%", "%REALNAME%", "%MXHOST%",
  };
  const char *values[G_N_ELEMENTS (names)];
  GString *out;
  const char *p;

  g_return_val_if_fail (address != NULL, NULL);

  if (complete != NULL)
    *complete = TRUE;
  if (template_ == NULL)
    return NULL;

  values[0] = address->address;
  values[1] = address->local_part;
  values[2] = address->domain;
  values[3] = real_name != NULL ? real_name : "";
  values[4] = mx_host;   /* NULL: %MXHOST% stays */

  /* One pass over the template: a value is copied, never scanned again, so a local part
   * that reads like a placeholder ("%MXHOST%"@…) stays as it is. */
  out = g_string_sized_new (strlen (template_) + 32);
  for (p = template_; *p != '\0';)
    {
      gsize len = placeholder_length (p);
      guint i;

      for (i = 0; len > 0 && i < G_N_ELEMENTS (names); i++)
        {
          if (values[i] != NULL && strlen (names[i]) == len && strncmp (p, names[i], len) == 0)
            break;
        }
      if (len > 0 && i < G_N_ELEMENTS (names))
        g_string_append (out, values[i]);
      else if (len > 0)
        {
          /* One this call cannot fill (%PBPACKAGE%, %MXHOST% without an MX): kept whole. */
          g_string_append_len (out, p, len);
          if (complete != NULL)
            *complete = FALSE;
        }
      else
        g_string_append_c (out, *p);
      p += MAX (len, 1);
    }

  return g_string_free (out, FALSE);
}

char *
pb_address_expand (const PbAddress *address,
                   const char      *real_name,
                   const char      *template_)
{
  return pb_address_expand_full (address, real_name, NULL, template_, NULL);
}

gboolean
pb_has_placeholder (const char *text)
{
  const char *p;

  if (text == NULL)
    return FALSE;

  for (p = strchr (text, '%'); p != NULL; p = strchr (p + 1, '%'))
    {
      if (placeholder_length (p) > 0)
        return TRUE;
    }
  return FALSE;
}
