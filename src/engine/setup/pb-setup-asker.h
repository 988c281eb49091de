/* pb-setup-asker.h: what the setup flow asks the user, and the one way it asks
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flow (PbSetup) decides when a question is due; each face answers it its own way: the
 * window with its pages and dialogs, the command line from its options.
 */
#pragma once

#include <gio/gio.h>

#include "pb-check.h"

G_BEGIN_DECLS

typedef enum {
  /* Servers outside the address's domain that no reviewed source vouches for: asked before
   * a password goes to them. */
  PB_SETUP_QUESTION_FOREIGN_HOST,
  /* Settings that came over plain HTTP and could have been changed on the way: asked
   * before a password goes to the server they name. */
  PB_SETUP_QUESTION_PLAIN_HTTP,
  /* A certificate that failed validation (or an outdated TLS version): trusting it pins it
   * for that server and port, and the test runs again. */
  PB_SETUP_QUESTION_TRUST_CERTIFICATE,
} PbSetupQuestionKind;

typedef struct {
  PbSetupQuestionKind  kind;
  /* FOREIGN_HOST: the foreign hosts; PLAIN_HTTP: the server the settings name (or the
   * domain when they name none). NULL-terminated. */
  char               **hosts;
  /* TRUST_CERTIFICATE: the failed check, with the certificate. */
  PbCheckResult       *result;
} PbSetupQuestion;

void pb_setup_question_free (PbSetupQuestion *question);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbSetupQuestion, pb_setup_question_free)

#define PB_TYPE_SETUP_ASKER (pb_setup_asker_get_type ())
G_DECLARE_INTERFACE (PbSetupAsker, pb_setup_asker, PB, SETUP_ASKER, GObject)

struct _PbSetupAskerInterface
{
  GTypeInterface parent_iface;

  /* The question stays valid until the answer is given. An answer may take as long as the
   * user needs; an asker that waits finishes with G_IO_ERROR_CANCELLED as soon as the
   * cancellable is cancelled (the flow has moved on). */
  void     (*ask_async)  (PbSetupAsker          *self,
                          const PbSetupQuestion *question,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data);
  /* TRUE: yes. FALSE without an error: no. The default takes the answer from the GTask
   * (source object: the asker) that ask_async returned it with g_task_return_boolean(). */
  gboolean (*ask_finish) (PbSetupAsker          *self,
                          GAsyncResult          *result,
                          GError               **error);
};

void     pb_setup_asker_ask_async  (PbSetupAsker          *self,
                                    const PbSetupQuestion *question,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
gboolean pb_setup_asker_ask_finish (PbSetupAsker          *self,
                                    GAsyncResult          *result,
                                    GError               **error);

G_END_DECLS
