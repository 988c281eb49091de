/* pb-autoconfig-provider.c: one <emailProvider> element into a PbAccountConfig
 *
 * The document is already known to be safe (pb-autoconfig.c); what is left is untrusted
 * content: entries that make no sense are left out, they never fail the whole file.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-autoconfig-provider.h"
#include "pb-text.h"

gboolean
pb_autoconfig_is_element (const PbAcNode *node,
                          const char     *ns,
                          const char     *name)
{
  if (strcmp (node->name, name) != 0)
    return FALSE;
  if (ns == NULL)
    return node->ns == NULL;
  return node->ns != NULL && strcmp (node->ns, ns) == 0;
}

/* The element's text with white space runs collapsed to one space, made safe: names,
 * user names and notes reach terminals and labels, where a bidi override or a zero-width
 * character would make them read differently (pb_text_make_safe()). */
static char *
node_text (const PbAcNode *node)
{
  g_autofree char *out = NULL;
  char *q;
  gboolean space = FALSE;

  /* Collapsing never makes the text longer. */
  out = q = g_malloc (node->text_len + 1);
  for (gsize i = 0; i < node->text_len; i++)
    {
      char c = node->text[i];

      if (g_ascii_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && q > out)
        *q++ = ' ';
      space = FALSE;
      *q++ = c;
    }
  *q = '\0';
  return pb_text_make_safe (out, q - out, "");
}

static char *
node_attr (const PbAcNode *node,
           const char     *name)
{
  const char *value = pb_ac_node_get_attr (node, name);
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return NULL;
  /* Stripped first: a tab at either end is white space, not a character to show. */
  stripped = g_strstrip (g_strdup (value));
  return pb_text_make_safe (stripped, -1, "");
}

