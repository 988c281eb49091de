/* pb-export-store.c: the last verified settings of each address, for a later hand-off
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pb-export-store.h"

#define GROUP_OUTGOING "outgoing"
#define GROUP_INCOMING "incoming"

char *
pb_export_store_get_path (const char *address)
{
  /* Escaped, so that no address can name a path outside the folder ('/' becomes %2F). */
  g_autofree char *name = g_uri_escape_string (address, "@+", FALSE);
  g_autofree char *file = g_strconcat (name, ".ini", NULL);
  g_autofree char *lower = g_utf8_strdown (file, -1);

  return g_build_filename (g_get_user_state_dir (), "postbote", "verified", lower, NULL);
}

#define GROUP_GOA "goa"

/* The file of address as it is (empty when missing or broken), its folder made. */
static GKeyFile *
open_file (const char  *path,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GKeyFile *file;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      return NULL;
    }
  file = g_key_file_new ();
  /* The other groups stay; a broken file is simply replaced. */
  g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL);
  return file;
}

static gboolean
save_file (GKeyFile    *file,
           const char  *path,
           GError     **error)
{
  gsize len;
  g_autofree char *data = g_key_file_to_data (file, &len, NULL);

  /* Created with its mode (no moment readable by others), and an error whenever it fails. */
  return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

gboolean
pb_export_store_save (const char            *address,
                      const PbServerConfig  *server,
                      const char            *user,
                      const char            *mechanism,
                      GError               **error)
{
  g_autofree char *path = pb_export_store_get_path (address);
  g_autoptr(GKeyFile) file = open_file (path, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  const char *group = server->protocol == PB_PROTOCOL_SMTP ? GROUP_OUTGOING : GROUP_INCOMING;

  if (file == NULL)
    return FALSE;
  g_key_file_set_string (file, group, "protocol", pb_protocol_to_string (server->protocol));
  g_key_file_set_string (file, group, "host", server->host);
  g_key_file_set_integer (file, group, "port", server->port);
  g_key_file_set_string (file, group, "security", pb_security_to_string (server->security));
  g_key_file_set_string (file, group, "auth", pb_auth_method_to_string (server->auth));
  g_key_file_set_string (file, group, "user", user);
  /* A mechanism of an earlier check must not stay beside a login that used none. */
  if (mechanism != NULL)
    g_key_file_set_string (file, group, "mechanism", mechanism);
  else
    g_key_file_remove_key (file, group, "mechanism", NULL);
  g_key_file_set_string (file, group, "verified", when);
  return save_file (file, path, error);
}

gboolean
pb_export_store_set_goa_account (const char  *address,
                                 const char  *account_path,
                                 GError     **error)
{
  g_autofree char *path = pb_export_store_get_path (address);
  g_autoptr(GKeyFile) file = open_file (path, error);

  if (file == NULL)
    return FALSE;
  if (account_path != NULL)
    g_key_file_set_string (file, GROUP_GOA, "account", account_path);
  else
    g_key_file_remove_group (file, GROUP_GOA, NULL);
  return save_file (file, path, error);
}

char *
pb_export_store_get_goa_account (const char *address)
{
  g_autofree char *path = pb_export_store_get_path (address);
  g_autoptr(GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (file, GROUP_GOA, "account", NULL);
}

/* The server of group, NULL when the group is missing or does not hold a server. */
static PbServerConfig *
load_server (GKeyFile   *file,
             const char *group)
{
  g_autofree char *protocol = g_key_file_get_string (file, group, "protocol", NULL);
  g_autofree char *host = g_key_file_get_string (file, group, "host", NULL);
  g_autofree char *security = g_key_file_get_string (file, group, "security", NULL);
  g_autofree char *auth = g_key_file_get_string (file, group, "auth", NULL);
  g_autofree char *user = g_key_file_get_string (file, group, "user", NULL);
  int port = g_key_file_get_integer (file, group, "port", NULL);
  PbProtocol p;
  PbSecurity s;
  PbAuthMethod a = PB_AUTH_PASSWORD_CLEARTEXT;

  if (!pb_protocol_from_string (protocol, &p) || !pb_security_from_string (security, &s) ||
      host == NULL || user == NULL || port <= 0 || port > 65535 ||
      (p == PB_PROTOCOL_SMTP) != g_str_equal (group, GROUP_OUTGOING))
    return NULL;
  pb_auth_method_from_string (auth, &a);
  return pb_server_config_new (p, host, (guint16) port, s, a, user);
}

PbExportAccount *
pb_export_store_load (const char  *address,
                      GError     **error)
{
  g_autofree char *path = pb_export_store_get_path (address);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) load_error = NULL;
  g_autoptr(PbServerConfig) incoming = NULL;
  g_autoptr(PbServerConfig) outgoing = NULL;
  g_autofree char *mechanism = NULL;
  PbExportAccount *account;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &load_error) &&
      !g_error_matches (load_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID, "%s: %s", path,
                   load_error->message);
      return NULL;
    }
  /* No file, or only the record of a GOA hand-off (forget keeps it): nothing verified. */
  if (!g_key_file_has_group (file, GROUP_INCOMING) && !g_key_file_has_group (file, GROUP_OUTGOING))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No verified settings of %s are stored: test them first (with "
                     "“Remember password”, or postbote check --save-password), or use "
                     "--detect."), address);
      return NULL;
    }
  incoming = load_server (file, GROUP_INCOMING);
  outgoing = load_server (file, GROUP_OUTGOING);
  if (incoming == NULL && outgoing == NULL)
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_INVALID,
                   _("%s holds no server settings."), path);
      return NULL;
    }
  account = pb_export_account_new (address, NULL, incoming, outgoing, error);
  mechanism = g_key_file_get_string (file, GROUP_OUTGOING, "mechanism", NULL);
  if (account != NULL && outgoing != NULL)
    account->outgoing_mechanism = pb_sasl_mechanism_from_string (mechanism);
  return account;
}

gboolean
pb_export_store_forget (const char  *address,
                        GError     **error)
{
  g_autofree char *path = pb_export_store_get_path (address);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *goa = NULL;

  /* The account GNOME Online Accounts still has stays removable (export --remove). */
  if (g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL) &&
      (goa = g_key_file_get_string (file, GROUP_GOA, "account", NULL)) != NULL)
    {
      g_autoptr(GKeyFile) kept = g_key_file_new ();

      g_key_file_set_string (kept, GROUP_GOA, "account", goa);
      return save_file (kept, path, error);
    }
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
