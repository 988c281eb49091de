#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scripted SMTP server of the Postbote lab.

One asyncio process serves every scenario of tests/lab/SCENARIOS.md: each scenario is a host
name <scenario>.smtp.test on its own loopback address and produces, word for word, a reply or
misbehaviour that a real Postfix will not (provider error texts, NO STARTTLS attacks, stalls).
Every line a client sends is appended to $PB_LAB_DIR/scripted/<scenario>.log before the server
answers it, so a test that got an answer can read the log at once.

Usage:
  scripted-smtp.py --lab-dir DIR [--ready-file FILE]   serve (certificates made on start)
  scripted-smtp.py --print-dnsmasq                     the dnsmasq fragment (dns.d/scripted.conf)
  scripted-smtp.py --list                              scenario, address, ports
"""

import asyncio
import base64
import email.utils
import hashlib
import hmac
import os
import secrets
import sys
import time

import scripted_lab
from scripted_lab import (PLAIN, REFUSE, TLS, Certs, Closed, LineSession, Store,
                          tls_context, visible)

DOMAIN = "smtp.test"
PASSWORD = "Scripted-Pass-1"

DEFAULT_PORTS = {25: PLAIN, 465: TLS, 587: PLAIN}

# Capabilities per provider flavour, in the provider's own order. %STARTTLS% and %AUTH% mark
# where those appear when the session offers them.
FLAVORS = {
    "postfix": {
        "greeting": "220 {host} ESMTP Postfix (Debian/GNU)",
        "hello": "{host}",
        "caps": ["PIPELINING", "SIZE {size}", "%STARTTLS%", "%AUTH%", "ENHANCEDSTATUSCODES",
                 "8BITMIME"],
        "size": 35882577,
        "auth": ["PLAIN", "LOGIN"],
        "auth_ok": "235 2.7.0 Authentication successful",
    },
    "gmail": {
        "greeting": "220 {host} ESMTP a640c23a62f3a-ab67626ed31sm12345666b.52 - gsmtp",
        "hello": "{host} at your service, [{peer}]",
        "caps": ["SIZE {size}", "8BITMIME", "%AUTH%", "%STARTTLS%", "ENHANCEDSTATUSCODES",
                 "PIPELINING", "SMTPUTF8"],
        "size": 35882577,
        "auth": ["LOGIN", "PLAIN", "XOAUTH2", "PLAIN-CLIENTTOKEN", "OAUTHBEARER", "XOAUTH"],
        "auth_ok": "235 2.7.0 Accepted",
    },
    "microsoft": {
        "greeting": "220 {host} Microsoft ESMTP MAIL Service ready at {date}",
        "hello": "{host} Hello [{peer}]",
        "caps": ["SIZE {size}", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES", "%STARTTLS%",
                 "%AUTH%", "8BITMIME", "SMTPUTF8"],
        "size": 157286400,
        "auth": ["LOGIN", "XOAUTH2"],
        "auth_ok": "235 2.7.0 Authentication successful",
    },
    "yahoo": {
        "greeting": "220 {host} ESMTP ready",
        "hello": "{host}",
        "caps": ["PIPELINING", "ENHANCEDSTATUSCODES", "8BITMIME", "SIZE {size}", "%STARTTLS%",
                 "%AUTH%"],
        "size": 41697280,
        "auth": ["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"],
        "auth_ok": "235 2.0.0 OK",
    },
    "gmx": {
        "greeting": "220 {host} (mrgmx004) Nemesis ESMTP Service ready",
        "hello": "{host} Hello {helo} [{peer}]",
        "caps": ["8BITMIME", "%AUTH%", "SIZE {size}", "%STARTTLS%"],
        "size": 141557760,
        "auth": ["LOGIN", "PLAIN"],
        "auth_ok": "235 Authentication succeeded",
    },
}

MS_TRAILER = "[AM0PR10CA0087.EURPRD10.PROD.OUTLOOK.COM 2026-11-23T03:27:26.123Z 08DD2B6A5C3E9F41]"

# The scenarios. n: last octet of 127.0.1.n (stable: never renumber, only append).
# Keys: flavor, ports, cert, greeting, special, ehlo, starttls, auth, auth_reply,
# mail_reply, rcpt_reply, size, data_reply.
SCENARIOS = {
    "ok": {"n": 1},
    # alias: one more host name (DNS and certificate SAN) the scenario answers for, so the
    # GUI and CLI tests can type a real provider's address and meet its real reply.
    "gmail-apppw": {"n": 2, "flavor": "gmail", "alias": "smtp.gmail.com", "auth_reply": [
        "534-5.7.9 Application-specific password required. Learn more at",
        "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor "
        "a640c23a62f3a-ab67626ed31sm12345666b.52 - gsmtp"]},
    "gmail-badcreds": {"n": 3, "flavor": "gmail", "auth_reply": [
        "535-5.7.8 Username and Password not accepted. For more information, go to",
        "535 5.7.8  https://support.google.com/mail/?p=BadCredentials "
        "a640c23a62f3a-ab67626ed31sm12345666b.52 - gsmtp"]},
    "gmail-weblogin": {"n": 4, "flavor": "gmail", "auth_reply": [
        "534-5.7.14 <https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AKgnsbsK4",
        "534-5.7.14 o0N6qhk2Xw8yJ3S0Ck9NRm7pZ5cLrFvT2uEaWq1IxDgY> Please log in via your web "
        "browser and",
        "534-5.7.14 then try again.",
        "534-5.7.14  Learn more at",
        "534 5.7.14  https://support.google.com/mail/answer/78754 "
        "a640c23a62f3a-ab67626ed31sm12345666b.52 - gsmtp"]},
    "ms-basicauth": {"n": 5, "flavor": "microsoft", "auth_reply": [
        "535 5.7.139 Authentication unsuccessful, basic authentication is disabled. "
        + MS_TRAILER]},
    "ms-smtpauth-disabled": {"n": 6, "flavor": "microsoft", "auth_reply": [
        "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
        "Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. " + MS_TRAILER]},
    "yahoo": {"n": 7, "flavor": "yahoo", "auth_reply": [
        "535 5.7.0 (#AUTH005) Too many bad auth attempts."]},
    "gmx": {"n": 8, "flavor": "gmx", "auth_reply": ["535 Authentication credentials invalid"]},
    "code-421": {"n": 9, "greeting": [
        "421 4.3.2 Service not available, closing transmission channel"]},
    "code-451": {"n": 10, "mail_reply": [
        "451 4.3.0 Temporary local problem - please try later"]},
    "greylist": {"n": 11, "rcpt_reply": [
        "450 4.2.0 <{addr}>: Recipient address rejected: Greylisted, see "
        "http://postgrey.schweikert.ch/help/{addr_domain}.html"]},
    "code-550": {"n": 12, "mail_reply": ["550 5.7.1 Sender address not allowed"]},
    "code-552": {"n": 13, "size": 100, "data_reply": [
        "552 5.3.4 Message size exceeds fixed maximum message size"]},
    "code-553": {"n": 14, "mail_reply": [
        "553 5.1.7 The sender address <{addr}> is not a valid RFC-5321 address."]},
    "code-554": {"n": 15, "rcpt_reply": ["554 5.7.1 <{addr}>: Relay access denied"]},
    "rcpt-550": {"n": 16, "rcpt_reply": [
        "550 5.1.1 <{addr}>: Recipient address rejected: User unknown in virtual mailbox table"]},
    "too-many": {"n": 17, "auth_reply": [
        "454 4.7.0 Too many login attempts, please try again later."]},
    "auth-none": {"n": 18, "auth": []},
    "auth-xoauth2-only": {"n": 19, "auth": ["XOAUTH2", "OAUTHBEARER"]},
    "auth-cram": {"n": 20, "auth": ["CRAM-MD5"]},
    "nostarttls": {"n": 21, "starttls": "none", "auth_plain": True},
    "starttls-502": {"n": 22, "starttls": ["502 5.5.1 Error: command not implemented"]},
    "starttls-454": {"n": 23, "starttls": ["454 4.7.0 TLS not available due to local problem"]},
    "starttls-odd": {"n": 24, "starttls": ["250 OK"]},
    "starttls-inject": {"n": 25, "starttls": "inject"},
    "ehlo-refused": {"n": 26, "ehlo": "refused", "starttls": "none"},
    "badcert-selfsigned": {"n": 27, "cert": "selfsigned"},
    "badcert-unknownca": {"n": 28, "cert": "unknownca"},
    "badcert-wronghost": {"n": 29, "cert": "wronghost"},
    "badcert-expired": {"n": 30, "cert": "expired"},
    "badcert-notyet": {"n": 31, "cert": "notyet"},
    "stall": {"n": 32, "special": "stall"},
    "slow-ehlo": {"n": 33, "ehlo": "slow"},
    "endless": {"n": 34, "special": "endless"},
    "longline": {"n": 35, "special": "longline"},
    "closemid": {"n": 36, "special": "closemid"},
    "garbage": {"n": 37, "special": "garbage"},
    "tls-on-587": {"n": 38, "ports": {25: PLAIN, 465: TLS, 587: TLS}},
    "plain-on-465": {"n": 39, "ports": {25: PLAIN, 465: PLAIN, 587: PLAIN}},
    "greeting-multiline": {"n": 40, "greeting": [
        "220-{host} ESMTP Postfix",
        "220-This system is for the use of authorized users only.",
        "220 Individuals using this computer system without authority are monitored."]},
    "ehlo-manylines": {"n": 41, "ehlo": "manylines"},
    "auth-encryption-required": {"n": 42, "auth_plain": True, "auth_plain_reply": [
        "538 5.7.11 Encryption required for requested authentication mechanism"]},
    "badcert-insecure": {"n": 43, "cert": "insecure"},
    "quit-drop": {"n": 44, "quit": "drop"},
    "slow-greeting": {"n": 45, "special": "slow-greeting"},
    "auth-echo": {"n": 46, "auth_reply": ["535 5.7.8 Authentication failed for {payload}"]},
    # Servers that answer out of turn, break off or say odd things (issue: hostile servers).
    "extra-reply": {"n": 60, "ehlo": "extra", "auth_reply": [
        "535 5.7.8 Error: authentication failed: authentication failure"]},
    "extra-after-rset": {"n": 61, "rset": "extra"},
    "greeting-extra": {"n": 62, "special": "greeting-extra", "extra": "250 OK"},
    "tls-close-ehlo": {"n": 63, "ehlo": "close", "ports": {465: TLS}},
    "starttls-inject-late": {"n": 64, "starttls": "inject-late"},
    "tls-refuse": {"n": 65, "ports": {465: "refuse", 587: "refuse"}},
    "ehlo-nonsense": {"n": 66, "ehlo": ["220 {host} ESMTP ready"]},
    "ehlo-421": {"n": 67, "ehlo": ["421 4.7.0 {host} Too many connections, closing"]},
    "auth-421": {"n": 68, "flavor": "gmail", "auth_reply": [
        "421 4.7.0 Try again later, closing connection. (AUTH) a640c23a62f3a - gsmtp"]},
    "rcpt-notloggedin": {"n": 69, "rcpt_reply": [
        "553 5.7.1 <{addr}>: Sender address rejected: not logged in"]},
    "quit-silent": {"n": 70, "quit": "silent"},
    "greeting-421": {"n": 72, "special": "greeting-extra",
                     "extra": "421 4.3.2 Service shutting down, closing transmission channel"},
    "auth-late-535": {"n": 73, "auth_late": [
        "235 2.7.0 Authentication successful",
        "535 5.7.8 Error: authentication failed: authentication failure"]},
    "auth-extra": {"n": 74, "auth_extra": "250 2.0.0 Ok"},
    "starttls-421": {"n": 75, "starttls": [
        "421 4.7.0 TLS not available, closing connection"]},
    "mail-421": {"n": 76, "flavor": "gmail", "mail_reply": [
        "421 4.7.0 Try again later, closing connection. (MAIL) a640c23a62f3a - gsmtp"]},
    "token-early": {"n": 77, "flavor": "microsoft", "token_early": [
        "454 4.7.0 Temporary authentication failure"]},
    "echo-pass": {"n": 71, "mail_reply": [
        "550-5.7.1 Sender rejected. You logged in with {pw_head}",
        "550-5.7.1 {pw_tail}, base64 {pw_b64}",
        "550 5.7.1 or {pw}"]},
    "tls10": {"n": 90, "tls_version": "TLSv1"},
    "tls11": {"n": 91, "tls_version": "TLSv1_1"},
    "weakkey": {"n": 92, "cert": "weakkey"},
    "tls12": {"n": 95, "tls_max": "TLSv1_2"},
    # The lab's only IPv6 address; its certificate also names [::1] (an IP address SAN).
    "ipv6": {"addr": "::1"},
    # The outgoing server a hostile autoconfig names and vouches for itself (discovery).
    "foreign": {"n": 93, "alias": "smtp.evil.test"},
    # Text that reorders itself: a right-to-left override makes "admin@example.org" read
    # backwards, an isolate, a mark and a BOM hide around it.
    "bidi-reply": {"n": 94, "auth_reply": [
        "535 5.7.8 Authentication failed for \u202egro.elpmaxe@nimda\u202c "
        "\u2067x\u2069\u200f\ufeff"]},
    # No server: the address only exists in DNS (refused) or is dropped by nftables.
    "refused": {"addr": "127.0.2.2", "ports": {}},
    "dropped": {"addr": "127.0.2.1", "ports": {}},
}

# What each scenario does, for SCENARIOS.md (--markdown).
DOCS = {
    "ok":
        "Everything works: STARTTLS on 25/587, implicit TLS on 465, AUTH PLAIN LOGIN after TLS, "
        "MAIL/RCPT/DATA accepted (message stored as ok-N.eml).",
    "gmail-apppw":
        "Gmail capabilities; every AUTH (after the credentials) gets Google's app-password "
        "reply.",
    "gmail-badcreds":
        "Gmail capabilities; every AUTH gets Google's wrong-credentials reply.",
    "gmail-weblogin":
        "Gmail capabilities; every AUTH gets Google's 'log in via your web browser' reply.",
    "ms-basicauth":
        "Microsoft 365 greeting and capabilities (AUTH LOGIN XOAUTH2, no PLAIN); every AUTH "
        "gets the basic-auth-disabled reply.",
    "ms-smtpauth-disabled":
        "Microsoft 365 capabilities; every AUTH gets the tenant SMTP-AUTH-disabled reply.",
    "yahoo":
        "Yahoo capabilities; every AUTH gets Yahoo's AUTH005 reply.",
    "gmx":
        "GMX/Web.de capabilities; every AUTH gets the GMX reply (no enhanced code).",
    "code-421":
        "Greeting is 421, then the server closes.",
    "code-451":
        "AUTH works; MAIL FROM gets 451.",
    "greylist":
        "AUTH works; RCPT TO gets the postgrey reply ({addr} = the recipient).",
    "code-550":
        "AUTH works; MAIL FROM gets 550.",
    "code-552":
        "Advertises SIZE 100. MAIL FROM with SIZE=n > 100 gets 552; without SIZE, the end of "
        "DATA gets 552 when the message is over 100 bytes.",
    "code-553":
        "AUTH works; MAIL FROM gets 553 ({addr} = the sender).",
    "code-554":
        "AUTH works; RCPT TO gets 554 relay denied.",
    "rcpt-550":
        "AUTH works; RCPT TO gets 550 user unknown.",
    "too-many":
        "Every AUTH gets 454 too many login attempts.",
    "auth-none":
        "No AUTH capability at all (before or after TLS); AUTH gets 503 5.5.1 Error: "
        "authentication not enabled; MAIL accepted without AUTH.",
    "auth-xoauth2-only":
        "After TLS only AUTH XOAUTH2 OAUTHBEARER; AUTH PLAIN/LOGIN get 504 5.5.4 Unrecognized "
        "authentication type; XOAUTH2 gets 535 5.7.3 Authentication unsuccessful [...].",
    "auth-cram":
        "After TLS only AUTH CRAM-MD5, verified for real (HMAC-MD5 of the challenge with the "
        "password); wrong digest: 535 5.7.8 Error: authentication failed: authentication "
        "failure.",
    "nostarttls":
        "STARTTLS not advertised (STARTTLS gets 502 5.5.1 Error: command not implemented); AUTH "
        "PLAIN LOGIN IS advertised in plain text and accepted: a client must still not send it. "
        "465 works normally.",
    "starttls-502":
        "STARTTLS advertised, answered with 502.",
    "starttls-454":
        "STARTTLS advertised, answered with 454.",
    "starttls-odd":
        "STARTTLS advertised, answered with 250 OK (no handshake follows).",
    "starttls-inject":
        "STARTTLS answered with the bytes `220 Ready to start TLS\\r\\n250-injected\\r\\n` in "
        "ONE write (the NO STARTTLS buffering attack), then the server does the TLS handshake "
        "if the client still starts it, and the session continues normally.",
    "ehlo-refused":
        "EHLO gets 502 5.5.2 Error: command not recognized (on every port); HELO gets `250 "
        "ehlo- refused.smtp.test`; STARTTLS gets 502 5.5.1 Error: command not implemented; AUTH "
        "gets 502 5.5.2; MAIL accepted after HELO.",
    "badcert-selfsigned":
        "Like ok, but a self-signed certificate for the right name (465 and after STARTTLS on "
        "25/587).",
    "badcert-unknownca":
        "Like ok, but the certificate is signed by a CA that is not in the bundle (`Postbote "
        "Unknown Test CA`).",
    "badcert-wronghost":
        "Like ok, but the certificate (from the lab CA) is for `not-this-host.example.test`.",
    "badcert-expired":
        "Like ok, but the certificate (lab CA) was valid 2020-01-01 to 2021-01-01.",
    "badcert-notyet":
        "Like ok, but the certificate (lab CA) is valid 2035-01-01 to 2036-01-01.",
    "stall":
        "Accepts the connection and never sends a greeting (on 465 the TLS handshake completes "
        "first). Lines the client sends are logged, never answered.",
    "slow-ehlo":
        "Answers every EHLO after 30 s; otherwise like ok.",
    "endless":
        "Greeting is `220-endless.smtp.test ESMTP greeting line N, more follows` continuation "
        "lines, as fast as the client reads, forever.",
    "longline":
        "Greeting is one line of 10 000+ bytes: `220 longline.smtp.test ESMTP xxxx...` (10 000 "
        "x).",
    "closemid":
        "Sends `220-partial\\r\\n` (a continuation line) and closes.",
    "garbage":
        "Sends non-SMTP bytes (with NUL, 0xff, an SSH banner and a fake TLS record), then logs "
        "and never answers.",
    "tls-on-587":
        "Port 587 speaks implicit TLS, like 465: the server waits for a ClientHello (60 s), so "
        "a STARTTLS client sees NO greeting and times out at the greeting stage; a client that "
        "sends EHLO gets the TLS handshake failure (connection closed). A TLS client on 587 "
        "gets a normal session. This is what a real mis-port (STARTTLS to an implicit-TLS port) "
        "looks like.",
    "greeting-multiline":
        "A three-line 220 greeting (a legal-notice banner), then a normal session like ok.",
    "ehlo-manylines":
        "EHLO reply of 120 filler lines (`250-X-LAB-FILLER-001` ...) before the normal "
        "capabilities: over 100 lines, a protocol error for Postbote.",
    "auth-encryption-required":
        "STARTTLS and AUTH PLAIN LOGIN both advertised before TLS; AUTH before TLS is answered "
        "at once (before any credentials) with 538; after STARTTLS AUTH works like ok.",
    "badcert-insecure":
        "Like ok, but the certificate (lab CA, valid dates, right name) is signed with SHA-1: "
        "GnuTLS flags it as an insecure algorithm, OpenSSL at security level 2 refuses it.",
    "quit-drop":
        "Like ok, but QUIT is answered by closing the connection without a 221 (as some real "
        "servers do): the check has succeeded by then and must not fail.",
    "slow-greeting":
        "Sends the greeting only after 3 s (like a postscreen greet pause), then a normal "
        "session like ok.",
    "auth-echo":
        "Like ok, but every AUTH is answered with 535 echoing the last response the client "
        "sent ({payload}: the base64 PLAIN response, or the LOGIN password), as some servers "
        "do: a client must not show it.",
    "extra-reply":
        "After the EHLO reply on a TLS connection, in the same write, an unasked "
        "`235 2.7.0 Authentication successful`; every AUTH then gets 535. A client that reads "
        "replies in order takes the 235 for its login.",
    "extra-after-rset":
        "The reply to RSET comes with a second `250 2.0.0 Ok` in the same write.",
    "greeting-extra":
        "The greeting comes with `250 OK` behind it in the same write, before any EHLO.",
    "greeting-421":
        "The greeting comes with a `421 4.3.2 Service shutting down` behind it in the same "
        "write: the one reply a server may send unasked (RFC 5321 3.8).",
    "auth-late-535":
        "Every AUTH gets `235 2.7.0 Authentication successful` at once and, 0.3 s later "
        "and unasked, `535 5.7.8 Error: authentication failed`: the late reply arrives while "
        "the client goes on.",
    "auth-extra":
        "A good login's `235` comes with an unasked `250 2.0.0 Ok` in the same write.",
    "starttls-421":
        "STARTTLS gets `421 4.7.0 TLS not available, closing connection`; the server closes.",
    "mail-421":
        "Gmail flavour; MAIL FROM gets Google's `421 4.7.0 Try again later, closing "
        "connection. (MAIL)` and the server closes, with the rest of the pipelined group "
        "unanswered.",
    "token-early":
        "Microsoft 365 capabilities (AUTH LOGIN XOAUTH2); `AUTH XOAUTH2` without an initial "
        "response gets 454 at once, before any 334; with one, 535 5.7.3 Authentication "
        "unsuccessful.",
    "tls-close-ehlo":
        "Implicit TLS on 465 only; after a good handshake, EHLO gets `250-` and one line, then "
        "the server drops the connection without closing TLS (no close_notify).",
    "starttls-inject-late":
        "STARTTLS gets `220 2.0.0 Ready to start TLS`; the server then waits for the "
        "client's first TLS bytes and answers them with plain `250 injected`, in a later "
        "segment than the 220.",
    "tls-refuse":
        "Implicit TLS on 465 and 587 that refuses every handshake: the ClientHello is answered "
        "with a fatal `handshake_failure` alert. Never plain SMTP.",
    "ehlo-nonsense":
        "EHLO gets `220` (a second greeting), no answer to EHLO at all.",
    "ehlo-421":
        "EHLO gets `421 4.7.0 ... Too many connections, closing`, then the server closes.",
    "auth-421":
        "Gmail flavour; every AUTH gets Google's `421 4.7.0 Try again later, closing "
        "connection.` and the server closes.",
    "rcpt-notloggedin":
        "RCPT TO gets Postfix's `553 5.7.1 <addr>: Sender address rejected: not logged in` "
        "(reject_sender_login_mismatch without a login).",
    "quit-silent":
        "QUIT gets no answer; the server keeps the connection open.",
    "echo-pass":
        "MAIL FROM gets a 550 that quotes the login's password back: split over two lines, "
        "base64 of it alone, and as it is.",
    "tls10":
        "Like ok, but the server speaks only TLS 1.0 (on 465 and after STARTTLS), as old "
        "appliances still do (RFC 8996 deprecated it). GnuTLS in Debian 12 still negotiates "
        "it; a client must refuse before AUTH.",
    "tls11":
        "Like tls10, but only TLS 1.1.",
    "weakkey":
        "Like ok, but the certificate (lab CA, valid dates, right name, SHA-256 signature) "
        "carries a 1024-bit RSA key: GnuTLS accepts it without a flag, so the client must "
        "look at the key itself.",
    "tls12":
        "Like ok, but TLS 1.2 at most (on 465 and after STARTTLS), as many providers still "
        "speak: a check must pass and report TLS 1.2.",
    "ipv6":
        "Like ok, on `::1` only (the lab's one IPv6 address), for the client's IPv6 "
        "connection and its `[IPv6:...]` EHLO name. The certificate also names `::1`, so "
        "`--server ::1` verifies too.",
    "foreign":
        "Like ok. As `smtp.evil.test` it is the outgoing server that the hostile autoconfig "
        "of `self-vouched.test` and `wk-vouched.test` names, with `evil.test` in its own "
        "domain list (tests/lab/www/discovery/): a check must not send it a password "
        "unconfirmed, so its log must show no AUTH.",
    "bidi-reply":
        "Like ok, but every AUTH gets a 535 whose text holds bidi controls (U+202E, U+202C, "
        "U+2067, U+2069), a right-to-left mark and a BOM: a client must show them visibly, "
        "never obey them.",
    "plain-on-465":
        "Port 465 speaks plain SMTP with STARTTLS: a TLS client receives `220 plain- "
        "on-465.smtp.test ESMTP Postfix (Debian/GNU)` as handshake bytes (OpenSSL: `wrong "
        "version number`, GnuTLS: `unexpected TLS packet`); its ClientHello is read as command "
        "lines and answered with 502.",
    "refused":
        "Nothing listens: connect gets ECONNREFUSED on every port.",
    "dropped":
        "nftables in the lab namespace drops SYNs to 127.0.2.1: connect times out (ETIMEDOUT "
        "after the kernel's retries, or the client's own timeout).",
}

SLOW_EHLO_SECONDS = 30
SLOW_GREETING_SECONDS = 3
EHLO_FILLER_LINES = 120
STARTTLS_INJECT = b"220 Ready to start TLS\r\n250-injected\r\n"
QUIT_SILENT_SECONDS = 60
AUTH_LATE_SECONDS = 0.3
GARBAGE = (b"\x00\x00\x00\x1c\xff\xfe\x00SSH-2.0-OpenSSH_9.2p1\x00\r\n"
           b"\x16\x03\x01\x00\x00\x00\x01\x02\x03\x00\x00\xc0\xde\r\n")


def scenario_address(name):
    sc = SCENARIOS[name]
    return sc.get("addr") or "127.0.1.%d" % sc["n"]


def scenario_host(name):
    return "%s.%s" % (name, DOMAIN)


def print_dnsmasq():
    scripted_lab.print_dnsmasq("scripted-smtp.py", "SMTP", (
        (scenario_host(name), scenario_address(name), [sc["alias"]] if sc.get("alias") else [])
        for name, sc in SCENARIOS.items()))


def print_markdown():
    """The per-scenario part of SCENARIOS.md, so the document cannot drift from the code."""
    print("<!-- generated by scripted-smtp.py --markdown: do not edit by hand -->")
    for name, sc in SCENARIOS.items():
        ports = sc.get("ports", DEFAULT_PORTS)
        desc = {PLAIN: "plain%s" % ("" if sc.get("starttls", "offer") == "none"
                                    or sc.get("ehlo") == "refused" else " + STARTTLS"),
                TLS: "implicit TLS", REFUSE: "implicit TLS that refuses every handshake"}
        print()
        print("### `%s`" % name)
        print()
        print("- `%s` = %s, ports: %s; flavour: %s; certificate: %s" % (
            scenario_host(name), scenario_address(name),
            ", ".join("%d %s" % (p, desc[m]) for p, m in ports.items()) or "none",
            sc.get("flavor", "postfix"), sc.get("cert", "valid (lab CA)")
            if ports else "none"))
        print("- " + DOCS[name])
        if sc.get("alias"):
            print("- Also answers as `%s` (DNS and certificate), for tests that need a name "
                  "outside `%s`." % (sc["alias"], DOMAIN))
        for key, what in (("greeting", "Greeting"), ("starttls", "Reply to STARTTLS"),
                          ("auth_plain_reply", "Reply to AUTH before TLS"),
                          ("auth_reply", "Reply to AUTH"), ("mail_reply", "Reply to MAIL FROM"),
                          ("rcpt_reply", "Reply to RCPT TO"),
                          ("data_reply", "Reply to MAIL FROM SIZE / end of DATA")):
            if isinstance(sc.get(key), list):
                print("- %s:" % what)
                print()
                print("  ```")
                for line in sc[key]:
                    print("  " + visible(line))
                print("  ```")
    print()
    print("<!-- end of generated part -->")


# --- One SMTP session ---------------------------------------------------------------------------

class AuthAborted(Exception):
    pass


class Session(LineSession):
    def __init__(self, server, name, port, mode, reader, writer):
        super().__init__(server.store, name, port, mode, reader, writer,
                         server.contexts.get(name), SCENARIOS[name].get("cert", "good"))
        self.srv = server
        self.sc = SCENARIOS[name]
        self.flavor = FLAVORS[self.sc.get("flavor", "postfix")]
        self.host = scenario_host(name)
        self.helo = None
        self.esmtp = False
        self.authed = False
        self.mail_from = None
        self.rcpts = []
        self.password = None

    # I/O
    def fmt(self, text, **kw):
        vals = {"host": self.host, "peer": self.peer, "helo": self.helo or "",
                "date": email.utils.formatdate(usegmt=False).replace("-0000", "+0000"),
                "size": self.sc.get("size", self.flavor["size"]), "addr": "", "addr_domain": "",
                "payload": ""}
        pw = self.password or ""
        vals.update(pw=pw, pw_head=pw[:len(pw) // 2], pw_tail=pw[len(pw) // 2:],
                    pw_b64=base64.b64encode(pw.encode()).decode())
        vals.update(kw)
        return text.format(**vals)

    async def send(self, lines, **kw):
        if isinstance(lines, str):
            lines = [lines]
        data = "".join(self.fmt(l, **kw) + "\r\n" for l in lines)
        self.writer.write(data.encode("utf-8"))
        await self.writer.drain()
        # RFC 5321 3.8: a server that says 421 closes the session, at whatever stage.
        if lines and lines[0].startswith("421"):
            raise Closed()

    async def drain_input(self):
        """Read and log whatever the client sends, answering nothing, until it gives up."""
        while True:
            await self.readline()

    async def converse(self):
        special = self.sc.get("special")
        if special == "stall":
            await self.drain_input()
        elif special == "endless":
            i = 0
            while True:
                i += 1
                await self.send("220-{host} ESMTP greeting line %d, more follows" % i)
        elif special == "slow-greeting":
            await asyncio.sleep(SLOW_GREETING_SECONDS)
        elif special == "closemid":
            self.writer.write(b"220-partial\r\n")
            await self.writer.drain()
            raise Closed()
        elif special == "garbage":
            self.writer.write(GARBAGE)
            await self.writer.drain()
            await self.drain_input()
        elif special == "greeting-extra":
            await self.send([self.flavor["greeting"] + "\r\n" + self.sc["extra"]])
            await self.dialogue()
            return
        greeting = self.sc.get("greeting") or [self.flavor["greeting"]]
        if special == "longline":
            greeting = ["220 {host} ESMTP " + "x" * 10000]
        await self.send(greeting)
        if not greeting[0].startswith("220"):
            raise Closed()
        await self.dialogue()

    async def dialogue(self):
        while True:
            raw = await self.readline()
            line = raw.rstrip(b"\r\n").decode("utf-8", "replace")
            verb, _, arg = line.partition(" ")
            handler = getattr(self, "cmd_" + verb.lower().replace("-", "_"), None)
            if handler is None or not verb.isalpha():
                await self.send("502 5.5.2 Error: command not recognized")
                continue
            try:
                await handler(arg.strip())
            except AuthAborted:
                pass

    def starttls_offered(self):
        return (not self.tls and self.mode == PLAIN and self.esmtp
                and self.sc.get("starttls", "offer") != "none")

    def auth_mechs(self):
        if not self.tls and not self.sc.get("auth_plain"):
            return []
        return self.sc.get("auth", self.flavor["auth"])

    async def cmd_ehlo(self, arg):
        if self.sc.get("ehlo") == "refused":
            await self.send("502 5.5.2 Error: command not recognized")
            return
        if self.sc.get("ehlo") == "slow":
            await asyncio.sleep(SLOW_EHLO_SECONDS)
        if isinstance(self.sc.get("ehlo"), list):
            await self.send(self.sc["ehlo"])
            return
        if self.sc.get("ehlo") == "close":
            # Cut off, without TLS's close_notify: the client sees the TLS session end early.
            await self.send("250-{host}")
            self.writer.transport.abort()
            raise Closed()
        self.helo, self.esmtp = arg, True
        self.reset()
        lines = [self.flavor["hello"]]
        if self.sc.get("ehlo") == "manylines":
            lines += ["X-LAB-FILLER-%03d" % i for i in range(1, EHLO_FILLER_LINES + 1)]
        for cap in self.flavor["caps"]:
            if cap == "%STARTTLS%":
                if self.starttls_offered():
                    lines.append("STARTTLS")
            elif cap == "%AUTH%":
                if self.auth_mechs():
                    lines.append("AUTH " + " ".join(self.auth_mechs()))
            else:
                lines.append(cap)
        reply = ["250%s%s" % ("-" if i < len(lines) - 1 else " ", l)
                 for i, l in enumerate(lines)]
        if self.sc.get("ehlo") == "extra" and self.tls:
            # One write: the unasked reply travels in the same segment as the EHLO reply.
            reply.append("235 2.7.0 Authentication successful")
        await self.send(reply, helo=arg)

    async def cmd_helo(self, arg):
        self.helo, self.esmtp = arg, False
        self.reset()
        await self.send("250 {host}")

    async def cmd_starttls(self, arg):
        behaviour = self.sc.get("starttls", "offer")
        if self.tls:
            await self.send("554 5.5.1 Error: TLS already active")
        elif behaviour == "none" or self.mode != PLAIN or not self.esmtp:
            await self.send("502 5.5.1 Error: command not implemented")
        elif isinstance(behaviour, list):
            await self.send(behaviour)
        else:
            if behaviour == "inject":
                # One write: the injected line travels in the same segment as the 220.
                self.writer.write(STARTTLS_INJECT)
                await self.writer.drain()
            elif behaviour == "inject-late":
                # The 220, then plain text once the client's ClientHello is on its way.
                await self.send("220 2.0.0 Ready to start TLS")
                await self.reader.read(5)
                self.writer.write(b"250 injected\r\n")
                await self.writer.drain()
                await self.drain_input()
            else:
                await self.send("220 2.0.0 Ready to start TLS")
            await self.start_tls()
            self.helo, self.esmtp, self.authed = None, False, False
            self.reset()

    async def cmd_auth(self, arg):
        mechs = self.auth_mechs()
        parts = arg.split()
        mech = parts[0].upper() if parts else ""
        initial = parts[1] if len(parts) > 1 else None
        if not self.esmtp:
            await self.send("503 5.5.1 Error: send HELO/EHLO first"
                            if self.sc.get("ehlo") != "refused"
                            else "502 5.5.2 Error: command not recognized")
            return
        if not self.tls and "auth_plain_reply" in self.sc:
            await self.send(self.sc["auth_plain_reply"])
            return
        if not self.tls and not self.sc.get("auth_plain") and self.mode == PLAIN \
                and self.sc.get("auth", self.flavor["auth"]):
            await self.send("530 5.7.0 Must issue a STARTTLS command first")
            return
        if not mechs:
            await self.send("503 5.5.1 Error: authentication not enabled")
            return
        if self.authed:
            await self.send("503 5.5.1 Error: already authenticated")
            return
        if mech not in mechs:
            await self.send("504 5.5.4 Unrecognized authentication type")
            return
        user = password = None
        if mech == "PLAIN":
            resp = initial if initial is not None else await self.challenge("")
            fields = self.b64(resp).split(b"\x00")
            if len(fields) == 3:
                user, password = fields[1], fields[2]
        elif mech == "LOGIN":
            resp = initial if initial is not None else await self.challenge("VXNlcm5hbWU6")
            user = self.b64(resp)
            resp = await self.challenge("UGFzc3dvcmQ6")
            password = self.b64(resp)
        elif mech == "CRAM-MD5":
            nonce = "<%d.%d@%s>" % (secrets.randbelow(1 << 31), int(time.time()), self.host)
            resp = self.b64(await self.challenge(base64.b64encode(nonce.encode()).decode()))
            cuser, _, digest = resp.partition(b" ")
            want = hmac.new(PASSWORD.encode(), nonce.encode(), hashlib.md5).hexdigest()
            user = cuser
            password = PASSWORD.encode() if hmac.compare_digest(digest, want.encode()) else b""
        else:
            # XOAUTH2/OAUTHBEARER: nobody here hands out tokens.
            if initial is None and "token_early" in self.sc:
                await self.send(self.sc["token_early"])
                return
            if initial is None:
                await self.challenge("")
            await self.send(self.sc.get("auth_reply")
                            or "535 5.7.3 Authentication unsuccessful " + MS_TRAILER)
            return
        if user is None:
            await self.send("501 5.5.2 Syntax error in parameters")
            return
        if "auth_late" in self.sc:
            await self.send(self.sc["auth_late"][0])
            await asyncio.sleep(AUTH_LATE_SECONDS)
            await self.send(self.sc["auth_late"][1])
        elif "auth_reply" in self.sc:
            payload = resp.decode("ascii", "replace") if isinstance(resp, bytes) else resp
            await self.send(self.sc["auth_reply"], payload=payload)
        elif user == ("user@" + self.host).encode() and password == PASSWORD.encode():
            self.authed = True
            self.password = PASSWORD
            # auth_extra: an unasked reply in the same write as the 235.
            extra = "\r\n" + self.sc["auth_extra"] if "auth_extra" in self.sc else ""
            await self.send(self.flavor["auth_ok"] + extra)
        else:
            await self.send("535 5.7.8 Error: authentication failed: authentication failure")

    async def challenge(self, text):
        await self.send("334 " + text)
        resp = (await self.readline()).strip()
        if resp == b"*":
            await self.send("501 5.7.0 Authentication aborted")
            raise AuthAborted()
        return resp

    @staticmethod
    def b64(data):
        try:
            return base64.b64decode(data, validate=True)
        except (ValueError, TypeError):
            return b""

    def reset(self):
        self.mail_from, self.rcpts = None, []

    @staticmethod
    def address(arg, keyword):
        """Address and parameters of 'FROM:<a> SIZE=1'."""
        if not arg.upper().startswith(keyword + ":"):
            return None, {}
        rest = arg[len(keyword) + 1:].strip()
        addr, _, params = rest.partition(" ")
        addr = addr.strip("<>")
        kv = {}
        for p in params.split():
            k, _, v = p.partition("=")
            kv[k.upper()] = v
        return addr, kv

    def submission_refusal(self):
        """Why MAIL is refused on a submission port (465/587) before AUTH, or None."""
        if (self.port == 25 or self.authed or self.sc.get("ehlo") == "refused"
                or not self.sc.get("auth", self.flavor["auth"])):
            return None
        if not self.auth_mechs():
            return "530 5.7.0 Must issue a STARTTLS command first"
        return "530 5.7.0 Authentication required"

    async def cmd_mail(self, arg):
        if self.helo is None:
            await self.send("503 5.5.1 Error: send HELO/EHLO first")
            return
        addr, params = self.address(arg, "FROM")
        if addr is None:
            await self.send("501 5.5.4 Syntax: MAIL FROM:<address>")
            return
        refusal = self.submission_refusal()
        if refusal:
            await self.send(refusal)
            return
        size = self.sc.get("size")
        if size and params.get("SIZE", "0").isdigit() and int(params.get("SIZE", "0")) > size:
            await self.send(self.sc["data_reply"])
            return
        if "mail_reply" in self.sc:
            await self.send(self.sc["mail_reply"], addr=addr)
            return
        self.mail_from = addr
        await self.send("250 2.1.0 Ok")

    async def cmd_rcpt(self, arg):
        if self.mail_from is None:
            await self.send("503 5.5.1 Error: need MAIL command")
            return
        addr, _ = self.address(arg, "TO")
        if addr is None:
            await self.send("501 5.5.4 Syntax: RCPT TO:<address>")
            return
        if "rcpt_reply" in self.sc:
            await self.send(self.sc["rcpt_reply"], addr=addr,
                            addr_domain=addr.rpartition("@")[2])
            return
        self.rcpts.append(addr)
        await self.send("250 2.1.5 Ok")

    async def cmd_data(self, arg):
        if not self.rcpts:
            await self.send("503 5.5.1 Error: need RCPT command")
            return
        await self.send("354 End data with <CR><LF>.<CR><LF>")
        body = []
        while True:
            raw = await self.readline(log=False)
            if raw.rstrip(b"\r\n") == b".":
                break
            body.append(raw[1:] if raw.startswith(b"..") else raw)
        data = b"".join(body)
        self.srv.store_message(self.name, data)
        self.log(b"<DATA %d bytes>" % len(data))
        size = self.sc.get("size")
        if "data_reply" in self.sc and (not size or len(data) > size):
            await self.send(self.sc["data_reply"])
        else:
            await self.send("250 2.0.0 Ok: queued as %s" % secrets.token_hex(5).upper())
        self.reset()

    async def cmd_rset(self, arg):
        self.reset()
        if self.sc.get("rset") == "extra":
            await self.send(["250 2.0.0 Ok\r\n250 2.0.0 Ok"])
            return
        await self.send("250 2.0.0 Ok")

    async def cmd_noop(self, arg):
        await self.send("250 2.0.0 Ok")

    async def cmd_quit(self, arg):
        if self.sc.get("quit") == "silent":
            await asyncio.sleep(QUIT_SILENT_SECONDS)
        elif self.sc.get("quit") != "drop":
            await self.send("221 2.0.0 Bye")
        raise Closed()


# --- The server ---------------------------------------------------------------------------------

class Server:
    def __init__(self, lab_dir):
        self.store = Store(os.path.join(lab_dir, "scripted"))
        self.dir = self.store.dir
        self.contexts = {}
        self.msg_count = {}
        certs = Certs(lab_dir, os.path.join(self.dir, "certs"))
        files = {}
        for name, sc in SCENARIOS.items():
            if not sc.get("ports", DEFAULT_PORTS):
                continue
            addr = scenario_address(name)
            files[name] = certs.make(name, sc.get("cert", "good"), scenario_host(name),
                                     [sc["alias"]] if sc.get("alias") else [],
                                     addr if ":" in addr else None)
        certs.wait()
        for name, (crt, key) in files.items():
            self.contexts[name] = tls_context(crt, key, SCENARIOS[name])

    def store_message(self, name, data):
        n = self.msg_count.get(name, 0) + 1
        self.msg_count[name] = n
        with open(os.path.join(self.dir, "%s-%d.eml" % (name, n)), "wb") as f:
            f.write(data)

    async def serve(self, only=None):
        servers = []
        for name, sc in SCENARIOS.items():
            if only and name not in only:
                continue
            for port, mode in sc.get("ports", DEFAULT_PORTS).items():
                def cb(r, w, name=name, port=port, mode=mode):
                    return Session(self, name, port, mode, r, w).run()
                servers.append(await asyncio.start_server(cb, scenario_address(name), port,
                                                          reuse_address=True))
        return servers


def add_arguments(ap):
    ap.add_argument("--only", nargs="*", help="serve only these scenarios")
    ap.add_argument("--list", action="store_true")


def list_scenarios(args):
    if not args.list:
        return False
    for name, sc in SCENARIOS.items():
        ports = sc.get("ports", DEFAULT_PORTS)
        print("%-22s %-10s %s" % (name, scenario_address(name),
                                  " ".join("%d/%s" % pm for pm in ports.items())))
    return True


def main():
    return scripted_lab.main(__doc__.split("\n")[0], "scripted-smtp", print_dnsmasq,
                             print_markdown, lambda args: Server(args.lab_dir).serve(args.only),
                             add_arguments, list_scenarios)


if __name__ == "__main__":
    sys.exit(main())
