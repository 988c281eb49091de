#!/bin/sh
# postbote domain --json against the lab's dnsmasq (tests/lab/dns.d/domain.conf): every
# status of SPF, DMARC and DKIM, with the record, the lookups, the record to publish and the
# explanation, in the language of LANGUAGE (en, or de: exactly po/de.po's translation).
#
#   tests/lab/lab-run --tap tests/cli/test-domain-lab.sh POSTBOTE SOURCE-ROOT
set -u
if [ -z "${PB_LAB_DIR:-}" ]; then
  echo "Bail out! not inside the lab (run through tests/lab/lab-run)"
  exit 1
fi
PYTHONPATH="$(cd "$(dirname "$0")/.." && pwd)" exec /usr/bin/python3 - "$@" <<'PY'
import json
import os
import subprocess
import sys

POSTBOTE, TOP = sys.argv[1], sys.argv[2]
LANG = os.environ.get("LANGUAGE", "en")[:2]

import po  # noqa: E402 (tests/po.py, on PYTHONPATH)
import tap  # noqa: E402 (tests/tap.py, on PYTHONPATH)

DE = po.load(os.path.join(TOP, "po", "de.po"))


def text(msgid, *args):
    """The sentence the program must print: msgid, or its German translation."""
    fmt = DE[msgid] if LANG == "de" else msgid
    return fmt % args if args else fmt


def ok(cond, name):
    # One TAP line: a program's message may span several.
    tap.check(cond, " / ".join(name.splitlines()))


def domain(address, *options, rc=1):
    p = subprocess.run([POSTBOTE, "domain", "--json", *options, address],
                       capture_output=True, text=True, timeout=60)
    ok(p.returncode == rc, "%s %s: exit %d (got %d; %s)" % (address, " ".join(options), rc,
                                                        p.returncode, p.stderr.strip()))
    return json.loads(p.stdout) if p.stdout else {"spf": {}, "dmarc": {}, "dkim": {}}


def eq(got, want, name):
    ok(got == want, "%s: %r (want %r)" % (name, got, want))


# SPF --------------------------------------------------------------------------------------
r = domain("a@spf-ok.test")
eq(r["provider"], "google-workspace", "spf-ok provider")
eq(r["spf"]["status"], "ok", "spf-ok")
eq(r["spf"]["lookups"], 1, "spf-ok lookups")
eq(r["spf"]["explanation"],
   text("The SPF record allows %s's servers to send mail for the domain.", "Google Workspace"),
   "spf-ok explanation")
eq(r["dmarc"]["status"], "ok", "dmarc ok")
eq(r["dmarc"]["policy"], "none", "dmarc p=none")
eq(r["dmarc"]["reports"], True, "dmarc rua")
eq(r["dkim"]["status"], "unknown", "dkim unknown without a selector")
# Where the records go: the preset's pb:dnsRecords note, in the language of the run.
ok(r["where"] is not None and
   ("Admin-Konsole" if LANG == "de" else "Admin console") in r["where"],
   "spf-ok: where the records go, from Google Workspace's preset: %r" % r.get("where"))

r = domain("a@spf-nested.test")
eq(r["spf"]["status"], "ok", "spf ok through a nested include")
eq(r["spf"]["lookups"], 2, "nested lookups")
eq(r["dmarc"]["policy"], "quarantine", "dmarc p=quarantine")

r = domain("a@spf-noauth.test")
eq(r["spf"]["status"], "not-authorized", "spf-noauth")
eq(r["spf"]["record"], "v=spf1 ip4:192.0.2.1 mx -all", "spf-noauth record")
eq(r["spf"]["publish"], "v=spf1 ip4:192.0.2.1 mx include:_spf.google.com -all",
   "spf-noauth: the include goes before -all, into the same record")
eq(r["spf"]["explanation"],
   text("The SPF record does not include %s (%s): mail sent through %s fails SPF and lands "
        "in spam or is rejected.", "_spf.google.com", "Google Workspace", "Google Workspace"),
   "spf-noauth explanation")
eq(r["dmarc"]["policy"], "reject", "dmarc p=reject")
eq(r["dmarc"]["reports"], False, "dmarc without rua")

r = domain("a@spf-none.test")
eq(r["spf"]["status"], "missing", "spf-none")
eq(r["spf"]["publish"], "v=spf1 include:_spf.google.com ~all", "spf-none publish")
eq(r["spf"]["explanation"],
   text("The domain has no SPF record. Large mail services such as Gmail, Yahoo and "
        "Outlook.com reject or junk mail from domains without one."), "spf-none explanation")
eq(r["dmarc"]["status"], "missing", "dmarc missing")
eq(r["dmarc"]["publish"], "v=DMARC1; p=none; rua=mailto:postmaster@spf-none.test",
   "dmarc starting record")

r = domain("a@spf-multi.test")
eq(r["spf"]["status"], "multiple", "spf-multi")
eq(r["spf"]["publish"], "v=spf1 include:_spf.google.com ip4:192.0.2.1 -all",
   "spf-multi: one merged record, the strictest all")
eq(r["dmarc"]["status"], "invalid", "dmarc p=maybe is invalid")

