#!/bin/sh
# End to end: `postbote check` against the lab's real Postfix and scripted servers ends with
# the right problem id, and explains it in English (LANGUAGE=en) and in German (LANGUAGE=de),
# the German text being exactly the translation in po/de.po of the English one.
#
#   tests/lab/lab-run --tap tests/cli/test-diagnosis-lab.sh POSTBOTE SOURCE-ROOT
set -u
if [ -z "${PB_LAB_DIR:-}" ]; then
  echo "Bail out! not inside the lab (run through tests/lab/lab-run)"
  exit 1
fi
PYTHONPATH="$(cd "$(dirname "$0")/.." && pwd)" exec /usr/bin/python3 - "$@" <<'EOF'
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time

import po  # tests/po.py, on PYTHONPATH
import tap  # tests/tap.py, on PYTHONPATH

POSTBOTE, TOP = sys.argv[1], sys.argv[2]
SCRIPTED_PASSWORD = "Scripted-Pass-1"


DE = po.load(os.path.join(TOP, "po", "de.po"))


def preset_url(provider, element):
    """The url attribute of a pb: quirk in data/providers/<provider>.xml: links come from there."""
    import re
    text = open(os.path.join(TOP, "data", "providers", provider + ".xml"), encoding="utf-8").read()
    m = re.search(r'<pb:%s\b[^>]*\burl="([^"]+)"' % element, text)
    return m.group(1) if m else "(no pb:%s url in %s.xml)" % (element, provider)
PROVIDERS = ["Yahoo", "AOL", "GMX", "WEB.DE", "IONOS", "STRATO"]



