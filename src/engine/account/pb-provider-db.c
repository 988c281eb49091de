/* pb-provider-db.c: the preset database compiled into the program
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pb-account-config-extensions.h"
#include "pb-autoconfig.h"
#include "pb-provider-db.h"

typedef struct {
  char            *suffix;
  PbAccountConfig *config;   /* owned by providers */
} MxEntry;

struct _PbProviderDb
{
  GObject parent_instance;

  GPtrArray  *providers;     /* PbAccountConfig, sorted by id */
  GHashTable *by_domain;     /* char * (ASCII, lower) -> PbAccountConfig (borrowed) */
  GHashTable *by_id;         /* char * -> PbAccountConfig (borrowed) */
  GArray     *mx;            /* MxEntry, longest suffix first */
  GPtrArray  *load_errors;   /* char *, NULL-terminated */
  GHashTable *admin;         /* the ids of an administrator's presets (borrowed keys) */
};

G_DEFINE_FINAL_TYPE (PbProviderDb, pb_provider_db, G_TYPE_OBJECT)

static void
mx_entry_clear (gpointer data)
{
  g_free (((MxEntry *) data)->suffix);
}

static void
pb_provider_db_finalize (GObject *object)
{
  PbProviderDb *self = PB_PROVIDER_DB (object);

  g_hash_table_unref (self->by_domain);
  g_hash_table_unref (self->by_id);
  g_array_unref (self->mx);
  g_ptr_array_unref (self->providers);
  g_ptr_array_unref (self->load_errors);
  g_hash_table_unref (self->admin);

  G_OBJECT_CLASS (pb_provider_db_parent_class)->finalize (object);
}

static void
pb_provider_db_class_init (PbProviderDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_provider_db_finalize;
}

static void
pb_provider_db_init (PbProviderDb *self)
{
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);
  self->admin = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_domain = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->mx = g_array_new (FALSE, TRUE, sizeof (MxEntry));
  g_array_set_clear_func (self->mx, mx_entry_clear);
  self->load_errors = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  PbAccountConfig *x = *(PbAccountConfig * const *) a;
  PbAccountConfig *y = *(PbAccountConfig * const *) b;

  return strcmp (pb_account_config_get_provider_id (x), pb_account_config_get_provider_id (y));
}

static int
compare_mx_length (gconstpointer a,
                   gconstpointer b)
{
  const MxEntry *x = a, *y = b;
  gsize lx = strlen (x->suffix), ly = strlen (y->suffix);

  if (lx != ly)
    return lx > ly ? -1 : 1;
  return strcmp (x->suffix, y->suffix);
}

static gboolean
add_provider (PbProviderDb    *self,
              PbAccountConfig *config,
              const char      *file)
{
  const char *id = pb_account_config_get_provider_id (config);
  const char * const *domains;
  const char * const *suffixes;

  if (id == NULL || g_hash_table_contains (self->by_id, id))
    {
      g_ptr_array_add (self->load_errors,
                       g_strdup_printf ("%s: missing or duplicate provider id “%s”", file,
                                        id != NULL ? id : ""));
      return FALSE;
    }

  g_ptr_array_add (self->providers, g_object_ref (config));
  g_hash_table_insert (self->by_id, (char *) id, config);

  domains = pb_account_config_get_domains (config);
  for (guint i = 0; domains[i] != NULL; i++)
    {
      PbAccountConfig *other = g_hash_table_lookup (self->by_domain, domains[i]);

      if (other != NULL)
        g_ptr_array_add (self->load_errors,
                         g_strdup_printf ("%s: domain %s is already listed by %s", file,
                                          domains[i], pb_account_config_get_provider_id (other)));
      else
        g_hash_table_insert (self->by_domain, (char *) domains[i], config);
    }

  suffixes = pb_account_config_get_mx_suffixes (config);
  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      MxEntry entry = { g_strdup (suffixes[i]), config };

      g_array_append_val (self->mx, entry);
    }
  return TRUE;
}

/* A preset file of the resource, or of an administrator's directory (from_disk). */
static void
load_file (PbProviderDb *self,
           const char   *dir,
           const char   *name,
           gboolean      from_disk)
{
  g_autofree char *path = g_strconcat (dir, name, NULL);
  g_autofree char *expected_id = g_strndup (name, strlen (name) - strlen (".xml"));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PbAccountConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  if (from_disk)
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

      bytes = file != NULL ? g_mapped_file_get_bytes (file) : NULL;
    }
  else
    bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    {
      data = g_bytes_get_data (bytes, &size);
      /* Our own presets and the administrator's: the only sources whose pb: quirks,
       * links, notes and sign-in servers are trusted. */
      config = pb_autoconfig_parse_full (data, size, path, PB_AUTOCONFIG_FLAGS_EXTENSIONS,
                                         &error);
    }
  if (config == NULL)
    {
      g_ptr_array_add (self->load_errors, g_strdup (error->message));
      return;
    }
  if (g_strcmp0 (pb_account_config_get_provider_id (config), expected_id) != 0)
    {
      g_ptr_array_add (self->load_errors,
                       g_strdup_printf ("%s: the id “%s” does not match the file name", path,
                                        pb_account_config_get_provider_id (config)));
      return;
    }
  if (add_provider (self, config, path) && from_disk)
    g_hash_table_add (self->admin, (char *) pb_account_config_get_provider_id (config));
}

