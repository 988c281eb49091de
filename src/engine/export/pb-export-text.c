/* pb-export-text.c: the whole account as text, for a ticket or a note
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-text.h"
#include "pb-text.h"

/* Wide enough for the longest label of either language, so that the values line up. */
#define LABEL_WIDTH 16

static void
append_field (GString    *out,
              const char *label,
              const char *value)
{
  g_string_append (out, "  ");
  pb_text_append_padded (out, label, LABEL_WIDTH);
  g_string_append_printf (out, "%s\n", value);
}

static void
append_server (GString              *out,
               const char           *heading,
               const PbServerConfig *server)
{
  g_autofree char *port = NULL;

  if (server == NULL)
    {
      /* Translators: "Incoming mail: not known" */
      g_string_append_printf (out, _("%s: not known"), heading);
      g_string_append_c (out, '\n');
      return;
    }
  /* Translators: a heading and the protocol: "Incoming mail (IMAP)" */
  g_string_append_printf (out, _("%s (%s)"), heading, pb_protocol_get_label (server->protocol));
  g_string_append_c (out, '\n');
  port = g_strdup_printf ("%u", server->port);
  append_field (out, _("Server:"), server->host);
  append_field (out, _("Port:"), port);
  append_field (out, _("Security:"), pb_security_get_label (server->security));
  append_field (out, _("User name:"), server->username);
  append_field (out, _("Login:"), pb_auth_method_get_label (server->auth));
}

char *
pb_export_text_write (const PbExportAccount *account)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Mail account %s"), account->address);
  g_string_append_c (out, '\n');
  if (account->display_name != NULL)
    {
      g_string_append_printf (out, _("Name: %s"), account->display_name);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  append_server (out, _("Incoming mail"), account->incoming);
  g_string_append_c (out, '\n');
  append_server (out, _("Outgoing mail"), account->outgoing);
  g_string_append_c (out, '\n');
  g_string_append (out, _("Password: not included (the one of the account)"));
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
