/* pb-autoconfig-reader.c: hostile bytes into a small tree of elements, safely
 *
 * The input comes from the network and is hostile until proven otherwise: libxml2 runs
 * without network access, without entity substitution and without loading any DTD, and
 * the parse stops at the first entity declaration or external identifier, before an
 * expansion bomb or a file reference could do anything.
 *
 * libxml2 hands the elements over through its SAX2 interface, and they are kept in three
 * growing arrays (elements, their names and attribute values, the text) rather than in a
 * libxml2 tree with an allocation for every element, attribute and piece of text: a
 * configuration file is read in a handful of allocations, and its tree takes about the
 * file's size.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "pb-autoconfig-format.h"
#include "pb-autoconfig-reader.h"

#define XINCLUDE_NS_2001 "http://www.w3.org/2001/XInclude"
#define XINCLUDE_NS_2003 "http://www.w3.org/2003/XInclude"

#define NO_ELEMENT G_MAXUINT
#define NO_STRING  G_MAXSIZE

/* While parsing, elements refer to each other and to their strings by position: the arrays
 * move as they grow. */
typedef struct {
  gsize name;
  gsize ns;
  guint parent;
  guint first_child;
  guint last_child;
  guint next;
  gsize text_start;
  gsize text_end;
  guint first_attr;
  guint n_attrs;
} Element;

typedef struct {
  gsize name;
  gsize value;
} Attr;

typedef struct {
  GArray  *elements;
  GArray  *attrs;
  GString *strings;   /* names, namespaces and attribute values, each NUL-terminated */
  GString *text;      /* all character data, in document order */
  guint    current;   /* the open element */
  xmlError error;     /* the first fatal one */
  gboolean forbidden;
  gboolean xinclude;
} Builder;

struct _PbAcDoc {
  PbAcNode *nodes;
  PbAcAttr *attrs;
  char     *strings;
  char     *text;
};

static Builder *
builder_of (void *ctx)
{
  xmlParserCtxtPtr ctxt = ctx;

  return ctxt->_private;
}

static void
stop_forbidden (void *ctx)
{
  builder_of (ctx)->forbidden = TRUE;
  xmlStopParser (ctx);
}

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  /* A bare <!DOCTYPE clientConfig> is harmless; a reference to an external DTD is not. */
  if (external_id != NULL || system_id != NULL)
    stop_forbidden (ctx);
}

static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  stop_forbidden (ctx);
}

static void
on_unparsed_entity_decl (void          *ctx,
                         const xmlChar *name,
                         const xmlChar *public_id,
                         const xmlChar *system_id,
                         const xmlChar *notation_name)
{
  stop_forbidden (ctx);
}

static gsize
add_string (Builder       *b,
            const xmlChar *text)
{
  gsize offset = b->strings->len;

  g_string_append_len (b->strings, (const char *) text, strlen ((const char *) text) + 1);
  return offset;
}

/* Without entity substitution libxml2 passes an '&' of an attribute value on as "&#38;" (its
 * tree builder decodes it again); every other reference has been resolved or refused by
 * then (an entity that is not declared is an error, and declaring one is forbidden). */
static gsize
add_value (Builder       *b,
           const xmlChar *value,
           const xmlChar *end)
{
  gsize offset = b->strings->len;
  const char *p = (const char *) value;
  const char *stop = (const char *) end;

  while (p < stop)
    {
      const char *amp = memchr (p, '&', stop - p);

      if (amp == NULL)
        {
          g_string_append_len (b->strings, p, stop - p);
          break;
        }
      g_string_append_len (b->strings, p, amp - p + 1);
      p = amp + 1;
      if (stop - p >= 4 && memcmp (p, "#38;", 4) == 0)
        p += 4;
    }
  g_string_append_c (b->strings, '\0');
  return offset;
}

