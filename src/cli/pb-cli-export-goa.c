/* pb-cli-export-goa.c: postbote export --format goa: the account into GNOME Online Accounts
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hand-off happens on the session bus, where goa-daemon keeps the account and its
 * passwords; Postbote records only the added account's object path (with the verified
 * settings), so that --remove can undo exactly that and nothing the user added otherwise.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "pb-cli-args.h"
#include "pb-cli-export-goa.h"
#include "pb-cli-password.h"
#include "pb-export-goa.h"
#include "pb-export-handoff.h"
#include "pb-export-store.h"
#include "pb-secret.h"

/* The session bus with goa-daemon on it, or NULL with NOT_AVAILABLE. */
static GDBusConnection *
goa_bus (GError **error)
{
  g_autoptr(GError) bus_error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &bus_error);

  if (bus == NULL || !pb_export_goa_is_available_sync (bus, NULL))
    {
      g_set_error_literal (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_NOT_AVAILABLE,
                           _("GNOME Online Accounts is not available in this session."));
      return NULL;
    }
  return g_steal_pointer (&bus);
}

/* The password Postbote saved for server; NULL with an error saying how to give one. */
static char *
saved_password (const PbServerConfig  *server,
                GError               **error)
{
  g_autoptr(GError) lookup_error = NULL;
  char *saved = pb_export_saved_password_sync (server, NULL, &lookup_error);

  if (saved != NULL)
    return saved;
  if (lookup_error != NULL)
    g_propagate_error (error, g_steal_pointer (&lookup_error));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %s is a server's host name */
                 _("No password is saved for %s: give it with --password-stdin, or run "
                   "postbote check --save-password first."), server->host);
  return NULL;
}

/* Adds the account with the passwords; its object path, or NULL with an error. */
static char *
add_account (GDBusConnection       *bus,
             const PbExportAccount *account,
             GVariant              *details,
             gboolean               password_stdin,
             GError               **error)
{
  g_autoptr(PbSecret) imap = NULL;
  g_autoptr(PbSecret) smtp = NULL;

  if (password_stdin)
    imap = pb_cli_read_password (STDIN_FILENO, error);
  else
    imap = saved_password (account->incoming, error);
  if (imap == NULL)
    return NULL;
  if (!password_stdin && pb_export_goa_smtp_needs_password (account) &&
      (smtp = saved_password (account->outgoing, error)) == NULL)
    return NULL;
  return pb_export_goa_add_sync (bus, account, details, imap, smtp, NULL, error);
}

int
pb_cli_export_goa (const PbExportAccount *account,
                   gboolean               password_stdin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) details = pb_export_goa_get_details (account, &error);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *added = pb_export_store_get_goa_account (account->address);
  g_autofree char *path = NULL;

  /* What GOA cannot take is refused before any password is asked for. */
  if (details == NULL)
    return pb_cli_fail ("export", pb_cli_exit_status_of (error), error->message);
  g_variant_ref_sink (details);
  if ((bus = goa_bus (&error)) == NULL)
    return pb_cli_fail ("export", pb_cli_exit_status_of (error), error->message);
  if (added != NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("%s is already in GNOME Online Accounts (%s); it was left as it is (--remove "
          "removes it)."), account->address, added);
      return pb_cli_fail ("export", PB_EXIT_FAILED, message);
    }
  path = add_account (bus, account, details, password_stdin, &error);
  if (path == NULL)
    return pb_cli_fail ("export", pb_cli_exit_status_of (error), error->message);
  if (!pb_export_store_set_goa_account (account->address, path, &error))
    g_printerr ("postbote export: %s\n", error->message);
  /* Translators: %s is the account's D-Bus object path */
  printf (_("The account is in GNOME Online Accounts: %s"), path);
  printf ("\n");
  return PB_EXIT_OK;
}

int
pb_cli_export_goa_remove (const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *path = pb_export_store_get_goa_account (address);

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        _("Postbote has not added %s to GNOME Online Accounts."), address);
      return pb_cli_fail ("export", PB_EXIT_FAILED, message);
    }
  if ((bus = goa_bus (&error)) == NULL)
    return pb_cli_fail ("export", pb_cli_exit_status_of (error), error->message);
  if (!pb_export_goa_remove_sync (bus, path, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return pb_cli_fail ("export", pb_cli_exit_status_of (error), error->message);
  /* An account removed elsewhere meanwhile is gone all the same. */
  if (error != NULL)
    printf ("%s\n", error->message);
  g_clear_error (&error);
  if (!pb_export_store_set_goa_account (address, NULL, &error))
    return pb_cli_fail ("export", PB_EXIT_FAILED, error->message);
  /* Translators: %s is the account's D-Bus object path */
  printf (_("The account is no longer in GNOME Online Accounts: %s"), path);
  printf ("\n");
  return PB_EXIT_OK;
}
