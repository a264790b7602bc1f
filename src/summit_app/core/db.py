"""The connection to a `.summit` file: its pragmas, its transactions, and the summit row.

Every repository (`agenda`, `notes`, `polls`...) takes a `Db` and nothing above it, so the
layers of core import downwards only: `store.Summit` (the facade that opens, creates and
migrates files) is a `Db` with the repositories hung off it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.utils import dedupe_keys

from summit_app.core import cipher
from summit_app.core.errors import FileGoneError, ValidationError
from summit_app.core.model import DEFAULT_GROUPS, LiveState, SummitInfo
from summit_app.core.storage_errors import storage_errors
from summit_app.core.whereabouts import gone_sentence, identity

# Measured by bench/store_sync.py (one ballot per transaction, WAL, median of 3):
# NORMAL took 1.75x FULL's rate, but FULL still takes about 1,700 ballots a second
# through the whole API. NORMAL in WAL mode can lose the last commits on power loss,
# and a pulled plug must not lose a vote a phone was told was saved: FULL it is.
SYNCHRONOUS = "FULL"
# How long a write waits for the other connection's transaction to end. Transactions are
# short (a group of phones' ballots commits in milliseconds, bench/live_edits.py), so this
# is reached only when another program holds the file: then the facilitator reads a
# sentence rather than watching a frozen window.
BUSY_TIMEOUT_MS = 2000
# How often a transaction asks again for the write lock while the other connection holds it
# (`Db._begin`): SQLite's own busy handler sleeps 1, 2, 5, 10, 15, 20... ms between tries.
BEGIN_RETRY_S = 0.0005


def now() -> str:
    """The local time with its offset, to the second: what the write-up prints."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def connect(path: Path) -> Database:
    """A connection with the pragmas every Summit connection needs: through SQLCipher
    with its key when this process holds one for the file (core/cipher.py).

    `isolation_level=None`: Python's sqlite3 would otherwise open a deferred transaction
    before the first write by itself; `Summit.write()` opens every transaction explicitly.
    """
    conn = cipher.connection(
        path, cipher.key_for(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    return db


class Db:
    """One connection to a summit file: transactions, queries, and the summit row itself."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = Path(path).absolute()
        # The file this connection opened (see whereabouts.py); commits go only to it.
        self._identity = identity(self.path)
        self._depth = 0  # savepoints open inside the current transaction

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction, committed when the block ends; a nested block is a savepoint,
        so a refusal inside it undoes only itself.

        The transaction begins IMMEDIATE: it takes the write lock at once, waiting up to
        the busy timeout for the other connection (the window's or the phone server's).
        A deferred BEGIN reads first and then fails at once with SQLITE_BUSY when the other
        connection wrote in between, whatever the timeout (as Datasette's writes do).
        We measured that against one writer thread shared by the window and the server:
        the lock is held for milliseconds, so the window's edits wait less than a frame,
        while a shared writer thread would make every widget's edit asynchronous.
        """
        conn = self.db.conn
        if conn.in_transaction:
            self._depth += 1
            name = f"nested_{self._depth}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.db
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1
            return
        with storage_errors():
            _begin(conn)
        try:
            with storage_errors():
                yield self.db
                gone = self.gone()
                if gone is not None:
                    raise FileGoneError(f"This change was not saved: {gone}")
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @contextmanager
    def reading(self) -> Iterator[Database]:
        """One read transaction: every read in the block sees the same moment of the file.

        In WAL mode it blocks no writer. Inside a write, it simply joins it.
        """
        conn = self.db.conn
        if conn.in_transaction:
            yield self.db
            return
        # A read that fails (a removed USB stick, a damaged page) is the facilitator's
        # sentence, as a write's is, never a raw sqlite3.Error in a Qt slot.
        with storage_errors():
            conn.execute("BEGIN")
            try:
                yield self.db
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")  # nothing was written; ends the snapshot

    def check_writable(self) -> None:
        """Raise StorageError (with its sentence) if nothing could be saved to this file:
        read-only, or a header that says so. Writes nothing (phones are served only by a
        file that can keep what they send)."""
        with self.write():
            self.execute("UPDATE summit SET id = id WHERE 0")

    def gone(self) -> str | None:
        """None while the file is where it was opened; else a sentence saying it was moved
        (and where to) or deleted. Every commit checks it first and is refused if not."""
        if self._identity is None:
            return None
        return gone_sentence(self.path, self._identity)

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with storage_errors():
            return self.db.execute(sql, params)

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        # Straight on the connection, not through sqlite-utils' query(): that wraps each
        # SELECT in a savepoint (three statements, each giving up the GIL). The window's
        # reads share the GIL with the phone server in the same process, and under its
        # load each hand-back costs up to a switch interval: the savepoints tripled the
        # window's stall after an edit (bench/live_edits.py).
        with storage_errors():
            cursor = self.db.conn.execute(sql, params)
            if cursor.description is None:
                raise ValueError(f"rows() is for SQL that returns rows, not {sql!r}")
            keys = dedupe_keys(d[0] for d in cursor.description)
            found = [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]
        if found and "origin" in found[0]:
            # A row's identity across breakout rooms' files (schema migration 12) is the
            # merge's business: the repositories' `SELECT *` never sees it.
            for row in found:
                row.pop("origin", None)
                row.pop("origin_id", None)
        return found

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap 'has anything changed?'."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # -- the summit itself ---------------------------------------------------------------

    def info(self) -> SummitInfo:
        row = self.rows("SELECT * FROM summit WHERE id = 1")[0]
        groups = tuple(json.loads(row["groups"])) or DEFAULT_GROUPS
        return SummitInfo(
            title=row["title"],
            date=row["date"],
            venue=row["venue"],
            organisers=row["organisers"],
            introduction=row["introduction"],
            objectives=tuple(json.loads(row["objectives"])),
            start_time=row["start_time"],
            join_code=row["join_code"],
            groups=groups,
            contact=row["contact"],
            short_code=row["short_code"],
            privacy_notice=row["privacy_notice"],
            retention_days=row["retention_days"],
            shared_address=bool(row["shared_address"]),
            anonymised_at=row["anonymised_at"],
            content_lang=row["content_lang"],
        )

    def update_info(self, info: SummitInfo) -> None:
        check_info(info)
        with self.write():
            self.execute(
                "UPDATE summit SET title = ?, date = ?, venue = ?, organisers = ?,"
                " introduction = ?, objectives = ?, start_time = ?, groups = ?, contact = ?,"
                " privacy_notice = ?, retention_days = ?, shared_address = ?, content_lang = ?,"
                " join_code = COALESCE(NULLIF(?, ''), join_code) WHERE id = 1",
                (
                    info.title,
                    info.date,
                    info.venue,
                    info.organisers,
                    info.introduction,
                    json.dumps(list(info.objectives)),
                    info.start_time,
                    json.dumps(list(info.groups)),
                    info.contact,
                    info.privacy_notice,
                    info.retention_days,
                    int(info.shared_address),
                    info.content_lang,
                    info.join_code,
                ),
            )

    # -- what is happening now -----------------------------------------------------------

    def live(self) -> LiveState:
        row = self.rows("SELECT current_item_id, open_prompt_id, changed_at FROM summit")[0]
        poll = self.rows("SELECT id FROM polls WHERE state = 'open' ORDER BY opened_at DESC")
        return LiveState(
            current_item_id=row["current_item_id"],
            open_prompt_id=row["open_prompt_id"],
            open_poll_id=poll[0]["id"] if poll else None,
            changed_at=row["changed_at"],
        )

    def touch(self) -> None:
        """Mark the live state changed (inside the caller's transaction)."""
        self.execute("UPDATE summit SET changed_at = ? WHERE id = 1", (now(),))


def _begin(conn: Any) -> None:
    """BEGIN IMMEDIATE, asked again every half millisecond while the other connection
    writes, for up to BUSY_TIMEOUT_MS; then SQLite's "database is locked" as before.

    SQLite's busy handler backs off (1, 2, 5, 10, 15... ms): a window's edit whose turn came
    9 ms after it asked, behind a group of phones' ballots and its disk sync, waited 18 ms,
    and the window stalled 18-35 ms on it with 2,000 phones voting (bench/live_edits.py).
    The sleep gives up the GIL, as SQLite's does.
    """
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except cipher.OPERATIONAL_ERRORS as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(BEGIN_RETRY_S)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def check_info(info: SummitInfo) -> None:
    if not info.title.strip():
        raise ValidationError("The summit needs a title.")
    _check_clock(info.start_time)


def _check_clock(value: str) -> None:
    try:
        datetime.strptime(value, "%H:%M")
    except ValueError:
        raise ValidationError(f"'{value}' is not a time of day like 09:30.") from None
