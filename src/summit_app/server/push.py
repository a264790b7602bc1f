"""Push, not poll: every phone's event stream hears a new poll, prompt or result at once.

Measured with bench/idle_room.py (2,000 phones, each on its own connection): polling every
1.5 s cost the server 0.46 of a core while nothing happened, and a new poll took up to
1.5 s to reach a phone; with one Server-Sent Events stream a phone the idle room costs a
ping every PING_S and a new poll reaches every phone within a few hundred ms (figures in
the README). Long polling would cost a request per phone per timeout and a new request
from every phone after each change, for the same delivery.

One watcher on the server's loop looks at the file's `data_version` every WATCH_S (a
PRAGMA, microseconds), and the window pokes it after each of the facilitator's commands
(`Hub.poke`), so those do not wait for its next turn: when the live state the phones see
has changed, its shared part is encoded once, framed once as an HTTP chunk, and that same
bytes object is written to every
stream's socket in one loop: no task, coroutine or framework call per stream (through
sse-starlette each stream's generator, send and middleware chain ran for every message:
at 5,000 phones that, not the network, set the push time). Changes of results alone go out
at most every RESULTS_PUSH_S, and other changes at most every MIN_PUSH_S, so a burst of
votes or upvotes does not flood the room's Wi-Fi. A phone's own ballot is not pushed: it
comes with the answer to its own request, and in the first message of every
(re)connection. A stream whose reader stops reading is dropped by its connection
(connections.WRITE_S), as any slow reader is.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from starlette.types import Receive, Scope, Send

from summit_app.server.connections import TRANSPORT
from summit_app.server.gateway import Gateway

log = logging.getLogger(__name__)

# Each turn is a PRAGMA, but also a wake-up of a loop holding 5,000 streams (~0.25 ms): every
# 20 ms cost an idle room of 5,000 phones 0.013 cores, every 100 ms up to 100 ms of each push.
WATCH_S = 0.05
MIN_PUSH_S = 0.25  # a Q&A's upvotes change the list often: at most four pushes a second
RESULTS_PUSH_S = 1.0
PING_S = 25  # finds phones that left without closing, and keeps NAT and Wi-Fi paths open
RETRY_MS = 3000  # what EventSource waits before reconnecting by itself
# A person with a phone and a tablet, or a page reloaded before its old stream is noticed
# gone: a few each, not thousands (one pass once held 6,739 and pushed every other phone
# to polling).
STREAMS_PER_PARTICIPANT = 4
TOO_MANY_STREAMS = (
    "This phone has several live pages open already; this one checks every few seconds instead."
)
FULL = (
    "The laptop is serving as many live connections as it can;"
    " this phone checks every few seconds instead."
)


def event(kind: str, data: dict[str, Any] | bytes, retry: int | None = None) -> bytes:
    """One Server-Sent Event; `data` is JSON already encoded, or a dict to encode."""
    head = f"retry: {retry}\r\n" if retry else ""
    if isinstance(data, dict):
        data = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return b"%sevent: %s\r\ndata: %s\r\n\r\n" % (head.encode(), kind.encode(), data)


def chunk(message: bytes) -> bytes:
    """`message` as one chunk of a chunked HTTP/1.1 body (as h11 frames it)."""
    return b"%x\r\n%s\r\n" % (len(message), message)


PING = b": ping\r\n\r\n"  # an SSE comment: the page ignores it
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"x-accel-buffering", b"no"),
]


class Queued:
    """A stream the hub cannot write to directly (no raw transport, or HTTP/1.0): its
    messages wait here for its own response to send them."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.ready = asyncio.Event()

    def put(self, message: bytes) -> None:
        self.messages.append(message)
        self.ready.set()


