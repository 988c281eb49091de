/* pb-round-trip-result.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-engine-enums.h"
#include "pb-enum.h"
#include "pb-round-trip-result.h"
#include "pb-text.h"

/* A header with more distinct field names than this is not a mail header we need to list. */
#define MAX_NAMES 200

G_DEFINE_FINAL_TYPE (PbRoundTripResult, pb_round_trip_result, G_TYPE_OBJECT)

static void
pb_round_trip_result_finalize (GObject *object)
{
  PbRoundTripResult *self = PB_ROUND_TRIP_RESULT (object);

  g_clear_object (&self->session);
  g_free (self->message_id);
  g_strfreev (self->headers);
  g_free (self->dkim_domain);
  g_free (self->dkim_selector);

  G_OBJECT_CLASS (pb_round_trip_result_parent_class)->finalize (object);
}

static void
pb_round_trip_result_class_init (PbRoundTripResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_round_trip_result_finalize;
}

static void
pb_round_trip_result_init (PbRoundTripResult *self)
{
}

/* RFC 6376 3.2: "tag=value; tag=value", with folding white space anywhere around them. */
static void
read_dkim_tags (PbRoundTripResult *self,
                const char        *value)
{
  g_auto(GStrv) tags = g_strsplit (value, ";", -1);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      char *eq = strchr (tags[i], '=');
      char *name;

      if (eq == NULL)
        continue;
      *eq = '\0';
      name = g_strstrip (tags[i]);
      g_strstrip (eq + 1);
      if (strcmp (name, "d") == 0 && self->dkim_domain == NULL)
        self->dkim_domain = pb_text_make_safe (eq + 1, -1, "");
      else if (strcmp (name, "s") == 0 && self->dkim_selector == NULL)
        self->dkim_selector = pb_text_make_safe (eq + 1, -1, "");
    }
}

/* RFC 5322 2.2: a field name is printable ASCII without a colon. */
static gboolean
is_field_name (const char *name,
               gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (name[i] <= ' ' || name[i] > '~' || name[i] == ':')
        return FALSE;
    }
  return TRUE;
}

/* Message-ID: the id with the white space of folding around it (RFC 5322 3.6.4). */
static gboolean
is_message_id (PbRoundTripResult *self,
               const char        *value)
{
  g_autofree char *id = g_strstrip (g_strdup (value));

  return self->message_id != NULL && strcmp (id, self->message_id) == 0;
}

static void
take_field (PbRoundTripResult *self,
            GPtrArray         *names,
            const GString     *field,
            gboolean          *ours)
{
  const char *colon = memchr (field->str, ':', field->len);
  gsize len = colon != NULL ? (gsize) (colon - field->str) : 0;
  g_autofree char *name = NULL;

  /* "Name :" was allowed once (RFC 5322 4.5.3); the name is without the blanks. */
  while (len > 0 && (field->str[len - 1] == ' ' || field->str[len - 1] == '\t'))
    len--;
  if (!is_field_name (field->str, len))
    return;
  name = g_strndup (field->str, len);
  if (g_ascii_strcasecmp (name, "DKIM-Signature") == 0 && self->dkim_domain == NULL)
    read_dkim_tags (self, colon + 1);
  if (g_ascii_strcasecmp (name, "Message-ID") == 0 && is_message_id (self, colon + 1))
    *ours = TRUE;
  for (guint i = 0; i < names->len; i++)
    {
      if (g_ascii_strcasecmp (names->pdata[i], name) == 0)
        return;
    }
  if (names->len < MAX_NAMES)
    g_ptr_array_add (names, g_steal_pointer (&name));
}

gboolean
pb_round_trip_result_read_header (PbRoundTripResult *self,
                                  const char        *header,
                                  gsize              len)
{
  gboolean ours = FALSE;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = header;
  const char *end = header + len;

  g_return_val_if_fail (PB_IS_ROUND_TRIP_RESULT (self), FALSE);
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gsize line_len = line_end - p;

      if (line_len > 0 && p[line_len - 1] == '\r')
        line_len--;
      if (line_len == 0)
        break;
      /* A line that starts with white space goes on with the field before it. */
      if (p[0] != ' ' && p[0] != '\t' && field->len > 0)
        {
          take_field (self, names, field, &ours);
          g_string_truncate (field, 0);
        }
      g_string_append_len (field, p, line_len);
      p = nl != NULL ? nl + 1 : end;
    }
  if (field->len > 0)
    take_field (self, names, field, &ours);
  g_ptr_array_add (names, NULL);
  g_strfreev (self->headers);
  self->headers = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return ours;
}

gboolean
pb_round_trip_result_take_header (PbRoundTripResult *self,
                                  const char        *header,
                                  gsize              len)
{
  g_autoptr(PbRoundTripResult) probe = g_object_new (PB_TYPE_ROUND_TRIP_RESULT, NULL);

  g_return_val_if_fail (PB_IS_ROUND_TRIP_RESULT (self), FALSE);
  probe->message_id = g_strdup (self->message_id);
  if (!pb_round_trip_result_read_header (probe, header, len))
    return FALSE;
  g_strfreev (self->headers);
  g_free (self->dkim_domain);
  g_free (self->dkim_selector);
  self->headers = g_steal_pointer (&probe->headers);
  self->dkim_domain = g_steal_pointer (&probe->dkim_domain);
  self->dkim_selector = g_steal_pointer (&probe->dkim_selector);
  return TRUE;
}

gboolean
pb_round_trip_result_has_header (PbRoundTripResult *self,
                                 const char        *name)
{
  g_return_val_if_fail (PB_IS_ROUND_TRIP_RESULT (self), FALSE);

  for (guint i = 0; self->headers != NULL && self->headers[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (self->headers[i], name) == 0)
        return TRUE;
    }
  return FALSE;
}

PbRoundTripResult *
pb_round_trip_result_new_skipped (PbRoundTripSkip  why,
                                  const char      *message_id,
                                  guint            wait_ms)
{
  PbRoundTripResult *self = g_object_new (PB_TYPE_ROUND_TRIP_RESULT, NULL);

  self->skipped = why;
  self->message_id = g_strdup (message_id);
  self->wait_ms = wait_ms;
  return self;
}

const char *
pb_round_trip_disposal_to_string (PbRoundTripDisposal disposal)
{
  return pb_enum_to_nick (PB_TYPE_ROUND_TRIP_DISPOSAL, disposal);
}

const char *
pb_round_trip_skip_to_string (PbRoundTripSkip skip)
{
  return pb_enum_to_nick (PB_TYPE_ROUND_TRIP_SKIP, skip);
}