r = domain("a@spf-many.test")
eq(r["spf"]["status"], "too-many-lookups", "spf-many")
eq(r["spf"]["lookups"], 11, "spf-many lookups")
eq(r["spf"]["explanation"],
   text("The SPF record needs %u DNS lookups, more than the 10 receivers allow: they stop "
        "with a permanent error.", 11), "spf-many explanation")

r = domain("a@spf-loop.test")
eq(r["spf"]["status"], "invalid", "spf-loop")
ok("spf-loop.test → back.spf-loop.test → spf-loop.test" in r["spf"]["explanation"],
   "spf-loop names the chain: %s" % r["spf"]["explanation"])

r = domain("a@spf-void.test")
eq(r["spf"]["status"], "too-many-lookups", "spf-void")
eq(r["spf"]["void_lookups"], 3, "spf-void void lookups")
ok("nx3.spf-void.test" in r["spf"]["explanation"], "spf-void names the names")

r = domain("a@spf-bad.test")
eq(r["spf"]["status"], "invalid", "spf-bad")
ok("ip4:192.0.2.300" in r["spf"]["explanation"], "spf-bad names the term")
eq(r["spf"]["publish"], None, "spf-bad: no record guessed")

r = domain("a@spf-own.test")
eq(r["where"], None, "no preset: nothing said about where records go")
eq(r["provider"], None, "own server: no provider")
eq(r["spf"]["status"], "ok", "spf-own: 127.0.0.1 passes")
eq(r["spf"]["authorizes"], "smtp.spf-own.test", "spf-own server")
r = domain("a@spf-own-no.test")
eq(r["spf"]["status"], "not-authorized", "spf-own-no")
eq(r["spf"]["publish"], "v=spf1 ip4:192.0.2.9 a:smtp.spf-own-no.test -all", "spf-own-no publish")
# --server: the server named is checked, not the one discovery finds for the domain.
r = domain("a@spf-own-no.test", "--server", "smtp.spf-own.test")
eq((r["spf"]["status"], r["spf"]["authorizes"]), ("not-authorized", "smtp.spf-own.test"),
   "--server: the given server is checked")
eq(r["spf"]["publish"], "v=spf1 ip4:192.0.2.9 a:smtp.spf-own.test -all", "--server publish")
r = domain("a@spf-nullmx.test")
eq(r["spf"]["status"], "ok", "spf-nullmx: mx matches nothing, ip4 passes")
eq(r["spf"]["lookups"], 1, "spf-nullmx: the MX lookup counts")
eq(r["spf"]["void_lookups"], 0, "spf-nullmx: a null MX is an answer, not a void lookup")

# DKIM -------------------------------------------------------------------------------------
r = domain("a@dk.test", "--selector", "s2048", rc=0)
eq((r["dkim"]["status"], r["dkim"]["key_type"], r["dkim"]["key_bits"]), ("ok", "rsa", 2048),
   "dkim 2048")
eq(r["dkim"]["fix"], None, "dkim 2048: nothing to do")
r = domain("a@dk.test", "--selector", "s1024", rc=0)
eq((r["dkim"]["status"], r["dkim"]["key_bits"]), ("ok", 1024), "dkim 1024 ok")
eq(r["dkim"]["fix"], text("The key is accepted, but 2048 bits are recommended: create a new "
                          "key in your provider's DKIM settings when you can."),
   "dkim 1024 advice")
r = domain("a@dk.test", "--selector", "sed", rc=0)
eq((r["dkim"]["status"], r["dkim"]["key_type"]), ("ok", "ed25519"), "dkim ed25519")
r = domain("a@dk.test", "--selector", "s512")
eq((r["dkim"]["status"], r["dkim"]["key_bits"]), ("weak-key", 512), "dkim 512 weak")
r = domain("a@dk.test", "--selector", "sbroken")
eq(r["dkim"]["status"], "invalid", "dkim broken key")
r = domain("a@dk.test", "--selector", "nope")
eq(r["dkim"]["status"], "missing", "dkim missing")
r = domain("a@dk.test", "--selector", "s2048", "--signing-domain", "other-org.test")
eq(r["dkim"]["status"], "not-aligned", "dkim not aligned")
# Without --selector, the provider's usual one (Google Workspace: "google"), said so.
r = domain("a@dk.test", rc=0)
eq((r["dkim"]["status"], r["dkim"]["selector"], r["dkim"]["provider_selector"], r["dkim"]["key_bits"]),
   ("ok", "google", True, 2048), "dkim: Google Workspace's usual selector tried")
r = domain("a@dk.test", "--selector", "s2048", rc=0)
eq(r["dkim"]["provider_selector"], False, "dkim: a given selector is not the provider's guess")

# MTA-STS and TLS-RPT: information, the exit status does not depend on them ----------------
r = domain("a@sts-ok.test")
eq((r["mta_sts"]["status"], r["mta_sts"]["mode"], r["mta_sts"]["mx"], r["mta_sts"]["fix"]),
   ("ok", "enforce", ["*.sts-ok.test"], None), "mta-sts enforce, the MX named by a wildcard")
