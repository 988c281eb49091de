#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets into tests/fuzz/seeds/<target>/.

The POP3 seeds are Dovecot's own answers (as the lab's Dovecot gives them) and the response
codes of RFC 2449 and 3206. The SMTP seeds are the replies of the lab's scripted server (tests/lab/scripted-smtp.py,
the source of tests/lab/SCENARIOS.md): real provider greetings, capability lists and error
texts. The autoconfig target also reads the ISPDB corpus (../shared/corpus/ispdb) at run
time; it is not copied. Run again after the scenarios change; the output is deterministic.
"""
import hashlib
import importlib.util
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LAB = os.path.join(HERE, "..", "lab", "scripted-smtp.py")


def load_lab():
    spec = importlib.util.spec_from_file_location("scripted_smtp", LAB)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reply(lines):
    return "".join(line + "\r\n" for line in lines).encode()


def fill(text, host="mx.example.test"):
    return (text.replace("{host}", host).replace("{peer}", "192.0.2.7")
            .replace("{helo}", "[192.0.2.7]").replace("{size}", "35882577")
            .replace("{date}", "Mon, 23 Nov 2026 03:27:26 +0000")
            .replace("{addr}", "user@example.test").replace("{addr_domain}", "example.test"))


def ehlo_reply(flavor, starttls, auth):
    lines = [fill(flavor["hello"])]
    for cap in flavor["caps"]:
        if cap == "%STARTTLS%":
            if starttls:
                lines.append("STARTTLS")
        elif cap == "%AUTH%":
            if auth:
                lines.append("AUTH " + " ".join(flavor["auth"]))
        else:
            lines.append(fill(cap.replace("{size}", str(flavor["size"]))))
    return reply(["250-" + line for line in lines[:-1]] + ["250 " + lines[-1]])


def pop3_seeds():
    capa_plain = reply(["+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING",
                        "AUTH-RESP-CODE", "STLS", "USER", "SASL PLAIN LOGIN", "."])
    capa_tls = reply(["+OK", "CAPA", "TOP", "UIDL", "RESP-CODES", "PIPELINING",
                      "AUTH-RESP-CODE", "USER", "SASL PLAIN LOGIN", "."])
    capa_rich = reply(["+OK Capability list follows", "SASL CRAM-MD5 PLAIN XOAUTH2",
                       "IMPLEMENTATION Example POP3 Server", "LOGIN-DELAY 900 USER",
                       "EXPIRE NEVER", "..dotted", "UTF8 USER", "."])
    lines = [
        ["+OK Dovecot (Debian) ready."],
        ["+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"],
        ["-ERR [AUTH] Authentication failed."],
        ["-ERR [SYS/TEMP] Server busy, try again later"],
        ["-ERR [SYS/PERM] Your account is disabled"],
        ["-ERR [IN-USE] Mailbox is locked by another POP3 session"],
        ["-ERR [LOGIN-DELAY] Wait 900 seconds between logins"],
        ["-ERR [SYS/TEMP/QUOTA] deeper level"],
        ["+OK Begin TLS negotiation now.", "+OK injected"],
        ["+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+"],
        ["+ "],
        ["+OK 2 320"],
        ["+OK Logging out."],
        ["-ERR Unknown command: CAPA"],
        ["-ERR [not a code] text"],
    ]
    return {capa_plain, capa_tls, capa_rich} | {reply(ls) for ls in lines}


def main():
    lab = load_lab()
    seeds = {name: set() for name in
             ("smtp-reply", "ehlo", "smtp-client", "report", "address", "autoconfig",
              "pop3-reply")}
    replies = []
    for flavor in lab.FLAVORS.values():
        replies.append(reply([fill(flavor["greeting"])]))
        replies.append(reply([flavor["auth_ok"]]))
        for starttls in (False, True):
            for auth in (False, True):
                seeds["ehlo"].add(ehlo_reply(flavor, starttls, auth))
    for sc in lab.SCENARIOS.values():
        for key in ("greeting", "auth_reply", "mail_reply", "rcpt_reply", "data_reply",
                    "starttls", "auth_plain_reply"):
            if isinstance(sc.get(key), list):
                replies.append(reply([fill(line) for line in sc[key]]))
    replies += [b"220 Ready to start TLS\r\n250-injected\r\n", b"221 2.0.0 Bye\r\n",
                b"354 End data with <CR><LF>.<CR><LF>\r\n", b"334 VXNlcm5hbWU6\r\n",
                b"334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n",
                b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"]
    seeds["smtp-reply"].update(replies)
    seeds["smtp-reply"].update(seeds["ehlo"])

    # Whole sessions for the client: greeting, EHLO, AUTH, MAIL, RCPT, DATA, QUIT. Mode
    # 0xb0: no TLS, plain AUTH allowed, PLAIN/LOGIN, dry run and DATA.
    for name, flavor in lab.FLAVORS.items():
        for mode, auth in ((0xb0, [flavor["auth_ok"]]),
                           (0xb0, ["334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6", flavor["auth_ok"]]),
                           (0x01, None), (0x11, None)):
            script = reply([fill(flavor["greeting"])]) + ehlo_reply(flavor, mode & 1, mode & 0x80)
            if mode & 1:
                script += reply(["220 2.0.0 Ready to start TLS"])
            if auth:
                script += reply(auth)
            script += reply(["250 2.1.0 Ok", "250 2.1.5 Ok"][:1]) + reply(["250 2.1.5 Ok"])
            script += reply(["354 End data with <CR><LF>.<CR><LF>"]) + reply(["250 2.0.0 Ok"])
            script += reply(["221 2.0.0 Bye"])
            seeds["smtp-client"].add(bytes([mode]) + script)
    postfix = lab.FLAVORS["postfix"]
    for r in replies:
        head = reply([fill(postfix["greeting"])]) + ehlo_reply(postfix, False, True)
        seeds["smtp-client"].add(bytes([0x90]) + head + r)
        seeds["smtp-client"].add(bytes([0xb0]) + head + reply([postfix["auth_ok"]]) + r)

    hostile = [b"\x1b]0;pwned\x07\x1b[2J", b"\xc2\x9b31m red", b"\"}],\\u0000\n{\"",
               b"\xff\xfe invalid \xed\xa0\x80", b"CN=evil\r\nissuer: x"]
    for i, r in enumerate(replies[:20]):
        fields = [r, b"CN=mx.example.test", b"CN=Example CA", b"mx.example.test",
                  b"Connection refused", b"user@example.test"]
        if i < len(hostile):
            fields[1 + i % 5] = hostile[i]
        seeds["report"].add(bytes([i * 37 % 256]) + b"\0".join(fields))

    for text in ["user@example.test", "\"quoted local\"@example.test", "a.b+c@sub.example.co.uk",
                 "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]", "jörg@bücher.example",
                 "user@xn--bcher-kva.example", "a@b", ".a@example.test", "user@-bad.test"]:
        seeds["address"].add(text.encode() + b"\0%EMAILLOCALPART%@%EMAILDOMAIN% %REALNAME%"
                              + "\0Jörg Müller".encode())
    seeds["autoconfig"].add(b"""<?xml version="1.0"?>
