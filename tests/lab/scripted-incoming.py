#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scripted IMAP and POP3 server of the Postbote lab.

What the lab's Dovecot will not say: providers' refusals word for word (GMX with POP3/IMAP
access off, Gmail's [ALERT], Microsoft's "AUTHENTICATE failed."), a mailbox in use, a POP3
login delay, a server in trouble, and attacks on the client (a tagged reply under a tag it
never sent, PREAUTH on a connection that must be upgraded, bytes injected after the STARTTLS
or STLS answer). Each scenario is <scenario>.incoming.test on its own address 127.0.6.N and
serves IMAP on 143 (STARTTLS) and 993, POP3 on 110 (STLS) and 995. Every line a client sends
goes to $PB_LAB_DIR/scripted-incoming/<scenario>.log before the answer.

Usage:
  scripted-incoming.py --lab-dir DIR [--ready-file FILE]   serve (certificates made on start)
  scripted-incoming.py --print-dnsmasq                     dns.d/scripted-incoming.conf
  scripted-incoming.py --markdown                          the scenario part of SCENARIOS.md
"""

import asyncio
import base64
import os
import re
import sys

import scripted_lab
from scripted_lab import PLAIN, TLS, Certs, Closed, LineSession, Store, tls_context, visible

DOMAIN = "incoming.test"
PASSWORD = "Scripted-Pass-1"
IMAP_PORTS = {143: PLAIN, 993: TLS}
POP3_PORTS = {110: PLAIN, 995: TLS}
# A literal the client announces ({n}) is read up to this size; a login needs little.
MAX_LITERAL = 8192

# How each provider's servers greet and what they offer, in their own order.
FLAVORS = {
    "dovecot": {
        "imap_greeting": "* OK [CAPABILITY {caps}] Scripted IMAP ready.",
        "imap_caps": "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ %STARTTLS% "
                     "AUTH=PLAIN",
        "pop3_greeting": "+OK Scripted POP3 ready.",
        "pop3_capa": ["CAPA", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING",
                      "USER", "SASL PLAIN", "%STLS%"],
    },
    "gmx": {
        "imap_greeting": "* OK [CAPABILITY {caps}] IMAP server ready H migmx115 "
                         "1MUosT-1tWxUh0pUV-00RXdI",
        "imap_caps": "IMAP4rev1 CHILDREN ENABLE ID IDLE LIST-EXTENDED LIST-STATUS LITERAL- MOVE "
                     "NAMESPACE QUOTA SPECIAL-USE %STARTTLS% AUTH=LOGIN AUTH=PLAIN",
        "pop3_greeting": "+OK POP server ready H migmx115 1MUosT-1tWxUh0pUV-00RXdI",
        "pop3_capa": ["TOP", "UIDL", "USER", "SASL PLAIN LOGIN", "%STLS%", "RESP-CODES"],
    },
    "gmail": {
        "imap_greeting": "* OK Gimap ready for requests from {peer} a640c23a62f3a-ab67626ed31",
        "imap_caps": "IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 "
                     "XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN "
                     "AUTH=OAUTHBEARER AUTH=XOAUTH %STARTTLS%",
        "pop3_greeting": "+OK Gpop ready for requests from {peer} a640c23a62f3a-ab67626ed31",
        "pop3_capa": ["USER", "RESP-CODES", "EXPIRE 0", "LOGIN-DELAY 300", "TOP", "UIDL",
                      "X-GOOGLE-RICO", "SASL PLAIN XOAUTH2 OAUTHBEARER", "%STLS%"],
    },
    "microsoft": {
        "imap_greeting": "* OK The Microsoft Exchange IMAP4 service is ready. "
                         "[QQBNADAAUABSADEAMABDAEEAMAAwADgANwAuAEUAVQBSAFAAUgBEADEAMAA=]",
        "imap_caps": "IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS ID UNSELECT "
                     "CHILDREN IDLE NAMESPACE LITERAL+ %STARTTLS%",
        "pop3_greeting": "+OK The Microsoft Exchange POP3 service is ready. "
                         "[QQBNADAAUABSADEAMABDAEEAMAAwADgANwAuAEUAVQBSAFAAUgBEADEAMAA=]",
        "pop3_capa": ["TOP", "UIDL", "SASL PLAIN XOAUTH2", "USER", "%STLS%"],
    },
    # A server that takes tokens only, with XOAUTH2 and without SASL-IR.
    "xoauth2": {
        "imap_greeting": "* OK [CAPABILITY {caps}] Scripted IMAP ready.",
        "imap_caps": "IMAP4rev1 ID %STARTTLS% AUTH=XOAUTH2",
        "pop3_greeting": "+OK Scripted POP3 ready.",
        "pop3_capa": ["TOP", "UIDL", "USER", "SASL XOAUTH2", "%STLS%"],
    },
}

# The scenarios. n: last octet of 127.0.6.n (stable: never renumber, only append).
# Keys: flavor; aliases (more host names, in DNS and the certificate, for the provider's
# name); imap_login / pop3_login: the answer to every login ({tag} is the command's tag);
# imap_greeting; starttls: "inject"; token: how AUTHENTICATE XOAUTH2 goes ("document": the
# error document after the token, "refuse": NO before the token).
SCENARIOS = {
    "ok": {"n": 1},
    "gmx-off": {"n": 2, "flavor": "gmx",
                "aliases": ["lab-incoming.gmx.net", "lab-incoming.web.de"],
                "imap_login": "{tag} NO authentication failed",
                "pop3_login": "-ERR authentication failed"},
    "gmail-alert": {"n": 3, "flavor": "gmail", "aliases": ["lab-incoming.gmail.com"],
                    "imap_login": "{tag} NO [ALERT] Application-specific password required: "
                                  "https://support.google.com/accounts/answer/185833 (Failure)",
                    "pop3_login": "-ERR [AUTH] Application-specific password required: "
                                  "https://support.google.com/accounts/answer/185833"},
    "ms-basic": {"n": 4, "flavor": "microsoft", "aliases": ["lab-incoming.office365.com"],
                 "imap_login": "{tag} NO {verb} failed.",
                 "pop3_login": "-ERR Logon failure: unknown user name or bad password."},
    "inuse": {"n": 5, "imap_login": "{tag} NO [INUSE] Mailbox is locked by another session",
              "pop3_login": "-ERR [IN-USE] Unable to lock maildrop: mailbox is in use"},
    "login-delay": {"n": 6,
                    "pop3_login": "-ERR [LOGIN-DELAY] Minimum time between logins is 15 "
                                  "minutes"},
    "unavailable": {"n": 7, "imap_login": "{tag} NO [UNAVAILABLE] Temporary authentication "
                                          "failure.",
                    "pop3_login": "-ERR [SYS/TEMP] Temporary system problem, please try again "
                                  "later"},
    "wrong-tag": {"n": 8, "imap_login": "X999 OK [CAPABILITY IMAP4rev1] Logged in"},
    "preauth": {"n": 9, "imap_greeting": "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS "
                                         "AUTH=PLAIN] Logged in as alice@lab.test"},
    "starttls-inject": {"n": 10, "starttls": "inject"},
    "alert-hostile": {"n": 11, "imap_login": "{tag} NO [ALERT] Your account is locked. Call "
                                             "+1-555-0100 now: \u202egro.elpmaxe@troppus"
                                             "\u202c <a href=\"https://evil.example/\">unlock"
                                             "</a>"},
    # The round trip over POP3 (maildrop: messages; ours: the number of the one with
    # ROUND_TRIP_ID; top: how TOP answers).
    "rt-no-uidl": {"n": 12, "no_uidl": True, "messages": 30, "ours": 25},
    "rt-huge-header": {"n": 13, "messages": 3, "ours": 1, "top": "huge"},
    "rt-bare-lf": {"n": 14, "messages": 4, "ours": 4, "top": "bare-lf"},
    "rt-endless": {"n": 15, "messages": 2, "top": "endless"},
    "rt-busy": {"n": 17, "messages": 1, "busy": "-ERR [IN-USE] Mailbox is locked by another "
                                                "session"},
    "rt-no-top": {"n": 18, "messages": 2, "ours": 1, "no_top": True},
    "rt-quit-fails": {"n": 16, "messages": 1, "ours": 1, "quit": "-ERR [SYS/TEMP] Unable to "
                                                                 "remove deleted messages"},
    "rt-busy-always": {"n": 19, "messages": 1, "busy_always": True,
                       "busy": "-ERR [LOGIN-DELAY] Minimum time between logins is 15 minutes"},
    "rt-huge-own": {"n": 20, "messages": 2, "ours": 2, "top": "huge-own"},
    "token-document": {"n": 21, "flavor": "xoauth2", "token": "document"},
    "token-refused": {"n": 22, "flavor": "xoauth2", "token": "refuse"},
}

# The error document of RFC 7628 3.2.2 as Google sends it for XOAUTH2.
TOKEN_DOCUMENT = base64.b64encode(
    b'{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}').decode()

# The Message-ID the round-trip tests look for on these scenarios.
ROUND_TRIP_ID = "<round-trip@incoming.test>"
# Header lines of the "huge" TOP answer: far more than any mail header.
HUGE_HEADER_LINES = 5000
# The one header line of the next message: far longer than any line of a mail header.
HUGE_LINE_BYTES = 100000

DOCS = {
    "ok": "Dovecot-like; everything works: STARTTLS/STLS on 143/110, implicit TLS on 993/995, "
          "the login with the scripted password, EXAMINE INBOX (3 messages), STAT (3).",
    "gmx-off": "GMX's greeting and capabilities; every login is refused as GMX and WEB.DE "
               "refuse it while POP3/IMAP access is off in the web settings.",
    "gmail-alert": "Gmail's greeting and capabilities; every login gets Google's "
                   "app-password refusal, in IMAP as an [ALERT].",
    "ms-basic": "Exchange Online's greeting and capabilities; every login gets Microsoft's "
                "bare refusal (`AUTHENTICATE failed.`, `LOGIN failed.`, POP3's logon failure): "
                "password login is off.",
    "inuse": "Every login: the mailbox is in use (IMAP INUSE, POP3 [IN-USE]).",
    "login-delay": "POP3 logins get [LOGIN-DELAY]; IMAP works.",
    "unavailable": "Every login: the server's passing trouble (IMAP UNAVAILABLE, POP3 "
                   "[SYS/TEMP]).",
    "wrong-tag": "IMAP's login is answered `OK` under the tag X999, which the client never "
                 "sent: a forged success.",
    "preauth": "The IMAP greeting is PREAUTH: logged in before any TLS, so STARTTLS on 143 "
               "can never start.",
    "starttls-inject": "STARTTLS and STLS are answered, in one write with the OK, with a line "
                       "injected before the handshake (`* CAPABILITY ...`, `+OK injected`); "
                       "a client that still starts TLS gets a normal session.",
    "alert-hostile": "IMAP's login is refused with an [ALERT] that holds markup, a phone "
                     "number and bidi controls: a client shows it as the server's words, "
                     "visibly, never as its own.",
    "rt-no-uidl": "POP3 as RFC 1939 alone: `-ERR` to CAPA and to UIDL; 30 messages, number 25 "
                  "is the round trip's (`<round-trip@incoming.test>`), TOP and DELE work.",
    "rt-huge-header": "POP3 with 3 messages: TOP answers message 3 with a header of 5000 "
                      "lines, message 2 with a header line of 100,000 bytes; message 1 is the "
                      "round trip's.",
    "rt-bare-lf": "POP3's TOP answers with bare LF line ends; message 4 of 4 is the round "
                  "trip's.",
    "rt-endless": "POP3's TOP answers `+OK` and two header lines, then nothing, never the "
                  "final dot.",
    "rt-busy": "POP3 whose logins go in threes: the first finds 1 message (not the round "
               "trip's), the second is refused with [IN-USE], the third finds 2 messages, "
               "number 2 the round trip's.",
    "rt-no-top": "POP3 whose CAPA lists no TOP, and TOP is refused; message 1 of 2 is the "
                 "round trip's.",
    "rt-quit-fails": "POP3 with the round trip's message alone (number 1 of 1), whose QUIT "
                     "after DELE is refused: the deletion may not have happened.",
    "rt-busy-always": "POP3 whose first login finds 1 message (not the round trip's); every "
                      "later login is refused with [LOGIN-DELAY].",
    "rt-huge-own": "POP3 with 2 messages: message 2, the round trip's, has a header line of "
                   "100,000 bytes before its Message-ID line.",
    "token-document": "IMAP offers only AUTH=XOAUTH2, without SASL-IR: `AUTHENTICATE XOAUTH2` "
                      "gets an empty `+`, the token gets Google's error document (status 401) "
                      "as a `+` challenge, and the client's answer to it `NO "
                      "[AUTHENTICATIONFAILED]`.",
    "token-refused": "IMAP offers only AUTH=XOAUTH2, without SASL-IR: `AUTHENTICATE XOAUTH2` "
                     "gets `NO [UNAVAILABLE]` at once, before any token.",
}


def scenario_address(name):
    return "127.0.6.%d" % SCENARIOS[name]["n"]


def scenario_host(name):
    return "%s.%s" % (name, DOMAIN)


def print_dnsmasq():
    scripted_lab.print_dnsmasq("scripted-incoming.py", "IMAP/POP3", (
        (scenario_host(name), scenario_address(name), sc.get("aliases", []))
        for name, sc in SCENARIOS.items()))


def print_markdown():
    print("<!-- generated by scripted-incoming.py --markdown: do not edit by hand -->")
    for name, sc in SCENARIOS.items():
        print()
        print("### `%s` (IMAP, POP3)" % name)
        print()
        print("- `%s` = %s; IMAP 143 plain + STARTTLS, 993 implicit TLS; POP3 110 plain + "
              "STLS, 995 implicit TLS; flavour: %s" % (scenario_host(name), scenario_address(name),
                                                       sc.get("flavor", "dovecot")))
        print("- " + DOCS[name])
        if sc.get("aliases"):
            print("- Also answers as %s (DNS and certificate)." %
                  ", ".join("`%s`" % a for a in sc["aliases"]))
        for key, what in (("imap_greeting", "IMAP greeting"), ("imap_login", "IMAP login"),
                          ("pop3_login", "POP3 login")):
            if key in sc:
                print("- %s: `%s`" % (what, visible(sc[key])))
    print()
    print("<!-- end of the generated incoming part -->")


def plain_password(b64):
    """The password of a SASL PLAIN response (authzid NUL authcid NUL password)."""
    try:
        return base64.b64decode(b64, validate=True).split(b"\0")[2].decode("utf-8", "replace")
    except (ValueError, IndexError):
        return None


# --- IMAP -------------------------------------------------------------------------------

class IncomingSession(LineSession):
    """A connection to one scenario: its settings and its provider's flavour."""

    def __init__(self, server, name, port, mode, reader, writer):
        super().__init__(server.store, name, port, mode, reader, writer,
                         server.contexts[name], "good")
        self.sc = SCENARIOS[name]
        self.flavor = FLAVORS[self.sc.get("flavor", "dovecot")]