eq(r["mta_sts"]["policy_url"], "https://mta-sts.sts-ok.test/.well-known/mta-sts.txt",
   "mta-sts policy address")
eq((r["tls_rpt"]["status"], r["tls_rpt"]["rua"]), ("ok", "mailto:tls@sts-ok.test"), "tls-rpt ok")
eq(r["tls_rpt"]["explanation"], text("Reports about encrypted delivery go to %s.",
                                     "mailto:tls@sts-ok.test"), "tls-rpt explanation")
r = domain("a@sts-testing.test")
eq((r["mta_sts"]["status"], r["mta_sts"]["mode"]), ("testing", "testing"), "mta-sts testing")
eq(r["mta_sts"]["explanation"],
   text("The MTA-STS policy is in mode “%s”: failures are reported, not prevented.", "testing"),
   "mta-sts testing explanation")
eq(r["tls_rpt"]["status"], "none", "tls-rpt none")
r = domain("a@sts-uncovered.test")
eq(r["mta_sts"]["status"], "not-covered", "mta-sts: the MX is not named")
eq(r["mta_sts"]["fix"], text("Add “mx: %s” to the policy file and change the id in the _mta-sts "
                             "record, so that senders fetch it again.", "mx.elsewhere.test"),
   "mta-sts not-covered fix")
r = domain("a@sts-nofile.test")
eq(r["mta_sts"]["status"], "invalid", "mta-sts: no policy file")
eq(r["mta_sts"]["explanation"],
   text("The MTA-STS policy is not usable: %s. Senders treat the domain as if it had none.",
        text("the policy file was not served (HTTP %u)", 404)), "mta-sts: 404 said")
r = domain("a@sts-redirect.test")
eq(r["mta_sts"]["status"], "invalid", "mta-sts: a redirect is not followed")
eq(r["tls_rpt"]["status"], "invalid", "tls-rpt: rua of ftp is not usable")
r = domain("a@spf-ok.test")
eq((r["mta_sts"]["status"], r["mta_sts"]["policy_url"], r["tls_rpt"]["status"]),
   ("none", None, "none"), "neither published")
p = subprocess.run([POSTBOTE, "domain", "a@sts-ok.test"], capture_output=True, text=True,
                   timeout=60)
ok("MTA-STS: %s\n" % text("ok") in p.stdout and "TLS-RPT: %s\n" % text("ok") in p.stdout,
   "text report: MTA-STS and TLS-RPT lines")
p = subprocess.run([POSTBOTE, "domain", "a@sts-testing.test"], capture_output=True, text=True,
                   timeout=60)
ok("MTA-STS: %s\n" % text("testing only") in p.stdout
   and "TLS-RPT: %s\n" % text("not published") in p.stdout,
   "text report: testing only, not published")

# A mailbox provider's own domain, and usage --------------------------------------------------
r = domain("someone@gmail.com", rc=0)
eq(r["own_domain"], False, "gmail.com is not an own domain")
p = subprocess.run([POSTBOTE, "domain", "someone@gmail.com"], capture_output=True, text=True,
                   timeout=60)
ok(p.returncode == 0 and p.stdout ==
   text("%s is a domain of the mailbox provider %s, which looks after its SPF, DKIM and DMARC "
        "records. This check is for addresses at a domain of your own.", "gmail.com", "Gmail")
   + "\n", "text report of a mailbox provider's domain: %r" % p.stdout)
domain("x", rc=2)
p = subprocess.run([POSTBOTE, "domain", "--server", "", "a@dk.test"], capture_output=True,
                   text=True, timeout=60)
ok(p.returncode == 2 and text("--server needs a host name") in p.stderr,
   "--server '' is a usage error (%d: %s)" % (p.returncode, p.stderr.strip()))
p = subprocess.run([POSTBOTE, "domain", "--selector", "", "a@dk.test"], capture_output=True,
                   text=True, timeout=60)
ok(p.returncode == 2
   and text("--selector must be a DNS name such as “s1” or “2024.mail”") in p.stderr,
   "--selector '' is a usage error (%d: %s)" % (p.returncode, p.stderr.strip()))

# The text report: status words and the selector hint in the reader's language ---------------
p = subprocess.run([POSTBOTE, "domain", "a@spf-ok.test"], capture_output=True, text=True,
                   timeout=60)
ok(p.returncode == 1, "text report: exit 1 while DKIM is not checked (%d)" % p.returncode)
ok("SPF: %s\n" % text("ok") in p.stdout, "text report: SPF ok")
ok("DKIM: %s\n" % text("not checked") in p.stdout, "text report: DKIM not checked")
ok(text("To check the DKIM key: postbote domain --selector S %s\n", "a@spf-ok.test") in p.stdout,
   "text report: how to give the selector")
p = subprocess.run([POSTBOTE, "domain", "a@spf-noauth.test"], capture_output=True, text=True,
                   timeout=60)
ok("SPF: %s\n" % text("server not allowed") in p.stdout, "text report: SPF server not allowed")
ok("DMARC: %s\n" % text("ok") in p.stdout, "text report: DMARC ok")
sys.exit(tap.done())
PY
