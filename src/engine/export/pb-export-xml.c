/* pb-export-xml.c: what the two XML writers (autoconfig, configuration profile) share
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-export-xml.h"

xmlNode *
pb_export_xml_add_text (xmlNode    *parent,
                        const char *name,
                        const char *text)
{
  /* xmlNewTextChild, unlike xmlNewChild, escapes &, < and > in the content. */
  return xmlNewTextChild (parent, NULL, (const xmlChar *) name, (const xmlChar *) text);
}

xmlNode *
pb_export_xml_add_uint (xmlNode    *parent,
                        const char *name,
                        guint       value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  return pb_export_xml_add_text (parent, name, text);
}

char *
pb_export_xml_to_string (xmlDoc *doc)
{
  xmlChar *mem = NULL;
  int size = 0;
  char *text;

  xmlDocDumpFormatMemoryEnc (doc, &mem, &size, "UTF-8", 1);
  text = g_strndup ((const char *) mem, size);
  xmlFree (mem);
  return text;
}
