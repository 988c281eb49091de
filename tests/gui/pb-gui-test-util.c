/* pb-gui-test-util.c: finding and driving widgets in the window tests: waiting, finding
 * labels, buttons and widgets of a type, letting transitions settle, pressing keys through
 * the X server, rendering and screenshots, typing, the clipboard
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "pb-gui-test-util.h"

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
pb_test_wait_until (PbTestPredicate predicate,
                    gpointer        user_data,
                    guint           timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &expired);

  while (!predicate (user_data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);
  return predicate (user_data);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

void
pb_test_wait_ms (guint ms)
{
  pb_test_wait_until (never, NULL, ms);
}

static GtkWidget *
find (GtkWidget *root,
      gboolean (*match) (GtkWidget *, gconstpointer),
      gconstpointer data,
      guint *nth)
{
  if (gtk_widget_get_mapped (root) && match (root, data))
    {
      if (*nth == 0)
        return root;
      (*nth)--;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, data, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_is (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
label_starts (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static gboolean
label_contains (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
type_is (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
button_is (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkWidget *
pb_test_find_label (GtkWidget  *root,
                    const char *text)
{
  guint nth = 0;

  return find (root, label_is, text, &nth);
}

GtkWidget *
pb_test_find_label_prefix (GtkWidget  *root,
                           const char *prefix)
{
  guint nth = 0;

  return find (root, label_starts, prefix, &nth);
}

GtkWidget *
pb_test_find_label_containing (GtkWidget  *root,
                               const char *text)
{
  guint nth = 0;

  return find (root, label_contains, text, &nth);
}

GtkWidget *
pb_test_find_by_type (GtkWidget *root,
                      GType      type,
                      guint      nth)
{
  return find (root, type_is, GSIZE_TO_POINTER (type), &nth);
}

GtkWidget *
pb_test_find_button (GtkWidget  *root,
                     const char *label)
{
  guint nth = 0;

  return find (root, button_is, label, &nth);
}

static gboolean
stack_transition_running (GtkWidget *root)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_transition_running (GTK_STACK (root)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (stack_transition_running (child))
        return TRUE;
    }
  return FALSE;
}

/* Lets page transitions finish, so that only the new page is mapped. */
void
pb_test_settle (GtkWidget *widget)
{
  pb_test_wait_ms (50);
  while (stack_transition_running (widget))
    pb_test_wait_ms (20);
  pb_test_wait_ms (50);
}

typedef struct {
  guint      wanted;  /* 0 once released */
  GtkWidget *root;
} KeyWatch;

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 gpointer               user_data)
{
  KeyWatch *watch = user_data;

  if (gdk_keyval_to_lower (keyval) == watch->wanted)
    watch->wanted = 0;
}

/* Released, or the window went away in answer to the press (Escape in a dialog). */
static gboolean
key_seen (gpointer user_data)
{
  KeyWatch *watch = user_data;

  return watch->wanted == 0 || !gtk_widget_get_mapped (watch->root);
}

static void
fake_key (Display *xdisplay,
          KeySym   keysym,
          Bool     press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}

static const struct {
  GdkModifierType mask;
  KeySym          keysym;
} modifier_keys[] = {
  { GDK_SHIFT_MASK, XK_Shift_L },
  { GDK_CONTROL_MASK, XK_Control_L },
  { GDK_ALT_MASK, XK_Alt_L },
};

/* Presses and releases a key as the user does: through the X server (XTEST), so that the
 * event passes GTK's event controllers and the widgets' key bindings like any other, unlike
 * activating the action the key is bound to. The widget's window gets the X input focus
 * first, because under Xvfb no window manager gives it. Returns once the window has seen
 * the release, so the press has been handled, or once the press closed the window; FALSE
 * if neither happens. */
gboolean
pb_test_press_key (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GtkWidget) root = g_object_ref (GTK_WIDGET (gtk_widget_get_root (widget)));
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkEventController *controller = gtk_event_controller_key_new ();
  KeyWatch watch = { gdk_keyval_to_lower (keyval), root };
  Display *xdisplay;
  gboolean seen;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), &watch);
  gtk_widget_add_controller (root, controller);

  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (root))),
                  RevertToParent, CurrentTime);
  for (guint i = 0; i < G_N_ELEMENTS (modifier_keys); i++)
    if (modifiers & modifier_keys[i].mask)
      fake_key (xdisplay, modifier_keys[i].keysym, True);
  /* GDK's key values are X keysyms. */
  fake_key (xdisplay, keyval, True);
  fake_key (xdisplay, keyval, False);
  for (guint i = G_N_ELEMENTS (modifier_keys); i-- > 0;)
    if (modifiers & modifier_keys[i].mask)
      fake_key (xdisplay, modifier_keys[i].keysym, False);
  XFlush (xdisplay);

  seen = pb_test_wait_until (key_seen, &watch, 5000);
  g_signal_handlers_disconnect_by_data (controller, &watch);
  /* A window the press closed has let go of its controllers already. */
  if (gtk_event_controller_get_widget (controller) == root)
    gtk_widget_remove_controller (root, controller);
  return seen;
}

/* The widget as the user sees it, rendered by its window's renderer. */
GdkTexture *
pb_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;

  pb_test_settle (widget);
  pb_test_wait_ms (200);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Mean relative luminance (0 black .. 1 white) of the texture's pixels. */
double
pb_test_mean_luminance (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  double sum = 0;

  /* GDK_MEMORY_DEFAULT: B G R A, premultiplied. */
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    sum += (0.0722 * pixels[i] + 0.7152 * pixels[i + 1] + 0.2126 * pixels[i + 2]) / 255.0;
  return sum / ((double) width * height);
}

/* Renders the widget as the user sees it into $PB_SCREENSHOT_DIR/NAME.png, when set. */
void
pb_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  const char *dir = g_getenv ("PB_SCREENSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  texture = pb_test_render (widget);
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

void
pb_test_type_into (GtkWidget  *root,
                   GType       type,
                   guint       nth,
                   const char *text)
{
  GtkWidget *row = pb_test_find_by_type (root, type, nth);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

void
pb_test_type_keys (GtkWidget  *widget,
                   const char *text)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  for (const char *p = text; *p != '\0'; p++)
    {
      GdkModifierType shift = g_ascii_isupper (*p) ? GDK_SHIFT_MASK : 0;

      g_assert_true (g_ascii_isalnum (*p) || strchr ("-./ ", *p) != NULL);
      g_assert_true (pb_test_press_key (widget, gdk_unicode_to_keyval (g_ascii_tolower (*p)),
                                        shift));
    }
}

const char *
pb_test_tr (const char *en,
            const char *de)
{
  return pb_test_is_german () ? de : en;
}

typedef struct {
  gboolean done;
  char *text;
} ClipboardRead;

static void
on_clipboard_read (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), res, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
clipboard_read_done (gpointer user_data)
{
  return ((ClipboardRead *) user_data)->done;
}

char *
pb_test_read_clipboard (GtkWidget *widget)
{
  ClipboardRead read = { 0 };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_read,
                                 &read);
  g_assert_true (pb_test_wait_until (clipboard_read_done, &read, 5000));
  return read.text;
}