static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Builder *b = builder_of (ctx);
  guint index = b->elements->len;
  Element e = {
    .ns = NO_STRING,
    .parent = b->current,
    .first_child = NO_ELEMENT,
    .last_child = NO_ELEMENT,
    .next = NO_ELEMENT,
    .text_start = b->text->len,
    .first_attr = b->attrs->len,
  };

  /* Such a document expects to pull in other files. They would not be read, but a file
   * that tries is not an honest configuration. */
  if (uri != NULL && (xmlStrEqual (uri, BAD_CAST XINCLUDE_NS_2001) ||
                      xmlStrEqual (uri, BAD_CAST XINCLUDE_NS_2003)))
    b->xinclude = TRUE;

  e.name = add_string (b, localname);
  if (uri != NULL)
    e.ns = add_string (b, uri);

  /* Five pointers per attribute: local name, prefix, namespace, value, end of value. */
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **attr = attributes + 5 * i;
      Attr a;

      if (attr[2] != NULL)
        continue;
      a.name = add_string (b, attr[0]);
      a.value = add_value (b, attr[3], attr[4]);
      g_array_append_val (b->attrs, a);
    }
  e.n_attrs = b->attrs->len - e.first_attr;

  if (b->current != NO_ELEMENT)
    {
      Element *parent = &g_array_index (b->elements, Element, b->current);

      if (parent->last_child == NO_ELEMENT)
        parent->first_child = index;
      else
        g_array_index (b->elements, Element, parent->last_child).next = index;
      parent->last_child = index;
    }
  g_array_append_val (b->elements, e);
  b->current = index;
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Builder *b = builder_of (ctx);
  Element *e;

  if (b->current == NO_ELEMENT)
    return;
  e = &g_array_index (b->elements, Element, b->current);
  e->text_end = b->text->len;
  b->current = e->parent;
}

static void
on_characters (void          *ctx,
               const xmlChar *text,
               int            len)
{
  Builder *b = builder_of (ctx);

  if (b->current != NO_ELEMENT)
    g_string_append_len (b->text, (const char *) text, len);
}

/* After the first fatal error the document is refused anyway: the parse ends there rather
 * than going on to format every error that follows from it, and that first error is the
 * one to tell. Only the state changes, as in xmlStopParser () but without freeing the
 * input, which the code that raised the error may still be reading. */
static void
on_error (void     *ctx,
          xmlError *error)
{
  xmlParserCtxtPtr ctxt = ctx;
  Builder *b = builder_of (ctx);

  if (error->level != XML_ERR_FATAL)
    return;
  if (b->error.code == XML_ERR_OK)
    xmlCopyError (error, &b->error);
  ctxt->instate = XML_PARSER_EOF;
  ctxt->disableSAX = 1;
}

/* Nothing outside the document is ever read, whatever the parser might want. */
static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

static gboolean
is_encoding_error (const xmlError *err)
{
  if (err->domain == XML_FROM_I18N)
    return TRUE;

  switch (err->code)
    {
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_ENCODING_NAME:
    case XML_ERR_INVALID_ENCODING:
      return TRUE;
    case XML_ERR_INVALID_CHAR:
      /* Also used for bytes that are not UTF-8 ("Input is not proper UTF-8"). */
      return err->message != NULL && strstr (err->message, "encoding") != NULL;
    default:
      return FALSE;
    }
}

static void
set_parse_error (GError         **error,
                 const xmlError  *err)
{
  g_autofree char *detail = NULL;

  if (err == NULL || err->code == XML_ERR_OK)
    {
      g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML,
                           _("The configuration file is not valid XML."));
      return;
    }

  /* libxml2's messages end in a newline and may have one inside ("...\nBytes: 0xFC"). */
  detail = g_strstrip (g_strdelimit (g_strdup (err->message != NULL ? err->message : ""),
                                     "\r\n", ' '));
  if (!g_utf8_validate (detail, -1, NULL))
    g_clear_pointer (&detail, g_free);

  if (is_encoding_error (err))
    g_set_error (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_ENCODING,
                 _("The configuration file is not in the character encoding it declares (line %d: %s)."),
                 err->line, detail != NULL ? detail : "?");
  else
    g_set_error (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML,
                 _("The configuration file is not valid XML (line %d: %s)."),
                 err->line, detail != NULL ? detail : "?");
}

static xmlParserCtxtPtr
new_parser (Builder *b)
{
  static gsize loader_set = 0;
  xmlParserCtxtPtr ctxt;
  xmlSAXHandler *sax;

  if (g_once_init_enter (&loader_set))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&loader_set, 1);
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    return NULL;

  /* Only these callbacks: without the tree builder's there is no document, no DTD, no
   * entity lookup beyond the five predefined ones, and nothing is ever loaded. */
  sax = ctxt->sax;
  memset (sax, 0, sizeof *sax);
  sax->initialized = XML_SAX2_MAGIC;
  sax->internalSubset = on_internal_subset;
  sax->entityDecl = on_entity_decl;
  sax->unparsedEntityDecl = on_unparsed_entity_decl;
  sax->startElementNs = on_start_element;
  sax->endElementNs = on_end_element;
  sax->characters = on_characters;
  sax->ignorableWhitespace = on_characters;
  sax->serror = on_error;
  ctxt->_private = b;
  return ctxt;
}

