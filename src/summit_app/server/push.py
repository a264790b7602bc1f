"""Push, not poll: every phone's event stream hears a new poll, prompt or result at once.

Measured with bench/idle_room.py (2,000 phones, each on its own connection): polling every
1.5 s cost the server 0.46 of a core while nothing happened, and a new poll took up to
1.5 s to reach a phone; with one Server-Sent Events stream a phone (sse-starlette) the idle
room costs a ping every PING_S and a new poll reaches every phone within a few hundred ms
(figures in the README). Long polling would cost a request per phone per timeout and a
new request from every phone after each change, for the same delivery.

One watcher on the server's loop looks at the file's `data_version` every WATCH_S (a
PRAGMA, microseconds): when the live state the phones see has changed, its shared part is
encoded once and written to every stream. Changes of results alone go out at most every
RESULTS_PUSH_S, and other changes at most every MIN_PUSH_S, so a burst of votes or
upvotes does not flood the room's Wi-Fi. A phone's own ballot
is not pushed: it comes with the answer to its own request, and in the first message of
every (re)connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from summit_app.server.gateway import Gateway

log = logging.getLogger(__name__)

WATCH_S = 0.1
MIN_PUSH_S = 0.25  # a Q&A's upvotes change the list often: at most four pushes a second
RESULTS_PUSH_S = 1.0
PING_S = 25  # finds phones that left without closing, and keeps NAT and Wi-Fi paths open
RETRY_MS = 3000  # what EventSource waits before reconnecting by itself
SEND_TIMEOUT_S = 10  # a phone that stopped reading is dropped rather than held
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


def event(kind: str, data: dict[str, Any], retry: int | None = None) -> bytes:
    head = f"retry: {retry}\r\n" if retry else ""
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return f"{head}event: {kind}\r\ndata: {body}\r\n\r\n".encode()


class Hub:
    """The open event streams, and the latest state to send them."""

    def __init__(self, gateway: Gateway, capacity: int) -> None:
        self.gateway = gateway
        self.capacity = capacity
        self.streams = 0
        self._by_participant: dict[int, int] = {}
        self.pushes = 0  # broadcasts sent (for tests and benches)
        self.closed = False
        self._message = b""
        self._changed: asyncio.Future[Any] | None = None
        self._watcher: asyncio.Task[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._frame = ""
        self._digest = ""
        self._sent_at = 0.0

    def has_room(self) -> bool:
        return not self.closed and self.streams < self.capacity

    def has_room_for(self, participant_id: int) -> bool:
        """Whether this participant may open one more stream."""
        return self._by_participant.get(participant_id, 0) < STREAMS_PER_PARTICIPANT

    async def stream(self, first: bytes, participant_id: int = 0) -> AsyncIterator[bytes]:
        """One phone's stream: its own state first, then every broadcast."""
        self._start()
        self.streams += 1
        mine = self._by_participant
        mine[participant_id] = mine.get(participant_id, 0) + 1
        try:
            yield first
            while not self.closed:
                assert self._changed is not None
                await asyncio.shield(self._changed)
                if self.closed:
                    return
                yield self._message
        finally:
            self.streams -= 1
            mine[participant_id] -= 1
            if not mine[participant_id]:
                del mine[participant_id]

    def close(self) -> None:
        """End every stream (the server is stopping); call on the server's loop."""
        self.closed = True
        if self._changed is not None and not self._changed.done():
            self._changed.set_result(None)
        if self._watcher is not None:
            self._watcher.cancel()

    def close_soon(self) -> None:
        """close(), from any thread."""
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self.close)

    def _start(self) -> None:
        if self._watcher is None:
            self._loop = asyncio.get_running_loop()
            self._changed = self._loop.create_future()
            snap = self.gateway.call(self.gateway.snapshot)
            self._frame, self._digest = snap.frame_digest, snap.digest
            self._watcher = self._loop.create_task(self._watch())

    async def _watch(self) -> None:
        while not self.closed:
            await asyncio.sleep(WATCH_S)
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
        self._message = event("state", snap.public)
        self.pushes += 1
        assert self._changed is not None and self._loop is not None
        changed, self._changed = self._changed, self._loop.create_future()
        changed.set_result(None)
