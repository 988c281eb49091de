# shellcheck shell=bash
# Provider look-alikes for the diagnosis tests (tests/cli/test-diagnosis-lab.sh): the replies of
# GMX, WEB.DE, Telekom, iCloud, AOL, IONOS, STRATO and Microsoft 365 under host names that end
# like theirs (lab-diagnosis.gmx.net, ...), so that Postbote recognises the provider from the
# server name as it does for the real ones, plus a server that refuses a message's content.
# One python asyncio server, implicit TLS on port 465 of 127.0.5.N (dns.d/diagnosis.conf),
# one certificate from the lab CA for all names. Any password is taken; the scenario decides
# the reply. lab-run sources this file: define nothing but pb_diagnosis_*, never exit.

pb_diagnosis_start ()
{
  local dir="$PB_LAB_DIR/diagnosis" names
  mkdir -p "$dir"
  names=$(sed -n 's/^host-record=\([^,]*\),.*/\1/p' "$PB_LAB_SRCDIR/dns.d/diagnosis.conf")
  # shellcheck disable=SC2086
  lab_cert diagnosis $names || return 1
  /usr/bin/python3 - "$PB_LAB_SRCDIR/dns.d/diagnosis.conf" "$PB_LAB_DIR/certs/diagnosis.crt" \
    "$PB_LAB_DIR/certs/diagnosis.key" "$dir/ready" >"$dir/server.out" 2>&1 <<'PY' &
import asyncio
import ssl
import sys

dns_conf, cert, key, ready = sys.argv[1:5]

# host name prefix -> the replies that differ from a plain successful session
SCENARIOS = {
    "lab-diagnosis.gmx.net": {"auth": "535 Authentication credentials invalid"},
    "lab-diagnosis.web.de": {"auth": "535 Authentication credentials invalid"},
    "lab-diagnosis.t-online.de": {"auth": "535 5.7.0 authentication failed"},
    "lab-diagnosis.mail.me.com": {"auth": "535 5.7.8 Error: authentication failed"},
    "lab-diagnosis.aol.com": {"auth": "535 5.7.0 (#AUTH005) Too many bad auth attempts."},
    "lab-diagnosis.ionos.de": {"mail": "550 5.7.1 Sender address is not allowed."},
    "lab-diagnosis.strato.de": {
        "mail": "553 5.7.1 Sender address does not belong to the logged in user"},
    "lab-diagnosis.office365.com": {
        "mail": "550 5.7.60 SMTP; Client does not have permissions to send as this sender "
                "[AM0PR10MB1234.EURPRD10.PROD.OUTLOOK.COM 2026-11-23T03:27:26.123Z]"},
    "lab-diagnosis.content.test": {
        "data": "554 5.7.1 Message rejected due to content restrictions"},
    # A home connection on a spam block list, turned away at the greeting.
    "lab-diagnosis.dnsbl.test": {
        "greeting": "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
                    "zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1"},
    # Only mechanisms that need a domain login: nothing a password can use.
    "lab-diagnosis.ntlm.test": {"mechanisms": "NTLM GSSAPI"},
    # Answers the ClientHello with a fatal handshake_failure alert (no common cipher).
    "lab-diagnosis.alert.test": {"raw": bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])},
}


def hosts():
    for line in open(dns_conf):
        if line.startswith("host-record="):
            name, addr = line[len("host-record="):].strip().split(",")[:2]
            yield name, addr


async def session(reader, writer, name):
    sc = SCENARIOS.get(name, {})

    async def say(line):
        writer.write(line.encode() + b"\r\n")
        await writer.drain()

    if "greeting" in sc:
        await say(sc["greeting"])
        return
    await say("220 %s ESMTP lab" % name)
    while True:
        line = await asyncio.wait_for(reader.readline(), 60)
        if not line:
            return
        cmd = line.decode("ascii", "replace").strip()
        verb = cmd.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            await say("250-%s\r\n250-AUTH %s\r\n250-SIZE 10485760\r\n"
                      "250 ENHANCEDSTATUSCODES" % (name, sc.get("mechanisms", "PLAIN LOGIN")))
        elif verb == "AUTH":
            parts = cmd.split()
            if len(parts) == 2 and parts[1].upper() == "PLAIN":
                await say("334 ")
                await reader.readline()
            elif len(parts) >= 2 and parts[1].upper() == "LOGIN":
                if len(parts) == 2:
                    await say("334 VXNlcm5hbWU6")
                    await reader.readline()
                await say("334 UGFzc3dvcmQ6")
                await reader.readline()
            await say(sc.get("auth", "235 2.7.0 Authentication successful"))
        elif verb == "MAIL":
            await say(sc.get("mail", "250 2.1.0 Ok"))
        elif verb == "RCPT":
            await say("250 2.1.5 Ok")
        elif verb == "DATA":
            await say("354 End data with <CR><LF>.<CR><LF>")
            while (await asyncio.wait_for(reader.readline(), 60)) not in (b".\r\n", b""):
                pass
            await say(sc.get("data", "250 2.0.0 Ok: queued"))
        elif verb in ("RSET", "NOOP"):
            await say("250 2.0.0 Ok")
        elif verb == "QUIT":
            await say("221 2.0.0 Bye")
            return
        else:
            await say("502 5.5.2 Error: command not recognized")


def handler(name):
    async def handle(reader, writer):
        try:
            if "raw" in SCENARIOS.get(name, {}):
                await reader.read(4096)
                writer.write(SCENARIOS[name]["raw"])
                await writer.drain()
                return
            await session(reader, writer, name)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError):
            pass
        finally:
            writer.close()
    return handle


async def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    for name, addr in hosts():
        raw = "raw" in SCENARIOS.get(name, {})
        await asyncio.start_server(handler(name), addr, 465, ssl=None if raw else ctx)
    open(ready, "w").write("ok\n")
    await asyncio.Event().wait()

asyncio.run(main())
PY
  for _ in $(seq 1 100); do
    [ -s "$dir/ready" ] && return 0
    sleep 0.1
  done
  echo "70-diagnosis: provider look-alike server not ready:" >&2
  cat "$dir/server.out" >&2
  return 1
}

pb_diagnosis_start
