# SPDX-License-Identifier: GPL-3.0-or-later
"""What the lab's scripted servers share (scripted-smtp.py, scripted-incoming.py).

Certificates from the lab CA, the per-scenario logs, and one connection's line reading and
TLS: every line a client sends is logged to $PB_LAB_DIR/<area>/<scenario>.log before the
server answers it, so a test that got an answer can read the log at once.
"""

import argparse
import asyncio
import os
import ssl
import subprocess
import sys
import time
import unicodedata

# Far beyond any client timeout, short enough that a forgotten connection does not pile up.
IDLE_TIMEOUT = 300
HANDSHAKE_TIMEOUT = 60

PLAIN, TLS, REFUSE = "plain", "tls", "refuse"
# A TLS 1.2 alert record: level fatal (2), handshake_failure (40).
TLS_ALERT_HANDSHAKE_FAILURE = b"\x15\x03\x03\x00\x02\x02\x28"


def escape_line(raw):
    """A received line for the log: CR/LF stripped, other control and non-ASCII bytes as \\xNN."""
    raw = raw.rstrip(b"\r\n")
    out = []
    for b in raw:
        if 0x20 <= b < 0x7f and b != 0x5c:
            out.append(chr(b))
        elif b == 0x5c:
            out.append("\\\\")
        else:
            out.append("\\x%02x" % b)
    return "".join(out)


def visible(text):
    """Invisible characters (controls, bidi and other format characters, line and paragraph
    separators) as \\uXXXX, so that this document does not reorder itself either."""
    return "".join("\\u%04x" % ord(c)
                   if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)


