/* pb-spf-macro.h: the macro language of SPF domain specifications (RFC 7208 section 7)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the macros of a check stand for. ip NULL: the question is not about one address
 * (which include: a policy reaches), so a macro that needs it cannot be expanded. */
typedef struct {
  const char   *sender;    /* local-part@domain */
  const char   *domain;    /* the domain whose policy is evaluated (%{d}) */
  GInetAddress *ip;
} PbSpfMacroContext;

/* Whether text is a valid macro-string; in_exp allows the letters c, r and t, which only
 * an explanation may use. */
gboolean pb_spf_macro_is_valid (const char              *text,
                                gboolean                 in_exp);
/* Whether a valid macro-string ends with a macro-expand ("%{d}", "%%", "%_", "%-"), which
 * may then stand for a domain's top label (RFC 7208 7.1, domain-end). */
gboolean pb_spf_macro_ends_with_expand (const char *text);
/* The expanded domain name, shortened from the left to 253 characters (RFC 7208 7.3), or
 * NULL when a macro needs ctx->ip and there is none. text must be valid. */
char    *pb_spf_macro_expand   (const char              *text,
                                const PbSpfMacroContext *ctx);

G_END_DECLS
