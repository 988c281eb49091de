/* pb-export-xml.h: what the two XML writers (autoconfig, configuration profile) share
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents are built as trees with libxml2, which escapes every text and attribute
 * value; no XML is pieced together from strings.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* A child element name of parent holding text (escaped); returns it. */
xmlNode *pb_export_xml_add_text (xmlNode    *parent,
                                 const char *name,
                                 const char *text);
/* The same for a number. */
xmlNode *pb_export_xml_add_uint (xmlNode    *parent,
                                 const char *name,
                                 guint       value);
/* The document as UTF-8 text, indented, with its XML declaration. */
char    *pb_export_xml_to_string (xmlDoc    *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
