/* pb-cli-password.c: the password of `postbote check --password-stdin`
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "pb-cli-password.h"
#include "pb-smtp-auth.h"

/* The terminal as it was before the prompt, for the signal handler. */
static int saved_fd = -1;
static struct termios saved_termios;
static const int restore_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Ctrl-C at the prompt must not leave the shell without echo: put the terminal back, then
 * die of the signal as before (tcsetattr and raise are async-signal-safe). */
static void
restore_terminal_and_die (int sig)
{
  tcsetattr (saved_fd, TCSAFLUSH, &saved_termios);
  (void) !write (STDERR_FILENO, "\n", 1);
  signal (sig, SIG_DFL);
  raise (sig);
}

static char *
refuse (char       *buf,
        GError    **error,
        int         code,
        const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, code, message);
  pb_secret_free (buf);
  return NULL;
}

/* Byte by byte, so that nothing after the line is consumed and no stdio buffer keeps a
 * copy. A NUL would cut the password short everywhere it is used as a C string (the login
 * would send only the part before it, and the keyring would store that part), so it is
 * refused, as is an empty line: there is no login with an empty password. */
static char *
read_password_line (int      fd,
                    GError **error)
{
  /* One byte more than a password and its CR may take, so that a password of the maximum
   * length still fits when the line ends in CR LF (a file saved on Windows). */
  const gsize limit = PB_CLI_MAX_PASSWORD_LENGTH + 2;
  char *buf = g_malloc0 (limit + 1);
  gboolean has_nul = FALSE;
  gsize len = 0;

  while (len < limit)
    {
      ssize_t n = read (fd, buf + len, 1);

      if (n < 0)
        return refuse (buf, error, G_IO_ERROR_FAILED, _("Could not read the password"));
      if (n == 0 || buf[len] == '\n')
        break;
      has_nul |= buf[len] == '\0';
      len++;
    }
  buf[len] = '\0';
  if (len > 0 && buf[len - 1] == '\r')
    buf[--len] = '\0';
  if (len > PB_CLI_MAX_PASSWORD_LENGTH)
    return refuse (buf, error, G_IO_ERROR_INVALID_DATA, _("The password is too long"));
  if (has_nul)
    return refuse (buf, error, G_IO_ERROR_INVALID_DATA,
                   _("The password contains a NUL character, which a login cannot send"));
  if (len == 0)
    return refuse (buf, error, G_IO_ERROR_INVALID_DATA,
                   _("The password on standard input is empty"));
  return buf;
}

char *
pb_cli_read_password (int      fd,
                      GError **error)
{
  struct sigaction restore = { 0 }, previous[G_N_ELEMENTS (restore_signals)];
  struct termios quiet;
  char *password;

  if (!isatty (fd) || tcgetattr (fd, &saved_termios) != 0)
    return read_password_line (fd, error);

  saved_fd = fd;
  restore.sa_handler = restore_terminal_and_die;
  sigemptyset (&restore.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &restore, &previous[i]);
  quiet = saved_termios;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  /* Echo off before the prompt: what is typed once the prompt shows is never shown, and
   * is not flushed away (TCSAFLUSH drops only what came before the prompt). */
  tcsetattr (fd, TCSAFLUSH, &quiet);
  fputs (_("Password: "), stderr);
  password = read_password_line (fd, error);
  tcsetattr (fd, TCSAFLUSH, &saved_termios);
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &previous[i], NULL);
  fputc ('\n', stderr);
  return password;
}