static void
sort_tables (PbProviderDb *self)
{
  g_array_sort (self->mx, compare_mx_length);
  /* File names sort "gmx-com" before "gmx"; the list is promised in id order. */
  g_ptr_array_sort (self->providers, compare_ids);
}

PbProviderDb *
pb_provider_db_new_from_resource (const char *resource_path)
{
  g_autoptr(PbProviderDb) self = g_object_new (PB_TYPE_PROVIDER_DB, NULL);
  g_autofree char *dir = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (resource_path != NULL, NULL);

  dir = g_str_has_suffix (resource_path, "/") ? g_strdup (resource_path)
                                             : g_strconcat (resource_path, "/", NULL);
  names = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (names == NULL)
    {
      g_ptr_array_add (self->load_errors, g_strdup_printf ("%s: %s", dir, error->message));
      return g_steal_pointer (&self);
    }

  /* Sorted, so which file wins a clash does not depend on the resource's hash order. */
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_suffix (names[i], ".xml"))
        load_file (self, dir, names[i], FALSE);
    }
  sort_tables (self);

  return g_steal_pointer (&self);
}

void
pb_provider_db_add_directory (PbProviderDb *self,
                              const char   *directory)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = NULL;
  const char *name;

  g_return_if_fail (PB_IS_PROVIDER_DB (self) && directory != NULL);

  dir = g_dir_open (directory, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".xml"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  prefix = g_str_has_suffix (directory, "/") ? g_strdup (directory)
                                             : g_strconcat (directory, "/", NULL);
  for (guint i = 0; i < names->len; i++)
    load_file (self, prefix, names->pdata[i], TRUE);
  sort_tables (self);
}

PbProviderDb *
pb_provider_db_get_default (void)
{
  static PbProviderDb *db = NULL;

  if (g_once_init_enter (&db))
    {
      PbProviderDb *loaded = pb_provider_db_new_from_resource (PB_PROVIDER_RESOURCE_PATH);
      const char * const *dirs = g_get_system_data_dirs ();

      for (guint i = 0; dirs[i] != NULL; i++)
        {
          g_autofree char *dir = g_build_filename (dirs[i], "postbote", "providers", NULL);

          pb_provider_db_add_directory (loaded, dir);
        }
      g_once_init_leave (&db, loaded);
    }
  return db;
}

/* Lower-case ASCII without a trailing dot, or NULL for something that is no host name. */
static char *
normalize_host (const char *host)
{
  g_autofree char *ascii = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return NULL;
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return NULL;
  len = strlen (ascii);
  if (len > 0 && ascii[len - 1] == '.')
    ascii[len - 1] = '\0';
  return g_ascii_strdown (ascii, -1);
}

static PbAccountConfig *
ref_or_null (PbAccountConfig *config)
{
  return config != NULL ? g_object_ref (config) : NULL;
}

gboolean
pb_provider_db_has_admin (PbProviderDb *self)
{
  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), FALSE);
  return g_hash_table_size (self->admin) > 0;
}

gboolean
pb_provider_db_is_admin (PbProviderDb    *self,
                         PbAccountConfig *config)
{
  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), FALSE);
  return config != NULL && pb_account_config_get_provider_id (config) != NULL &&
         g_hash_table_contains (self->admin, pb_account_config_get_provider_id (config));
}

PbAccountConfig *
pb_provider_db_lookup_domain (PbProviderDb *self,
                              const char   *domain)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), NULL);

  key = normalize_host (domain);
  if (key == NULL)
    return NULL;
  return ref_or_null (g_hash_table_lookup (self->by_domain, key));
}

PbAccountConfig *
pb_provider_db_lookup_mx (PbProviderDb *self,
                          const char   *mx_host)
{
  g_autofree char *host = NULL;
  gsize host_len;

  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), NULL);

  host = normalize_host (mx_host);
  if (host == NULL)
    return NULL;
  host_len = strlen (host);

  for (guint i = 0; i < self->mx->len; i++)
    {
      const MxEntry *entry = &g_array_index (self->mx, MxEntry, i);
      gsize len = strlen (entry->suffix);

      if (g_str_equal (host, entry->suffix) ||
          (host_len > len && host[host_len - len - 1] == '.' &&
           g_str_has_suffix (host, entry->suffix)))
        return g_object_ref (entry->config);
    }
  return NULL;
}

PbAccountConfig *
pb_provider_db_lookup_id (PbProviderDb *self,
                          const char   *provider_id)
{
  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), NULL);

  if (provider_id == NULL)
    return NULL;
  return ref_or_null (g_hash_table_lookup (self->by_id, provider_id));
}

GPtrArray *
pb_provider_db_list (PbProviderDb *self)
{
  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), NULL);
  return self->providers;
}

guint
pb_provider_db_get_n_domains (PbProviderDb *self)
{
  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), 0);
  return g_hash_table_size (self->by_domain);
}

const char * const *
pb_provider_db_get_load_errors (PbProviderDb *self)
{
  g_return_val_if_fail (PB_IS_PROVIDER_DB (self), NULL);
  static const char * const none[] = { NULL };

  /* A null-terminated GPtrArray has no storage before its first element. */
  return self->load_errors->pdata != NULL ? (const char * const *) self->load_errors->pdata
                                          : none;
}
