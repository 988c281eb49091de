/* pb-autoconfig.c: the Thunderbird autoconfig config-v1.1 format, safely parsed
 *
 * The input comes from the network and is hostile until proven otherwise: libxml2 runs
 * without network access, without entity substitution and without loading any DTD, and
 * the parse stops at the first entity declaration or external identifier, before an
 * expansion bomb or a file reference could do anything.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <string.h>

#include "pb-autoconfig.h"
#include "pb-autoconfig-private.h"

#define XINCLUDE_NS_2001 "http://www.w3.org/2001/XInclude"
#define XINCLUDE_NS_2003 "http://www.w3.org/2003/XInclude"

G_DEFINE_QUARK (pb-autoconfig-error-quark, pb_autoconfig_error)

typedef struct {
  gboolean forbidden;
} ParseState;

static void
stop_forbidden (void *ctx)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  state->forbidden = TRUE;
  xmlStopParser (ctxt);
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
  else
    xmlSAX2InternalSubset (ctx, name, external_id, system_id);
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
set_parse_error (GError        **error,
                 xmlParserCtxtPtr ctxt)
{
  const xmlError *err = xmlCtxtGetLastError (ctxt);
  g_autofree char *detail = NULL;

  if (err == NULL)
    {
      g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML,
                           _("The configuration file is not valid XML."));
      return;
    }

  detail = g_strstrip (g_strdup (err->message != NULL ? err->message : ""));
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

/* Any XInclude element, wherever it is, marks a document that expects to pull in other
 * files. It would not be processed, but such a document is not an honest configuration. */
static gboolean
has_xinclude (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (node->ns != NULL && (xmlStrEqual (node->ns->href, BAD_CAST XINCLUDE_NS_2001) ||
                               xmlStrEqual (node->ns->href, BAD_CAST XINCLUDE_NS_2003)))
        return TRUE;
      if (has_xinclude (node->children))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_blank (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }
  return TRUE;
}

static xmlDocPtr
read_document (const char  *data,
               gsize        len,
               GError     **error)
{
  static gsize loader_set = 0;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  ParseState state = { FALSE };
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                XML_PARSE_NOBLANKS | XML_PARSE_COMPACT;

  if (g_once_init_enter (&loader_set))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_external_entity);
      g_once_init_leave (&loader_set, 1);
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NOT_XML,
                           _("The configuration file is not valid XML."));
      return NULL;
    }
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->entityDecl = on_entity_decl;
  ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;

  doc = xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL, options);

  if (state.forbidden)
    {
      g_set_error_literal (error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_FORBIDDEN,
                           _("The configuration file declares entities or refers to an external document type; such files are refused for safety."));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc == NULL || !ctxt->wellFormed)
    {
      set_parse_error (error, ctxt);
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  xmlFreeParserCtxt (ctxt);
  return doc;
}

GPtrArray *
pb_autoconfig_parse_all_full (const char         *data,
                              gsize               len,
                              const char         *source_url,
                              PbAutoconfigFlags   flags,
                              GError            **error)
{
  g_autoptr(GPtrArray) providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  xmlDocPtr doc;
  xmlNode *root;
  gboolean had_provider = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0 || is_blank (data, len))
    {
      g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_EMPTY,
                           _("The configuration file is empty."));
      goto out;
    }
  if (len > PB_AUTOCONFIG_MAX_SIZE)
    {
      g_set_error (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_TOO_LARGE,
                   _("The configuration file is too large (more than %d KiB)."),
                   PB_AUTOCONFIG_MAX_SIZE / 1024);
      goto out;
    }

  doc = read_document (data, len, &local_error);
  if (doc == NULL)
    goto out;

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_ac (root, "clientConfig"))
    {
      g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_WRONG_ROOT,
                           _("The file is not a mail configuration (no <clientConfig> element)."));
    }
  else if (has_xinclude (root))
    {
      g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_FORBIDDEN,
                           _("The configuration file tries to include other files; such files are refused for safety."));
    }
  else
    {
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        {
          PbAccountConfig *config;

          if (!is_ac (child, "emailProvider"))
            continue;
          had_provider = TRUE;
          config = pb_autoconfig_read_provider (child, source_url, flags);
          if (pb_account_config_get_incoming (config)->len == 0 &&
              pb_account_config_get_outgoing (config)->len == 0)
            g_object_unref (config);
          else
            g_ptr_array_add (providers, config);
        }

      /* <oAuth2> is a sibling of the providers and applies to all of them. */
      for (xmlNode *child = root->children; child != NULL; child = child->next)
        {
          if (!is_ac (child, "oAuth2"))
            continue;
          for (guint i = 0; i < providers->len; i++)
            pb_account_config_set_has_oauth2_block (g_ptr_array_index (providers, i));
        }

      if (!had_provider)
        g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NO_PROVIDER,
                             _("The configuration file describes no mail provider."));
      else if (providers->len == 0)
        g_set_error_literal (&local_error, PB_AUTOCONFIG_ERROR, PB_AUTOCONFIG_ERROR_NO_SERVERS,
                             _("The configuration file lists no server Postbote can use (only incomplete entries or Exchange servers)."));
    }

  xmlFreeDoc (doc);

out:
  if (local_error != NULL)
    {
      if (source_url != NULL)
        g_prefix_error (&local_error, "%s: ", source_url);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&providers);
}

GPtrArray *
pb_autoconfig_parse_all (const char  *data,
                         gsize        len,
                         const char  *source_url,
                         GError     **error)
{
  return pb_autoconfig_parse_all_full (data, len, source_url, PB_AUTOCONFIG_FLAGS_NONE, error);
}

PbAccountConfig *
pb_autoconfig_parse_full (const char         *data,
                          gsize               len,
                          const char         *source_url,
                          PbAutoconfigFlags   flags,
                          GError            **error)
{
  g_autoptr(GPtrArray) providers = pb_autoconfig_parse_all_full (data, len, source_url, flags,
                                                                 error);

  if (providers == NULL)
    return NULL;
  return g_object_ref (g_ptr_array_index (providers, 0));
}

PbAccountConfig *
pb_autoconfig_parse (const char  *data,
                     gsize        len,
                     const char  *source_url,
                     GError     **error)
{
  return pb_autoconfig_parse_full (data, len, source_url, PB_AUTOCONFIG_FLAGS_NONE, error);
}