class ImapSession(IncomingSession):

    def caps(self):
        offer = "STARTTLS" if self.mode == PLAIN and not self.tls else ""
        return re.sub(" +", " ", self.flavor["imap_caps"].replace("%STARTTLS%", offer)).strip()

    async def say(self, *lines):
        text = "".join(line.format(caps=self.caps(), peer=self.peer) + "\r\n" for line in lines)
        await self.write(text.encode("utf-8"))

    async def read_command(self):
        """One command with its literals inline; the announcement {n} gets its "+"."""
        line = (await self.readline()).rstrip(b"\r\n")
        while True:
            m = re.search(rb"\{(\d+)(\+?)\}$", line)
            if not m or int(m.group(1)) > MAX_LITERAL:
                return line.decode("utf-8", "replace")
            if not m.group(2):
                await self.say("+ Ready for literal data")
            data = await self.reader.readexactly(int(m.group(1)))
            line = line[:m.start()] + b'"' + data + b'"' + (await self.readline()).rstrip(b"\r\n")

    async def converse(self):
        await self.say(self.sc.get("imap_greeting", self.flavor["imap_greeting"]))
        while True:
            tag, _, rest = (await self.read_command()).partition(" ")
            verb, _, arg = rest.partition(" ")
            handler = getattr(self, "cmd_" + verb.lower(), None)
            if handler is None:
                await self.say("%s BAD Unknown command" % tag)
                continue
            await handler(tag, arg)

    async def cmd_capability(self, tag, arg):
        await self.say("* CAPABILITY {caps}", "%s OK CAPABILITY completed" % tag)

    async def cmd_id(self, tag, arg):
        await self.say('* ID ("name" "Scripted")', "%s OK ID completed" % tag)

    async def cmd_noop(self, tag, arg):
        await self.say("%s OK NOOP completed" % tag)

    async def cmd_starttls(self, tag, arg):
        if self.sc.get("starttls") == "inject":
            await self.say("%s OK Begin TLS negotiation now" % tag,
                           "* CAPABILITY IMAP4rev1 AUTH=PLAIN")
        else:
            await self.say("%s OK Begin TLS negotiation now" % tag)
        await self.start_tls()

    async def login_answer(self, tag, verb, password):
        if "imap_login" in self.sc:
            await self.say(self.sc["imap_login"].replace("{tag}", tag).replace("{verb}", verb))
        elif password == PASSWORD:
            await self.say("%s OK [CAPABILITY {caps}] Logged in" % tag)
        else:
            await self.say("%s NO [AUTHENTICATIONFAILED] Authentication failed." % tag)

    async def cmd_login(self, tag, arg):
        args = re.findall(r'"((?:[^"\\]|\\.)*)"|(\S+)', arg)
        password = (args[1][0] or args[1][1]) if len(args) > 1 else None
        await self.login_answer(tag, "LOGIN", password)

    async def authenticate_token(self, tag):
        if self.sc["token"] == "refuse":
            await self.say("%s NO [UNAVAILABLE] Temporary authentication failure." % tag)
            return
        await self.say("+ ")
        await self.readline()
        await self.say("+ " + TOKEN_DOCUMENT)
        await self.readline()
        await self.say("%s NO [AUTHENTICATIONFAILED] Authentication failed." % tag)

    async def cmd_authenticate(self, tag, arg):
        mechanism, _, initial = arg.partition(" ")
        if mechanism.upper() == "XOAUTH2" and "token" in self.sc:
            await self.authenticate_token(tag)
            return
        if mechanism.upper() != "PLAIN":
            await self.say("%s NO [CANNOT] Unsupported authentication mechanism" % tag)
            return
        if not initial:
            await self.say("+ ")
            initial = (await self.readline()).rstrip(b"\r\n").decode("ascii", "replace")
        await self.login_answer(tag, "AUTHENTICATE", plain_password(initial))

    async def cmd_examine(self, tag, arg):
        await self.say("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", "* 3 EXISTS",
                       "* 0 RECENT", "* OK [UIDVALIDITY 1700000000] UIDs valid",
                       "%s OK [READ-ONLY] Examine completed" % tag)

    cmd_select = cmd_examine

    async def cmd_logout(self, tag, arg):
        await self.say("* BYE Logging out", "%s OK Logout completed." % tag)
        raise Closed()


