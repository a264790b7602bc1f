"""The server's own connection to the `.summit` file, on one thread of its own.

All reads and writes from requests run on a single worker thread that opened the file
itself, so the connection is never shared between threads and the event loop never
waits on a disk sync (one writer, as Datasette does it). The GUI has its own connection;
SQLite's busy timeout settles who writes when.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from summit_app.core import Summit
from summit_app.core.model import Participant
from summit_app.server.snapshot import Snapshot, build_snapshot

T = TypeVar("T")

# Our own writes (ballots) change the results but not `data_version`, which only moves
# for other connections' commits; rebuild the results at most this often after them.
RESULTS_REFRESH_S = 0.5


class Gateway:
    """The server's connection, its cached live snapshot and its participant cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summit-db")
        self._summit: Summit | None = None
        self._snapshot: Snapshot | None = None
        self._data_version = -1
        self._dirty = False
        self._participants: dict[str, Participant] = {}

    def open(self) -> None:
        """Open the file on the worker thread (raises SummitFileError)."""
        self._pool.submit(self._open).result()

    def _open(self) -> None:
        self._summit = Summit.open(self.path)

    def close(self) -> None:
        def _close() -> None:
            if self._summit is not None:
                self._summit.close()
                self._summit = None

        self._pool.submit(_close).result(timeout=10)
        self._pool.shutdown(wait=True)

    @property
    def summit(self) -> Summit:
        assert self._summit is not None, "Gateway.open() first"
        return self._summit

    def call(self, fn: Callable[[Summit], T]) -> T:
        """Run `fn(summit)` on the database thread from any other thread, and wait."""
        return self._pool.submit(lambda: fn(self.summit)).result()

    async def run(self, fn: Callable[[Summit], T]) -> T:
        """Run `fn(summit)` on the database thread and wait for it without blocking the loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: fn(self.summit))

    # -- these run on the database thread ------------------------------------------------

    def snapshot(self, summit: Summit) -> Snapshot:
        """The live state, rebuilt when another connection committed or after our writes."""
        version = summit.data_version()
        snap = self._snapshot
        stale = snap is None or version != self._data_version
        if not stale and self._dirty and snap is not None:
            stale = time.monotonic() - snap.built_at >= RESULTS_REFRESH_S
        if stale:
            self._snapshot = build_snapshot(summit)
            self._data_version = version
            self._dirty = False
        assert self._snapshot is not None
        return self._snapshot

    def wrote(self) -> None:
        """Our own connection committed: the snapshot's results may be out of date."""
        self._dirty = True

    def participant(self, summit: Summit, token: str) -> Participant | None:
        """The participant with this token; found ones are cached (tokens never change)."""
        found = self._participants.get(token)
        if found is None:
            found = summit.people.by_token(token)
            if found is not None:
                self._participants[token] = found
        return found

    def remember(self, participant: Participant) -> None:
        self._participants[participant.token] = participant
