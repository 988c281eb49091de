/* pb-keyring-unlock.h: one unlock prompt at a time
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An account test saves two passwords at once; with the keyring locked each save would ask
 * to unlock it. Two prompts would stack two dialogs for one keyring, and gnome-keyring 42
 * aborts on a second unlock while one is under way (gkd-secret-unlock.c,
 * perform_next_unlock). So unlocks queue: the next starts when the one before has ended,
 * in its own caller's main context, and finds the keyring open without a second prompt.
 */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* secret_service_unlock() of objects (SecretItems or SecretCollections, referenced while it
 * waits), after every unlock asked for before it. */
void      pb_keyring_unlock        (SecretService       *service,
                                    GList               *objects,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* As secret_service_unlock_finish(): *unlocked (a list of references) holds what was
 * unlocked, empty when the prompt was dismissed. */
gboolean  pb_keyring_unlock_finish (GAsyncResult        *result,
                                    GList              **unlocked,
                                    GError             **error);

G_END_DECLS
