/* pb-imap-response.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "pb-imap-data.h"
#include "pb-imap-response.h"
#include "pb-text.h"

G_DEFINE_QUARK (pb-imap-error-quark, pb_imap_error)

/* RFC 2971 3.3 allows 30 pairs; a CAPABILITY list is a few dozen atoms. */
#define MAX_ID_FIELDS     30
#define MAX_CAPABILITIES  256

typedef struct {
  const char *p;
  const char *end;
} Cursor;

static const char * const status_names[] = {
  [PB_IMAP_STATUS_NONE] = NULL,
  [PB_IMAP_STATUS_OK] = "OK",
  [PB_IMAP_STATUS_NO] = "NO",
  [PB_IMAP_STATUS_BAD] = "BAD",
  [PB_IMAP_STATUS_PREAUTH] = "PREAUTH",
  [PB_IMAP_STATUS_BYE] = "BYE",
};

static const struct {
  const char *name;
  PbImapCode  code;
} code_names[] = {
  { "ALERT", PB_IMAP_CODE_ALERT },
  { "CAPABILITY", PB_IMAP_CODE_CAPABILITY },
  { "AUTHENTICATIONFAILED", PB_IMAP_CODE_AUTHENTICATIONFAILED },
  { "AUTHORIZATIONFAILED", PB_IMAP_CODE_AUTHORIZATIONFAILED },
  { "EXPIRED", PB_IMAP_CODE_EXPIRED },
  { "PRIVACYREQUIRED", PB_IMAP_CODE_PRIVACYREQUIRED },
  { "CONTACTADMIN", PB_IMAP_CODE_CONTACTADMIN },
  { "UNAVAILABLE", PB_IMAP_CODE_UNAVAILABLE },
  { "INUSE", PB_IMAP_CODE_INUSE },
  { "LIMIT", PB_IMAP_CODE_LIMIT },
  { "SERVERBUG", PB_IMAP_CODE_SERVERBUG },
  { "CLIENTBUG", PB_IMAP_CODE_CLIENTBUG },
  { "CANNOT", PB_IMAP_CODE_CANNOT },
  { "NOPERM", PB_IMAP_CODE_NOPERM },
  { "OVERQUOTA", PB_IMAP_CODE_OVERQUOTA },
  { "NONEXISTENT", PB_IMAP_CODE_NONEXISTENT },
  { "READ-ONLY", PB_IMAP_CODE_READ_ONLY },
  { "READ-WRITE", PB_IMAP_CODE_READ_WRITE },
};

static const struct {
  const char *name;
  PbImapData  data;
  gboolean    numbered;
} data_names[] = {
  { "CAPABILITY", PB_IMAP_DATA_CAPABILITY, FALSE },
  { "ID", PB_IMAP_DATA_ID, FALSE },
  { "EXISTS", PB_IMAP_DATA_EXISTS, TRUE },
  { "RECENT", PB_IMAP_DATA_RECENT, TRUE },
  { "EXPUNGE", PB_IMAP_DATA_EXPUNGE, TRUE },
  { "SEARCH", PB_IMAP_DATA_SEARCH, FALSE },
  { "FETCH", PB_IMAP_DATA_FETCH, TRUE },
};

PbImapCode
pb_imap_code_from_name (const char *name)
{
  if (name == NULL)
    return PB_IMAP_CODE_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    {
      if (strcmp (name, code_names[i].name) == 0)
        return code_names[i].code;
    }
  return PB_IMAP_CODE_OTHER;
}

const char *
pb_imap_status_to_string (PbImapStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

void
pb_imap_response_free (PbImapResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->tag);
  g_free (response->code_name);
  g_free (response->code_args);
  g_free (response->text);
  g_strfreev (response->capabilities);
  g_strfreev (response->id);
  g_free (response->line);
  g_clear_pointer (&response->uids, g_array_unref);
  g_clear_pointer (&response->header, g_bytes_unref);
  g_free (response);
}

static gboolean
protocol_error (GError    **error,
                const char *what)
{
  /* Translators: %s says what is wrong, e.g. "no tag" */
  g_set_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_PROTOCOL, _("Invalid IMAP response: %s"),
               what);
  return FALSE;
}

/* RFC 9051 9: atom-specials are ( ) { SP CTL % * " \ ], and a tag may not hold "+". */
static gboolean
is_atom_char (char c)
{
  return c > 0x20 && c < 0x7f && strchr ("(){%*\"\\]", c) == NULL;
}

static gsize
atom_length (const Cursor *c)
{
  const char *q = c->p;

  while (q < c->end && is_atom_char (*q))
    q++;
  return q - c->p;
}

static gboolean
skip_space (Cursor *c)
{
  if (c->p >= c->end || *c->p != ' ')
    return FALSE;
  c->p++;
  return TRUE;
}

