"""The server's own connection to the `.summit` file, used only from the server's thread.

Every read and write runs on the server thread's event loop itself, one at a time, so
the connection is never used by two threads at once (one writer, as Datasette does it).
Measured with bench/phone_burst.py (200 phones at once; now bench/vote_burst.py): the
calls take 0.1 ms (median) to 1 ms (p95), while handing each to a worker thread cost
17 ms median and 590 ms p95 in thread switches; inline, 200 phones joined within 0.32 s
and voted within 0.41 s. The GUI has its own connection. Each side's transaction begins
IMMEDIATE (`Summit.write`), so it waits for the other's write lock within the busy
timeout instead of failing at once, as a deferred read-then-write transaction does.

Writes are committed in groups: the phones' writes that arrive in the same turn of the
event loop run in one transaction (each in a savepoint of its own, so a refused one
changes nothing) and are answered only once it has committed. On a burst that saves a
disk sync per ballot; a lone ballot is committed alone, as before.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from summit_app.core import Summit
from summit_app.core.model import Participant
from summit_app.server.snapshot import Snapshot, build_snapshot

T = TypeVar("T")

# Our own writes (ballots) change the results but not `data_version`, which only moves
# for other connections' commits; rebuild the results at most this often after them.
RESULTS_REFRESH_S = 0.5
# A voter who sees results gets them with their own vote in: the ballots answered within
# this long share one rebuild (as writes share a commit), so a burst costs a few a second.
FRESH_RESULTS_S = 0.2
# Requests wait on the event loop itself, so a write lock held elsewhere (the GUI's
# connection) must not stall every phone for long: give up after this and answer 503.
BUSY_TIMEOUT_MS = 2000


class Gateway:
    """The server's connection, its cached live snapshot and its participant cache."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._summit: Summit | None = None
        self._snapshot: Snapshot | None = None
        self._data_version = -1
        self._dirty = False
        self._participants: dict[str, Participant] = {}
        self._participants_version = -1
        self._snapshot_commits = 0  # group_commits when the snapshot was built
        self._pending: list[tuple[Callable[[Summit], object], asyncio.Future[Any]]] = []
        self.group_commits = 0  # how many transactions the writes took (for tests, benches)

    def open(self) -> None:
        """Open the file (raises SummitFileError) on the thread that will use it: the server
        thread opens it as it starts (SummitServer.start hands an error back to its caller),
        and only that thread uses the connection, until close(). SQLite refuses a
        connection used from another thread than the one that opened it."""
        self._summit = Summit.open(self.path)
        self._summit.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            self._summit.check_writable()  # else every phone's vote would be refused
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Close the file; called once the server thread has ended."""
        if self._summit is not None:
            self._summit.close()
            self._summit = None

    @property
    def summit(self) -> Summit:
        assert self._summit is not None, "Gateway.open() first"
        return self._summit

    def call(self, fn: Callable[[Summit], T]) -> T:
        """Run `fn(summit)` now (only while the server thread is not running, or on it)."""
        return fn(self.summit)

    async def run(self, fn: Callable[[Summit], T]) -> T:
        """Run `fn(summit)` for a request, on the server thread (see the module docstring)."""
        return fn(self.summit)

    async def write(self, fn: Callable[[Summit], T]) -> T:
        """Run `fn(summit)` in the next group commit; return (or raise) once it committed."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((fn, future))
        if len(self._pending) == 1:  # the first of this turn: commit after the turn
            loop.call_soon(self._commit_pending)
        return await future

    def _commit_pending(self) -> None:
        batch, self._pending = self._pending, []
        outcomes: list[tuple[bool, object]] = []
        try:
            with self.summit.write():
                for fn, _ in batch:
                    try:
                        with self.summit.write():  # a savepoint: a refusal undoes only itself
                            outcomes.append((True, fn(self.summit)))
                    except Exception as error:
                        outcomes.append((False, error))
        except Exception as error:  # the commit failed: nothing in the batch was saved
            for _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        self.group_commits += 1
        for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
            if future.done():
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)  # type: ignore[arg-type]

    # -- the live snapshot and participants ------------------------------------------------

    def snapshot(self, summit: Summit) -> Snapshot:
        """The live state, rebuilt when another connection committed or after our writes."""
        version = summit.data_version()
        snap = self._snapshot
        stale = snap is None or version != self._data_version
        if not stale and self._dirty and snap is not None:
            stale = time.monotonic() - snap.built_at >= RESULTS_REFRESH_S
        if stale:
            self._rebuild(summit, version)
        assert self._snapshot is not None
        return self._snapshot

    def _rebuild(self, summit: Summit, version: int) -> None:
        self._snapshot = build_snapshot(summit)
        self._data_version = version
        self._snapshot_commits = self.group_commits
        self._dirty = False

    async def snapshot_after_write(self) -> Snapshot:
        """A snapshot that includes every write committed so far on this connection.

        Rebuilt at most every FRESH_RESULTS_S; the writes waiting meanwhile share it."""
        target = self.group_commits
        while self._snapshot is None or self._snapshot_commits < target:
            if self._snapshot is not None:
                wait = self._snapshot.built_at + FRESH_RESULTS_S - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            if self._snapshot is None or self._snapshot_commits < target:
                self._rebuild(self.summit, self.summit.data_version())
        return self._snapshot

    def wrote(self) -> None:
        """Our own connection committed: the snapshot's results may be out of date."""
        self._dirty = True

    def participant(self, summit: Summit, token: str) -> Participant | None:
        """The participant with this token; found ones are cached until the window's
        connection writes (a revoked card changes its participant's token)."""
        version = summit.data_version()
        if version != self._participants_version:
            self._participants.clear()
            self._participants_version = version
        found = self._participants.get(token)
        if found is None:
            found = summit.people.by_token(token)
            if found is not None:
                self._participants[token] = found
        return found

    def remember(self, participant: Participant) -> None:
        self._participants[participant.token] = participant
