/* pb-autoconfig-reader.h: hostile bytes into a small tree of elements, safely
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *name;
  const char *value;
} PbAcAttr;

/* An element of a document read by pb_ac_doc_read (); nothing else of the document is kept. */
typedef struct _PbAcNode PbAcNode;
struct _PbAcNode {
  const char     *name;       /* local name */
  const char     *ns;         /* namespace URI, NULL without one */
  const PbAcNode *children;   /* first child element */
  const PbAcNode *next;       /* next sibling element */
  const char     *text;       /* all text inside, nested elements' too, in document order */
  gsize           text_len;   /* (not NUL-terminated) */
  const PbAcAttr *attrs;      /* the attributes without a namespace */
  guint           n_attrs;
};

typedef struct _PbAcDoc PbAcDoc;

/* The bytes as a tree of elements, or a PB_AUTOCONFIG_ERROR (not XML, wrong encoding,
 * forbidden constructs: entities, external document types, XInclude). */
PbAcDoc         *pb_ac_doc_read              (const char        *data,
                                              gsize              len,
                                              GError           **error);
const PbAcNode  *pb_ac_doc_get_root          (PbAcDoc           *doc);
void             pb_ac_doc_free              (PbAcDoc           *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbAcDoc, pb_ac_doc_free)

/* The value of the attribute without namespace, or NULL. */
const char      *pb_ac_node_get_attr         (const PbAcNode    *node,
                                              const char        *name);

G_END_DECLS
