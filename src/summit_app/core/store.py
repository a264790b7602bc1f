"""The `.summit` file: opening, checking, migrating, and the facade every layer writes through.

Each public write commits before it returns (there is no Save button to forget), and a
file that is not a summit, is damaged, or is newer than this app is refused untouched.
"""

from __future__ import annotations

import glob
import logging
import os
import secrets
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from summit_app.core import anonymise, cipher, summit_info, totals
from summit_app.core.breakout import BreakoutRepo, install_holds
from summit_app.core.cards import CardsRepo
from summit_app.core.cipher import (
    DATABASE_ERRORS,
    DB_ERRORS,
    FILE_ERRORS,
    PassphraseNeededError,
    WrongPassphraseError,
)
from summit_app.core.db import BUSY_TIMEOUT_MS, SYNCHRONOUS, Db, check_info, connect, now
from summit_app.core.decks import DecksRepo
from summit_app.core.embeddings import EmbeddingsRepo
from summit_app.core.errors import SummitFileError
from summit_app.core.model import Logo, SummitInfo
from summit_app.core.moderation import ModerationRepo
from summit_app.core.notes import NotesRepo
from summit_app.core.people import PeopleRepo
from summit_app.core.polls import PollsRepo
from summit_app.core.questions import QuestionsRepo
from summit_app.core.rows_check import undecodable
from summit_app.core.rules import Agenda
from summit_app.core.schema import REQUIRED_TABLES, SCHEMA_VERSION, migrate
from summit_app.core.storage_errors import storage_errors
from summit_app.core.tables import TablesRepo
from summit_app.core.words import WordsRepo
from summit_app.core.writeup import WriteupRepo

log = logging.getLogger(__name__)

# Re-exported: callers name them from here.
__all__ = [
    "BUSY_TIMEOUT_MS",
    "SYNCHRONOUS",
    "Summit",
    "check_file",
    "connect",
    "now",
    "snapshot",
]


def new_join_code() -> str:
    """An unguessable code for the join URL (about 96 bits)."""
    return secrets.token_urlsafe(12)


def new_uid() -> str:
    """A summit file's identity, which its breakout rooms' files name (128 random bits)."""
    return secrets.token_hex(16)


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

    A protected file is read through SQLCipher with the key this process holds for it
    (core/cipher.py); without one, PassphraseNeededError says to ask for the passphrase.
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
    key = cipher.key_for(path)
    try:
        conn = cipher.connection(f"{path.resolve().as_uri()}?mode=ro{immutable}", key, uri=True)
    except DB_ERRORS as error:
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
        if not isinstance(version, int) or version < 1:  # every summit ran migration 1
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
    except DATABASE_ERRORS as error:
        if "not a database" in str(error):
            conn.close()  # before the header is read: see cipher's module docstring
            if key is not None:
                raise WrongPassphraseError(path) from error
            if cipher.looks_protected(path):
                raise PassphraseNeededError(path) from error
            raise SummitFileError(f"{path} is not a summit file.") from error
        said = " ".join(str(error).split())[:300]  # a damaged schema's text spans lines
        raise SummitFileError(f"{path} is damaged and cannot be opened ({said}).") from error
    except UnicodeDecodeError as error:  # a damaged page in the schema's own text
        raise SummitFileError(
            f"{path} is damaged (its list of tables is unreadable). Open a backup copy."
        ) from error
    finally:
        conn.close()


