/* pb-test-https.h: a sign-in server inside the test, for what a real one will not answer
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server on 127.0.0.1 with HTTPS (a certificate certtool makes for the run) answers
 * each path with the answers it was given, in turn; the last one stays. The session it
 * hands out trusts that certificate and no other, so the product's code runs over real
 * TLS without the lab.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _PbTestHttps PbTestHttps;

/* An answer that is cut off: its headers promise more body than comes before the close. */
#define PB_TEST_HTTPS_CUT 0

/* NULL when certtool is missing: the subtest is then marked skipped. */
PbTestHttps *pb_test_https_new      (void);
void         pb_test_https_free     (PbTestHttps *self);
/* https://127.0.0.1:PORT/path (path without its leading slash). */
char        *pb_test_https_url      (PbTestHttps *self,
                                     const char  *path);
/* A session that trusts the server's certificate. */
SoupSession *pb_test_https_session  (PbTestHttps *self);
/* The next answer to path: status (PB_TEST_HTTPS_CUT: a cut 200) and a JSON body. */
void         pb_test_https_answer   (PbTestHttps *self,
                                     const char  *path,
                                     guint        status,
                                     const char  *body);
/* How many requests path had, and the body of the last one (NULL: none). */
guint        pb_test_https_requests (PbTestHttps *self,
                                     const char  *path);
const char  *pb_test_https_last_body (PbTestHttps *self,
                                      const char  *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbTestHttps, pb_test_https_free)

G_END_DECLS
