/* test-ispdb-conformance.c: every public ISPDB file parses, and every <domain> in it maps
 * to the servers the file lists
 *
 * The expectation is read from each file with plain libxml2 tree calls (the corpus is
 * trusted), independently of the parser under test.
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "pb-autoconfig.h"
#include "pb-test-util.h"

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, BAD_CAST name))
        {
          xmlChar *raw = xmlNodeGetContent (n);
          char *text = g_strstrip (g_strdup ((const char *) raw));

          xmlFree (raw);
          return text;
        }
    }
  return NULL;
}

/* "imap:imap.example.com:993:SSL" as the file says it, for the server types we use. */
static char *
expected_server (xmlNode *server)
{
  xmlChar *type = xmlGetProp (server, BAD_CAST "type");
  g_autofree char *host = child_text (server, "hostname");
  g_autofree char *port = child_text (server, "port");
  g_autofree char *socket = child_text (server, "socketType");
  char *key = NULL;

  if (type != NULL && (xmlStrEqual (type, BAD_CAST "imap") || xmlStrEqual (type, BAD_CAST "pop3") ||
                       xmlStrEqual (type, BAD_CAST "smtp")))
    {
      g_autofree char *raw = g_strdup_printf ("%s:%s:%s:%s", type, host, port, socket);

      key = g_ascii_strdown (raw, -1);
    }
  xmlFree (type);
  return key;
}

static const char *
security_name (PbSecurity security)
{
  switch (security)
    {
    case PB_SECURITY_TLS: return "ssl";
    case PB_SECURITY_STARTTLS: return "starttls";
    case PB_SECURITY_NONE: return "plain";
    default: return "?";
    }
}

static char *
actual_server (const PbServerConfig *s)
{
  g_autofree char *key = g_strdup_printf ("%s:%s:%u:%s", pb_protocol_to_string (s->protocol),
                                          s->host, s->port, security_name (s->security));

  return g_ascii_strdown (key, -1);
}

static void
collect_actual (GPtrArray *servers,
                GPtrArray *out)
{
  for (guint i = 0; i < servers->len; i++)
    g_ptr_array_add (out, actual_server (g_ptr_array_index (servers, i)));
}

/* Compares one file; returns a description of each difference. */
static void
check_file (const char *path,
            GPtrArray  *problems,
            guint      *n_domains)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) configs = NULL;
  g_autofree char *name = g_path_get_basename (path);
  xmlDocPtr doc;
  xmlNode *root;
  gsize len;
  guint index = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  configs = pb_autoconfig_parse_all (data, len, path, &error);
  if (configs == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: does not parse: %s", name, error->message));
      return;
    }

  doc = xmlReadMemory (data, (int) len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);

  for (xmlNode *p = root->children; p != NULL; p = p->next)
    {
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
      PbAccountConfig *config;

      if (p->type != XML_ELEMENT_NODE || !xmlStrEqual (p->name, BAD_CAST "emailProvider"))
        continue;
      if (index >= configs->len)
        {
          g_ptr_array_add (problems, g_strdup_printf ("%s: provider %u missing", name, index));
          break;
        }
      config = g_ptr_array_index (configs, index++);

      for (xmlNode *n = p->children; n != NULL; n = n->next)
        {
          if (n->type != XML_ELEMENT_NODE)
            continue;
          if (xmlStrEqual (n->name, BAD_CAST "domain"))
            {
              xmlChar *raw = xmlNodeGetContent (n);
              g_autofree char *text = g_ascii_strdown (g_strstrip ((char *) raw), -1);

              xmlFree (raw);
              (*n_domains)++;
              if (!pb_account_config_has_domain (config, text))
                g_ptr_array_add (problems, g_strdup_printf ("%s: domain %s not mapped", name, text));
            }
          else if (xmlStrEqual (n->name, BAD_CAST "incomingServer") ||
                   xmlStrEqual (n->name, BAD_CAST "outgoingServer"))
            {
              char *key = expected_server (n);

              if (key != NULL)
                g_ptr_array_add (expected, key);
            }
        }

      collect_actual (pb_account_config_get_incoming (config), actual);
      collect_actual (pb_account_config_get_outgoing (config), actual);
      /* Same servers in the same order: the preference order is the file's. */
      if (expected->len != actual->len)
        g_ptr_array_add (problems, g_strdup_printf ("%s: %u servers listed, %u parsed", name,
                                                    expected->len, actual->len));
      else
        {
          /* The file may interleave incoming and outgoing; compare per direction. */
          g_autoptr(GPtrArray) exp_in = g_ptr_array_new ();
          g_autoptr(GPtrArray) exp_out = g_ptr_array_new ();

          for (guint i = 0; i < expected->len; i++)
            {
              const char *k = g_ptr_array_index (expected, i);
              g_ptr_array_add (g_str_has_prefix (k, "smtp:") ? exp_out : exp_in, (char *) k);
            }
          g_ptr_array_extend (exp_in, exp_out, NULL, NULL);
          for (guint i = 0; i < exp_in->len; i++)
            {
              if (!g_str_equal (g_ptr_array_index (exp_in, i), g_ptr_array_index (actual, i)))
                g_ptr_array_add (problems,
                                 g_strdup_printf ("%s: server %u is %s, file says %s", name, i,
                                                  (char *) g_ptr_array_index (actual, i),
                                                  (char *) g_ptr_array_index (exp_in, i)));
            }
        }
    }

  xmlFreeDoc (doc);
}

static void
test_corpus (void)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 0, n_domains = 0;
  const char *name;

  dir_path = pb_test_ispdb_corpus_dir ();
  if (dir_path == NULL)
    return;

  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      check_file (path, problems, &n_domains);
      n_files++;
    }

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_test_message ("%u files, %u domains, %u problems", n_files, n_domains, problems->len);
  g_assert_cmpuint (n_files, >, 100);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ispdb/conformance", test_corpus);
  return g_test_run ();
}