class Summit(Db):
    """One open `.summit` file: the service API over it.

    A `Db` (the connection, its transactions and the summit row) with the areas of the
    domain in small repositories hung off it:
    `agenda`, `notes`, `polls`, `people`, `cards`, `questions`, `words`, `moderation`,
    `writeup` (the programme team's write-up), `decks` (speakers' slides), `breakouts`
    (the rooms it sent out), `tables` (the room's tables and their cards), `embeddings`
    (the notes' embeddings for suggesting themes, a cache).
    """

    def __init__(self, db: Database, path: Path) -> None:
        super().__init__(db, path)
        # Set by open() when it brought an older file up to date: the file format it had,
        # and the copy of the file as it was (see `migration_note`).
        self.migrated_from: int | None = None
        self.backup_path: Path | None = None
        self.writeup = WriteupRepo(self)
        self.agenda = Agenda(self, self.writeup)
        self.notes = NotesRepo(self)
        self.polls = PollsRepo(self)
        self.people = PeopleRepo(self)
        self.questions = QuestionsRepo(self)
        self.words = WordsRepo(self)
        self.moderation = ModerationRepo(self)
        self.cards = CardsRepo(self)
        self.decks = DecksRepo(self)
        self.breakouts = BreakoutRepo(self)
        self.embeddings = EmbeddingsRepo(self)
        # The main file leaves what a breakout room holds alone, whoever writes.
        install_holds(db.conn)
        self.tables = TablesRepo(self)

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, info: SummitInfo) -> Summit:
        """Create a new summit file; refused info (ValidationError) leaves no file behind,
        and neither does a failure half-way (SummitFileError), so a retry can succeed."""
        path = Path(path)
        check_info(info)
        if path.exists():
            raise SummitFileError(f"{path} already exists; choose another name.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            cipher.forget(path)  # a new file is plain
            db = connect(path)
        except FILE_ERRORS as error:
            remove_files(path)
            raise SummitFileError(f"{path} cannot be created: {error}.") from error
        try:
            db.execute("PRAGMA journal_mode = WAL")
            migrate(db.conn)
            summit = cls(db, path)
            with summit.write():
                summit.execute(
                    "INSERT INTO summit (id, title, join_code, short_code, changed_at, uid)"
                    " VALUES (1, ?, ?, ?, ?, ?)",
                    (
                        info.title,
                        info.join_code or new_join_code(),
                        info.short_code or new_short_code(),
                        now(),
                        new_uid(),
                    ),
                )
                summit.update_info(info)
        except BaseException as error:
            db.close()
            remove_files(path)
            if isinstance(error, FILE_ERRORS):
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
        except DB_ERRORS as error:
            raise SummitFileError(f"{path} cannot be opened: {error}.") from error
        backup: Path | None = None
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                backup = _backup(db.conn, path, version)
            db.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                migrate(db.conn)
        except DB_ERRORS as error:
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
            except DB_ERRORS:
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
        try:
            totals.mend(summit)
        except BaseException:
            db.close()
            raise
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

    def __enter__(self) -> Summit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def edit_info(self, **fields: object) -> SummitInfo:
        """Change some of the summit's details, checked (see `core.summit_info.edit_info`)."""
        return summit_info.edit_info(self, **fields)

    def logo(self) -> Logo | None:
        """The summit's logo (projector and pack), or None."""
        return summit_info.logo(self)

    @property
    def protected(self) -> bool:
        """Whether the file is protected with a passphrase (opened through SQLCipher)."""
        return not isinstance(self.db.conn, sqlite3.Connection)

    def held(self) -> anonymise.Held:
        """How much personal data the file holds (the governance pack's inventory)."""
        return anonymise.held(self)

    def anonymise(self) -> anonymise.Anonymised:
        """Close and anonymise (core/anonymise.py), then rewrite the file, so the values
        removed are left neither in its free pages nor in its write-ahead log."""
        self.execute("PRAGMA secure_delete = ON")
        done = anonymise.anonymise(self)
        with storage_errors():
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.conn.execute("VACUUM")
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return done

    def retention_reminder(self) -> str | None:
        """What to say on opening a summit kept longer than its organisers chose."""
        return anonymise.reminder(self)

    def keep_copy(self, target: Path) -> Path:
        """A copy of the file as it is now, at `target` (one consistent snapshot, what is
        still in the WAL included), never over an existing file."""
        if target.exists():
            raise SummitFileError(f"{target} already exists; choose another name.")
        try:
            copy_file(self.db.conn, target, cipher.key_for(self.path))
        except FILE_ERRORS as error:
            raise SummitFileError(
                f"A copy could not be kept at {target} ({error}); nothing was changed."
            ) from error
        return target

    def set_logo(self, image: bytes | None, name: str = "") -> Logo | None:
        """Keep a PNG or JPEG as the summit's logo; None removes it."""
        return summit_info.set_logo(self, image, name)


def remove_files(path: Path) -> None:
    """Delete a summit file that could not be finished, with its journal and WAL files."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup_path(path: Path, version: int) -> Path:
    """Where the file as it was at `version` is kept before a migration."""
    return path.with_name(f"{path.name}.v{version}.bak")


def kept_copies(path: Path) -> list[Path]:
    """The copies Summit kept beside the file, each the whole summit as it was: before a
    migration (`.vN.bak`) and before a breakout room's import (`.before-import-R-N.bak`)."""
    return sorted(path.parent.glob(f"{glob.escape(path.name)}.*.bak"))


def copy_file(conn: sqlite3.Connection, target: Path, key: cipher.Key | None) -> None:
    """The file of `conn` copied to `target` through SQLite's backup API; an earlier file
    at `target` is only replaced by a complete copy, and a failed one leaves nothing.
    `key`: the file's (a protected file's copy is protected with the same key and salt,
    so the same passphrase opens it)."""
    partial = target.with_name(f"{target.name}.partial")
    try:
        remove_files(partial)
        copy = cipher.connection(partial, key)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
        os.replace(partial, target)
    except BaseException:
        remove_files(partial)
        raise


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file beside itself before it is migrated, through SQLite's backup API: the
    copy is one consistent snapshot and includes what is still only in the WAL."""
    target = backup_path(path, version)
    try:
        copy_file(conn, target, cipher.key_for(path))
    except FILE_ERRORS as error:
        raise SummitFileError(
            f"{path} is from an older version of Summit and must be updated, but a copy of"
            f" it could not be kept first ({error}). The file is unchanged."
        ) from error
    return target


def snapshot(source: Path, target: Path, leave_no_trace: bool = False) -> None:
    """Copy a summit file as it stands, through SQLite's backup API on a read-only
    connection of its own (a consistent copy, with what is still only in the WAL, taken
    while the window and the server keep writing), as one self-contained file. The copy is
    written beside `target` and renamed over it only when complete. Raises OSError or
    sqlite3.Error (or SQLCipher's); `target` is then as it was. A protected file's copy is
    protected with the same key (see copy_file).

    `leave_no_trace`: a file no one has open (a room's file on a USB stick) is read as
    immutable when it has no WAL, so no -wal or -shm file is left beside it (as check_file)."""
    partial = target.with_name(f"{target.name}.partial")
    remove_files(partial)
    settled = leave_no_trace and not Path(f"{source}-wal").exists()
    key = cipher.key_for(source)
    try:
        source_conn = cipher.connection(
            f"{source.resolve().as_uri()}?mode=ro{'&immutable=1' if settled else ''}",
            key,
            uri=True,
        )
        try:
            copy = cipher.connection(partial, key)
            try:
                source_conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        finally:
            source_conn.close()
        os.replace(partial, target)
    except BaseException:
        remove_files(partial)
        raise
