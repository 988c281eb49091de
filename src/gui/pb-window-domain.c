/* pb-window-domain.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-domain-check.h"
#include "pb-window-domain.h"

/* The card of the check that is under way; a newer check takes it over. */
typedef struct {
  PbDomainGroup *group;
  guint          serial;
} Pending;

static guint serial_counter;

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbDomainReport) report = pb_domain_check_run_finish (result, &error);

  /* Only the newest check shows; a cancelled or failed one hides the card. */
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (pending->group), "pb-domain-serial"))
        == pending->serial)
    pb_domain_group_set_report (pending->group, report);
  g_object_unref (pending->group);
  g_free (pending);
}

void
pb_window_domain_check (PbResultPage      *page,
                        const PbAddress   *address,
                        PbRoundTripResult *trip,
                        GCancellable      *cancellable)
{
  PbDomainOptions options = { 0 };
  Pending *pending;

  g_return_if_fail (PB_IS_RESULT_PAGE (page));
  g_return_if_fail (address != NULL);

  if (address->is_literal)
    return;
  if (trip != NULL && trip->dkim_selector != NULL && trip->dkim_domain != NULL)
    {
      options.selector = trip->dkim_selector;
      options.signing_domain = trip->dkim_domain;
    }
  pending = g_new0 (Pending, 1);
  pending->group = g_object_ref (pb_result_page_get_domain_group (page));
  pending->serial = ++serial_counter;
  g_object_set_data (G_OBJECT (pending->group), "pb-domain-serial",
                     GUINT_TO_POINTER (pending->serial));
  pb_domain_group_set_checking (pending->group, address->domain);
  pb_domain_check_run_async (address, &options, cancellable, on_checked, pending);
}
