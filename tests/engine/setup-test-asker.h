/* setup-test-asker.h: an asker for the setup flow's tests that answers as told and
 * remembers what it was asked
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-setup-asker.h"

G_BEGIN_DECLS

#define TEST_TYPE_ASKER (test_asker_get_type ())
G_DECLARE_FINAL_TYPE (TestAsker, test_asker, TEST, ASKER, GObject)

struct _TestAsker
{
  GObject              parent_instance;
  gboolean             answer;
  gboolean             wait;        /* keep the question open until cancelled */
  guint                n_asked;
  PbSetupQuestionKind  kind;
  char                *hosts;       /* the last question's hosts, joined by spaces */
  const guint         *connections; /* a server's connection count, or NULL */
  guint                connections_when_asked;
};

G_END_DECLS