<!DOCTYPE clientConfig [<!ENTITY e "x">]>
<clientConfig version="1.1"><emailProvider id="e.test"><domain>e.test</domain>
<outgoingServer type="smtp"><hostname>&e;.e.test</hostname><port>465</port>
<socketType>SSL</socketType><authentication>password-cleartext</authentication>
<username>%EMAILADDRESS%</username></outgoingServer></emailProvider></clientConfig>
""")
    seeds["autoconfig"].add(b"""<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1" xmlns:pb="https://postbote.github.io/ns/provider/1">
<emailProvider id="x.test"><domain>x.test</domain><displayName>X</displayName>
<incomingServer type="imap"><hostname>imap.x.test</hostname><port>993</port>
<socketType>SSL</socketType><authentication>OAuth2</authentication>
<authentication>password-cleartext</authentication><username>%EMAILLOCALPART%</username>
</incomingServer><outgoingServer type="smtp"><hostname>smtp.x.test</hostname><port>587</port>
<socketType>STARTTLS</socketType><authentication>password-encrypted</authentication>
</outgoingServer><pb:appPassword required="if-2fa"/><documentation url="https://x.test/h">
<descr lang="de">Hilfe</descr><descr lang="en">Help</descr></documentation>
</emailProvider><oAuth2><issuer>x</issuer></oAuth2></clientConfig>
""")

    seeds["pop3-reply"].update(pop3_seeds())

    out = os.path.join(HERE, "seeds")
    for name, items in seeds.items():
        directory = os.path.join(out, name)
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        for data in sorted(items):
            digest = hashlib.sha1(data).hexdigest()
            with open(os.path.join(directory, digest), "wb") as f:
                f.write(data)
        print(f"{name}: {len(items)} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
