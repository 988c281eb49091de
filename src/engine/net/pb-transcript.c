/* pb-transcript.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-transcript.h"

#define REDACTED "<redacted>"

struct _PbTranscript
{
  GPtrArray    *lines;
  gint64        start_us;
  GPtrArray    *secrets;    /* NULL-terminated, wiped on free */
  PbRedactFunc  redact;
  gpointer      redact_data;
};

static void
line_free (gpointer data)
{
  PbTranscriptLine *line = data;

  g_free (line->text);
  g_free (line);
}

static void
secret_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static char *
redact_server_lines (char                direction,
                     const char         *text,
                     const char * const *secrets,
                     gpointer            user_data)
{
  return direction == 'S' ? pb_transcript_redact_secrets (text, secrets) : NULL;
}

PbTranscript *
pb_transcript_new (void)
{
  PbTranscript *self = g_new0 (PbTranscript, 1);

  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->secrets = g_ptr_array_new_with_free_func (secret_free);
  g_ptr_array_add (self->secrets, NULL);
  self->redact = redact_server_lines;
  return self;
}

void
pb_transcript_free (PbTranscript *self)
{
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->secrets);
  g_free (self);
}

void
pb_transcript_start (PbTranscript *self)
{
  self->start_us = g_get_monotonic_time ();
}

gint64
pb_transcript_elapsed_ms (PbTranscript *self)
{
  return self->start_us ? (g_get_monotonic_time () - self->start_us) / 1000 : 0;
}

void
pb_transcript_set_redactor (PbTranscript *self,
                            PbRedactFunc  func,
                            gpointer      user_data)
{
  self->redact = func;
  self->redact_data = user_data;
}

void
pb_transcript_add (PbTranscript *self,
                   char          direction,
                   const char   *text)
{
  PbTranscriptLine *line = g_new0 (PbTranscriptLine, 1);
  char *redacted = NULL;

  if (self->redact != NULL)
    redacted = self->redact (direction, text, (const char * const *) self->secrets->pdata,
                             self->redact_data);
  line->ms = pb_transcript_elapsed_ms (self);
  line->direction = direction;
  line->text = redacted ? redacted : g_strdup (text);
  g_ptr_array_add (self->lines, line);
}

void
pb_transcript_add_secret (PbTranscript *self,
                          const char   *secret,
                          gboolean      base64)
{
  char *copy = g_strdup (secret);

  /* Base64 is matched without its padding too (a server may echo it either way); the
   * padded form goes first, so that a match takes the '=' along and leaves no
   * "<redacted>=" that tells the password's length modulo 3. */
  if (base64 && strchr (copy, '=') != NULL)
    {
      g_ptr_array_insert (self->secrets, self->secrets->len - 1, g_strdup (secret));
      g_strchomp (g_strdelimit (copy, "=", ' '));
    }
  if (*copy == '\0')
    {
      g_free (copy);
      return;
    }
  g_ptr_array_insert (self->secrets, self->secrets->len - 1, copy);
}

const char * const *
pb_transcript_get_secrets (PbTranscript *self)
{
  return self->secrets->len > 1 ? (const char * const *) self->secrets->pdata : NULL;
}

GPtrArray *
pb_transcript_get_lines (PbTranscript *self)
{
  return self->lines;
}

/* One stretch of text between two earlier redactions. */
static gboolean
redact_piece (GString            *out,
              const char         *piece,
              gsize               len,
              const char * const *secrets)
{
  gboolean changed = FALSE;
  gsize i = 0;

  while (i < len)
    {
      gsize hit = 0;

      for (guint s = 0; secrets[s] != NULL && hit == 0; s++)
        {
          gsize n = strlen (secrets[s]);

          if (n > 0 && n <= len - i && memcmp (piece + i, secrets[s], n) == 0)
            hit = n;
        }
      if (hit > 0)
        {
          g_string_append (out, REDACTED);
          i += hit;
          changed = TRUE;
        }
      else
        g_string_append_c (out, piece[i++]);
    }
  return changed;
}

char *
pb_transcript_redact_secrets (const char         *text,
                              const char * const *secrets)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean changed = FALSE;
  const char *p = text;

  if (secrets == NULL || secrets[0] == NULL)
    return NULL;
  for (;;)
    {
      const char *mark = strstr (p, REDACTED);
      gsize len = mark ? (gsize) (mark - p) : strlen (p);

      changed |= redact_piece (out, p, len, secrets);
      if (mark == NULL)
        break;
      g_string_append (out, REDACTED);
      p = mark + strlen (REDACTED);
    }
  return changed ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}