/* Server text is untrusted and may land on a terminal; a tab may stay. */
static char *
clean (const char *p,
       gsize       len)
{
  return pb_text_make_safe (p, len, "\t");
}

/* A quoted string (with \" and \\) or a literal ({n}\r\n and n bytes), cleaned. */
static char *
read_string (Cursor  *c,
             GError **error)
{
  GString *s;

  if (c->p < c->end && *c->p == '{')
    {
      gsize n = 0;
      const char *q = c->p + 1;

      while (q < c->end && g_ascii_isdigit (*q) && n <= PB_IMAP_MAX_LITERAL)
        n = n * 10 + (*q++ - '0');
      if (q < c->end && *q == '+')
        q++;
      if (q + 3 > c->end || memcmp (q, "}\r\n", 3) != 0 || (gsize) (c->end - q - 3) < n)
        return protocol_error (error, _("a broken literal")), NULL;
      c->p = q + 3 + n;
      return clean (q + 3, n);
    }
  if (c->p >= c->end || *c->p != '"')
    return protocol_error (error, _("a string was expected")), NULL;
  s = g_string_new (NULL);
  for (c->p++; c->p < c->end && *c->p != '"'; c->p++)
    {
      if (*c->p == '\\' && c->p + 1 < c->end)
        c->p++;
      g_string_append_c (s, *c->p);
    }
  if (c->p >= c->end)
    {
      g_string_free (s, TRUE);
      return protocol_error (error, _("a quoted string does not end")), NULL;
    }
  c->p++;
  {
    char *cleaned = clean (s->str, s->len);

    g_string_free (s, TRUE);
    return cleaned;
  }
}

/* "* ID NIL" or "* ID ("name" "Dovecot" "version" NIL ...)" (RFC 2971 3.2). */
static gboolean
parse_id (PbImapResponse *r,
          Cursor         *c,
          GError        **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  if (c->end - c->p >= 3 && g_ascii_strncasecmp (c->p, "NIL", 3) == 0)
    return TRUE;
  if (c->p >= c->end || *c->p++ != '(')
    return protocol_error (error, _("the ID list does not start with a parenthesis"));
  while (c->p < c->end && *c->p != ')')
    {
      char *value;

      if (fields->len > 0 && !skip_space (c))
        return protocol_error (error, _("a space was expected"));
      if (fields->len % 2 == 1 && c->end - c->p >= 3 &&
          g_ascii_strncasecmp (c->p, "NIL", 3) == 0)
        {
          c->p += 3;
          value = g_strdup ("");
        }
      else if ((value = read_string (c, error)) == NULL)
        return FALSE;
      g_ptr_array_add (fields, value);
      if (fields->len > MAX_ID_FIELDS * 2)
        return protocol_error (error, _("too many ID fields"));
    }
  if (c->p >= c->end || fields->len % 2 != 0)
    return protocol_error (error, _("the ID list does not end"));
  c->p++;
  g_ptr_array_add (fields, NULL);
  r->id = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
  return TRUE;
}

/* Atoms separated by spaces, upper case, without duplicates; anything else is skipped. */
static char **
parse_capabilities (const char *p,
                    gsize       len)
{
  g_autoptr(GPtrArray) caps = g_ptr_array_new_with_free_func (g_free);
  Cursor c = { p, p + len };

  while (c.p < c.end && caps->len < MAX_CAPABILITIES)
    {
      gsize n = atom_length (&c);

      if (n > 0)
        {
          g_autofree char *cap = g_ascii_strup (c.p, n);

          if (!g_ptr_array_find_with_equal_func (caps, cap, g_str_equal, NULL))
            g_ptr_array_add (caps, g_steal_pointer (&cap));
          c.p += n;
        }
      while (c.p < c.end && !is_atom_char (*c.p))
        c.p++;
    }
  g_ptr_array_add (caps, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&caps), FALSE);
}

/* "[" atom [SP args] "]", then the text. */
static gboolean
parse_code (PbImapResponse *r,
            Cursor         *c,
            GError        **error)
{
  const char *close;
  gsize n;

  c->p++;
  n = atom_length (c);
  close = memchr (c->p, ']', c->end - c->p);
  if (n == 0 || close == NULL)
    return protocol_error (error, _("a broken response code"));
  r->code_name = g_ascii_strup (c->p, n);
  r->code = pb_imap_code_from_name (r->code_name);
  c->p += n;
  if (c->p < close)
    {
      skip_space (c);
      r->code_args = clean (c->p, close - c->p);
    }
  if (r->code == PB_IMAP_CODE_CAPABILITY)
    r->capabilities = parse_capabilities (c->p, close - c->p);
  c->p = close + 1;
  skip_space (c);
  return TRUE;
}