class Hub:
    """The open event streams, and the latest state to send them."""

    def __init__(self, gateway: Gateway, capacity: int) -> None:
        self.gateway = gateway
        self.capacity = capacity
        self.streams = 0
        self._by_participant: dict[int, int] = {}
        self.pushes = 0  # broadcasts sent (for tests and benches)
        self.closed = False
        self._message = b""  # the last state broadcast
        self._direct: set[asyncio.WriteTransport] = set()
        self._queued: set[Queued] = set()
        self._closed: asyncio.Event | None = None
        self._watcher: asyncio.Task[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._frame = ""
        self._digest = ""
        self._sent_at = 0.0
        self._pinged_at = 0.0
        self.watch_s = WATCH_S  # how often the file is looked at

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The server's event loop, once a phone has opened a stream."""
        return self._loop

    def has_room(self) -> bool:
        return not self.closed and self.streams < self.capacity

    def has_room_for(self, participant_id: int) -> bool:
        """Whether this participant may open one more stream."""
        return self._by_participant.get(participant_id, 0) < STREAMS_PER_PARTICIPANT

    async def serve(
        self,
        first: Callable[[], bytes],
        participant_id: int,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        """One phone's stream: its own state (`first()`) first, then every broadcast,
        until the phone goes or the server stops."""
        self._start()
        self.streams += 1
        mine = self._by_participant
        mine[participant_id] = mine.get(participant_id, 0) + 1
        try:
            pushes = self.pushes
            await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
            await send({"type": "http.response.body", "body": first(), "more_body": True})
            transport = _transport(scope)
            if transport is not None:
                await self._serve_direct(transport, pushes, receive)
            else:
                await self._serve_queued(pushes, receive, send)
        finally:
            self.streams -= 1
            mine[participant_id] -= 1
            if not mine[participant_id]:
                del mine[participant_id]

    async def _serve_direct(
        self, transport: asyncio.WriteTransport, pushes: int, receive: Receive
    ) -> None:
        if self.closed:
            return
        self._direct.add(transport)
        try:
            if self.pushes != pushes:  # a broadcast went out while its first was sent
                transport.write(chunk(self._message))
            # The stream ends when the phone goes (or the hub closes its connection).
            while (await receive())["type"] != "http.disconnect":
                pass
        finally:
            self._direct.discard(transport)

    async def _serve_queued(self, pushes: int, receive: Receive, send: Send) -> None:
        queued = Queued()
        if self.pushes != pushes:
            queued.put(self._message)
        self._queued.add(queued)
        assert self._closed is not None

        async def gone() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        ends = [asyncio.ensure_future(gone()), asyncio.ensure_future(self._closed.wait())]
        try:
            while not self.closed:
                ready = asyncio.ensure_future(queued.ready.wait())
                done, _ = await asyncio.wait([ready, *ends], return_when=asyncio.FIRST_COMPLETED)
                if ready not in done:
                    ready.cancel()
                    return
                queued.ready.clear()
                messages, queued.messages = queued.messages, []
                for message in messages:
                    await send({"type": "http.response.body", "body": message, "more_body": True})
        finally:
            self._queued.discard(queued)
            for end in ends:
                end.cancel()

    def broadcast(self, message: bytes) -> None:
        """Write `message` to every open stream: framed once, the same bytes to each."""
        framed = chunk(message)
        for transport in self._direct:
            if not transport.is_closing():
                transport.write(framed)
        for queued in self._queued:
            queued.put(message)

    def close(self) -> None:
        """End every stream (the server is stopping); call on the server's loop."""
        self.closed = True
        for transport in list(self._direct):
            transport.close()
        if self._closed is not None:
            self._closed.set()
        if self._watcher is not None:
            self._watcher.cancel()

    def close_soon(self) -> None:
        """close(), from any thread."""
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self.close)

    def poke(self) -> None:
        """Look for a new state now, not at the watcher's next turn: the facilitator's
        window wrote (called from its thread, in the app's own process)."""
        if self._loop is not None and not self._loop.is_closed() and not self.closed:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                self._loop.call_soon_threadsafe(self._check_logged)

    def _start(self) -> None:
        if self._watcher is None:
            self._loop = asyncio.get_running_loop()
            self._closed = asyncio.Event()
            snap = self.gateway.call(self.gateway.snapshot)
            self._frame, self._digest = snap.frame_digest, snap.digest
            self._pinged_at = time.monotonic()
            self._watcher = self._loop.create_task(self._watch())

    async def _watch(self) -> None:
        while not self.closed:
            await asyncio.sleep(self.watch_s)
            self._check_logged()
            if time.monotonic() - self._pinged_at >= PING_S:
                self._pinged_at = time.monotonic()
                self.broadcast(PING)

    def _check_logged(self) -> None:
        try:
            self.check()
        except Exception:  # a busy or failing file: try again on the next turn
            log.warning("could not read the live state for phones", exc_info=True)

    def check(self) -> None:
        """Broadcast the live state if what phones see has changed."""
        snap = self.gateway.call(self.gateway.snapshot)
        if snap.digest == self._digest:
            return
        now = time.monotonic()
        wait = RESULTS_PUSH_S if snap.frame_digest == self._frame else MIN_PUSH_S
        if now - self._sent_at < wait:
            return  # only results moved (or the last push was a moment ago): soon
        self._frame, self._digest, self._sent_at = snap.frame_digest, snap.digest, now
        self._message = event("state", snap.public_json)
        self.pushes += 1
        self.broadcast(self._message)


def _transport(scope: Scope) -> asyncio.WriteTransport | None:
    """The connection's own transport, where the broadcast may write chunks to it itself:
    our guarded HTTP/1.1 connections (connections.py) say which it is."""
    if scope.get("http_version") != "1.1":
        return None  # HTTP/1.0 has no chunks: its body is framed by the connection closing
    extension = scope.get("extensions", {}).get(TRANSPORT)
    return extension.get("transport") if extension else None
