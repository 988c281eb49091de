/* pb-domain-group.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-domain-group.h"
#include "pb-domain-texts.h"
#include "pb-page-util.h"

/* One record as the card shows it. */
typedef struct {
  const char *name;         /* "SPF" */
  const char *status;       /* in words */
  gboolean    ok;
  gboolean    unknown;      /* not checked: neither good nor bad */
  char       *explanation;
  char       *fix;
  const char *publish;      /* the record to add, or NULL */
  const char *record_name;  /* where it goes in the zone: "@", "_dmarc" */
} Part;

struct _PbDomainGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *checking_row;
  GtkSpinner          *spinner;
  GPtrArray           *rows;
};

G_DEFINE_FINAL_TYPE (PbDomainGroup, pb_domain_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
text_label (const char *text,
            gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
on_copy_clicked (GtkButton  *button,
                 const char *record)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), record);
  pb_page_toast (GTK_WIDGET (button), _("Record copied"));
}

/* The record to add, its name in the zone, and a button that copies it. */
static GtkWidget *
record_row (const Part *part)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  /* Translators: the name of a DNS record to add, e.g. "TXT record “_dmarc”" */
  g_autofree char *title = g_strdup_printf (_("TXT record “%s”"), part->record_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), part->publish);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Copy Record"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Copy Record"), -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_copy_clicked),
                         g_strdup (part->publish), (GClosureNotify) G_CALLBACK (g_free), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* What the row opens to: the explanation, what to do and where, the record to add. */
static GtkWidget *
details (const Part *part,
         const char *where)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), text_label (part->explanation, FALSE));
  if (part->fix != NULL)
    {
      g_autofree char *fix = g_strdup_printf ("%s %s", _("What to do:"), part->fix);

      gtk_box_append (GTK_BOX (box), text_label (fix, FALSE));
    }
  if (part->publish != NULL)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_append (GTK_LIST_BOX (list), record_row (part));
      gtk_box_append (GTK_BOX (box), list);
    }
  if (where != NULL && !part->ok && !part->unknown)
    gtk_box_append (GTK_BOX (box), text_label (where, TRUE));
  return box;
}

static void
add_part (PbDomainGroup *self,
          const Part    *part,
          const char    *where)
{
  GtkWidget *row = adw_expander_row_new ();
  const char *icon_name = part->ok ? "emblem-ok-symbolic"
                        : part->unknown ? "dialog-question-symbolic" : "dialog-warning-symbolic";
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  if (!part->unknown)
    gtk_widget_add_css_class (icon, part->ok ? "success" : "warning");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), part->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), part->status);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), details (part, where));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
remove_rows (PbDomainGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
}

void
pb_domain_group_clear (PbDomainGroup *self)
{
  g_return_if_fail (PB_IS_DOMAIN_GROUP (self));

  remove_rows (self);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->checking_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
pb_domain_group_set_checking (PbDomainGroup *self,
                              const char    *domain)
{
  g_autofree char *description = NULL;

  g_return_if_fail (PB_IS_DOMAIN_GROUP (self));

  pb_domain_group_clear (self);
  /* Translators: %s is the domain of the address, e.g. "example.org" */
  description = g_strdup_printf (_("Whether mail from %s is accepted by Gmail, Yahoo and "
                                   "Microsoft"), domain);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  gtk_spinner_start (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->checking_row), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
pb_domain_group_set_report (PbDomainGroup        *self,
                            const PbDomainReport *report)
{
  g_return_if_fail (PB_IS_DOMAIN_GROUP (self));

  pb_domain_group_clear (self);
  if (report == NULL || report->mailbox_provider)
    return;
  {
    Part parts[] = {
      { "SPF", pb_domain_texts_spf_status (report->spf->status),
        report->spf->status == PB_SPF_STATUS_OK, FALSE,
        pb_domain_texts_spf_explanation (report->spf, report->provider_name),
        pb_domain_texts_spf_fix (report->spf), report->spf->publish, "@" },
      { "DKIM", pb_domain_texts_dkim_status (report->dkim->status),
        report->dkim->status == PB_DKIM_STATUS_OK,
        report->dkim->status == PB_DKIM_STATUS_UNKNOWN,
        pb_domain_texts_dkim_explanation (report->dkim),
        pb_domain_texts_dkim_fix (report->dkim), NULL, NULL },
      { "DMARC", pb_domain_texts_dmarc_status (report->dmarc->status),
        report->dmarc->status == PB_DMARC_STATUS_OK, FALSE,
        pb_domain_texts_dmarc_explanation (report->dmarc),
        pb_domain_texts_dmarc_fix (report->dmarc), report->dmarc->publish, "_dmarc" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        add_part (self, &parts[i], report->where);
        g_free (parts[i].explanation);
        g_free (parts[i].fix);
      }
  }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
pb_domain_group_finalize (GObject *object)
{
  PbDomainGroup *self = PB_DOMAIN_GROUP (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (pb_domain_group_parent_class)->finalize (object);
}

static void
pb_domain_group_class_init (PbDomainGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pb_domain_group_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/postbote/Postbote/pb-domain-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PbDomainGroup, checking_row);
  gtk_widget_class_bind_template_child (widget_class, PbDomainGroup, spinner);
}

static void
pb_domain_group_init (PbDomainGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