/* resp-text: an optional code in brackets, then text. */
static gboolean
parse_resp_text (PbImapResponse *r,
                 Cursor         *c,
                 GError        **error)
{
  skip_space (c);
  if (c->p < c->end && *c->p == '[' && !parse_code (r, c, error))
    return FALSE;
  r->text = clean (c->p, c->end - c->p);
  return TRUE;
}

static PbImapStatus
status_of (const char *p,
           gsize       n)
{
  for (guint i = PB_IMAP_STATUS_OK; i < G_N_ELEMENTS (status_names); i++)
    {
      if (strlen (status_names[i]) == n && g_ascii_strncasecmp (p, status_names[i], n) == 0)
        return i;
    }
  return PB_IMAP_STATUS_NONE;
}

/* "* n EXISTS": a number, then its atom. */
static gboolean
parse_number (PbImapResponse *r,
              Cursor         *c,
              GError        **error)
{
  guint64 n = 0;
  gsize digits = 0;

  for (; c->p < c->end && g_ascii_isdigit (*c->p) && digits < 11; c->p++, digits++)
    n = n * 10 + (*c->p - '0');
  if (n > G_MAXUINT32 || !skip_space (c))
    return protocol_error (error, _("a broken number"));
  r->number = n;
  return TRUE;
}

/* Untagged data: a number and its atom, or an atom and what it carries. */
static gboolean
parse_data (PbImapResponse *r,
            Cursor         *c,
            GError        **error)
{
  gboolean numbered = c->p < c->end && g_ascii_isdigit (*c->p);
  gsize n;

  if (numbered && !parse_number (r, c, error))
    return FALSE;
  n = atom_length (c);
  if (n == 0)
    return protocol_error (error, _("no response name"));
  r->data = PB_IMAP_DATA_OTHER;
  for (guint i = 0; i < G_N_ELEMENTS (data_names); i++)
    {
      if (strlen (data_names[i].name) == n && data_names[i].numbered == numbered &&
          g_ascii_strncasecmp (c->p, data_names[i].name, n) == 0)
        r->data = data_names[i].data;
    }
  c->p += n;
  if (r->data == PB_IMAP_DATA_CAPABILITY)
    r->capabilities = parse_capabilities (c->p, c->end - c->p);
  else if (r->data == PB_IMAP_DATA_ID)
    return skip_space (c) ? parse_id (r, c, error) : protocol_error (error, _("a broken ID"));
  else if (r->data == PB_IMAP_DATA_SEARCH &&
           !pb_imap_data_parse_search (c->p, c->end - c->p, &r->uids))
    return protocol_error (error, _("a broken SEARCH"));
  else if (r->data == PB_IMAP_DATA_FETCH &&
           (!skip_space (c) ||
            !pb_imap_data_parse_fetch (c->p, c->end - c->p, &r->uid, &r->header)))
    return protocol_error (error, _("a broken FETCH"));
  return TRUE;
}

/* After the tag or "*": a status with its text, or (untagged only) data. */
static gboolean
parse_after_tag (PbImapResponse *r,
                 Cursor         *c,
                 GError        **error)
{
  gsize n = atom_length (c);

  r->status = status_of (c->p, n);
  if (r->status != PB_IMAP_STATUS_NONE)
    {
      c->p += n;
      if (r->kind == PB_IMAP_TAGGED &&
          (r->status == PB_IMAP_STATUS_PREAUTH || r->status == PB_IMAP_STATUS_BYE))
        return protocol_error (error, _("a tagged PREAUTH or BYE"));
      return parse_resp_text (r, c, error);
    }
  if (r->kind == PB_IMAP_TAGGED)
    return protocol_error (error, _("a tagged response without OK, NO or BAD"));
  return parse_data (r, c, error);
}

PbImapResponse *
pb_imap_response_parse (const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(PbImapResponse) r = g_new0 (PbImapResponse, 1);
  Cursor c = { data, data + len };
  gsize n;

  if (len > 0 && data[0] == '+')
    {
      r->kind = PB_IMAP_CONTINUATION;
      c.p++;
      skip_space (&c);
      r->text = clean (c.p, c.end - c.p);
      r->line = clean (data, len);
      return g_steal_pointer (&r);
    }
  if (len > 0 && data[0] == '*')
    {
      r->kind = PB_IMAP_UNTAGGED;
      c.p++;
    }
  else if ((n = atom_length (&c)) > 0 && memchr (c.p, '+', n) == NULL)
    {
      r->kind = PB_IMAP_TAGGED;
      r->tag = g_strndup (c.p, n);
      c.p += n;
    }
  else
    return protocol_error (error, _("no tag")), NULL;
  if (!skip_space (&c))
    return protocol_error (error, _("no space after the tag")), NULL;
  r->line = clean (c.p, c.end - c.p);
  if (!parse_after_tag (r, &c, error))
    return NULL;
  return g_steal_pointer (&r);
}

