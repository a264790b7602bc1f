"""The `.summit` file: opening, checking, migrating, and the facade every layer writes through.

Each public write commits before it returns (there is no Save button to forget), and a
file that is not a summit, is damaged, or is newer than this app is refused untouched.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from summit_app.core.errors import FileGoneError, SummitFileError, ValidationError
from summit_app.core.model import DEFAULT_GROUPS, LiveState, Logo, SummitInfo
from summit_app.core.rows_check import undecodable
from summit_app.core.schema import REQUIRED_TABLES, SCHEMA_VERSION, migrate
from summit_app.core.storage_errors import storage_errors
from summit_app.core.whereabouts import gone_sentence, identity

log = logging.getLogger(__name__)

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


def now() -> str:
    """The local time with its offset, to the second: what the write-up prints."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def new_join_code() -> str:
    """An unguessable code for the join URL (about 96 bits)."""
    return secrets.token_urlsafe(12)


def new_short_code() -> str:
    """Six digits for the short join address; guesses are throttled by the server."""
    return f"{secrets.randbelow(1_000_000):06d}"


def check_file(path: Path) -> int:
    """Return the schema version of a summit file, or raise SummitFileError.

    Reads through a read-only SQLite connection so a refused file is never modified, and
    only through SQLite: opening and closing the file any other way (even to read its
    header) would drop this process's SQLite locks on it (POSIX locks belong to the process
    and go with any close), and another program closing the file could then delete the
    WAL under a connection still writing to it.
    """
    if not path.exists():
        raise SummitFileError(f"{path}: no such file.")
    if path.is_dir():
        raise SummitFileError(f"{path} is a folder, not a summit file.")
    if not os.access(path, os.R_OK):
        raise SummitFileError(f"{path} cannot be read: permission denied.")
    # With no WAL left behind, `immutable` reads without creating -wal/-shm files;
    # after a crash the WAL holds committed data, so it must be read too.
    immutable = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro{immutable}", uri=True)
    except sqlite3.Error as error:
        raise SummitFileError(f"{path} cannot be opened: {error}.") from error
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SummitFileError(
                f"{path} was written by a newer version of Summit (file format {version};"
                f" this version reads up to {SCHEMA_VERSION}). Update Summit to open it."
            )
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not REQUIRED_TABLES <= tables:
            raise SummitFileError(f"{path} is not a summit file.")
        if not isinstance(version, int):
            version = -1
        if version < 1:  # every summit file has run the first migration
            raise SummitFileError(
                f"{path} is damaged (its file format number, {version}, is not one Summit"
                " writes). Open a backup copy."
            )
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            said = " ".join(verdict.replace("*** in database main ***", "").split())
            raise SummitFileError(f"{path} is damaged ({said[:160]}). Open a backup copy.")
        problem = undecodable(conn, version)
        if problem is not None:
            raise SummitFileError(f"{path} is damaged ({problem}). Open a backup copy.")
        return int(version)
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise SummitFileError(f"{path} is not a summit file.") from error
        raise SummitFileError(f"{path} is damaged and cannot be opened ({error}).") from error
    finally:
        conn.close()


