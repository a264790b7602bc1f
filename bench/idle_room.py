"""An idle room: N phones keep the page open while nothing happens, then a poll opens.

Runs the real server (`python -m summit_app serve FILE --host 127.0.0.1`) in a subprocess
and N phones in this one, each on its own connection from its own loopback address
(127.0.0.0/8 all reaches this machine), as the page really behaves:

- `--transport push` (the page today): one Server-Sent Events stream per phone
  (`GET /api/events`), fed by the server when something changes;
- `--transport poll` (the page before push, and its fallback): `GET /api/state` with
  `If-None-Match` every `--every` seconds on a keep-alive connection.

Once every phone is connected and has settled, the server process's own CPU time is
read over `--seconds` of idling (from /proc, so Linux only). Then the facilitator opens
a poll through a connection of its own (the window's, in the app), and each phone's
delay from that commit to the moment the poll reached it is recorded. The last line:

    idle phones N: server CPU X cores; push p99 Y ms

    PYTHONPATH=src python bench/idle_room.py [--phones 2000] [--transport push|poll]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from burst_client import cpu_seconds, free_port, loopback, pick, run, start, stop

from summit_app.core import Summit
from summit_app.core.model import ItemKind, PollKind, SummitInfo

QUESTION = "Which initiative first?"
MARK = QUESTION.encode()
CONNECT_TIMEOUT_S = 240  # a loaded machine (other work on it) connects 5,000 phones slowly
SEEN_TIMEOUT_S = 15


def make_summit(path: Path, phones: int) -> tuple[int, list[str]]:
    """A running item with a draft poll, and `phones` participants: (poll id, tokens)."""
    with Summit.create(path, SummitInfo(title="Idle room")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Vote", ItemKind.VOTE, 30)
        summit.agenda.start_item(item.id)
        poll = summit.polls.add_poll(item.id, QUESTION, PollKind.SINGLE, ["A", "B", "C"])
        with summit.write():
            tokens = [summit.people.join().token for _ in range(phones)]
        return poll.id, tokens


class Phone:
    """One phone's connection: it notes when the poll's question first reaches it."""

    def __init__(self, host: str, port: int, token: str, address: str) -> None:
        self.host, self.port, self.token, self.address = host, port, token, address
        self.seen_at = 0.0
        self.connected = asyncio.Event()
        self.reconnects = -1
        self.errors = 0
        self.answers = 0  # state answers received (poll transport)

    async def _open(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        self.reconnects += 1
        return await asyncio.open_connection(self.host, self.port, local_addr=(self.address, 0))

    def _request(self, path: str, extra: str = "") -> bytes:
        return (
            f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Cookie: summit_token={self.token}\r\n{extra}\r\n"
        ).encode()

    async def push(self) -> None:
        """Hold an event stream open; reconnect when it closes, as EventSource does."""
        while True:
            try:
                reader, writer = await self._open()
            except OSError:
                self.errors += 1
                await asyncio.sleep(1)
                continue
            try:
                writer.write(self._request("/api/events", "Accept: text/event-stream\r\n"))
                head = await reader.readuntil(b"\r\n\r\n")
                if b" 200 " not in head.split(b"\r\n", 1)[0]:
                    self.errors += 1
                    await asyncio.sleep(1)
                    continue
                self.connected.set()
                while chunk := await reader.read(65536):
                    if not self.seen_at and MARK in chunk:
                        self.seen_at = time.perf_counter()
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                self.errors += 1
            finally:
                writer.close()
            await asyncio.sleep(1)

    async def poll(self, every: float) -> None:
        """Ask for the state every `every` seconds on one keep-alive connection."""
        etag = ""
        reader = writer = None
        await asyncio.sleep(random.uniform(0, every))  # phones opened the page at any moment
        while True:
            try:
                if writer is None or writer.is_closing():
                    reader, writer = await self._open()
                assert reader is not None
                writer.write(self._request("/api/state", f"If-None-Match: {etag}\r\n"))
                head = await reader.readuntil(b"\r\n\r\n")
                length, close = 0, False
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    name = name.strip().lower()
                    if name == b"content-length":
                        length = int(value)
                    elif name == b"etag":
                        etag = value.strip().decode()
                    elif name == b"connection" and b"close" in value.lower():
                        close = True
                body = await reader.readexactly(length) if length else b""
                self.answers += 1
                if not self.seen_at and MARK in body:
                    self.seen_at = time.perf_counter()
                self.connected.set()
                if close:
                    writer.close()
                    writer = None
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                self.errors += 1
                if writer is not None:
                    writer.close()
                writer = None
            await asyncio.sleep(every)


class StreamPhone(asyncio.Protocol):
    """One phone's event stream as a bare protocol (`--client light`, the default): the
    bytes are looked at as they arrive, with no stream reader or task per phone. With
    5,000 phones in one Python process, waking 5,000 reader tasks for one message was
    itself a few hundred ms of this client's CPU, counted in every phone's delay."""

    def __init__(self, phone: Phone) -> None:
        self.phone = phone
        self.head: bytes | None = b""
        self.tail = b""  # the end of the last chunk: the question may straddle two
        self.transport: asyncio.Transport | None = None
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.phone._request("/api/events", "Accept: text/event-stream\r\n"))

    def data_received(self, data: bytes) -> None:
        phone = self.phone
        if self.head is not None:  # the answer's head, not all read yet
            self.head += data
            if b"\r\n\r\n" not in self.head:
                return
            status, _, data = self.head.partition(b"\r\n\r\n")
            self.head = None
            if b" 200 " not in status.split(b"\r\n", 1)[0]:
                phone.errors += 1
                assert self.transport is not None
                self.transport.close()
                return
            phone.connected.set()
        if not phone.seen_at:
            if MARK in self.tail + data:
                phone.seen_at = time.perf_counter()
            self.tail = data[-len(MARK) :]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.lost.done():
            self.lost.set_result(None)


async def light_push(phone: Phone) -> None:
    """Hold an event stream open; reconnect when it closes, as EventSource does."""
    loop = asyncio.get_running_loop()
    while True:
        phone.reconnects += 1
        try:
            _, protocol = await loop.create_connection(
                lambda: StreamPhone(phone), phone.host, phone.port, local_addr=(phone.address, 0)
            )
            await protocol.lost
        except OSError:
            pass
        phone.errors += 1
        await asyncio.sleep(1)


async def room(
    port: int,
    tokens: list[str],
    transport: str,
    every: float,
    seconds: float,
    path: Path,
    poll_id: int,
    pid: int,
    client: str = "light",
) -> tuple[float, list[float], int, int, int, float, float]:
    phones = [Phone("127.0.0.1", port, t, loopback(i)) for i, t in enumerate(tokens)]
    tasks = []
    for i, phone in enumerate(phones):
        if transport == "poll":
            run = phone.poll(every)
        else:
            run = light_push(phone) if client == "light" else phone.push()
        tasks.append(asyncio.ensure_future(run))
        if i % 50 == 49:
            await asyncio.sleep(0.05)  # people open the page over a while, not all at once
    try:
        await asyncio.wait_for(
            asyncio.gather(*(p.connected.wait() for p in phones)), CONNECT_TIMEOUT_S
        )
        await asyncio.sleep(3)  # settle: the first answers and any start-up work are done
        cpu, wall, answered = cpu_seconds(pid), time.perf_counter(), sum(p.answers for p in phones)
        await asyncio.sleep(seconds)
        took = time.perf_counter() - wall
        cores = (cpu_seconds(pid) - cpu) / took
        rate = (sum(p.answers for p in phones) - answered) / took

        # The facilitator opens the poll on the window's own connection.
        before = cpu_seconds(pid)
        with Summit.open(path) as summit:
            summit.polls.open_poll(poll_id)
        opened = time.perf_counter()
        deadline = opened + SEEN_TIMEOUT_S
        while time.perf_counter() < deadline and not all(p.seen_at for p in phones):
            await asyncio.sleep(0.05)
        # The server's own CPU for the broadcast (the state rebuilt, one message written to
        # every stream): unlike the delays, the phones' client and the machine's other
        # work do not count in it.
        push_cpu = cpu_seconds(pid) - before
        delays = [p.seen_at - opened for p in phones if p.seen_at]
        missed = sum(1 for p in phones if not p.seen_at)
        reconnects = sum(max(0, p.reconnects) for p in phones)
        errors = sum(p.errors for p in phones)
        return cores, delays, missed, reconnects, errors, rate, push_cpu
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phones", type=int, default=2000)
    parser.add_argument("--transport", choices=("push", "poll"), default="push")
    parser.add_argument("--every", type=float, default=1.5, help="seconds between polls")
    parser.add_argument("--seconds", type=float, default=20, help="idle time measured")
    parser.add_argument(
        "--client",
        choices=("light", "streams"),
        default="light",
        help="push phones as bare protocols, or as stream readers (the client before)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "idle.summit"
        poll_id, tokens = make_summit(path, args.phones)
        port = free_port()
        serve = ["-m", "summit_app", "serve", str(path), "--host", "127.0.0.1"]
        server, _ = start([*serve, "--port", str(port)])
        try:
            cores, delays, missed, reconnects, errors, rate, push_cpu = run(
                room(
                    port,
                    tokens,
                    args.transport,
                    args.every,
                    args.seconds,
                    path,
                    poll_id,
                    server.pid,
                    args.client,
                )
            )
        finally:
            stop(server)
    print(
        f"{args.phones} phones, transport {args.transport}"
        + (f" every {args.every} s" if args.transport == "poll" else f", client {args.client}")
        + f"; idle {args.seconds:.0f} s; reconnects {reconnects}, connection errors {errors}"
    )
    if args.transport == "poll":  # a loaded client polls less often than the page would
        wanted = args.phones / args.every
        print(
            f"  state polls answered {rate:,.0f} a second while idle"
            f" (the page's rate: {wanted:,.0f})"
        )
    print(
        f"  the poll reached {len(delays)} phones ({missed} missed in {SEEN_TIMEOUT_S} s):"
        f" first {1000 * pick(delays, 0.0):.0f} ms, median {1000 * pick(delays, 0.5):.0f} ms,"
        f" p99 {1000 * pick(delays, 0.99):.0f} ms,"
        f" last {1000 * pick(delays, 1.0):.0f} ms"
    )
    p99 = 1000 * pick(delays, 0.99) if not missed else float("inf")
    print(
        f"idle phones {args.phones}: server CPU {cores:.3f} cores; push p99 {p99:.0f} ms;"
        f" server CPU for the push {1000 * push_cpu:.0f} ms; load average"
        f" {os.getloadavg()[0]:.2f}"
    )
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
