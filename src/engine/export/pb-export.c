/* pb-export.c: the hand-off formats, by name, and one call that writes any of them
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export.h"
#include "pb-export-autoconfig.h"
#include "pb-export-mobileconfig.h"
#include "pb-export-msmtp.h"
#include "pb-export-srv.h"
#include "pb-export-text.h"
#include "pb-name-table.h"

static const char * const format_names[] = {
  "goa", "msmtp", "mobileconfig", "autoconfig", "srv", "text", "instructions",
};
G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == PB_EXPORT_N_FORMATS);

PB_DEFINE_NAME_TABLE (PbExportFormat, pb_export_format, format_names, TRUE)

gboolean
pb_export_format_is_personal (PbExportFormat format)
{
  return format == PB_EXPORT_FORMAT_MSMTP || format == PB_EXPORT_FORMAT_MOBILECONFIG ||
         format == PB_EXPORT_FORMAT_GOA;
}

char *
pb_export_write (PbExportFormat         format,
                 const PbExportAccount *account,
                 GError               **error)
{
  switch (format)
    {
    case PB_EXPORT_FORMAT_MSMTP:
      return pb_export_msmtp_write (account, error);
    case PB_EXPORT_FORMAT_MOBILECONFIG:
      return pb_export_mobileconfig_write (account, NULL, error);
    case PB_EXPORT_FORMAT_AUTOCONFIG:
      return pb_export_autoconfig_write (account, error);
    case PB_EXPORT_FORMAT_SRV:
      return pb_export_srv_write (account, error);
    case PB_EXPORT_FORMAT_TEXT:
      return pb_export_text_write (account);
    case PB_EXPORT_FORMAT_INSTRUCTIONS:
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE,
                   _("The instructions are for one mail program: name it."));
      return NULL;
    case PB_EXPORT_FORMAT_GOA:
    case PB_EXPORT_N_FORMATS:
    default:
      break;
    }
  g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE,
               _("GNOME Online Accounts takes the account itself: there is no file to write."));
  return NULL;
}
