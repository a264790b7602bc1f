"""A light HTTP/1.1 client for the burst benches: keep-alive connections on asyncio's own
protocol callbacks, requests written as bytes, answers cut by Content-Length.

httpx spent about 0.95 of a core driving 2,000 phones (the issue 30 review), so its burst
measured the client; this one spends a few tens of microseconds a request, so the server
saturates first and the ratio of two servers measures the servers.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

from burst_client import REQUEST_TIMEOUT_S, Leg


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[bytes, bytes]
    body: bytes
    seconds: float = 0.0  # from the request's first byte out to its answer's last in

    def json(self) -> object:
        return json.loads(self.body)


class _Wire(asyncio.Protocol):
    """One keep-alive connection: one request at a time."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.waiting: asyncio.Future[Answer] | None = None
        self.transport: asyncio.Transport | None = None
        self.lost = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no asyncio.Transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self.waiting is not None and not self.waiting.done():
            self.waiting.set_exception(ConnectionError("the server closed the connection"))

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        self._parse()

    def _parse(self) -> None:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0 or self.waiting is None:
            return
        lines = bytes(self.buffer[:end]).split(b"\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get(b"content-length", b"0"))
        if len(self.buffer) < end + 4 + length:
            return
        body = bytes(self.buffer[end + 4 : end + 4 + length])
        del self.buffer[: end + 4 + length]
        status = int(lines[0].split()[1])
        waiting, self.waiting = self.waiting, None
        if not waiting.done():
            waiting.set_result(Answer(status, headers, body))


class RawPool:
    """`size` keep-alive connections to host:port, shared by every phone in turn."""

    def __init__(self, host: str, port: int, size: int) -> None:
        self.host, self.port, self.size = host, port, size
        self.free: asyncio.Queue[_Wire | None] = asyncio.Queue()
        for _ in range(size):
            self.free.put_nowait(None)  # opened when first needed

    async def _wire(self, wire: _Wire | None) -> _Wire:
        if wire is None or wire.lost:
            loop = asyncio.get_running_loop()
            _, wire = await loop.create_connection(_Wire, self.host, self.port)
        return wire

    async def request(
        self, method: str, path: str, cookie: str = "", body: object = None
    ) -> Answer:
        wire = await self._wire(await self.free.get())
        try:
            data = b"" if body is None else json.dumps(body).encode()
            head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            if cookie:
                head += f"Cookie: {cookie}\r\n"
            if body is not None:
                head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
            waiting = asyncio.get_running_loop().create_future()
            wire.waiting = waiting
            assert wire.transport is not None
            sent = time.perf_counter()
            wire.transport.write(head.encode() + b"\r\n" + data)
            answer = await asyncio.wait_for(waiting, REQUEST_TIMEOUT_S)
            answer = Answer(answer.status, answer.headers, answer.body, time.perf_counter() - sent)
            if answer.headers.get(b"connection", b"").lower() == b"close":
                wire.transport.close()
            return answer
        except BaseException:
            if wire.transport is not None:
                wire.transport.abort()
            wire.lost = True
            raise
        finally:
            self.free.put_nowait(wire)

    async def send(
        self, leg: Leg, method: str, path: str, ok: int, cookie: str = "", body: object = None
    ) -> Answer | None:
        """One request, timed from when it went out on a free connection, counted in `leg`."""
        try:
            answer = await self.request(method, path, cookie, body)
        except (OSError, ConnectionError, TimeoutError) as error:
            leg.errors[type(error).__name__] += 1
            return None
        leg.latencies.append(answer.seconds)
        if answer.status != ok:
            leg.errors[f"HTTP {answer.status}"] += 1
            return None
        leg.ok += 1
        return answer

    def close(self) -> None:
        while not self.free.empty():
            wire = self.free.get_nowait()
            if wire is not None and wire.transport is not None:
                wire.transport.close()
