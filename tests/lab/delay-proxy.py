#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Latency for the lab: a TCP (or UDP) forwarder that delays every chunk in each direction.

The kernel here has no netem, so benchmarks put this between the client and a lab server:

  delay-proxy.py --listen 127.0.3.1:465 --connect 127.0.1.1:465 --delay-ms 50
  delay-proxy.py --udp --listen 127.0.3.53:53 --connect 127.0.0.1:53 --delay-ms 50

--listen/--connect may be repeated in pairs. TCP: bytes keep their order, EOF (half-close)
is delayed like data, a reset or close of one side closes the other. The client's own TCP
handshake with the proxy is not delayed; --connect-delay-ms adds a wait before the proxy
connects upstream (for SMTP, where the server speaks first, --connect-delay-ms = --delay-ms
makes the greeting arrive after one full round trip, as in real life).
UDP: each datagram is forwarded after the delay from a socket of its own, and each answer
is sent back after the delay (enough for DNS).
"""

import argparse
import asyncio
import os
import socket
import struct
import sys


def hostport(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT, got %r" % text)
    return host.strip("[]"), int(port)


def reset(writer):
    """Close with RST (SO_LINGER 0), so a reset on one side is a reset on the other."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()


class Pipe:
    """One direction of a TCP connection: reads at once, writes each chunk DELAY later."""

    def __init__(self, reader, delay, not_before=None):
        self.reader = reader
        self.delay = delay
        self.not_before = not_before
        self.queue = asyncio.Queue()

    async def receive(self):
        loop = asyncio.get_running_loop()
        try:
            while True:
                data = await self.reader.read(65536)
                self.queue.put_nowait((loop.time() + self.delay, data))
                if not data:
                    return
        except (ConnectionError, OSError):
            self.queue.put_nowait((loop.time(), None))

    async def deliver(self, writer):
        loop = asyncio.get_running_loop()
        while True:
            due, data = await self.queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                reset(writer)
                return
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()


async def tcp_session(creader, cwriter, target, delay, connect_delay):
    up = Pipe(creader, delay)
    rx_up = asyncio.ensure_future(up.receive())
    try:
        if connect_delay:
            await asyncio.sleep(connect_delay)
        sreader, swriter = await asyncio.open_connection(*target)
    except OSError:
        # Upstream refused or unreachable: the client sees a reset, as it would directly.
        rx_up.cancel()
        reset(cwriter)
        return
    down = Pipe(sreader, delay)
    tasks = [rx_up, asyncio.ensure_future(down.receive()),
             asyncio.ensure_future(up.deliver(swriter)),
             asyncio.ensure_future(down.deliver(cwriter))]
    try:
        # Both deliveries end at EOF or error; then the connection is done.
        await asyncio.gather(tasks[2], tasks[3], return_exceptions=True)
    finally:
        for t in tasks:
            t.cancel()
        for w in (swriter, cwriter):
            w.close()


class UdpForwarder(asyncio.DatagramProtocol):
    def __init__(self, target, delay):
        self.target = target
        self.delay = delay
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        asyncio.ensure_future(self.forward(data, addr))

    async def forward(self, data, client):
        loop = asyncio.get_running_loop()
        await asyncio.sleep(self.delay)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setblocking(False)
        try:
            await loop.sock_connect(sock, self.target)
            await loop.sock_sendall(sock, data)
            answer = await asyncio.wait_for(loop.sock_recv(sock, 65535), 10)
        except (OSError, asyncio.TimeoutError):
            return
        finally:
            sock.close()
        await asyncio.sleep(self.delay)
        self.transport.sendto(answer, client)


async def main_async(args):
    loop = asyncio.get_running_loop()
    delay = args.delay_ms / 1000.0
    for listen, target in zip(args.listen, args.connect):
        if args.udp:
            await loop.create_datagram_endpoint(lambda t=target: UdpForwarder(t, delay),
                                                local_addr=listen)
        else:
            await asyncio.start_server(
                lambda r, w, t=target: tcp_session(r, w, t, delay, args.connect_delay_ms / 1000.0),
                listen[0], listen[1], reuse_address=True)
    if args.ready_file:
        with open(args.ready_file, "w") as f:
            f.write("%d\n" % os.getpid())
    await asyncio.Event().wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--listen", type=hostport, action="append", required=True)
    ap.add_argument("--connect", type=hostport, action="append", required=True)
    ap.add_argument("--delay-ms", type=float, required=True, help="one-way delay")
    ap.add_argument("--connect-delay-ms", type=float, default=0.0)
    ap.add_argument("--udp", action="store_true", help="forward datagrams (DNS)")
    ap.add_argument("--ready-file", help="written once every listener is up")
    args = ap.parse_args()
    if len(args.listen) != len(args.connect):
        ap.error("--listen and --connect must come in pairs")
    try:
        asyncio.run(main_async(args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