def connect(path: Path) -> Database:
    """A connection with the pragmas every Summit connection needs.

    `isolation_level=None`: Python's sqlite3 would otherwise open a deferred transaction
    before the first write by itself; `Summit.write()` opens every transaction explicitly.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    return db


class Summit:
    """One open `.summit` file: the service API over it.

    Areas of the domain live in small repositories hung off this facade:
    `agenda`, `notes`, `polls`, `people`, `cards`, `questions`, `words`, `moderation`,
    `writeup` (the programme team's write-up).
    """

    def __init__(self, db: Database, path: Path) -> None:
        from summit_app.core.agenda import AgendaRepo
        from summit_app.core.cards import CardsRepo
        from summit_app.core.moderation import ModerationRepo
        from summit_app.core.notes import NotesRepo
        from summit_app.core.people import PeopleRepo
        from summit_app.core.polls import PollsRepo
        from summit_app.core.questions import QuestionsRepo
        from summit_app.core.words import WordsRepo
        from summit_app.core.writeup import WriteupRepo

        self.db = db
        self.path = Path(path).absolute()
        # The file this connection opened (see whereabouts.py); commits go only to it.
        self._identity = identity(self.path)
        self._depth = 0  # savepoints open inside the current transaction
        # Set by open() when it brought an older file up to date: the file format it had,
        # and the copy of the file as it was (see `migration_note`).
        self.migrated_from: int | None = None
        self.backup_path: Path | None = None
        self.agenda = AgendaRepo(self)
        self.notes = NotesRepo(self)
        self.polls = PollsRepo(self)
        self.people = PeopleRepo(self)
        self.questions = QuestionsRepo(self)
        self.words = WordsRepo(self)
        self.moderation = ModerationRepo(self)
        self.writeup = WriteupRepo(self)
        self.cards = CardsRepo(self)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, info: SummitInfo) -> Summit:
        """Create a new summit file; refused info (ValidationError) leaves no file behind,
        and neither does a failure half-way (SummitFileError), so a retry can succeed."""
        path = Path(path)
        _check_info(info)
        if path.exists():
            raise SummitFileError(f"{path} already exists; choose another name.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = connect(path)
        except (OSError, sqlite3.Error) as error:
            remove_files(path)
            raise SummitFileError(f"{path} cannot be created: {error}.") from error
        try:
            db.execute("PRAGMA journal_mode = WAL")
            migrate(db.conn)
            summit = cls(db, path)
            with summit.write():
                summit.execute(
                    "INSERT INTO summit (id, title, join_code, short_code, changed_at)"
                    " VALUES (1, ?, ?, ?, ?)",
                    (
                        info.title,
                        info.join_code or new_join_code(),
                        info.short_code or new_short_code(),
                        now(),
                    ),
                )
                summit.update_info(info)
        except BaseException as error:
            db.close()
            remove_files(path)
            if isinstance(error, (OSError, sqlite3.Error)):
                raise SummitFileError(f"{path} cannot be created: {error}.") from error
            raise
        return summit

    @classmethod
    def open(cls, path: Path | str) -> Summit:
        """Open a summit file. One from an older version of Summit is first copied beside
        itself (`backup_path`) and then brought up to date; see `migration_note`."""
        path = Path(path)
        check_file(path)
        try:
            db = connect(path)
        except sqlite3.Error as error:
            raise SummitFileError(f"{path} cannot be opened: {error}.") from error
        backup: Path | None = None
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                backup = _backup(db.conn, path, version)
            db.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                migrate(db.conn)
        except sqlite3.Error as error:
            if backup is None:
                db.close()
                raise SummitFileError(f"{path} cannot be opened: {error}.") from error
            # Each step commits on its own: say how far the file got, if anywhere.
            try:
                reached = db.execute("PRAGMA user_version").fetchone()[0]
                state = (
                    "The file is unchanged"
                    if reached == version
                    else f"The file was updated as far as file format {reached}"
                )
            except sqlite3.Error:
                state = "The file may be partly updated"
            finally:
                db.close()
            raise SummitFileError(
                f"{path} could not be brought up to date from file format {version} ({error})."
                f" {state}; a copy of it as it was is at {backup}."
            ) from error
        except BaseException:
            db.close()
            raise
        summit = cls(db, path)
        if backup is not None:
            summit.migrated_from, summit.backup_path = version, backup
            log.info("%s", summit.migration_note)
        return summit

    @property
    def migration_note(self) -> str | None:
        """One line for the user when open() brought the file up to date, else None."""
        if self.migrated_from is None or self.backup_path is None:
            return None
        return (
            f"{self.path.name} was brought up to date from file format {self.migrated_from}"
            f" to {SCHEMA_VERSION}; the file as it was is kept as {self.backup_path.name}."
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Summit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
            conn.execute("BEGIN IMMEDIATE")
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

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        with storage_errors():  # a damaged page found while reading is the file's error too
            return self.db.execute(sql, params)

    def rows(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        with storage_errors():
            return list(self.db.query(sql, params))

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
        )

    def edit_info(self, **fields: object) -> SummitInfo:
        """Change some of the summit's details, checked (see `core.summit_info.edit_info`)."""
        from summit_app.core.summit_info import edit_info

        return edit_info(self, **fields)

    def logo(self) -> Logo | None:
        """The summit's logo (projector and pack), or None."""
        from summit_app.core.summit_info import logo

        return logo(self)

    def set_logo(self, image: bytes | None, name: str = "") -> Logo | None:
        """Keep a PNG or JPEG as the summit's logo; None removes it."""
        from summit_app.core.summit_info import set_logo

        return set_logo(self, image, name)

    def update_info(self, info: SummitInfo) -> None:
        _check_info(info)
        with self.write():
            self.execute(
                "UPDATE summit SET title = ?, date = ?, venue = ?, organisers = ?,"
                " introduction = ?, objectives = ?, start_time = ?, groups = ?, contact = ?,"
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


def _check_info(info: SummitInfo) -> None:
    if not info.title.strip():
        raise ValidationError("The summit needs a title.")
    _check_clock(info.start_time)


def remove_files(path: Path) -> None:
    """Delete a summit file that could not be finished, with its journal and WAL files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup_path(path: Path, version: int) -> Path:
    """Where the file as it was at `version` is kept before a migration."""
    return path.with_name(f"{path.name}.v{version}.bak")


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file beside itself before it is migrated, through SQLite's backup API: the
    copy is one consistent snapshot and includes what is still only in the WAL."""
    target = backup_path(path, version)
    partial = target.with_name(f"{target.name}.partial")
    try:
        remove_files(partial)
        copy = sqlite3.connect(str(partial))
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        os.replace(partial, target)  # an earlier copy is only replaced by a complete one
    except (OSError, sqlite3.Error) as error:
        remove_files(partial)
        raise SummitFileError(
            f"{path} is from an older version of Summit and must be updated, but a copy of"
            f" it could not be kept first ({error}). The file is unchanged."
        ) from error
    return target


def _check_clock(value: str) -> None:
    try:
        datetime.strptime(value, "%H:%M")
    except ValueError:
        raise ValidationError(f"'{value}' is not a time of day like 09:30.") from None
