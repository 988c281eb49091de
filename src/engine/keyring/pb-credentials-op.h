/* pb-credentials-op.h: one keyring operation (store, lookup, clear) as the task data of
 * its GTask, and the steps they share: search, unlock, errors in PB_CREDENTIALS_ERROR
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "pb-credentials-error.h"

G_BEGIN_DECLS

typedef struct _PbCredentialsOp PbCredentialsOp;
typedef void (*PbCredentialsNext) (GTask *task);

struct _PbCredentialsOp {
  const SecretSchema *schema;     /* store: Postbote's, or a mail program's */
  GHashTable         *attributes;
  PbCredentialsFlags  flags;
  char               *label;
  SecretValue        *value;      /* store: the password, in non-pageable memory */
  GList              *items;      /* lookup, clear: the SecretRetrievables found */
  PbCredentialsNext   then;       /* the step after an unlock */
};

/* A task whose data is a new operation on attributes (taken). */
GTask   *pb_credentials_op_new          (gpointer            source_tag,
                                         const SecretSchema *schema,
                                         GHashTable         *attributes,
                                         PbCredentialsFlags  flags,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
/* Is result the task of the call whose source tag is tag? */
gboolean pb_credentials_op_is_task_of   (GAsyncResult      *result,
                                         gpointer           tag);
/* Ends task with error (taken) as one of PB_CREDENTIALS_ERROR, keeping cancellation as
 * it is. */
void     pb_credentials_op_return_error (GTask             *task,
                                         GError            *error);
/* Continues with the operation's then once locked (SecretItems or a SecretCollection) is
 * unlocked; with PB_CREDENTIALS_FLAGS_NO_PROMPT ends the task as locked. */
void     pb_credentials_op_unlock_then  (GTask             *task,
                                         SecretService     *service,
                                         GList             *locked);
/* Searches the attributes, unlocks what it finds and continues with then, which also
 * answers when nothing was found. */
void     pb_credentials_op_search_then  (GTask             *task,
                                         SecretSearchFlags  search_flags,
                                         PbCredentialsNext  then);

G_END_DECLS
