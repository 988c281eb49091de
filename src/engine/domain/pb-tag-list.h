/* pb-tag-list.h: the "name=value; name=value" lists of DKIM keys and DMARC records
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *name;
  char *value;
} PbTag;

typedef enum {
  PB_TAG_LIST_OK,
  PB_TAG_LIST_NOT_A_PAIR,  /* a part without "=", or with nothing before it */
  PB_TAG_LIST_DUPLICATE,   /* a name twice: the whole list is invalid (RFC 6376 3.2) */
} PbTagListStatus;

/* The tags of text in their order, names and values without the whitespace around them;
 * empty parts (";;", a trailing ";") are skipped. NULL on failure, with *status saying why
 * and *bad the part that failed (stripped; free it). */
GPtrArray *pb_tag_list_parse (const char       *text,
                              PbTagListStatus  *status,
                              char            **bad);

/* Whether a record starts with its version tag (such as "v=STSv1"), whole: followed by ";",
 * space or the end, so that "v=STSv10" is not "v=STSv1". */
gboolean   pb_tag_list_has_version (const char *text,
                                    const char *version);

G_END_DECLS