def wait_connected(server, port, proc, timeout):
    """Whether a TCP connection to server:port is established (the lab has its own network
    namespace, so /proc/net/tcp holds only the lab's connections), before proc ends or the
    timeout passes."""
    ip = socket.inet_aton(socket.gethostbyname(server))
    want = "%08X:%04X" % (struct.unpack("<I", ip)[0], port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        with open("/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[2] == want and fields[3] == "01":    # rem_address, ESTABLISHED
                    return True
        time.sleep(0.02)
    return False


def run_check(lang, server, port, security, user, password, extra, timeout, interrupt=None):
    env = dict(os.environ, LANGUAGE=lang, LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    cmd = [POSTBOTE, "check", "--json", "--timeout", str(timeout), "--server", server,
           "--port", str(port), "--security", security, "--password-stdin"] + extra + [user]
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env, text=True)
    if interrupt:
        # Ctrl-C once the check is connected and waiting for the server: earlier, before
        # postbote has its handler, SIGINT would end it without a report.
        p.stdin.write(password + "\n")
        p.stdin.flush()
        connected = wait_connected(server, port, p, timeout)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=timeout + 30)
        if not connected:
            return None, p.returncode, "never connected to %s:%d\n%s" % (server, port, err)
    else:
        out, err = p.communicate(password + "\n", timeout=timeout + 30)
    try:
        return json.loads(out, strict=False), p.returncode, err
    except ValueError as e:
        return None, p.returncode, "invalid JSON (%s): %r\n%s" % (e, out[:500], err)


TLS_VERSIONS = ["TLS 1.0", "TLS 1.1"]


# SMTP's ports for SSL/TLS and STARTTLS, as the texts' {tls_port} and {starttls_port}.
SMTP_PORTS = {"{tls_port}": "465", "{starttls_port}": "587"}


def templates(text, host, port):
    """The catalogue msgids that, filled in, give text."""
    cands = set()
    for h in (True, False):
        for pt in (True, False):
            for mail_ports in (True, False):
                for prov in [None] + PROVIDERS:
                    for tls in [None] + TLS_VERSIONS:
                        t = text
                        if h and host:
                            t = t.replace(host, "{host}")
                        if pt:
                            t = t.replace(str(port), "{port}")
                        for name, value in SMTP_PORTS.items() if mail_ports else ():
                            t = t.replace(value, name)
                        if prov:
                            t = t.replace(prov, "{provider}")
                        if tls:
                            t = t.replace(tls, "{tls_version}")
                        cands.add((t, prov, tls))
    return cands


def german_of(english, host, port):
    for template, prov, tls in templates(english, host, port):
        if template in DE:
            out = DE[template].replace("{host}", host).replace("{port}", str(port))
            for name, value in SMTP_PORTS.items():
                out = out.replace(name, value)
            out = out.replace("{tls_version}", tls or "")
            return out.replace("{provider}", prov or "")
    return None


def case(expect, server, port, security, user=None, password=SCRIPTED_PASSWORD, extra=(),
         timeout=10, interrupt=None, variant_title=None, link=None):
    user = user or "user@%s" % server
    results = {}
    diag = []
    for lang in ("en", "de"):
        j, rc, err = run_check(lang, server, port, security, user, password, list(extra),
                               timeout, interrupt)
        results[lang] = j
        if j is None:
            diag.append(err)
        elif rc != 1:
            diag.append("%s: exit status %d, expected 1" % (lang, rc))
    en, de = results["en"], results["de"]
    if en is not None and de is not None:
        for lang, j in results.items():
            if j.get("problem") != expect:
                diag.append("%s: problem %s, expected %s (stage %s, reply %r)" % (
                    lang, j.get("problem"), expect, j.get("stage"), j.get("server_reply")))
        for field in ("title", "explanation", "fix"):
            e, d = en.get(field) or "", de.get(field) or ""
            if not e or not d:
                diag.append("%s missing: en=%r de=%r" % (field, e, d))
                continue
            if e == d:
                diag.append("%s not translated: %r" % (field, e))
            want = german_of(e, server, port)
            if want is None:
                diag.append("%s: English text not from the catalogue: %r" % (field, e))
            elif want != d:
                diag.append("%s: German %r\n   expected %r" % (field, d, want))
        if variant_title is not None and en.get("title") != variant_title:
            diag.append("title %r, expected %r" % (en.get("title"), variant_title))
        if link is not None and en.get("link") != link:
            diag.append("link %r, expected %r" % (en.get("link"), link))
    tap.check(not diag, "%s:%s %s -> %s" % (server, port, security, expect), "\n".join(diag))


S = "smtp.test"
ALICE = "alice@lab.test"

# Finding and reaching the server
case("dns-not-found", "nxdomain." + S, 587, "starttls")
case("connect-refused", "refused." + S, 587, "starttls")
case("connect-timeout", "dropped." + S, 25, "starttls", timeout=3,
     variant_title="Port 25 is probably blocked")
case("connect-timeout", "dropped." + S, 587, "starttls", timeout=3,
     variant_title="No answer on port 587")
case("network-unreachable", "192.0.2.25", 587, "starttls", user="user@example.test")
# Encryption and certificates
case("tls-wrong-port", "plain-on-465." + S, 465, "tls", variant_title="Port 465 expects STARTTLS")
case("tls-wrong-port", "tls-on-587." + S, 587, "starttls", timeout=5,
     variant_title="Port 587 expects SSL/TLS")
case("tls-wrong-port", "mail.lab.test", 465, "starttls", user=ALICE, timeout=5)
case("cert-untrusted", "badcert-selfsigned." + S, 465, "tls")
case("cert-untrusted", "badcert-unknownca." + S, 587, "starttls")
case("cert-hostname-mismatch", "badcert-wronghost." + S, 465, "tls")
case("cert-expired", "badcert-expired." + S, 587, "starttls")
case("cert-not-yet-valid", "badcert-notyet." + S, 465, "tls")
case("cert-insecure", "badcert-insecure." + S, 465, "tls")
case("cert-insecure", "weakkey." + S, 587, "starttls")
case("tls-outdated", "tls10." + S, 465, "tls")
case("tls-outdated", "tls11." + S, 587, "starttls")
case("starttls-not-offered", "nostarttls." + S, 587, "starttls")
case("starttls-not-offered", "ehlo-refused." + S, 587, "starttls")
case("starttls-refused", "starttls-454." + S, 587, "starttls")
case("starttls-refused", "starttls-502." + S, 25, "starttls")
case("starttls-injection", "starttls-inject." + S, 587, "starttls")
# Login: the real Postfix, then the providers' replies
case("auth-failed", "mail.lab.test", 587, "starttls", user=ALICE, password="Wrong-Password-9")
case("auth-failed", "mail.lab.test", 465, "tls", user=ALICE, password="Wrong-Password-9")
case("auth-not-offered", "auth-none." + S, 587, "starttls")
case("auth-oauth-required", "auth-xoauth2-only." + S, 587, "starttls")
case("auth-encryption-required", "auth-encryption-required." + S, 25, "none")
case("auth-app-password-required", "gmail-apppw." + S, 587, "starttls",
     variant_title="Google wants an app password", link=preset_url("gmail", "appPassword"))
case("auth-failed", "gmail-badcreds." + S, 465, "tls", variant_title="Google did not accept the login")
case("auth-web-login-required", "gmail-weblogin." + S, 587, "starttls",
     variant_title="Google wants you to sign in on the web")
case("auth-basic-disabled", "ms-basicauth." + S, 587, "starttls",
     variant_title="Microsoft has switched off password login")
case("auth-smtp-disabled", "ms-smtpauth-disabled." + S, 587, "starttls",
     variant_title="Sending by mail programs is switched off for your organisation")
case("auth-app-password-required", "yahoo." + S, 465, "tls",
     variant_title="Yahoo wants an app password")
case("auth-too-many-attempts", "too-many." + S, 587, "starttls")
# Sending (dry run: MAIL FROM + RCPT TO, then RSET)
case("sender-not-allowed", "mail.lab.test", 587, "starttls", user=ALICE, password="Alice-Secret-1",
     extra=["--from", "bob@lab.test", "--dry-run-send"])
case("sender-not-allowed", "code-550." + S, 587, "starttls", extra=["--dry-run-send"])
case("sender-invalid", "code-553." + S, 587, "starttls", extra=["--dry-run-send"])
case("relay-denied", "code-554." + S, 587, "starttls", extra=["--dry-run-send"])
case("recipient-rejected", "rcpt-550." + S, 587, "starttls", extra=["--dry-run-send"])
case("message-too-large", "code-552." + S, 587, "starttls", extra=["--send-test"])
# Provider look-alikes (services.d/70-diagnosis.sh): the provider is known from the host name.
D = "lab-diagnosis."
case("auth-access-disabled", D + "gmx.net", 465, "tls", user="user@gmx.de",
     variant_title="GMX: access for mail programs is switched off",
     link=preset_url("gmx", "enableAccess"))
case("auth-access-disabled", D + "web.de", 465, "tls", user="user@web.de",
     variant_title="WEB.DE: access for mail programs is switched off",
     link=preset_url("web-de", "enableAccess"))
case("auth-failed", D + "t-online.de", 465, "tls", user="user@t-online.de",
     variant_title="Telekom: use your password for mail programs",
     link=preset_url("t-online", "separatePassword"))
case("auth-app-password-required", D + "mail.me.com", 465, "tls", user="user@icloud.com",
     variant_title="iCloud wants an app-specific password",
     link=preset_url("icloud", "appPassword"))
case("auth-app-password-required", D + "aol.com", 465, "tls", user="user@aol.com",
     variant_title="AOL wants an app password", link=preset_url("aol", "appPassword"))
case("sender-not-allowed", D + "ionos.de", 465, "tls", user="user@example.de",
     extra=["--dry-run-send"], variant_title="IONOS: the sender must be your mailbox address")
case("sender-not-allowed", D + "strato.de", 465, "tls", user="user@example.de",
     extra=["--dry-run-send"], variant_title="STRATO: the sender must be your mailbox address")
case("sender-not-allowed", D + "office365.com", 465, "tls", user="user@example.com",
     extra=["--from", "boss@example.com", "--dry-run-send"],
     variant_title="Microsoft: no permission to send as this address")
case("message-rejected", D + "content.test", 465, "tls", user="user@content.test",
     extra=["--send-test"])
case("auth-mechanism-unsupported", D + "ntlm.test", 465, "tls", user="user@ntlm.test")
case("tls-handshake-failed", D + "alert.test", 465, "tls", user="user@alert.test")
case("client-blocked", D + "dnsbl.test", 465, "tls", user="user@dnsbl.test")
# The server's state
case("service-unavailable", "code-421." + S, 587, "starttls")
case("temporary-failure", "code-451." + S, 587, "starttls", extra=["--dry-run-send"])
case("greylisted", "greylist." + S, 587, "starttls", extra=["--dry-run-send"])
case("protocol-error", "closemid." + S, 587, "starttls")
case("protocol-error", "endless." + S, 587, "starttls")
case("timeout", "stall." + S, 465, "tls", timeout=3)
# Ctrl-C while the server keeps silent: the check stops and reports it was cancelled.
case("cancelled", "stall." + S, 587, "starttls", timeout=20, interrupt=True)


# The text output a user reads, for the lab's Gmail-like server.
def text_check(lang, needles):
    env = dict(os.environ, LANGUAGE=lang, LANG="C.UTF-8")
    p = subprocess.run([POSTBOTE, "check", "--timeout", "10", "--server", "gmail-apppw." + S,
                        "--port", "587", "--security", "starttls", "--password-stdin",
                        "user@gmail.com"], input=SCRIPTED_PASSWORD + "\n", env=env,
                       capture_output=True, text=True, timeout=40)
    missing = [s for s in needles if s not in p.stdout]
    tap.check(p.returncode == 1 and not missing, "LANGUAGE=%s postbote check: Gmail app password" % lang,
        "exit %d, missing %r\n%s" % (p.returncode, missing, p.stdout))


text_check("en", ["Google wants an app password", "does not accept your normal Google password",
                  "create an app password at myaccount.google.com/apppasswords",
                  "534 5.7.9"])
text_check("de", ["Google verlangt ein App-Passwort",
                  "akzeptiert Ihr normales Google-Passwort nicht",
                  "erstellen Sie unter myaccount.google.com/apppasswords ein App-Passwort",
                  "534 5.7.9"])

sys.exit(tap.done())
EOF
