/* pb-export-steps.c: step-by-step instructions for a mail program, with the values to type
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-export-steps.h"

static void
field_free (gpointer data)
{
  PbExportField *field = data;

  g_free (field->label);
  g_free (field->value);
  g_free (field);
}

static void
step_free (gpointer data)
{
  PbExportStep *step = data;

  g_free (step->text);
  g_ptr_array_unref (step->fields);
  g_free (step);
}

PbExportSteps *
pb_export_steps_new (const char *program,
                     const char *address)
{
  PbExportSteps *steps = g_new0 (PbExportSteps, 1);

  /* Translators: the mail program and the address: "Thunderbird: alice@example.com" */
  steps->title = g_strdup_printf (_("%s: %s"), program, address);
  steps->steps = g_ptr_array_new_with_free_func (step_free);
  return steps;
}

PbExportStep *
pb_export_steps_add (PbExportSteps *steps,
                     const char    *text)
{
  PbExportStep *step = g_new0 (PbExportStep, 1);

  step->text = g_strdup (text);
  step->fields = g_ptr_array_new_with_free_func (field_free);
  g_ptr_array_add (steps->steps, step);
  return step;
}

void
pb_export_step_add_field (PbExportStep *step,
                          const char   *label,
                          const char   *value)
{
  PbExportField *field = g_new0 (PbExportField, 1);

  field->label = g_strdup (label);
  field->value = g_strdup (value);
  g_ptr_array_add (step->fields, field);
}

void
pb_export_step_add_port (PbExportStep *step,
                         const char   *label,
                         guint16       port)
{
  g_autofree char *value = g_strdup_printf ("%u", port);

  pb_export_step_add_field (step, label, value);
}

void
pb_export_steps_free (PbExportSteps *steps)
{
  if (steps == NULL)
    return;
  g_free (steps->title);
  g_ptr_array_unref (steps->steps);
  g_free (steps);
}

char *
pb_export_steps_to_text (const PbExportSteps *steps)
{
  GString *out = g_string_new (steps->title);

  g_string_append (out, "\n\n");
  for (guint i = 0; i < steps->steps->len; i++)
    {
      const PbExportStep *step = g_ptr_array_index (steps->steps, i);

      g_string_append_printf (out, "%u. %s\n", i + 1, step->text);
      for (guint j = 0; j < step->fields->len; j++)
        {
          const PbExportField *field = g_ptr_array_index (step->fields, j);

          /* Translators: a field of the mail program and its value: "Hostname: imap.example.com" */
          g_string_append (out, "     ");
          g_string_append_printf (out, _("%s: %s"), field->label, field->value);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

const char *
pb_export_security_choice (PbSecurity security)
{
  switch (security)
    {
    case PB_SECURITY_TLS:
      return "SSL/TLS";
    case PB_SECURITY_STARTTLS:
      return "STARTTLS";
    case PB_SECURITY_NONE:
    default:
      /* Translators: no connection security, as mail programs offer it ("Keine") */
      return C_("security", "None");
    }
}

const char *
pb_export_switch_value (gboolean on)
{
  /* Translators: the state to set a switch or a check box to */
  return on ? C_("switch", "On") : C_("switch", "Off");
}
