"""What every response carries, and what no request may do: headers, body caps, rate limits."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 16 * 1024
DRAIN_BYTES = 1024 * 1024
# A sender that trickles a refused body must not hold its answer back for long: stop
# draining after this, answer, and close (measured in tests/e2e/test_server_abuse.py).
DRAIN_SECONDS = 1.0
# A body (16 KB at most) trickled slower than this is a slow sender holding a connection:
# answered 408 and closed (the connection's own deadline, connections.REQUEST_S, counts the
# headers too and is the backstop).
BODY_SECONDS = 8.0
SLOW_BODY = "That took too long to arrive. Check the Wi-Fi and try again."

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none';"
    " object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
# Pages and API answers are personal and live; the static assets may be cached a while.
NO_STORE = (b"cache-control", b"no-store")
STATIC_CACHE = (b"cache-control", b"public, max-age=600")


class Guard:
    """ASGI middleware: security headers on every response, and request bodies capped.

    A body is refused before it is read whole: by its Content-Length when it says, and by
    counting the bytes as they arrive when it does not (chunked uploads).
    """

    def __init__(
        self, app: ASGIApp, max_body: int = MAX_BODY_BYTES, body_seconds: float = BODY_SECONDS
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.body_seconds = body_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"
                ]
                headers += HEADERS + [STATIC_CACHE if static else NO_STORE]
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] in ("POST", "PUT", "PATCH"):
            try:
                body = await asyncio.wait_for(self._read_capped(scope, receive), self.body_seconds)
            except TimeoutError:
                await _refuse(send_with_headers, 408, SLOW_BODY)
                return
            except _Gone:  # the sender went away mid-body: nothing to act on, no one to answer
                return
            if body is None:
                await _drain(receive)
                await _too_large(send_with_headers, self.max_body)
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send_with_headers)

    async def _read_capped(self, scope: Scope, receive: Receive) -> bytes | None:
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    if int(value) > self.max_body:
                        return None
                except ValueError:
                    return None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _Gone  # a part of a body is not the request: never act on it
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


async def _drain(receive: Receive) -> None:
    """Read and drop the rest of a refused body (up to DRAIN_BYTES, for up to DRAIN_SECONDS),
    so the client is not cut off mid-send and can read our answer; a bigger or slower one
    just has its connection closed after the answer."""

    async def drop() -> None:
        dropped = 0
        while dropped < DRAIN_BYTES:
            message = await receive()
            if message["type"] != "http.request":
                return
            dropped += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(drop(), DRAIN_SECONDS)


def _replay(body: bytes, original: Receive) -> Receive:
    """Hand the app the body already read, then pass through (to hear a disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive


class _Gone(Exception):
    """The client disconnected before its request's body had all arrived."""


async def _too_large(send: Send, limit: int) -> None:
    await _refuse(send, 413, f"That was too much to send (more than {limit // 1024} KB).")


async def _refuse(send: Send, status: int, sentence: str) -> None:
    """An answer with a sentence, closing the connection (the body may not have been read)."""
    body = json.dumps({"error": sentence})
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body.encode()})


@dataclass
class RateLimit:
    """A token bucket per phone: a short burst, then `per_second` sends a second."""

    burst: float = 6
    per_second: float = 1.0
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    clock: Callable[[], float] = time.monotonic  # tests simulate a day with their own

    def peek(self, key: str) -> bool:
        """Whether `allow(key)` would say yes now, without spending anything."""
        now = self.clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        return min(self.burst, tokens + (now - last) * self.per_second) >= 1

    def allow(self, key: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.per_second)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > 50_000:  # forget idle phones rather than grow without end
            full = (self.burst - 1) / self.per_second  # a bucket this idle is full again
            self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full}
        return True
