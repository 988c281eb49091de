/* pb-spf-record.c: an SPF policy record (RFC 7208), parsed; no DNS here
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-name-table.h"
#include "pb-spf-macro.h"
#include "pb-spf-record.h"

G_DEFINE_QUARK (pb-spf-record-error-quark, pb_spf_record_error)

/* Indexed by PbSpfMechanismType. */
static const char * const mechanism_names[] = {
  "all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists",
};

static void
mechanism_free (gpointer data)
{
  PbSpfMechanism *mech = data;

  g_free (mech->domain);
  g_clear_object (&mech->network);
  g_free (mech);
}

void
pb_spf_record_free (PbSpfRecord *record)
{
  if (record == NULL)
    return;
  g_ptr_array_unref (record->mechanisms);
  g_free (record->redirect);
  g_free (record->exp);
  g_free (record);
}

gboolean
pb_spf_record_is_spf (const char *text)
{
  return text != NULL && g_ascii_strncasecmp (text, "v=spf1", 6) == 0
    && (text[6] == '\0' || text[6] == ' ');
}

static gboolean fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PB_SPF_RECORD_ERROR, PB_SPF_RECORD_ERROR_INVALID, message);
  return FALSE;
}

/* domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand. */
static gboolean
is_domain_spec (const char *spec)
{
  g_autofree char *copy = NULL;
  const char *dot, *top;
  gsize len = strlen (spec);
  gboolean digits_only = TRUE;

  if (len == 0 || !pb_spf_macro_is_valid (spec, FALSE))
    return FALSE;
  if (pb_spf_macro_ends_with_expand (spec))
    return TRUE;
  copy = g_strndup (spec, spec[len - 1] == '.' ? len - 1 : len);
  dot = strrchr (copy, '.');
  if (dot == NULL || dot[1] == '\0')
    return FALSE;
  top = dot + 1;
  if (top[0] == '-' || top[strlen (top) - 1] == '-')
    return FALSE;
  for (const char *p = top; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
      digits_only = digits_only && g_ascii_isdigit (*p);
    }
  return !digits_only;
}

/* A prefix length: decimal digits only, no leading zero, at most max. GLib's own parser
 * alone would take a leading vertical tab ("\v24"). */
static gboolean
prefix_length (const char *text,
               guint64     max,
               guint64    *n)
{
  if (!g_ascii_isdigit (text[0]) || (text[0] == '0' && text[1] != '\0'))
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return g_ascii_string_to_unsigned (text, 10, 0, max, n, NULL);
}

/* "/24", "//64", "/24//64" at the end of arg: cut off, lengths stored. */
static gboolean
cut_dual_cidr (char *arg,
               int  *cidr4,
               int  *cidr6)
{
  int *targets[] = { cidr6, cidr4 };

  *cidr4 = *cidr6 = -1;
  for (guint round = 0; round < 2; round++)
    {
      char *slash = strrchr (arg, '/');
      guint64 n;
      gboolean v6;

      if (slash == NULL || !g_ascii_isdigit (slash[1]))
        return TRUE;
      v6 = slash > arg && slash[-1] == '/';
      if ((round == 1 && v6) || (round == 0 && !v6 && *cidr6 != -1))
        return TRUE;
      if (!prefix_length (slash + 1, v6 ? 128 : 32, &n))
        return FALSE;
      *(v6 ? targets[0] : targets[1]) = (int) n;
      *(v6 ? slash - 1 : slash) = '\0';
      if (!v6)
        return TRUE;
    }
  return TRUE;
}

static gboolean
parse_network (PbSpfMechanism *mech,
               const char     *arg,
               const char     *term,
               GError        **error)
{
  GSocketFamily family = mech->type == PB_SPF_MECH_IP4
    ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6;
  g_auto(GStrv) parts = g_strsplit (arg != NULL ? arg : "", "/", 2);
  g_autoptr(GInetAddress) address = parts[0] != NULL
    ? g_inet_address_new_from_string (parts[0]) : NULL;
  guint64 length = family == G_SOCKET_FAMILY_IPV4 ? 32 : 128;

  if (address == NULL || g_inet_address_get_family (address) != family
      || (family == G_SOCKET_FAMILY_IPV4 && strchr (parts[0], ':') != NULL))
    {
      if (mech->type == PB_SPF_MECH_IP4)
        return fail (error, _("“%s” does not name an IPv4 address"), term);
      return fail (error, _("“%s” does not name an IPv6 address"), term);
    }
  if (parts[1] != NULL && !prefix_length (parts[1], length, &length))
    return fail (error, _("“%s” has an invalid prefix length"), term);
  /* The host bits of 192.0.2.1/24 are ignored by receivers; the mask keeps the network. */
  mech->network = g_inet_address_mask_new (address, (guint) length, NULL);
  if (mech->network == NULL)
    {
      guint8 bytes[16];
      gsize size = g_inet_address_get_native_size (address);

      memcpy (bytes, g_inet_address_to_bytes (address), size);
      for (guint bit = (guint) length; bit < size * 8; bit++)
        bytes[bit / 8] &= ~(0x80 >> (bit % 8));
      g_clear_object (&address);
      address = g_inet_address_new_from_bytes (bytes, family);
      mech->network = g_inet_address_mask_new (address, (guint) length, NULL);
    }
  return mech->network != NULL || fail (error, _("“%s” has an invalid prefix length"), term);
}

