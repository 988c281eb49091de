/* pb-notice-group.h: what a person should know although the test worked (a provider
 * switching off the login that was used), as rows styled as notices
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PB_TYPE_NOTICE_GROUP (pb_notice_group_get_type ())
G_DECLARE_FINAL_TYPE (PbNoticeGroup, pb_notice_group, PB, NOTICE_GROUP, AdwPreferencesGroup)

/* A notice from provider (its name, e.g. "Microsoft 365") about server (a host name);
 * the group shows with its first notice. All plain text, never markup. */
void pb_notice_group_add   (PbNoticeGroup *self,
                            const char    *provider,
                            const char    *server,
                            const char    *text);
/* Removes every notice and hides the group. */
void pb_notice_group_clear (PbNoticeGroup *self);

G_END_DECLS
