/* pb-cli-password.h: the password of `postbote check --password-stdin`
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many bytes; a longer line is refused, not cut. */
#define PB_CLI_MAX_PASSWORD_LENGTH 4096

/* The first line of @fd: on a terminal after a prompt and without echo, from a pipe or a
 * file as it is. A trailing CR LF is not part of it. An empty line, a line with a NUL byte
 * and a line over PB_CLI_MAX_PASSWORD_LENGTH bytes are refused with G_IO_ERROR_INVALID_DATA
 * (the caller's usage error), a read error with G_IO_ERROR_FAILED. The result is a PbSecret:
 * free it with pb_secret_free (), which wipes it. */
char *pb_cli_read_password (int      fd,
                            GError **error);

G_END_DECLS
