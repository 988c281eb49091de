/* pb-dmarc-record.c: a DMARC policy record (RFC 7489 6.3 and its successor), parsed
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-dmarc-record.h"
#include "pb-tag-list.h"
#include "pb-name-table.h"

G_DEFINE_QUARK (pb-dmarc-record-error-quark, pb_dmarc_record_error)

/* Indexed by PbDmarcPolicy: the values of p= and sp=. */
static const char * const policy_names[] = { "none", "quarantine", "reject" };

PB_DEFINE_NAME_TABLE (PbDmarcPolicy, pb_dmarc_policy, policy_names, TRUE)

void
pb_dmarc_record_free (PbDmarcRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->rua);
  g_strfreev (record->ruf);
  g_free (record);
}

static char *
strip (const char *text)
{
  return g_strstrip (g_strdup (text));
}

gboolean
pb_dmarc_record_is_dmarc (const char *text)
{
  g_auto(GStrv) first = NULL;
  g_autofree char *name = NULL, *value = NULL;

  if (text == NULL)
    return FALSE;
  first = g_strsplit (text, ";", 2);
  if (first[0] == NULL || strchr (first[0], '=') == NULL)
    return FALSE;
  name = g_strndup (first[0], strchr (first[0], '=') - first[0]);
  value = strip (strchr (first[0], '=') + 1);
  g_strstrip (name);
  return strcmp (name, "v") == 0 && strcmp (value, "DMARC1") == 0;
}

/* scheme ":" (RFC 3986 3.1). Not g_uri_peek_scheme(): it interns every scheme it sees, and
 * records from DNS could grow that table without end. */
static gboolean
has_scheme (const char *uri)
{
  const char *p = uri;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':';
}

/* rua=/ruf=: a comma-separated list of URIs, each with a scheme ("mailto:…"). */
static gboolean
parse_uris (const char *value,
            GStrv      *out)
{
  g_auto(GStrv) parts = g_strsplit (value, ",", -1);

  if (parts[0] == NULL)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (!has_scheme (parts[i]))
        return FALSE;
    }
  *out = g_steal_pointer (&parts);
  return TRUE;
}

static gboolean
fail (GError    **error,
      const char *tag)
{
  g_set_error (error, PB_DMARC_RECORD_ERROR, PB_DMARC_RECORD_ERROR_INVALID,
               _("the tag “%s” has an invalid value"), tag);
  return FALSE;
}

static gboolean
parse_tag (PbDmarcRecord *record,
           const char    *name,
           const char    *value,
           const char    *tag,
           GError       **error)
{
  guint64 n;

  if (strcmp (name, "p") == 0)
    return pb_dmarc_policy_from_string (value, &record->policy) || fail (error, tag);
  if (strcmp (name, "sp") == 0)
    return (record->has_subdomain_policy
            = pb_dmarc_policy_from_string (value, &record->subdomain_policy)) || fail (error, tag);
  if (strcmp (name, "pct") == 0)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, 100, &n, NULL))
        return fail (error, tag);
      record->pct = (guint) n;
      return TRUE;
    }
  if (strcmp (name, "adkim") == 0 || strcmp (name, "aspf") == 0)
    return strcmp (value, "r") == 0 || strcmp (value, "s") == 0 || fail (error, tag);
  if (strcmp (name, "rua") == 0)
    return parse_uris (value, &record->rua) || fail (error, tag);
  if (strcmp (name, "ruf") == 0)
    return parse_uris (value, &record->ruf) || fail (error, tag);
  /* fo, rf, ri, np, psd, t and tags of later versions: not needed to judge the record. */
  return TRUE;
}

PbDmarcRecord *
pb_dmarc_record_parse (const char  *text,
                       GError     **error)
{
  g_autoptr(PbDmarcRecord) record = g_new0 (PbDmarcRecord, 1);
  g_autoptr(GPtrArray) tags = NULL;
  g_autofree char *bad = NULL;
  PbTagListStatus status;
  gboolean has_policy = FALSE;

  if (!pb_dmarc_record_is_dmarc (text))
    {
      g_set_error_literal (error, PB_DMARC_RECORD_ERROR, PB_DMARC_RECORD_ERROR_INVALID,
                           _("the record does not begin with “v=DMARC1”"));
      return NULL;
    }
  record->pct = 100;
  tags = pb_tag_list_parse (text, &status, &bad);
  if (tags == NULL)
    return fail (error, bad), NULL;
  /* The first tag is v=DMARC1 (pb_dmarc_record_is_dmarc()). */
  for (guint i = 1; i < tags->len; i++)
    {
      const PbTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *part = g_strdup_printf ("%s=%s", tag->name, tag->value);

      has_policy |= strcmp (tag->name, "p") == 0;
      if (!parse_tag (record, tag->name, tag->value, part, error))
        return NULL;
    }
  /* p= is required; the successor of RFC 7489 reads a missing one as none only when
   * reports are asked for, a record that says nothing else is still a mistake here. */
  if (!has_policy)
    {
      g_set_error_literal (error, PB_DMARC_RECORD_ERROR, PB_DMARC_RECORD_ERROR_INVALID,
                           _("the record has no policy (p=)"));
      return NULL;
    }
  if (record->rua == NULL)
    record->rua = g_new0 (char *, 1);
  return g_steal_pointer (&record);
}