static void
builder_clear (Builder *b)
{
  xmlResetError (&b->error);
  g_clear_pointer (&b->elements, g_array_unref);
  g_clear_pointer (&b->attrs, g_array_unref);
  if (b->strings != NULL)
    g_string_free (g_steal_pointer (&b->strings), TRUE);
  if (b->text != NULL)
    g_string_free (g_steal_pointer (&b->text), TRUE);
}

/* The positions become pointers once nothing grows any more. */
static PbAcDoc *
builder_finish (Builder *b)
{
  PbAcDoc *doc = g_new0 (PbAcDoc, 1);

  doc->strings = g_string_free (g_steal_pointer (&b->strings), FALSE);
  doc->text = g_string_free (g_steal_pointer (&b->text), FALSE);

  doc->attrs = g_new (PbAcAttr, b->attrs->len);
  for (guint i = 0; i < b->attrs->len; i++)
    {
      Attr *a = &g_array_index (b->attrs, Attr, i);

      doc->attrs[i].name = doc->strings + a->name;
      doc->attrs[i].value = doc->strings + a->value;
    }

  doc->nodes = g_new (PbAcNode, b->elements->len);
  for (guint i = 0; i < b->elements->len; i++)
    {
      Element *e = &g_array_index (b->elements, Element, i);
      PbAcNode *node = &doc->nodes[i];

      node->name = doc->strings + e->name;
      node->ns = e->ns != NO_STRING ? doc->strings + e->ns : NULL;
      node->children = e->first_child != NO_ELEMENT ? &doc->nodes[e->first_child] : NULL;
      node->next = e->next != NO_ELEMENT ? &doc->nodes[e->next] : NULL;
      node->text = doc->text + e->text_start;
      node->text_len = e->text_end - e->text_start;
      node->attrs = e->n_attrs > 0 ? doc->attrs + e->first_attr : NULL;
      node->n_attrs = e->n_attrs;
    }

  builder_clear (b);
  return doc;
}

PbAcDoc *
pb_ac_doc_read (const char  *data,
                gsize        len,
                GError     **error)
{
  Builder b = {
    /* Sizes that fit most configuration files without growing. */
    .elements = g_array_sized_new (FALSE, FALSE, sizeof (Element), 16 + len / 48),
    .attrs = g_array_sized_new (FALSE, FALSE, sizeof (Attr), 8 + len / 256),
    .strings = g_string_sized_new (64 + len / 4),
    .text = g_string_sized_new (64 + len / 2),
    .current = NO_ELEMENT,
  };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr stray;
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  PbAcDoc *doc = NULL;

  g_return_val_if_fail (len <= G_MAXINT, NULL);

  ctxt = new_parser (&b);
  if (ctxt == NULL)
    {
      g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML,
                           _("The configuration file is not valid XML."));
      builder_clear (&b);
      return NULL;
    }

  /* The callbacks above build no document, but libxml2 makes one of its own to keep an
   * entity declaration in ("for expat compatibility in SAX mode"), even when that
   * declaration has just stopped the parse. */
  stray = xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL, options);
  g_clear_pointer (&stray, xmlFreeDoc);

  if (b.forbidden)
    g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_FORBIDDEN,
                         _("The configuration file declares entities or refers to an external document type; such files are refused for safety."));
  else if (!ctxt->wellFormed)
    set_parse_error (error, b.error.code != XML_ERR_OK ? &b.error : xmlCtxtGetLastError (ctxt));
  else if (b.xinclude)
    g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_FORBIDDEN,
                         _("The configuration file tries to include other files; such files are refused for safety."));
  else
    doc = builder_finish (&b);

  if (doc == NULL)
    builder_clear (&b);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

const PbAcNode *
pb_ac_doc_get_root (PbAcDoc *doc)
{
  return doc->nodes;
}

void
pb_ac_doc_free (PbAcDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->nodes);
  g_free (doc->attrs);
  g_free (doc->strings);
  g_free (doc->text);
  g_free (doc);
}

const char *
pb_ac_node_get_attr (const PbAcNode *node,
                     const char     *name)
{
  for (guint i = 0; i < node->n_attrs; i++)
    {
      if (strcmp (node->attrs[i].name, name) == 0)
        return node->attrs[i].value;
    }
  return NULL;
}
