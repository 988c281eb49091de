/* fuzz-autoconfig.c: config-v1.1 XML from a web server an attacker may control
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input gives a result or an error (never both, never neither), and whatever comes
 * out is usable: servers with a host and a port, text that is valid UTF-8.
 */
#include "config.h"

#include "pb-autoconfig.h"
#include "pb-fuzz.h"

static void
check_servers (PbAccountConfig *config,
               GPtrArray       *servers)
{
  for (guint i = 0; i < servers->len; i++)
    {
      PbServerConfig *server = servers->pdata[i];

      PB_FUZZ_ASSERT (server->host != NULL && server->host[0] != '\0');
      PB_FUZZ_ASSERT (g_utf8_validate (server->host, -1, NULL));
      PB_FUZZ_ASSERT (server->port != 0);
      PB_FUZZ_ASSERT (server->username == NULL || g_utf8_validate (server->username, -1, NULL));
      PB_FUZZ_ASSERT (pb_security_to_string (server->security) != NULL);
      PB_FUZZ_ASSERT (pb_protocol_to_string (server->protocol) != NULL);
      (void) pb_account_config_get_auth_methods (config, server);
    }
}

static void
check_config (PbAccountConfig *config)
{
  const char * const *domains = pb_account_config_get_domains (config);
  const char *name = pb_account_config_get_short_name (config);

  PB_FUZZ_ASSERT (name == NULL || g_utf8_validate (name, -1, NULL));
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    PB_FUZZ_ASSERT (g_utf8_validate (domains[i], -1, NULL));
  check_servers (config, pb_account_config_get_incoming (config));
  check_servers (config, pb_account_config_get_outgoing (config));
  PB_FUZZ_ASSERT (pb_account_config_get_incoming (config)->len +
                  pb_account_config_get_outgoing (config)->len > 0);
  (void) pb_account_config_offers_oauth2 (config);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  /* With the extensions on: the presets' parser is a superset of the remote sources' one. */
  all = pb_autoconfig_parse_all_full ((const char *) data, size, "https://fuzz.test/config.xml",
                                      PB_AUTOCONFIG_FLAGS_EXTENSIONS, &error);
  PB_FUZZ_ASSERT ((all == NULL) == (error != NULL));
  if (all == NULL)
    {
      PB_FUZZ_ASSERT (error->domain == PB_AUTOCONFIG_ERROR);
      PB_FUZZ_ASSERT (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  PB_FUZZ_ASSERT (all->len > 0);
  for (guint i = 0; i < all->len; i++)
    check_config (all->pdata[i]);
  return 0;
}
