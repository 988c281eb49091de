/* test-dkim-key.c: DKIM key records (RFC 6376 3.6.1, RFC 8463) parsed and their keys measured
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-util.h"
#include "pb-dkim-key.h"

#define RSA_1024 "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5dXN1olXy06anTHRKfUmaEJOlaqLXoiJffvXPDJtRQ" \
  "UA7X8uc4Gm83RnO+KWy6b2I0m4yV10nLD75efib6Gjc8t/NrATJDvSLmOpM+qnreg78DhkMXPXwymOpsk1j2XTGFAwM" \
  "nVfdRNuJoxdOeVMn7iZC9w6Ww9wcoVbD67mfqwIDAQAB"
#define RSA_2048 "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAlU1OBP3a/w843f7PdU5Ry12Cn8shgSGSer94" \
  "k67OL6+5D4EbB5ZcVuBMhiCDushfF1kiBKyo1dRJTdlEZ1cJc0ksMpRlJktQCwihqIMbW5VrUm6RpFLACSd4fVT4/fuc" \
  "FKCBIH0RB8NR972PMzWYi2DFP4aWWPH7Tb9FmUUERoCf0dFzJOrdyOrde8occr25K5CpO0Jeygzj4RYNh3JTDax9ovx0" \
  "8yaHE+HCjoDN7NiNiVaVL0lFqdr2cFLQN5D1u1yfKY5HLh881RGwPRB1Ox/RqM4mQkGf5y/qcFD3MVXtuqsfYxmMztDR" \
  "gzWLes6jQp+JIwmSr4hlbP07J2Ki8QIDAQAB"
#define RSA_512 "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBANajw8KDPVc3axhKB7IIdxokVOnglN7SCI1ZH1aob/VgJhOu6" \
  "c5ZTcHZ4JFW4lKNeykHDz9k2alZnu6Y57hHtMkCAwEAAQ=="
#define ED25519 "IF4NKdNh/J7bdb4tO+hqEzzrVBva/2wyTZU9yqstDbw="

static PbDkimKey
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PbDkimKey key = { 0, 0 };

  if (!pb_dkim_key_parse (text, &key, &error))
    g_test_message ("refused: %s: %s", text, error->message);
  g_assert_no_error (error);
  return key;
}

static void
assert_refused (const char *text,
                int         code)
{
  g_autoptr(GError) error = NULL;
  PbDkimKey key = { 0, 0 };

  g_assert_false (pb_dkim_key_parse (text, &key, &error));
  g_assert_error (error, PB_DKIM_KEY_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_rsa (void)
{
  PbDkimKey k1024 = parse_ok ("v=DKIM1; k=rsa; p=" RSA_1024);
  PbDkimKey k2048 = parse_ok ("v=DKIM1; h=sha256; k=rsa; s=email; p=" RSA_2048);
  PbDkimKey k512 = parse_ok ("p=" RSA_512);
  /* k= defaults to rsa; the key may be folded with spaces in the TXT record. */
  PbDkimKey folded = parse_ok ("p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5dXN1olXy06anTHRKfUmaEJOl "
                               "aqLXoiJffvXPDJtRQUA7X8uc4Gm83RnO+KWy6b2I0m4yV10nLD75efib6Gjc8t/N"
                               "\trATJDvSLmOpM+qnreg78DhkMXPXwymOpsk1j2XTGFAwMnVfdRNuJoxdOeVMn7iZC"
                               "9w6Ww9wcoVbD67mfqwIDAQAB");

  g_assert_cmpint (k1024.type, ==, PB_DKIM_KEY_RSA);
  g_assert_cmpuint (k1024.bits, ==, 1024);
  g_assert_cmpuint (k2048.bits, ==, 2048);
  g_assert_cmpuint (k512.bits, ==, 512);
  g_assert_cmpuint (folded.bits, ==, 1024);
  g_assert_cmpstr (pb_dkim_key_type_to_string (PB_DKIM_KEY_RSA), ==, "rsa");
}

static void
test_ed25519 (void)
{
  PbDkimKey key = parse_ok ("v=DKIM1; k=ed25519; p=" ED25519);
  PbDkimKey upper = parse_ok ("k=ED25519; p=" ED25519);

  g_assert_cmpint (key.type, ==, PB_DKIM_KEY_ED25519);
  g_assert_cmpuint (key.bits, ==, 256);
  g_assert_cmpint (upper.type, ==, PB_DKIM_KEY_ED25519);
  g_assert_cmpstr (pb_dkim_key_type_to_string (PB_DKIM_KEY_ED25519), ==, "ed25519");
  /* An RSA key under k=ed25519 is not 32 bytes; 31 bytes is not a key either. */
  assert_refused ("k=ed25519; p=" RSA_1024, PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("k=ed25519; p=IF4NKdNh/J7bdb4tO+hqEzzrVBva/2wyTZU9yqstDQ==",
                  PB_DKIM_KEY_ERROR_INVALID);
  /* An Ed25519 key under k=rsa is no DER. */
  assert_refused ("k=rsa; p=" ED25519, PB_DKIM_KEY_ERROR_INVALID);
}

/* t=y marks a domain testing DKIM: the key is still a key and still measured. */
static void
test_flags (void)
{
  PbDkimKey testing = parse_ok ("v=DKIM1; k=rsa; t=y; p=" RSA_2048);
  PbDkimKey strict = parse_ok ("v=DKIM1; t=y:s; n=notes; p=" ED25519 "; k=ed25519");

  g_assert_cmpuint (testing.bits, ==, 2048);
  g_assert_cmpint (strict.type, ==, PB_DKIM_KEY_ED25519);
}

static void
test_refused (void)
{
  /* A DER cut short, still whole Base64. */
  g_autofree char *cut = g_strndup (RSA_1024, 100);
  g_autofree char *truncated = g_strconcat ("v=DKIM1; k=rsa; p=", cut, NULL);

  assert_refused ("v=DKIM1; k=rsa; p=", PB_DKIM_KEY_ERROR_REVOKED);
  assert_refused ("v=DKIM1; p= ;", PB_DKIM_KEY_ERROR_REVOKED);
  assert_refused (truncated, PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; k=rsa; p=AAAAB3NzaC1yc2EAAAADAQAB", PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; k=rsa", PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("", PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; k=dsa; p=" RSA_1024, PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("k=rsa; v=DKIM1; p=" RSA_1024, PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM2; p=" RSA_1024, PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; p=" RSA_1024 "; junk", PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; p=MIGf*A0G", PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; p=MIGfMA0", PB_DKIM_KEY_ERROR_INVALID);
  assert_refused ("v=DKIM1; p=" RSA_1024 "; p=" RSA_2048, PB_DKIM_KEY_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dkim-key/rsa", test_rsa);
  g_test_add_func ("/dkim-key/ed25519", test_ed25519);
  g_test_add_func ("/dkim-key/flags", test_flags);
  g_test_add_func ("/dkim-key/refused", test_refused);

  return g_test_run ();
}