/* Host names may carry placeholders (%EMAILDOMAIN%, %MXHOST%), nothing else unusual. */
static gboolean
is_plausible_host (const char *host)
{
  if (*host == '\0' || strlen (host) > 255)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr (".-_%", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_port (const char *text,
            guint16    *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_socket_type (const char *text,
                   PbSecurity *out)
{
  if (g_ascii_strcasecmp (text, "SSL") == 0 || g_ascii_strcasecmp (text, "TLS") == 0)
    *out = PB_SECURITY_TLS;
  else if (g_ascii_strcasecmp (text, "STARTTLS") == 0)
    *out = PB_SECURITY_STARTTLS;
  else if (g_ascii_strcasecmp (text, "plain") == 0)
    *out = PB_SECURITY_NONE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_auth (const char   *text,
            PbAuthMethod *out)
{
  /* The names of config-v1.0, still found in old files. */
  if (g_ascii_strcasecmp (text, "plain") == 0)
    text = "password-cleartext";
  else if (g_ascii_strcasecmp (text, "secure") == 0)
    text = "password-encrypted";
  return pb_auth_method_from_string (text, out);
}

static gboolean
can_do_auth (PbAuthMethod auth)
{
  return auth == PB_AUTH_PASSWORD_CLEARTEXT || auth == PB_AUTH_PASSWORD_ENCRYPTED ||
         auth == PB_AUTH_NONE || auth == PB_AUTH_CLIENT_IP;
}

/* Of the listed methods, the first one Postbote can do; over an unencrypted connection a
 * challenge-response method beats sending the password in the clear. Without any that
 * works, the first listed one, so the caller sees why the server is not usable. */
static PbAuthMethod
pick_auth (GArray     *listed,
           PbSecurity  security)
{
  if (listed->len == 0)
    return PB_AUTH_PASSWORD_CLEARTEXT;

  if (security == PB_SECURITY_NONE)
    {
      for (guint i = 0; i < listed->len; i++)
        {
          if (g_array_index (listed, PbAuthMethod, i) == PB_AUTH_PASSWORD_ENCRYPTED)
            return PB_AUTH_PASSWORD_ENCRYPTED;
        }
    }
  for (guint i = 0; i < listed->len; i++)
    {
      PbAuthMethod auth = g_array_index (listed, PbAuthMethod, i);

      if (can_do_auth (auth))
        return auth;
    }
  return g_array_index (listed, PbAuthMethod, 0);
}

static void
take_string (char **field,
             char  *value)
{
  g_free (*field);
  *field = value;
}

/* An incomplete or nonsensical server entry is left out rather than failing the file. */
static PbServerConfig *
parse_server (const PbAcNode *element,
              PbProtocol      protocol,
              guint          *auth_mask)
{
  g_autofree char *host = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *socket_type = NULL;
  g_autofree char *username = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, FALSE, sizeof (PbAuthMethod));
  PbSecurity security = PB_SECURITY_NONE;   /* the format's default */
  guint16 port;

  *auth_mask = 0;
  for (const PbAcNode *child = element->children; child != NULL; child = child->next)
    {
      if (is_ac (child, "hostname"))
        take_string (&host, node_text (child));
      else if (is_ac (child, "port"))
        take_string (&port_text, node_text (child));
      else if (is_ac (child, "socketType"))
        take_string (&socket_type, node_text (child));
      else if (is_ac (child, "username"))
        take_string (&username, node_text (child));
      else if (is_ac (child, "authentication"))
        {
          g_autofree char *text = node_text (child);
          PbAuthMethod auth;

          if (parse_auth (text, &auth) && !(*auth_mask & PB_AUTH_MASK (auth)))
            {
              g_array_append_val (listed, auth);
              *auth_mask |= PB_AUTH_MASK (auth);
            }
        }
    }

  if (host == NULL || !is_plausible_host (host))
    return NULL;
  if (socket_type != NULL && !parse_socket_type (socket_type, &security))
    return NULL;
  if (port_text == NULL)
    port = pb_security_default_port (protocol, security);
  else if (!parse_port (port_text, &port))
    return NULL;
  if (listed->len == 0)
    *auth_mask = PB_AUTH_MASK (PB_AUTH_PASSWORD_CLEARTEXT);

  return pb_server_config_new (protocol, host, port, security, pick_auth (listed, security),
                               username);
}

/* <descr lang="de">…</descr> children (or <instruction>, <pb:note>). */
static PbLangTexts *
parse_lang_texts (const PbAcNode *element,
                  const char     *ns,
                  const char     *child_name)
{
  PbLangTexts *texts = pb_lang_texts_new ();

  for (const PbAcNode *child = element->children; child != NULL; child = child->next)
    {
      if (pb_autoconfig_is_element (child, ns, child_name))
        {
          g_autofree char *lang = node_attr (child, "lang");
          g_autofree char *text = node_text (child);

          pb_lang_texts_add (texts, lang, text);
        }
    }
  return texts;
}

static const struct {
  const char *name;
  PbQuirk     quirk;
} quirk_elements[] = {
  { "appPassword", PB_QUIRK_APP_PASSWORD },
  { "enableAccess", PB_QUIRK_ENABLE_ACCESS },
  { "oauth2Only", PB_QUIRK_OAUTH2_ONLY },
  { "basicAuthDisabled", PB_QUIRK_BASIC_AUTH_DISABLED },
  { "senderMustMatchLogin", PB_QUIRK_SENDER_MUST_MATCH_LOGIN },
  { "separatePassword", PB_QUIRK_SEPARATE_PASSWORD },
  { "bridge", PB_QUIRK_BRIDGE },
  { "accountSpecific", PB_QUIRK_ACCOUNT_SPECIFIC },
};

static void
parse_correction (PbAccountConfig *config,
                  const PbAcNode  *element)
{
  g_autofree char *field = node_attr (element, "field");
  g_autofree char *against = node_attr (element, "against");
  PbCorrection *correction;
  PbCorrectionField f;

  if (!pb_correction_field_from_string (field, &f))
    return;

  correction = g_new0 (PbCorrection, 1);
  correction->field = f;
  correction->domain = node_attr (element, "domain");
  if (correction->domain == NULL)
    correction->domain = g_strdup ("*");
  correction->reason = node_attr (element, "reason");
  correction->ispdb = node_attr (element, "ispdb");
  correction->against_article = g_strcmp0 (against, "article") == 0;
  pb_account_config_add_correction (config, correction);
}

static void
parse_extension (PbAccountConfig *config,
                 const PbAcNode  *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (quirk_elements); i++)
    {
      if (is_pb (element, quirk_elements[i].name))
        {
          g_autofree char *url = node_attr (element, "url");

          pb_account_config_set_quirk (config, quirk_elements[i].quirk, url,
                                       parse_lang_texts (element, PB_PROVIDER_NS, "note"));
          if (quirk_elements[i].quirk == PB_QUIRK_APP_PASSWORD)
            {
              g_autofree char *required = node_attr (element, "required");

              pb_account_config_set_app_password (config,
                                                  g_strcmp0 (required, "if-2fa") == 0
                                                  ? PB_APP_PASSWORD_IF_2FA
                                                  : PB_APP_PASSWORD_REQUIRED);
            }
          return;
        }
    }

  if (is_pb (element, "mxSuffix"))
    {
      g_autofree char *suffix = node_text (element);

      if (is_plausible_host (suffix))
        pb_account_config_add_mx_suffix (config, suffix);
    }
  else if (is_pb (element, "spfDomain"))
    {
      g_autofree char *domain = node_text (element);

      if (is_plausible_host (domain))
        pb_account_config_set_spf_domain (config, domain);
    }
  else if (is_pb (element, "dnsRecords"))
    pb_account_config_set_dns_records_note (config, parse_lang_texts (element, PB_PROVIDER_NS,
                                                                      "note"));
  else if (is_pb (element, "dkimSelector"))
    {
      g_autofree char *selector = node_text (element);

      if (is_plausible_host (selector) && strchr (selector, '%') == NULL)
        pb_account_config_add_dkim_selector (config, selector);
    }
  else if (is_pb (element, "correction"))
    parse_correction (config, element);
  else if (is_pb (element, "note"))
    {
      g_autofree char *lang = node_attr (element, "lang");
      g_autofree char *text = node_text (element);

      pb_account_config_add_note (config, lang, text);
    }
}

static void
parse_domain (PbAccountConfig *config,
              const PbAcNode  *element)
{
  g_autofree char *text = node_text (element);
  g_autofree char *converted = NULL;
  const char *ascii;

  /* Domains are plain host names; anything else in the list is ignored. */
  if (*text == '\0' || strchr (text, '%') != NULL)
    return;
  /* Presets and the ISPDB list ASCII domains; only others need the IDN conversion. */
  ascii = g_str_is_ascii (text) ? text : (converted = g_hostname_to_ascii (text));
  if (ascii != NULL && is_plausible_host (ascii))
    pb_account_config_add_domain (config, ascii);
}

static gboolean
parse_server_element (PbAccountConfig *config,
                      const PbAcNode  *element)
{
  g_autofree char *type = node_attr (element, "type");
  g_autoptr(PbServerConfig) server = NULL;
  PbProtocol protocol;
  guint auth_mask;

  if (is_ac (element, "outgoingServer"))
    {
      if (g_strcmp0 (type, "smtp") != 0)
        return FALSE;
      protocol = PB_PROTOCOL_SMTP;
    }
  else if (g_strcmp0 (type, "imap") == 0)
    protocol = PB_PROTOCOL_IMAP;
  else if (g_strcmp0 (type, "pop3") == 0)
    protocol = PB_PROTOCOL_POP3;
  else
    return FALSE;   /* exchange, ews, graph, ...: not ours */

  server = parse_server (element, protocol, &auth_mask);
  if (server == NULL)
    return FALSE;
  pb_account_config_add_server (config, server, auth_mask);
  return TRUE;
}

PbAccountConfig *
pb_autoconfig_read_provider (const PbAcNode    *element,
                             const char        *source_url,
                             PbAutoconfigFlags  flags)
{
  g_autofree char *id = node_attr (element, "id");
  g_autoptr(PbAccountConfig) config = NULL;

  /* ISPDB files are named after their first domain; so is a provider without an id. */
  for (const PbAcNode *child = element->children; id == NULL && child != NULL; child = child->next)
    {
      if (is_ac (child, "domain"))
        id = node_text (child);
    }
  config = pb_account_config_new (id);

  pb_account_config_set_source_url (config, source_url);

  for (const PbAcNode *child = element->children; child != NULL; child = child->next)
    {
      if (is_ac (child, "domain"))
        parse_domain (config, child);
      else if (is_ac (child, "displayName"))
        {
          g_autofree char *text = node_text (child);
          pb_account_config_set_display_name (config, *text != '\0' ? text : NULL);
        }
      else if (is_ac (child, "displayShortName"))
        {
          g_autofree char *text = node_text (child);
          pb_account_config_set_short_name (config, *text != '\0' ? text : NULL);
        }
      else if (is_ac (child, "incomingServer") || is_ac (child, "outgoingServer"))
        {
          if (!parse_server_element (config, child))
            pb_account_config_add_skipped (config);
        }
      else if (is_ac (child, "documentation"))
        {
          g_autofree char *url = node_attr (child, "url");
          pb_account_config_add_documentation (config, url,
                                               parse_lang_texts (child, NULL, "descr"));
        }
      else if (is_ac (child, "enable"))
        {
          g_autofree char *url = node_attr (child, "visiturl");
          pb_account_config_set_enable (config, url,
                                        parse_lang_texts (child, NULL, "instruction"));
        }
      else if ((flags & PB_AUTOCONFIG_FLAGS_EXTENSIONS) &&
               g_strcmp0 (child->ns, PB_PROVIDER_NS) == 0)
        parse_extension (config, child);
    }

  return g_steal_pointer (&config);
}

PbOAuthIssuer *
pb_autoconfig_read_oauth2 (const PbAcNode *element)
{
  g_autofree char *issuer = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *auth_url = NULL;
  g_autofree char *token_url = NULL;
  g_autofree char *device_url = NULL;
  g_autofree char *identifier = NULL;
  PbOAuthIssuer *issuer_of;

  for (const PbAcNode *child = element->children; child != NULL; child = child->next)
    {
      if (is_pb (child, "deviceURL"))
        take_string (&device_url, node_text (child));
      else if (is_pb (child, "issuer"))
        take_string (&identifier, node_text (child));
      else if (is_ac (child, "issuer"))
        take_string (&issuer, node_text (child));
      else if (is_ac (child, "scope"))
        take_string (&scope, node_text (child));
      else if (is_ac (child, "authURL"))
        take_string (&auth_url, node_text (child));
      else if (is_ac (child, "tokenURL"))
        take_string (&token_url, node_text (child));
    }
  issuer_of = pb_oauth_issuer_new (issuer, scope, auth_url, token_url);
  if (issuer_of != NULL)
    {
      pb_oauth_issuer_set_device_url (issuer_of, device_url);
      pb_oauth_issuer_set_identifier (issuer_of, identifier);
    }
  return issuer_of;
}
