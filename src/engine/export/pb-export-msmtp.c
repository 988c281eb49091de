/* pb-export-msmtp.c: the account for msmtp, the sender many mail programs use
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * msmtp reads a line as a command and the rest of the line, blanks trimmed and one pair of
 * enclosing double quotes removed; nothing else is unescaped. A value with a line break
 * never gets here (pb-export-account.c refuses it), so quoting where trimming would change
 * the value is all a line needs.
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pb-credentials-sync.h"
#include "pb-export-msmtp.h"

/* msmtp's own schema (its password.c); it matches by attributes, not by this name. */
static const SecretSchema msmtp_schema = {
  "de.marlam.msmtp.password", SECRET_SCHEMA_DONT_MATCH_NAME,
  {
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

char *
pb_export_msmtp_get_account_name (const PbExportAccount *account)
{
  char *name = g_strdup (account->address);

  for (char *p = name; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == ':' || *p == ',' || *p == '"' || *p == '#')
        *p = '_';
    }
  return name;
}

/* The value as msmtp reads it back unchanged. */
static void
append_line (GString    *out,
             const char *command,
             const char *value)
{
  gsize len = strlen (value);
  gboolean quote = len == 0 || g_ascii_isspace (value[0]) || g_ascii_isspace (value[len - 1]) ||
                   (len >= 2 && value[0] == '"' && value[len - 1] == '"');

  g_string_append_printf (out, quote ? "%s \"%s\"\n" : "%s %s\n", command, value);
}

char *
pb_export_msmtp_write (const PbExportAccount  *account,
                       GError                **error)
{
  const PbServerConfig *smtp = account->outgoing;
  g_autofree char *name = NULL;
  g_autofree char *port = NULL;
  GString *out;

  if (!pb_export_account_require (account, FALSE, TRUE, error))
    return NULL;
  /* msmtp's "auth oauthbearer" wants a program that fetches a fresh token (passwordeval):
   * with a password in its place the account would never send. */
  if (smtp->auth == PB_AUTH_OAUTH2)
    {
      g_set_error (error, PB_EXPORT_ERROR, PB_EXPORT_ERROR_UNSUPPORTED,
                   _("msmtp sends with the provider’s sign-in only through a program that "
                     "fetches its token (passwordeval), which Postbote cannot hand over. Use a "
                     "mail program that signs in at the provider, or set up such a program "
                     "for msmtp yourself."));
      return NULL;
    }

  name = pb_export_msmtp_get_account_name (account);
  port = g_strdup_printf ("%u", smtp->port);
  out = g_string_new (NULL);
  g_string_append (out, "# ");
  /* Translators: a comment in msmtp's configuration file; %s is the address */
  g_string_append_printf (out, _("%s, settings verified by Postbote; the password is in "
                                 "the keyring"), account->address);
  g_string_append_c (out, '\n');
  append_line (out, "account", name);
  append_line (out, "host", smtp->host);
  append_line (out, "port", port);
  append_line (out, "from", account->address);
  append_line (out, "auth", smtp->auth == PB_AUTH_NONE ? "off" : "on");
  if (smtp->auth != PB_AUTH_NONE)
    append_line (out, "user", smtp->username);
  append_line (out, "tls", smtp->security == PB_SECURITY_NONE ? "off" : "on");
  if (smtp->security != PB_SECURITY_NONE)
    append_line (out, "tls_starttls", smtp->security == PB_SECURITY_STARTTLS ? "on" : "off");
  return g_string_free (out, FALSE);
}

char *
pb_export_msmtp_get_config_path (void)
{
  g_autofree char *rc = g_build_filename (g_get_home_dir (), ".msmtprc", NULL);

  if (g_file_test (rc, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&rc);
  return g_build_filename (g_get_user_config_dir (), "msmtp", "config", NULL);
}

/* Whether contents has an "account NAME" line (NAME alone or before " : "). */
static gboolean
has_account (const char *contents,
             const char *name)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      g_strstrip (lines[i]);
      words = g_strsplit_set (lines[i], " \t:", -1);
      if (g_strv_length (words) >= 2 && g_str_equal (words[0], "account"))
        {
          for (guint j = 1; words[j] != NULL; j++)
            {
              if (*words[j] != '\0')
                {
                  if (g_str_equal (words[j], name))
                    return TRUE;
                  break;
                }
            }
        }
    }
  return FALSE;
}

/* Appends text to path, created with mode 0600 when missing; a blank line first when
 * separate. */
static gboolean
append_to_file (const char  *path,
                const char  *text,
                gboolean     separate,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, NULL,
                                                          error);
  GOutputStream *out = G_OUTPUT_STREAM (stream);

  return stream != NULL &&
         (!separate || g_output_stream_write_all (out, "\n", 1, NULL, NULL, error)) &&
         g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error) &&
         g_output_stream_close (out, NULL, error);
}

gboolean
pb_export_msmtp_install (const PbExportAccount  *account,
                         const char             *path,
                         GError                **error)
{
  g_autofree char *block = pb_export_msmtp_write (account, error);
  g_autofree char *name = pb_export_msmtp_get_account_name (account);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) read_error = NULL;

  if (block == NULL)
    return FALSE;
  if (!g_file_get_contents (path, &contents, NULL, &read_error) &&
      !g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  if (contents != NULL && has_account (contents, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already has an account “%s”; it was left as it is."), path, name);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return append_to_file (path, block, contents != NULL && *contents != '\0', error);
}

gboolean
pb_export_msmtp_store_password_sync (const PbExportAccount *account,
                                     const char            *password,
                                     PbCredentialsFlags     flags,
                                     GCancellable          *cancellable,
                                     GError               **error)
{
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *label = NULL;

  if (!pb_export_account_require (account, FALSE, TRUE, error))
    return FALSE;
  /* msmtp asks with the host and user exactly as its file says them. */
  g_hash_table_insert (attributes, (char *) "host", account->outgoing->host);
  g_hash_table_insert (attributes, (char *) "service", (char *) "smtp");
  g_hash_table_insert (attributes, (char *) "user", account->outgoing->username);
  /* Translators: the name of msmtp's password in the keyring: "msmtp: alice@example.com on
   * smtp.example.com" */
  label = g_strdup_printf (_("msmtp: %s on %s"), account->outgoing->username,
                           account->outgoing->host);
  return pb_credentials_store_foreign_sync (&msmtp_schema, attributes, label, password, flags,
                                            cancellable, error);
}
