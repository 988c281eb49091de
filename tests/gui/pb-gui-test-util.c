/* pb-gui-test-util.c
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "pb-application.h"
#include "pb-certificate-dialog.h"
#include "pb-credentials.h"
#include "pb-enum.h"
#include "pb-gui-enums.h"
#include "pb-gui-test-util.h"
#include "pb-i18n.h"
#include "pb-window.h"

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

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 gpointer               user_data)
{
  guint *wanted = user_data;

  if (gdk_keyval_to_lower (keyval) == *wanted)
    *wanted = 0;
}

static gboolean
key_seen (gpointer user_data)
{
  return *(guint *) user_data == 0;
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
 * the release, so the press has been handled; FALSE if it never arrives. */
gboolean
pb_test_press_key (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkEventController *watch = gtk_event_controller_key_new ();
  guint wanted = gdk_keyval_to_lower (keyval);
  Display *xdisplay;
  gboolean seen;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  gtk_event_controller_set_propagation_phase (watch, GTK_PHASE_CAPTURE);
  g_signal_connect (watch, "key-released", G_CALLBACK (on_key_released), &wanted);
  gtk_widget_add_controller (root, watch);

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

  seen = pb_test_wait_until (key_seen, &wanted, 5000);
  gtk_widget_remove_controller (root, watch);
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

const char *
pb_test_tr (const char *en,
            const char *de)
{
  return pb_test_is_german () ? de : en;
}

static PbApplication *app;

void
pb_test_run_application (void (*on_activate) (GApplication *application))
{
  char *argv[] = { (char *) "postbote", NULL };

  app = pb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_clear_object (&app);
}

GtkWidget *
pb_test_get_window (void)
{
  if (app == NULL)
    return NULL;
  return GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
window_mapped (gpointer user_data)
{
  GtkWidget *window = pb_test_get_window ();

  return window != NULL && gtk_widget_get_mapped (window);
}

gboolean
pb_test_wait_for_window (guint timeout_ms)
{
  return pb_test_wait_until (window_mapped, NULL, timeout_ms);
}

gboolean
pb_test_page_is (gpointer page)
{
  return (int) pb_window_get_page (PB_WINDOW (pb_test_get_window ())) == GPOINTER_TO_INT (page);
}

gboolean
pb_test_label_shown (gpointer text)
{
  return pb_test_find_label (pb_test_get_window (), text) != NULL;
}

gboolean
pb_test_certificate_dialog_shown (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PB_IS_CERTIFICATE_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *(GtkWidget **) user_data = window;
          return TRUE;
        }
    }
  return FALSE;
}

/* The window as it is now, as $PB_SCREENSHOT_DIR/WHAT-LANG.png; what NULL: none. */
void
pb_test_shot (const char *what)
{
  g_autofree char *name = NULL;

  if (what == NULL)
    return;
  name = g_strdup_printf ("%s-%s", what, pb_test_is_german () ? "de" : "en");
  pb_test_screenshot (pb_test_get_window (), name);
}

/* A click as the user can make it: on a button that is shown and sensitive. */
void
pb_test_click_no_settle (const char *label)
{
  GtkWidget *button = pb_test_find_button (pb_test_get_window (), label);
  const char *page = pb_enum_to_nick (PB_TYPE_WINDOW_PAGE,
                                      pb_window_get_page (PB_WINDOW (pb_test_get_window ())));

  if (button == NULL)
    g_error ("no button “%s” on page %s", label, page);
  if (!gtk_widget_is_sensitive (button))
    g_error ("button “%s” on page %s is insensitive", label, page);
  g_signal_emit_by_name (button, "clicked");
}

void
pb_test_click (const char *label)
{
  pb_test_click_no_settle (label);
  pb_test_settle (pb_test_get_window ());
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

void
pb_test_enter_address (const char *name,
                       const char *address,
                       const char *password,
                       const char *settings_shot)
{
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 0, name);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_ENTRY_ROW, 1, address);
  pb_test_type_into (pb_test_get_window (), ADW_TYPE_PASSWORD_ENTRY_ROW, 0, password);
  pb_test_click_no_settle (pb_test_tr ("_Continue", "_Weiter"));
  /* The detection page shows at once; a preset hit may replace it right away. */
  g_assert_cmpint (pb_window_get_page (PB_WINDOW (pb_test_get_window ())), ==,
                   PB_WINDOW_PAGE_DETECT);
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_SETTINGS), 30000));
  pb_test_settle (pb_test_get_window ());
  pb_test_shot (settings_shot);
}

void
pb_test_run_test_and_wait (void)
{
  pb_test_click (pb_test_tr ("_Test Settings", "Einstellungen _testen"));
  g_assert_true (pb_test_wait_until (pb_test_page_is,
                                     GINT_TO_POINTER (PB_WINDOW_PAGE_RESULT), 60000));
  pb_test_settle (pb_test_get_window ());
}

guint
pb_test_lab_count (const char *file,
                   const char *text)
{
  g_autofree char *path = g_build_filename (g_getenv ("PB_LAB_DIR"), "scripted", file, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  g_assert_nonnull (g_getenv ("PB_LAB_DIR"));
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], text) != NULL)
      count++;
  return count;
}

typedef struct {
  gboolean done;
  char *password;
  GError *error;
} Lookup;

static void
on_lookup (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(PbPassword) password = pb_credentials_lookup_finish (res, &lookup->error);

  lookup->password = g_strdup (password);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer user_data)
{
  return ((Lookup *) user_data)->done;
}

char *
pb_test_keyring_lookup (PbServerConfig *server,
                        const char     *user,
                        GError        **error)
{
  Lookup lookup = { 0 };

  pb_credentials_lookup (PB_PROTOCOL_SMTP, server->host, server->port, user,
                         PB_CREDENTIALS_FLAGS_NO_PROMPT, NULL, on_lookup, &lookup);
  g_assert_true (pb_test_wait_until (lookup_done, &lookup, 10000));
  if (lookup.error != NULL)
    g_propagate_error (error, lookup.error);
  return lookup.password;
}

static const PbTestFlow *the_flow;

static void
on_flow_activate (GApplication *application)
{
  g_assert_true (pb_test_wait_for_window (20000));
  pb_test_settle (pb_test_get_window ());
  the_flow->run ();
  gtk_window_close (GTK_WINDOW (pb_test_get_window ()));
  g_application_quit (application);
}

static void
test_flow (void)
{
  pb_test_run_application (on_flow_activate);
}

int
pb_test_flow_main (int               *argc,
                   char            ***argv,
                   const char        *suite,
                   const PbTestFlow  *flows,
                   guint              n_flows)
{
  g_autofree char *path = NULL;
  const char *name;

  pb_i18n_init ();
  g_test_init (argc, argv, NULL);
  name = *argc > 1 ? (*argv)[1] : flows[0].name;
  for (guint i = 0; i < n_flows && the_flow == NULL; i++)
    if (g_str_equal (flows[i].name, name))
      the_flow = &flows[i];
  if (the_flow == NULL)
    {
      g_printerr ("%s: no flow named “%s”\n", suite, name);
      return 2;
    }
  path = g_strdup_printf ("/%s/%s", suite, name);
  g_test_add_func (path, test_flow);
  return g_test_run ();
}

/* Scrolls the visible page so that widget's top is at the top of the view. */
void
pb_test_scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t top;

  /* Twice: a resize lays the page out anew, and the first value may be clamped to the old
   * height. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                               &GRAPHENE_POINT_INIT (0, 0), &top));
      /* The child is a viewport: the point is where the widget is seen now. */
      gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + top.y - 12);
      pb_test_settle (pb_test_get_window ());
    }
}