/* The argument after "name:" (or NULL) of a mechanism, checked for its type. */
static gboolean
parse_argument (PbSpfMechanism *mech,
                char           *arg,
                const char     *term,
                GError        **error)
{
  switch (mech->type)
    {
    case PB_SPF_MECH_ALL:
      return arg == NULL || fail (error, _("“%s” takes no argument"), term);
    case PB_SPF_MECH_IP4:
    case PB_SPF_MECH_IP6:
      return parse_network (mech, arg, term, error);
    case PB_SPF_MECH_INCLUDE:
    case PB_SPF_MECH_EXISTS:
      if (arg == NULL || *arg == '\0')
        return fail (error, _("“%s” needs a domain"), term);
      break;
    case PB_SPF_MECH_A:
    case PB_SPF_MECH_MX:
      if (!cut_dual_cidr (arg, &mech->cidr4, &mech->cidr6))
        return fail (error, _("“%s” has an invalid prefix length"), term);
      break;
    case PB_SPF_MECH_PTR:
      break;
    }
  if (arg[0] == '\0')
    return TRUE;
  if (arg[0] != ':' || !is_domain_spec (arg + 1))
    return fail (error, _("“%s” has no valid domain (or macro)"), term);
  mech->domain = g_strdup (arg + 1);
  return TRUE;
}

static PbSpfMechanism *
parse_mechanism (const char *term,
                 GError    **error)
{
  const char *p = term;
  PbSpfQualifier qualifier = PB_SPF_PASS;
  const char *qualifiers = "+-~?";
  g_autofree char *name = NULL;
  char *arg, saved;
  int type;
  PbSpfMechanism *mech;

  if (strchr (qualifiers, *p) != NULL && *p != '\0')
    qualifier = strchr (qualifiers, *p++) - qualifiers;
  name = g_strdup (p);
  arg = name + strcspn (name, ":/");
  saved = *arg;
  *arg = '\0';
  type = pb_name_table_find (mechanism_names, G_N_ELEMENTS (mechanism_names), name, TRUE);
  *arg = saved;
  if (type < 0)
    {
      fail (error, _("“%s” is not an SPF mechanism or modifier"), term);
      return NULL;
    }
  mech = g_new0 (PbSpfMechanism, 1);
  mech->type = type;
  mech->qualifier = qualifier;
  mech->cidr4 = mech->cidr6 = -1;
  if (!parse_argument (mech, type == PB_SPF_MECH_IP4 || type == PB_SPF_MECH_IP6
                       ? (*arg == ':' ? arg + 1 : NULL)
                       : (type == PB_SPF_MECH_ALL ? (*arg ? arg : NULL) : arg),
                       term, error))
    {
      mechanism_free (mech);
      return NULL;
    }
  return mech;
}

