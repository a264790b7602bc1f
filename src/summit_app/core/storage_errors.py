"""SQLite's errors as sentences for the facilitator (as qutebrowser's misc/sql.py does).

A user-caused storage problem (another program holding the file, a full disk, a read-only
folder) becomes a StorageError; anything else is a bug and propagates as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from summit_app.core.cipher import DB_ERRORS, OPERATIONAL_ERRORS
from summit_app.core.errors import HeldError, StorageError

# What the breakout rooms' triggers raise (core.breakout.install_holds).
HELD_MARK = "summit: held by a breakout room"
HELD_SENTENCE = (
    "That part of the agenda is run in a breakout room, which holds it until its file is"
    " imported for the last time. Nothing was changed: change it in the room, or here once"
    " the room has finished."
)

_SENTENCES = {
    "SQLITE_BUSY": "The summit file is busy: another program is writing to it."
    " Nothing was changed; try again in a moment.",
    "SQLITE_LOCKED": "The summit file is busy. Nothing was changed; try again in a moment.",
    "SQLITE_FULL": "The disk is full, so this change was not saved. Free some space and"
    " try again; everything saved before is safe.",
    "SQLITE_READONLY": "The summit file cannot be written (it or its folder is read-only)."
    " Nothing was changed; save a copy somewhere you can write to.",
    "SQLITE_IOERR": "The disk reported an error, so this change was not saved. Check the"
    " drive (a removed USB stick?) and try again.",
    "SQLITE_CANTOPEN": "The summit file cannot be reached (was its drive removed?)."
    " Nothing was changed.",
    "SQLITE_CORRUPT": "The summit file is damaged. Nothing was changed; open a backup copy.",
    "SQLITE_NOTADB": "The summit file is damaged. Nothing was changed; open a backup copy.",
}


# SQLite's own messages (sqlite3_errstr) by error name: SQLCipher's exceptions (a protected
# file's) carry only the message, not the name.
_BY_MESSAGE = {
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "database or disk is full": "SQLITE_FULL",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "disk I/O error": "SQLITE_IOERR",
    "unable to open database file": "SQLITE_CANTOPEN",
    "database disk image is malformed": "SQLITE_CORRUPT",
    "file is not a database": "SQLITE_NOTADB",
}


def sentence(error: Exception) -> str | None:
    """The facilitator's sentence for a storage error, or None when it is a bug."""
    name = getattr(error, "sqlite_errorname", "") or _BY_MESSAGE.get(str(error), "")
    for prefix, text in _SENTENCES.items():
        if name == prefix or name.startswith(prefix + "_"):
            return text
    if isinstance(error, OPERATIONAL_ERRORS) and "locked" in str(error):
        return _SENTENCES["SQLITE_BUSY"]
    if isinstance(error, OPERATIONAL_ERRORS) and "Could not decode" in str(error):
        return _SENTENCES["SQLITE_CORRUPT"]  # text that is not UTF-8 (SQLite cannot tell)
    return None


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn SQLite's storage errors raised in the block into StorageError (a protected
    file's SQLCipher errors as well)."""
    try:
        yield
    except DB_ERRORS as error:
        if HELD_MARK in str(error):
            raise HeldError(HELD_SENTENCE) from error
        text = sentence(error)
        if text is None:
            raise
        raise StorageError(text) from error