static gboolean
line_end (const char  *line,
          gsize        len,
          gboolean    *literal,
          gsize       *size,
          GError     **error)
{
  const char *open;
  const char *q;
  guint64 n = 0;

  *literal = FALSE;
  *size = 0;
  if (len < 3 || line[len - 1] != '}')
    return TRUE;
  q = line + len - 2;
  if (*q == '+')
    q--;
  for (open = q; open > line && g_ascii_isdigit (*open); open--)
    ;
  if (*open != '{' || open == q)
    return TRUE;
  for (const char *d = open + 1; d <= q; d++)
    {
      n = n * 10 + (*d - '0');
      if (n > PB_IMAP_MAX_LITERAL)
        {
          g_autofree char *announced = g_strndup (open + 1, MIN (q - open, 20));

          g_set_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_TOO_LARGE,
                       _("The server announced %s bytes of data, more than the limit of %u"),
                       announced, (guint) PB_IMAP_MAX_LITERAL);
          return FALSE;
        }
    }
  *literal = TRUE;
  *size = n;
  return TRUE;
}

gboolean
pb_imap_response_add_line (GString     *response,
                           const char  *line,
                           gsize        len,
                           gboolean    *literal,
                           gsize       *size,
                           GError     **error)
{
  if (!line_end (line, len, literal, size, error))
    return FALSE;
  if (response->len + len + 2 + *size > PB_IMAP_MAX_RESPONSE_LENGTH)
    {
      g_set_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_TOO_LARGE,
                   _("The server sent a response longer than %u bytes"),
                   (guint) PB_IMAP_MAX_RESPONSE_LENGTH);
      return FALSE;
    }
  g_string_append_len (response, line, len);
  return TRUE;
}

void
pb_imap_response_add_literal (GString    *response,
                              const char *data,
                              gsize       len)
{
  g_string_append (response, "\r\n");
  g_string_append_len (response, data, len);
}

/* The next line from pos: its length without the line end, and where the next one starts. */
static PbImapParseResult
next_line (const char  *data,
           gsize        len,
           gsize        pos,
           gsize       *line_len,
           gsize       *next,
           GError     **error)
{
  gsize window = MIN (len - pos, PB_IMAP_MAX_LINE_LENGTH + 2);
  const char *lf = memchr (data + pos, '\n', window);
  const char *nul;

  if (lf == NULL)
    {
      if (window <= PB_IMAP_MAX_LINE_LENGTH)
        return PB_IMAP_PARSE_INCOMPLETE;
      g_set_error (error, PB_IMAP_ERROR, PB_IMAP_ERROR_TOO_LARGE,
                   _("The server sent a line longer than %u bytes"),
                   (guint) PB_IMAP_MAX_LINE_LENGTH);
      return PB_IMAP_PARSE_ERROR;
    }
  *next = lf - data + 1;
  *line_len = lf - (data + pos);
  if (*line_len > 0 && lf[-1] == '\r')
    (*line_len)--;
  /* As the connection's line reader does: a NUL byte ends the line. */
  nul = memchr (data + pos, '\0', *line_len);
  if (nul != NULL)
    *line_len = nul - (data + pos);
  return PB_IMAP_PARSE_COMPLETE;
}

PbImapParseResult
pb_imap_response_parse_buffer (const char      *data,
                               gsize            len,
                               PbImapResponse **out,
                               gsize           *consumed,
                               GError         **error)
{
  g_autoptr(GString) whole = g_string_new (NULL);
  gsize pos = 0;
  gsize next = 0;

  *out = NULL;
  for (;;)
    {
      gsize line_len = 0, size = 0;
      gboolean literal = FALSE;
      PbImapParseResult r = next_line (data, len, pos, &line_len, &next, error);

      if (r != PB_IMAP_PARSE_COMPLETE)
        return r;
      if (!pb_imap_response_add_line (whole, data + pos, line_len, &literal, &size, error))
        return PB_IMAP_PARSE_ERROR;
      if (!literal)
        break;
      if (len - next < size)
        return PB_IMAP_PARSE_INCOMPLETE;
      pb_imap_response_add_literal (whole, data + next, size);
      pos = next + size;
    }
  *out = pb_imap_response_parse (whole->str, whole->len, error);
  if (*out == NULL)
    return PB_IMAP_PARSE_ERROR;
  if (consumed != NULL)
    *consumed = next;
  return PB_IMAP_PARSE_COMPLETE;
}

gboolean
pb_imap_response_has_capability (const PbImapResponse *response,
                                 const char           *capability)
{
  return response->capabilities != NULL &&
         g_strv_contains ((const char * const *) response->capabilities, capability);
}