/* name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) */
static gboolean
is_modifier_name (const char *name,
                  gsize       len)
{
  if (len == 0 || !g_ascii_isalpha (name[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (name[i]) && strchr ("-_.", name[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* A modifier (name=value): redirect and exp once each, unknown ones ignored (6). */
static gboolean
parse_modifier (PbSpfRecord *record,
                const char  *term,
                const char  *equals,
                GError     **error)
{
  gsize len = equals - term;
  const char *value = equals + 1;
  char **target = NULL;

  if (!is_modifier_name (term, len))
    return fail (error, _("“%s” is not an SPF mechanism or modifier"), term);
  if (len == 8 && g_ascii_strncasecmp (term, "redirect", 8) == 0)
    target = &record->redirect;
  else if (len == 3 && g_ascii_strncasecmp (term, "exp", 3) == 0)
    target = &record->exp;
  if (target == NULL)
    return pb_spf_macro_is_valid (value, FALSE)
      || fail (error, _("“%s” has no valid domain (or macro)"), term);
  if (*target != NULL)
    return fail (error, _("“%s” appears more than once"), term);
  if (!is_domain_spec (value))
    return fail (error, _("“%s” has no valid domain (or macro)"), term);
  *target = g_strdup (value);
  return TRUE;
}

/* A mechanism's name is followed by ":" or "/" before any "=" of a macro. */
static gboolean
is_modifier (const char *term)
{
  const char *equals = strchr (term, '=');

  return equals != NULL && strcspn (term, ":/") > (gsize) (equals - term);
}

/* The terms of a record after "v=spf1", split at each space (RFC 7208 4.5: spaces only; a
 * tab is a character of a term), empty ones included. By hand rather than g_strsplit(): its
 * strstr() from each term to the end makes a long record's split quadratic under ASan. */
static char **
split_terms (const char *text)
{
  GPtrArray *terms = g_ptr_array_new ();
  const char *space;

  while ((space = strchr (text, ' ')) != NULL)
    {
      g_ptr_array_add (terms, g_strndup (text, space - text));
      text = space + 1;
    }
  g_ptr_array_add (terms, g_strdup (text));
  g_ptr_array_add (terms, NULL);
  return (char **) g_ptr_array_free (terms, FALSE);
}

PbSpfRecord *
pb_spf_record_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(PbSpfRecord) record = g_new0 (PbSpfRecord, 1);
  g_auto(GStrv) terms = NULL;

  record->mechanisms = g_ptr_array_new_with_free_func (mechanism_free);
  if (!pb_spf_record_is_spf (text))
    {
      fail (error, _("“%s” does not begin with “v=spf1”"), text != NULL ? text : "");
      return NULL;
    }
  terms = split_terms (text + 6);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      const char *term = terms[i];
      const char *equals = strchr (term, '=');

      if (*term == '\0')
        continue;
      if (is_modifier (term))
        {
          if (!parse_modifier (record, term, equals, error))
            return NULL;
        }
      else
        {
          PbSpfMechanism *mech = parse_mechanism (term, error);

          if (mech == NULL)
            return NULL;
          g_ptr_array_add (record->mechanisms, mech);
        }
    }
  return g_steal_pointer (&record);
}

static gboolean
is_all (const char *term)
{
  const char *name = *term != '\0' && strchr ("+-~?", *term) != NULL ? term + 1 : term;

  return g_ascii_strcasecmp (name, "all") == 0;
}

/* Where term goes among terms: before all, else before the first modifier, else at the end. */
static guint
insertion_point (GStrv terms)
{
  guint n = g_strv_length (terms);
  guint modifier = n;

  for (guint i = 0; i < n; i++)
    {
      if (is_all (terms[i]))
        return i;
      if (modifier == n && is_modifier (terms[i]))
        modifier = i;
    }
  return modifier;
}

char *
pb_spf_record_with_term (const char *text,
                         const char *term)
{
  g_auto(GStrv) terms = NULL;
  g_autoptr(GString) out = g_string_new ("v=spf1");
  guint at;

  if (!pb_spf_record_is_spf (text))
    return g_strdup_printf ("v=spf1 %s ~all", term);
  terms = split_terms (text + 6);
  at = insertion_point (terms);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (i == at)
        g_string_append_printf (out, " %s", term);
      if (*terms[i] != '\0')
        g_string_append_printf (out, " %s", terms[i]);
    }
  if (terms[at] == NULL)
    g_string_append_printf (out, " %s", term);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* How strict an "all" is: "-all" fails, "~all" soft-fails, "?all" and "+all" do neither. */
static guint
all_strictness (const char *term)
{
  switch (*term)
    {
    case '-': return 3;
    case '~': return 2;
    case '?': return 1;
    case '+': return 0;
    default: return 0;  /* "all" is "+all" */
    }
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The records are taken in sorted order and the strictest "all" wins, so the record to
 * publish does not depend on the order DNS happened to answer in. */
char *
pb_spf_records_merge (const char * const *records,
                      const char         *term)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *all = NULL;
  g_autoptr(GString) out = g_string_new ("v=spf1");

  for (guint i = 0; records[i] != NULL; i++)
    if (pb_spf_record_is_spf (records[i]))
      g_ptr_array_add (sorted, (gpointer) records[i]);
  g_ptr_array_sort (sorted, compare_records);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_auto(GStrv) parts = split_terms ((const char *) g_ptr_array_index (sorted, i) + 6);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          if (is_all (parts[j]))
            {
              if (all == NULL || all_strictness (parts[j]) > all_strictness (all))
                {
                  g_free (all);
                  all = g_strdup (parts[j]);
                }
            }
          else if (parts[j][0] != '\0'
                   && !g_ptr_array_find_with_equal_func (terms, parts[j], g_str_equal, NULL))
            g_ptr_array_add (terms, g_strdup (parts[j]));
        }
    }
  if (term != NULL && !g_ptr_array_find_with_equal_func (terms, term, g_str_equal, NULL))
    g_ptr_array_add (terms, g_strdup (term));
  for (guint i = 0; i < terms->len; i++)
    g_string_append_printf (out, " %s", (char *) g_ptr_array_index (terms, i));
  g_string_append_printf (out, " %s", all != NULL ? all : "~all");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