class Certs:
    """Makes the scenario certificates with certtool from the lab CA (or a private one)."""

    def __init__(self, lab_dir, out_dir):
        self.out = out_dir
        os.makedirs(out_dir, exist_ok=True)
        self.ca_crt, self.ca_key = self._find_lab_ca(os.path.join(lab_dir, "certs"))
        self.key = os.path.join(out_dir, "leaf.key")
        if not os.path.exists(self.key):
            self._certtool(["--generate-privkey", "--key-type", "rsa", "--bits", "2048",
                            "--outfile", self.key])
        # Under the 2048 bits that RFC 8996-era policies (and Postbote) demand.
        self.weak_key = os.path.join(out_dir, "weak.key")
        if not os.path.exists(self.weak_key):
            self._certtool(["--generate-privkey", "--key-type", "rsa", "--bits", "1024",
                            "--outfile", self.weak_key])
        self.pending = []

    def _certtool(self, args):
        subprocess.run(["certtool"] + args, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def _certtool_bg(self, args):
        # The leaves are independent: signing them in parallel keeps the lab start short.
        self.pending.append(subprocess.Popen(["certtool"] + args, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.PIPE))

    def wait(self):
        for proc in self.pending:
            _, err = proc.communicate()
            if proc.returncode != 0:
                raise RuntimeError("certtool %s failed: %s" % (" ".join(proc.args[1:]),
                                                              err.decode(errors="replace")))
        self.pending = []

    def _find_lab_ca(self, certs_dir):
        crt = os.path.join(certs_dir, "ca.crt")
        key = os.path.join(certs_dir, "ca.key")
        if os.path.exists(crt) and os.path.exists(key):
            return crt, key
        # Outside the lab (development): a private CA, so the server still runs.
        sys.stderr.write("scripted: no lab CA in %s, using a private one\n" % certs_dir)
        return self._make_ca("private-ca", "Postbote scripted private CA")

    def _make_ca(self, base, cn):
        crt = os.path.join(self.out, base + ".crt")
        key = os.path.join(self.out, base + ".key")
        if not os.path.exists(crt):
            self._certtool(["--generate-privkey", "--key-type", "rsa", "--bits", "2048",
                            "--outfile", key])
            tmpl = self._template(base, 'cn = "%s"\nca\ncert_signing_key\n'
                                  'expiration_days = 3650\n' % cn)
            self._certtool(["--generate-self-signed", "--load-privkey", key, "--template", tmpl,
                            "--outfile", crt])
        return crt, key

    def _template(self, base, text):
        path = os.path.join(self.out, base + ".tmpl")
        with open(path, "w") as f:
            f.write(text)
        return path

    def make(self, name, kind, host, aliases=(), ip=None):
        """Certificate file (leaf + nothing else) for scenario NAME of KIND: for HOST, and for
        the ALIASES and the IP address IP where KIND is "good"."""
        crt = os.path.join(self.out, name + ".crt")
        key = self.weak_key if kind == "weakkey" else self.key
        if os.path.exists(crt):
            return crt, key
        cert_host = "not-this-host.example.test" if kind == "wronghost" else host
        dates = "expiration_days = 3650\n"
        if kind == "expired":
            dates = ('activation_date = "2020-01-01 00:00:00 UTC"\n'
                     'expiration_date = "2021-01-01 00:00:00 UTC"\n')
        elif kind == "notyet":
            dates = ('activation_date = "2035-01-01 00:00:00 UTC"\n'
                     'expiration_date = "2036-01-01 00:00:00 UTC"\n')
        extra = "".join('dns_name = "%s"\n' % a for a in aliases) if kind == "good" else ""
        if ip:
            extra += 'ip_address = "%s"\n' % ip
        tmpl = self._template(name, 'organization = "Postbote lab scripted"\ncn = "%s"\n'
                              'dns_name = "%s"\n%stls_www_server\nsigning_key\n'
                              'encryption_key\n%s' % (cert_host, cert_host, extra, dates))
        if kind == "selfsigned":
            self._certtool_bg(["--generate-self-signed", "--load-privkey", self.key,
                               "--template", tmpl, "--outfile", crt])
            return crt, self.key
        ca_crt, ca_key = self.ca_crt, self.ca_key
        if kind == "unknownca":
            ca_crt, ca_key = self._make_ca("unknown-ca", "Postbote Unknown Test CA")
        # SHA-1 signatures are what GnuTLS flags as an insecure algorithm.
        digest = ["--hash", "SHA1"] if kind == "insecure" else []
        self._certtool_bg(["--generate-certificate", "--load-privkey", key,
                           "--load-ca-certificate", ca_crt, "--load-ca-privkey", ca_key,
                           "--template", tmpl, "--outfile", crt] + digest)
        return crt, key


def print_dnsmasq(script, what, entries):
    """The dnsmasq fragment of a scripted server: ENTRIES are (host, address, aliases) of its
    scenarios; each alias is one more name of the scenario's address."""
    print("# Generated by tests/lab/%s --print-dnsmasq; do not edit by hand." % script)
    print("# One loopback address per scripted %s scenario (see tests/lab/SCENARIOS.md)." % what)
    for host, addr, aliases in entries:
        print("address=/%s/%s" % (host, addr))
        for alias in aliases:
            print("host-record=%s,%s" % (alias, addr))


def tls_context(crt, key, sc):
    """The server side of a scenario's TLS: its certificate, and the versions it asks for."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if sc.get("cert") in ("insecure", "weakkey") or "tls_version" in sc:
        # Debian's OpenSSL (level 2) would not even load a SHA-1 signed certificate or a
        # 1024-bit key, nor sign a TLS 1.0/1.1 handshake (SHA-1/MD5).
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    if "tls_version" in sc:
        version = getattr(ssl.TLSVersion, sc["tls_version"])
        ctx.minimum_version = ctx.maximum_version = version
    if "tls_max" in sc:
        ctx.maximum_version = getattr(ssl.TLSVersion, sc["tls_max"])
    ctx.load_cert_chain(crt, key)
    return ctx


class Closed(Exception):
    pass


class Store:
    """A scripted server's folder: logs and whatever else its scenarios keep."""

    def __init__(self, folder):
        self.dir = folder
        os.makedirs(folder, exist_ok=True)

    def append(self, fname, text):
        with open(os.path.join(self.dir, fname), "a", encoding="utf-8") as f:
            f.write(text)


class LineSession:
    """One connection of a scripted server: the log, lines read with the idle timeout, TLS
    (implicit, refused, or the upgrade), and converse() of the subclass."""

    def __init__(self, store, name, port, mode, reader, writer, context, cert_kind):
        self.store = store
        self.name = name
        self.port = port
        self.mode = mode
        self.reader = reader
        self.writer = writer
        self.context = context
        self.cert_kind = cert_kind
        peer = writer.get_extra_info("peername") or ("?", 0)
        self.peer = peer[0]
        self.tls = False

    def log(self, raw):
        self.store.append(self.name + ".log", escape_line(raw) + "\n")

    def event(self, text):
        self.store.append(self.name + ".events", "%s %d %s\n" % (time.strftime("%H:%M:%S"),
                                                                 self.port, text))

    async def write(self, data):
        self.writer.write(data)
        await self.writer.drain()

    async def readline(self, log=True):
        try:
            raw = await asyncio.wait_for(self.reader.readuntil(b"\n"), IDLE_TIMEOUT)
        except asyncio.IncompleteReadError as e:
            if e.partial and log:
                self.log(e.partial)
            raise Closed()
        except asyncio.LimitOverrunError:
            raise Closed()
        except (asyncio.TimeoutError, ConnectionError, ssl.SSLError, OSError):
            raise Closed()
        if log:
            self.log(raw)
        return raw

    async def start_tls(self):
        try:
            await self.writer.start_tls(self.context, ssl_handshake_timeout=HANDSHAKE_TIMEOUT)
        except (ssl.SSLError, ConnectionError, OSError, asyncio.TimeoutError) as e:
            self.event("tls-failed %s (%s certificate)" % (type(e).__name__ + ": " + str(e),
                                                           self.cert_kind))
            raise Closed()
        sslobj = self.writer.get_extra_info("ssl_object")
        self.event("tls %s %s" % (sslobj.version() if sslobj else "?",
                                  sslobj.cipher()[0] if sslobj else "?"))
        self.tls = True

    async def refuse_tls(self):
        """Waits for the ClientHello and answers it with a fatal handshake_failure alert."""
        try:
            await asyncio.wait_for(self.reader.read(5), IDLE_TIMEOUT)
        except (asyncio.TimeoutError, ConnectionError, OSError):
            raise Closed()
        await self.write(TLS_ALERT_HANDSHAKE_FAILURE)
        raise Closed()

    async def run(self):
        self.event("connect from %s (%s)" % (self.peer, self.mode))
        try:
            if self.mode == REFUSE:
                await self.refuse_tls()
            if self.mode == TLS:
                await self.start_tls()
            await self.converse()
        except Closed:
            pass
        except (ConnectionError, ssl.SSLError, OSError) as e:
            self.event("error %s" % e)
        finally:
            self.event("close")
            try:
                self.writer.close()
            except Exception:
                pass

    async def converse(self):
        raise NotImplementedError


def quiet_exceptions(loop, context):
    # Clients that abort handshakes on purpose (bad certificates) are the point, not an error.
    exc = context.get("exception")
    if isinstance(exc, (ssl.SSLError, ConnectionError, OSError)):
        return
    loop.default_exception_handler(context)


async def serve_until_killed(start, ready_file, label):
    """Runs start() (a coroutine that returns the listeners), says so in READY_FILE, and
    serves until the lab ends."""
    asyncio.get_running_loop().set_exception_handler(quiet_exceptions)
    servers = await start()
    if ready_file:
        with open(ready_file, "w") as f:
            f.write("%d\n" % os.getpid())
    sys.stderr.write("%s: %d listeners up\n" % (label, len(servers)))
    await asyncio.Event().wait()


def main(description, label, print_dnsmasq, print_markdown, start, add_arguments=None,
         answer=None):
    """The command line of a scripted server: --print-dnsmasq, --markdown, ANSWER(args) for
    its own questions (TRUE when it answered one), else serve START(args) (a coroutine that
    returns the listeners) until the lab ends."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--lab-dir", default=os.environ.get("PB_LAB_DIR"))
    ap.add_argument("--ready-file")
    ap.add_argument("--print-dnsmasq", action="store_true")
    ap.add_argument("--markdown", action="store_true")
    if add_arguments is not None:
        add_arguments(ap)
    args = ap.parse_args()
    if args.print_dnsmasq:
        print_dnsmasq()
    elif args.markdown:
        print_markdown()
    elif answer is None or not answer(args):
        if not args.lab_dir:
            ap.error("--lab-dir or PB_LAB_DIR is required")
        try:
            asyncio.run(serve_until_killed(lambda: start(args), args.ready_file, label))
        except KeyboardInterrupt:
            pass
    return 0
