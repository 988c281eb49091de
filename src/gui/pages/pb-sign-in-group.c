/* pb-sign-in-group.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-oauth-sign-in.h"
#include "pb-sign-in-group.h"

struct _PbSignInGroup
{
  AdwPreferencesGroup  parent_instance;

  AdwActionRow        *sign_in_row;
  GtkSwitch           *sign_in_switch;
  GtkSwitch           *keep_switch;
};

G_DEFINE_FINAL_TYPE (PbSignInGroup, pb_sign_in_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_KEEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
pb_sign_in_group_set_provider (PbSignInGroup *self,
                               const char    *name)
{
  g_autofree char *title = NULL;

  g_return_if_fail (PB_IS_SIGN_IN_GROUP (self));

  gtk_widget_set_visible (GTK_WIDGET (self), name != NULL);
  if (name == NULL)
    return;
  title = pb_oauth_sign_in_title (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_in_row), title);
}

gboolean
pb_sign_in_group_get_chosen (PbSignInGroup *self)
{
  g_return_val_if_fail (PB_IS_SIGN_IN_GROUP (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self)) &&
         gtk_switch_get_active (self->sign_in_switch);
}

gboolean
pb_sign_in_group_get_active (PbSignInGroup *self)
{
  g_return_val_if_fail (PB_IS_SIGN_IN_GROUP (self), FALSE);
  return gtk_switch_get_active (self->sign_in_switch);
}

void
pb_sign_in_group_set_active (PbSignInGroup *self,
                             gboolean       active)
{
  g_return_if_fail (PB_IS_SIGN_IN_GROUP (self));
  gtk_switch_set_active (self->sign_in_switch, active);
}

gboolean
pb_sign_in_group_get_keep (PbSignInGroup *self)
{
  g_return_val_if_fail (PB_IS_SIGN_IN_GROUP (self), FALSE);
  return gtk_switch_get_active (self->keep_switch);
}

void
pb_sign_in_group_set_keep (PbSignInGroup *self,
                           gboolean       keep)
{
  g_return_if_fail (PB_IS_SIGN_IN_GROUP (self));
  gtk_switch_set_active (self->keep_switch, keep);
}

static void
on_active_changed (PbSignInGroup *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
on_keep_changed (PbSignInGroup *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEEP]);
}

static void
pb_sign_in_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbSignInGroup *self = PB_SIGN_IN_GROUP (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, pb_sign_in_group_get_active (self));
      break;
    case PROP_KEEP:
      g_value_set_boolean (value, pb_sign_in_group_get_keep (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sign_in_group_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PbSignInGroup *self = PB_SIGN_IN_GROUP (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      pb_sign_in_group_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_KEEP:
      pb_sign_in_group_set_keep (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sign_in_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PB_TYPE_SIGN_IN_GROUP);
  G_OBJECT_CLASS (pb_sign_in_group_parent_class)->dispose (object);
}

static void
pb_sign_in_group_class_init (PbSignInGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_sign_in_group_dispose;
  object_class->get_property = pb_sign_in_group_get_property;
  object_class->set_property = pb_sign_in_group_set_property;

  /* Notified by the switches themselves: set_active() of the same value notifies nothing. */
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP] = g_param_spec_boolean ("keep", NULL, NULL, FALSE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-sign-in-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PbSignInGroup, sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, PbSignInGroup, sign_in_switch);
  gtk_widget_class_bind_template_child (widget_class, PbSignInGroup, keep_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_changed);
}

static void
pb_sign_in_group_init (PbSignInGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
