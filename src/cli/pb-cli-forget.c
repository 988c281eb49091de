/* pb-cli-forget.c: postbote forget
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pb-address.h"
#include "pb-cli-args.h"
#include "pb-cli-forget.h"
#include "pb-credentials.h"
#include "pb-credentials-sync.h"
#include "pb-export-store.h"
#include "pb-oauth-store.h"

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  return pb_cli_usage_error (context, "forget", message);
}

/* "alice@example.com", "alice@example.com on smtp.example.com" or "… port 587". */
static char *
describe_target (const char *user,
                 const char *server,
                 int         port)
{
  if (server == NULL)
    return g_strdup (user);
  if (port == 0)
    /* Translators: a login name on a server: "alice@example.com on smtp.example.com" */
    return g_strdup_printf (_("%s on %s"), user, server);
  /* Translators: "alice@example.com on smtp.example.com, port 587" */
  return g_strdup_printf (_("%s on %s, port %d"), user, server, port);
}

/* Removes the sign-ins saved for user, and says how many when there were any. */
static gboolean
forget_sign_ins (const char  *user,
                 GError     **error)
{
  g_autoptr(GHashTable) attributes = pb_oauth_store_user_attributes (user);
  guint n_removed = 0;

  if (!pb_credentials_clear_foreign_sync (pb_oauth_store_get_schema (), attributes,
                                          pb_credentials_default_flags (), &n_removed, NULL,
                                          error))
    return FALSE;
  if (n_removed > 0)
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u saved sign-in for %s.",
                           "Removed %u saved sign-ins for %s.", n_removed), n_removed, user);
      printf ("\n");
    }
  return TRUE;
}

/* Removes the stored passwords of user (on server, on port: 0 for any) and says how many;
 * without a server also the address's verified settings. */
static int
forget (const char *address,
        const char *user,
        const char *server,
        int         port)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  guint n_removed = 0;

  if (!pb_credentials_clear_sync (user, server, (guint16) port, pb_credentials_default_flags (),
                                  &n_removed, NULL, &error))
    {
      PbProblem problem = pb_credentials_error_to_problem (error);

      fprintf (stderr, "postbote forget: %s\n", error->message);
      if (problem != PB_PROBLEM_NONE)
        fprintf (stderr, "%s: %s\n", _("Problem"), pb_problem_to_string (problem));
      return problem != PB_PROBLEM_NONE ? PB_EXIT_FAILED : PB_EXIT_INTERNAL;
    }

  /* Forgetting the whole address also forgets its verified settings (postbote export) and
   * its sign-ins at providers (OAuth refresh tokens). */
  if (server == NULL && !pb_export_store_forget (address, &error))
    fprintf (stderr, "postbote forget: %s\n", error->message);
  g_clear_error (&error);
  if (server == NULL && !forget_sign_ins (user, &error))
    {
      fprintf (stderr, "postbote forget: %s\n", error->message);
      return PB_EXIT_FAILED;
    }

  target = describe_target (user, server, port);
  if (n_removed == 0)
    printf (_("No password was stored for %s."), target);
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Removed %u stored password for %s.",
                         "Removed %u stored passwords for %s.", n_removed),
            n_removed, target);
  printf ("\n");
  return PB_EXIT_OK;
}

int
pb_cli_forget (int    argc,
               char **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *port_text = NULL;
  int port;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("Only the password for this server"), N_("HOST") },
    { "port", 0, 0, G_OPTION_ARG_STRING, &port_text, N_("Only the password for this port (with --server)"),
      N_("N") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("Login name, when it is not the address"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAddress) address = NULL;

  g_option_context_set_summary (context,
                                _("Remove the stored password(s) of an address from the "
                                  "keyring: of every server, or only of the one named."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  address = pb_cli_parse_address_arg (context, "forget", argc - 1, argv + 1);
  if (address == NULL)
    return PB_EXIT_USAGE;
  if (!pb_cli_parse_number (port_text, 1, 65535, &port))
    return usage_error (context, _("--port must be a decimal number between 1 and 65535"));
  if (port == PB_CLI_UNSET)
    port = 0;
  if (port != 0 && server == NULL)
    return usage_error (context, _("--port needs --server"));
  if (server != NULL && *server == '\0')
    return usage_error (context, _("--server needs a host name"));
  if (server != NULL)
    {
      /* Host names are stored in lower case. */
      char *lower = g_ascii_strdown (server, -1);

      g_free (server);
      server = lower;
    }
  /* The check stores under the login it used, which is the address unless --user says so. */
  if (user == NULL)
    user = g_strdup (address->address);

  return forget (address->address, user, server, port);
}
