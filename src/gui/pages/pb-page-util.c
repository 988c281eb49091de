/* pb-page-util.c: small things every page does alike
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-page-util.h"
#include "pb-text.h"

/* The longest part of a URL kept whole on a line; a longer one (made up by a server, say)
 * may still break anywhere, or it alone would make the page wider than a phone. */
#define URL_PART_MAX 40

void
pb_page_show_text (GtkLabel   *label,
                   const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

AdwToast *
pb_page_toast (GtkWidget  *widget,
               const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *safe = pb_text_make_safe (message, -1, "");
  g_autofree char *escaped = g_markup_escape_text (safe, -1);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", safe);
      return NULL;
    }
  toast = adw_toast_new (escaped);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

/* Whether the text from start to end (no space in it) is a URL ("https://…") or a host name
 * with a path ("myaccount.google.com/apppasswords"). */
static gboolean
is_url (const char *start,
        const char *end)
{
  const char *slash = memchr (start, '/', end - start);

  if (g_strstr_len (start, end - start, "://") != NULL)
    return TRUE;
  return slash != NULL && slash > start && memchr (start, '.', slash - start) != NULL;
}

/* Keeps each part of the text from start to end, up to and with its separator, on one
 * line. */
static void
keep_parts (PangoAttrList *attrs,
            const char    *text,
            const char    *start,
            const char    *end,
            char           separator)
{
  const char *part = start;

  for (const char *p = start; p < end; p++)
    {
      const char *part_end = *p == separator ? p + 1 : p + 1 == end ? end : NULL;
      PangoAttribute *attr;

      if (part_end == NULL)
        continue;
      if (g_utf8_strlen (part, part_end - part) <= URL_PART_MAX)
        {
          attr = pango_attr_allow_breaks_new (FALSE);
          attr->start_index = part - text;
          attr->end_index = part_end - text;
          pango_attr_list_insert (attrs, attr);
        }
      part = part_end;
    }
}

/* Whether c ends a URL in running text: a space, a bracket or a quotation mark. */
static gboolean
ends_url (gunichar c)
{
  return g_unichar_isspace (c) || (c < 0x80 && strchr ("<>\"()[]{}", (int) c) != NULL) ||
         c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB;
}

void
pb_page_keep_urls (GtkLabel *label)
{
  const char *text;
  const char *start = NULL;
  PangoAttrList *attrs;

  g_return_if_fail (GTK_IS_LABEL (label));

  text = gtk_label_get_text (label);
  attrs = pango_attr_list_new ();
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      const char *end = p;

      if (*p != '\0' && !ends_url (g_utf8_get_char (p)))
        {
          start = start != NULL ? start : p;
          continue;
        }
      /* Punctuation that ends the sentence is not the URL's. */
      while (start != NULL && end > start && strchr (".,;:!?'", end[-1]) != NULL)
        end--;
      if (start != NULL && end > start && is_url (start, end))
        keep_parts (attrs, text, start, end, '/');
      start = NULL;
      if (*p == '\0')
        break;
    }
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

void
pb_page_keep_parts (GtkLabel *label,
                    char      separator)
{
  const char *text;
  PangoAttrList *attrs;

  g_return_if_fail (GTK_IS_LABEL (label));

  text = gtk_label_get_text (label);
  attrs = pango_attr_list_new ();
  keep_parts (attrs, text, text, text + strlen (text), separator);
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}
