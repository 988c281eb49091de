# Web answers for the discovery scenarios that nginx cannot give: a slow autoconfig
# (autoconfig.all.test, 1 s), two that accept and never answer (autoconfig.stall.test and
# stall.test), an endless chunked body (autoconfig.huge.test), and a reason phrase with a
# bidi override (autoconfig.bidi-reason.test), a Content-Length beyond the body limit
# followed by a stall (autoconfig.biglength.test) and a body longer than its Content-Length
# (autoconfig.overlong.test). One python asyncio
# server with its own certificate from the lab CA on 127.0.4.1:443 (dns.d/discovery.conf).
# On 127.0.4.2:443 (autoconfig.tls-stall.test) it accepts and never answers the TLS
# ClientHello: a fetch then waits in the TLS handshake, which GIO runs in a worker thread.
# Three DNS servers for dns.d/discovery-failures.conf: 127.0.4.3:53 answers SERVFAIL to every
# query, 127.0.4.4:53 never answers, 127.0.4.5:53 gives MX records in an order of its own.
# lab-run sources this file: define nothing but pb_discovery_*, never exit.

pb_discovery_start ()
{
  local dir="$PB_LAB_DIR/discovery" i
  mkdir -p "$dir"
  # GIO's asynchronous connect resolves IPv4 and IPv6 separately with AI_ADDRCONFIG, and
  # glibc then finds no IPv4 "configured" while lo holds only 127.0.0.1: every async
  # lookup (libsoup, GSocketClient) fails with "Name or service not known". One global
  # address on lo (TEST-NET-1, never routed) makes IPv4 count as configured.
  ip addr show dev lo | grep -q 'inet 192.0.2.1/' || ip addr add 192.0.2.1/32 dev lo ||
    { echo "60-discovery: cannot add 192.0.2.1 to lo" >&2; return 1; }
  lab_cert discovery autoconfig.all.test all.test autoconfig.stall.test stall.test \
    autoconfig.huge.test autoconfig.bidi-reason.test autoconfig.biglength.test \
    autoconfig.overlong.test || return 1
  /usr/bin/python3 - "$PB_LAB_DIR/www/discovery/slow" "$PB_LAB_DIR/certs/discovery.crt" \
    "$PB_LAB_DIR/certs/discovery.key" "$dir/ready" >"$dir/server.out" 2>&1 <<'PY' &
import asyncio
import os
import ssl
import sys

docroot, cert, key, ready = sys.argv[1:5]
SLOW_S = 1.0
HUGE = 2 * 1024 * 1024 + 1
OVERLONG = b"<!-- not part of the document -->\n" * (HUGE // 34 + 1)


async def respond(writer, status, body=b"", ctype="application/xml"):
    writer.write(b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                 b"Connection: close\r\n\r\n" % (status, ctype.encode(), len(body)) + body)
    await writer.drain()


async def handle(reader, writer):
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        host = ""
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"host":
                host = value.strip().decode("ascii", "replace").lower().split(":")[0]
        print("request", host, head.split(b"\r\n")[0].decode("ascii", "replace"), flush=True)
        if host in ("autoconfig.stall.test", "stall.test"):
            await asyncio.sleep(3600)
        elif host == "autoconfig.huge.test":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"<!-- " + b"x" * 65000 + b" -->\n"
            sent = 0
            writer.write(b"%x\r\n%s\r\n" % (len(b"<clientConfig>"), b"<clientConfig>"))
            while sent < HUGE:
                writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
                await writer.drain()
            writer.write(b"0\r\n\r\n")
            await writer.drain()
        elif host == "autoconfig.biglength.test":
            # Announces twice the body limit, sends a little and stalls: only a client that
            # refuses on the header alone is done before the deadline.
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                         b"Content-Length: %d\r\n\r\n<clientConfig>" % HUGE)
            await writer.drain()
            await asyncio.sleep(3600)
        elif host == "autoconfig.overlong.test":
            # A valid document as announced, then 2 MiB more that the length does not cover.
            with open(os.path.join(docroot, host + ".xml"), "rb") as f:
                body = f.read()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                         b"Content-Length: %d\r\n\r\n" % len(body) + body + OVERLONG)
            await writer.drain()
        elif host == "autoconfig.bidi-reason.test":
            # A reason phrase with a right-to-left override (U+202E ... U+202C).
            await respond(writer, "503 Down for \u202eecnanetniam\u202c".encode(), b"down\n",
                          "text/plain")
        else:
            path = os.path.join(docroot, host + ".xml")
            if os.path.exists(path):
                await asyncio.sleep(SLOW_S)
                with open(path, "rb") as f:
                    await respond(writer, b"200 OK", f.read())
            else:
                await respond(writer, b"404 Not Found", b"not here\n", "text/plain")
    except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


async def mute(reader, writer):
    try:
        await asyncio.wait_for(reader.read(), 3600)
    except (asyncio.TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


def mx_rdata(pref, host):
    labels = [l for l in host.split(".") if l]
    return pref.to_bytes(2, "big") + b"".join(bytes([len(l)]) + l.encode() for l in labels) + b"\0"


# Answers of the DNS server on 127.0.4.5: an order dnsmasq never gives (it puts a dns-rr
# record before an mx-host one): the real MX first, then a null MX.
MIXED_MX = [mx_rdata(10, "mx01.hoster-example.de"), mx_rdata(0, ".")]


class Dns(asyncio.DatagramProtocol):
    """SERVFAIL to every query (rcode 2), no answer at all (rcode None), or the MX records
    of MIXED_MX (rcode 0)."""

    def __init__(self, rcode):
        self.rcode = rcode

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        if self.rcode is None:
            return
        end = 12
        while end < len(data) and data[end] != 0:
            end += data[end] + 1
        question = data[12:end + 5]
        qtype = int.from_bytes(question[-4:-2], "big")
        answers = MIXED_MX if self.rcode == 0 and qtype == 15 else []
        # QR, AA, RD, RA and the rcode; the question as asked; each answer names it (0xc00c).
        head = data[:2] + bytes([0x85, 0x80 | self.rcode]) + b"\x00\x01"
        head += len(answers).to_bytes(2, "big") + b"\x00" * 4
        self.transport.sendto(head + question + b"".join(
            b"\xc0\x0c\x00\x0f\x00\x01\x00\x00\x00\x00" + len(a).to_bytes(2, "big") + a
            for a in answers), addr)


async def main():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server = await asyncio.start_server(handle, "127.0.4.1", 443, ssl=ctx)
    mute_server = await asyncio.start_server(mute, "127.0.4.2", 443)
    loop = asyncio.get_running_loop()
    for address, rcode in (("127.0.4.3", 2), ("127.0.4.4", None), ("127.0.4.5", 0)):
        await loop.create_datagram_endpoint(lambda: Dns(rcode), local_addr=(address, 53))
    with open(ready, "w") as f:
        f.write("ready\n")
    async with server:
        await server.serve_forever()

asyncio.run(main())
PY
  PB_DISCOVERY_PID=$!
  for i in $(seq 1 100); do
    [ -s "$dir/ready" ] && return 0
    if ! kill -0 "$PB_DISCOVERY_PID" 2>/dev/null; then
      echo "60-discovery: the web server died:" >&2
      cat "$dir/server.out" >&2
      return 1
    fi
    sleep 0.05
  done
  echo "60-discovery: the web server is not ready after 5 s" >&2
  return 1
}

pb_discovery_start