# --- POP3 -------------------------------------------------------------------------------

class Pop3Session(IncomingSession):
    busy_logins = {}   # the rt-busy* scenarios' logins so far, over every connection

    async def say(self, *lines):
        text = "".join(line.replace("{peer}", self.peer) + "\r\n" for line in lines)
        await self.write(text.encode("utf-8"))

    async def converse(self):
        await self.say(self.flavor["pop3_greeting"])
        while True:
            line = (await self.readline()).rstrip(b"\r\n").decode("utf-8", "replace")
            verb, _, arg = line.partition(" ")
            handler = getattr(self, "cmd_" + verb.lower(), None)
            if handler is None:
                await self.say("-ERR Unknown command")
                continue
            await handler(arg)

    async def cmd_capa(self, arg):
        if self.sc.get("no_uidl"):
            await self.say("-ERR Unknown command")
            return
        offer = "STLS" if self.mode == PLAIN and not self.tls else None
        caps = [offer if c == "%STLS%" else c for c in self.flavor["pop3_capa"]
                if not (c == "TOP" and self.sc.get("no_top"))]
        await self.say("+OK", *[c for c in caps if c], ".")

    async def cmd_stls(self, arg):
        if self.sc.get("starttls") == "inject":
            await self.say("+OK Begin TLS negotiation", "+OK injected")
        else:
            await self.say("+OK Begin TLS negotiation")
        await self.start_tls()

    async def cmd_user(self, arg):
        await self.say("+OK")

    async def login_answer(self, password):
        if "busy" in self.sc and password == PASSWORD:
            await self.busy_login()
        elif "pop3_login" in self.sc:
            await self.say(self.sc["pop3_login"])
        elif password == PASSWORD:
            await self.say("+OK Logged in.")
        else:
            await self.say("-ERR [AUTH] Authentication failed.")

    async def busy_login(self):
        """Logins in threes (rt-busy): ok, refused as busy, ok with the message arrived; or
        (busy_always) the first ok and every later one refused as busy."""
        look = Pop3Session.busy_logins.get(self.name, 0)
        Pop3Session.busy_logins[self.name] = look + 1
        if look > 0 if self.sc.get("busy_always") else look % 3 == 1:
            await self.say(self.sc["busy"])
            return
        if look % 3 == 2 and not self.sc.get("busy_always"):
            self.sc = dict(self.sc, messages=2, ours=2)
        await self.say("+OK Logged in.")

    async def cmd_pass(self, arg):
        await self.login_answer(arg)

    async def cmd_auth(self, arg):
        mechanism, _, initial = arg.partition(" ")
        if mechanism.upper() != "PLAIN":
            await self.say("-ERR Unsupported authentication mechanism")
            return
        if not initial:
            await self.say("+ ")
            initial = (await self.readline()).rstrip(b"\r\n").decode("ascii", "replace")
        await self.login_answer(plain_password(initial))

    async def cmd_stat(self, arg):
        n = self.sc.get("messages", 3)
        await self.say("+OK %d %d" % (n, 1000 * n) if n != 3 else "+OK 3 4711")

    def message(self, arg):
        """The message number a command names, or None."""
        word = arg.split(" ")[0]
        n = int(word) if word.isdigit() else 0
        return n if 1 <= n <= self.sc.get("messages", 3) else None

    async def cmd_uidl(self, arg):
        n = self.message(arg)
        if self.sc.get("no_uidl"):
            await self.say("-ERR Unknown command")
        elif n is None:
            await self.say("-ERR No such message")
        else:
            await self.say("+OK %d uid-%04d" % (n, n))

    def header(self, n):
        mid = ROUND_TRIP_ID if n == self.sc.get("ours") else "<other-%d@incoming.test>" % n
        return ["Received: from lab by scripted.incoming.test; Sun, 6 Dec 2026 08:00:00 +0000",
                "Message-ID: " + mid, "Subject: Message %d" % n,
                "DKIM-Signature: v=1; a=rsa-sha256; d=incoming.test; s=scripted;",
                " h=From:Subject; bh=YWJj; b=ZGVm", ""]

    async def cmd_top(self, arg):
        n = self.message(arg)
        top = self.sc.get("top")
        if n is None or self.sc.get("no_top"):
            await self.say("-ERR No such message" if n is None else "-ERR Unknown command")
        elif top == "huge" and n == self.sc["messages"]:
            await self.say("+OK", *["X-Filler-%d: %s" % (i, "x" * 60)
                                    for i in range(HUGE_HEADER_LINES)], ".")
        elif top == "huge" and n == self.sc["messages"] - 1:
            await self.say("+OK", "X-Filler: " + "x" * HUGE_LINE_BYTES, ".")
        elif top == "huge-own" and n == self.sc["ours"]:
            first, *rest = self.header(n)
            await self.say("+OK", first, "X-Filler: " + "x" * HUGE_LINE_BYTES, *rest, ".")
        elif top == "bare-lf":
            await self.write(("\n".join(["+OK"] + self.header(n) + ["."]) + "\n").encode())
        elif top == "endless":
            await self.say("+OK", *self.header(n)[:2])
            await self.readline()   # until the client gives up and closes
            raise Closed()
        else:
            await self.say("+OK", *self.header(n), ".")

    async def cmd_dele(self, arg):
        n = self.message(arg)
        await self.say("+OK Marked to be deleted." if n else "-ERR No such message")

    async def cmd_quit(self, arg):
        await self.say(self.sc.get("quit", "+OK Logging out."))
        raise Closed()


# --- The server -------------------------------------------------------------------------

class Server:
    def __init__(self, lab_dir):
        self.store = Store(os.path.join(lab_dir, "scripted-incoming"))
        certs = Certs(lab_dir, os.path.join(self.store.dir, "certs"))
        files = {name: certs.make(name, "good", scenario_host(name), sc.get("aliases", []))
                 for name, sc in SCENARIOS.items()}
        certs.wait()
        self.contexts = {name: tls_context(crt, key, SCENARIOS[name])
                         for name, (crt, key) in files.items()}

    async def serve(self):
        servers = []
        for name in SCENARIOS:
            for session, ports in ((ImapSession, IMAP_PORTS), (Pop3Session, POP3_PORTS)):
                for port, mode in ports.items():
                    def cb(r, w, name=name, port=port, mode=mode, session=session):
                        return session(self, name, port, mode, r, w).run()
                    servers.append(await asyncio.start_server(cb, scenario_address(name), port,
                                                              reuse_address=True))
        return servers


def main():
    return scripted_lab.main(__doc__.split("\n")[0], "scripted-incoming", print_dnsmasq,
                             print_markdown, lambda args: Server(args.lab_dir).serve())


if __name__ == "__main__":
    sys.exit(main())
