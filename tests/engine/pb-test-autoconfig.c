/* pb-test-autoconfig.c: what the autoconfig parser's tests share (pb-test-autoconfig.h)
 *
 * Copyright 2026 The Postbote authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-test-autoconfig.h"

PbAccountConfig *
parse_ok (const char *xml)
{
  g_autoptr(GError) error = NULL;
  PbAccountConfig *config = pb_autoconfig_parse (xml, strlen (xml), "https://test/", &error);

  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

void
assert_fails (const char        *data,
              gsize              len,
              PbAutoconfigError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccountConfig) config = pb_autoconfig_parse (data, len, NULL, &error);

  if (config != NULL || error == NULL || error->code != (int) code)
    g_test_message ("expected error %d, got %s", code,
                    error != NULL ? error->message : "a configuration");
  g_assert_null (config);
  g_assert_error (error, PB_AUTOCONFIG_ERROR, (int) code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

const char full_sample[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<clientConfig version=\"1.1\">\n"
  "  <emailProvider id=\"example.com\">\n"
  "    <domain>example.com</domain>\n"
  "    <domain>Example.NET</domain>\n"
  "    <domain>bücher.example</domain>\n"
  "    <domain>not a domain</domain>\n"
  "    <displayName>Example   Mail\n  Service</displayName>\n"
  "    <displayShortName>Example</displayShortName>\n"
  "    <incomingServer type=\"imap\">\n"
  "      <hostname>imap.example.com</hostname>\n"
  "      <port>993</port>\n"
  "      <socketType>SSL</socketType>\n"
  "      <username>%EMAILADDRESS%</username>\n"
  "      <authentication>OAuth2</authentication>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"pop3\">\n"
  "      <hostname>pop.example.com</hostname>\n"
  "      <port>110</port>\n"
  "      <socketType>plain</socketType>\n"
  "      <username>%EMAILLOCALPART%</username>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "      <authentication>password-encrypted</authentication>\n"
  "      <pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"exchange\">\n"
  "      <hostname>outlook.example.com</hostname>\n"
  "      <owaURL>https://outlook.example.com/owa/</owaURL>\n"
  "    </incomingServer>\n"
  "    <incomingServer type=\"ews\"><hostname>ews.example.com</hostname></incomingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>smtp.example.com</hostname>\n"
  "      <port>465</port>\n"
  "      <socketType>SSL</socketType>\n"
  "      <username>%EMAILADDRESS%</username>\n"
  "      <authentication>NTLM</authentication>\n"
  "      <authentication>GSSAPI</authentication>\n"
  "      <authentication>password-encrypted</authentication>\n"
  "      <authentication>password-cleartext</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>mail.%EMAILDOMAIN%</hostname>\n"
  "      <port>587</port>\n"
  "      <socketType>STARTTLS</socketType>\n"
  "      <authentication>client-IP-address</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>relay.example.com</hostname>\n"
  "      <port>25</port>\n"
  "      <socketType>plain</socketType>\n"
  "      <authentication>smtp-after-pop</authentication>\n"
  "      <authentication>none</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\">\n"
  "      <hostname>oauth.example.com</hostname>\n"
  "      <port>587</port>\n"
  "      <socketType>STARTTLS</socketType>\n"
  "      <authentication>OAuth2</authentication>\n"
  "    </outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><hostname>bad host</hostname><port>25</port></outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><hostname>x.example.com</hostname><port>99999</port></outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><hostname>y.example.com</hostname><socketType>SSLv2</socketType></outgoingServer>\n"
  "    <outgoingServer type=\"smtp\"><port>25</port></outgoingServer>\n"
  "    <documentation url=\"https://example.com/help\">\n"
  "      <descr lang=\"de\">Hilfe zu den   Einstellungen</descr>\n"
  "      <descr lang=\"en\">Help on the settings</descr>\n"
  "    </documentation>\n"
  "    <documentation url=\"https://example.com/more\"><descr>Only one</descr></documentation>\n"
  "    <enable visiturl=\"https://example.com/settings\">\n"
  "      <instruction lang=\"en\">Switch IMAP on.</instruction>\n"
  "      <instruction lang=\"de\">Schalten Sie IMAP ein.</instruction>\n"
  "    </enable>\n"
  "    <webMail><loginPage url=\"https://example.com/\"/></webMail>\n"
  "    <unknownFutureElement attr=\"x\"><deeper/></unknownFutureElement>\n"
  "  </emailProvider>\n"
  "  <oAuth2>\n"
  "    <issuer>accounts.example.com</issuer>\n"
  "  </oAuth2>\n"
  "</clientConfig>\n";
