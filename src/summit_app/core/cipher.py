"""Encryption at rest: a summit protected with a passphrase is a SQLCipher file.

A plain file is opened by the standard library's sqlite3, exactly as before (no cost on
the plain path); a protected one by SQLCipher (`sqlcipher3`), with its key. The key is
SQLCipher 4's own derivation of the passphrase (PBKDF2-HMAC-SHA512, 256,000 rounds, the
file's 16-byte salt), computed once when the facilitator types the passphrase and then
given to SQLCipher as raw key and salt (`x'key+salt'`), so each further connection (the
window's, the phone server's, the export's) opens at once, and the file still opens with
the passphrase itself in any SQLCipher tool (DB Browser for SQLite...).

Keys live in this process's memory only, by file, for as long as the summit is open
(`remember`, `forget`); neither the passphrase nor the key is ever written anywhere.

Every connection to one file in this process goes through the same SQLite library: the
two libraries (Python's and SQLCipher's) each keep their own table of POSIX locks, and a
connection of one closing the file would drop the other's locks (see store.check_file).
So a file's key is known before anything opens it, and the file's header is read only
when no key is known and the standard library has just failed to read it.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sqlcipher3 import dbapi2 as sqlcipher

from summit_app.core.errors import SummitFileError

# What a plain SQLite file starts with; a SQLCipher file starts with its random salt.
PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
# SQLCipher 4's defaults (cipher_compatibility 4): the passphrase typed into any SQLCipher
# tool derives the same key.
KDF_ROUNDS = 256_000
KDF_HASH = "sha512"

# Errors from either library: SQLCipher's are not subclasses of sqlite3's.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
# ...and those a copy or rewrite of the file can raise.
FILE_ERRORS: tuple[type[Exception], ...] = (OSError, sqlite3.Error, sqlcipher.Error)
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.OperationalError,
    sqlcipher.OperationalError,
)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.IntegrityError,
    sqlcipher.IntegrityError,
)

FORGOTTEN = (
    " A forgotten passphrase cannot be recovered, by anyone: keep it where your organisation"
    " keeps such things."
)


class PassphraseNeededError(SummitFileError):
    """The file is protected and this process does not have its passphrase."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is protected with a passphrase. Type it to open the file.")
        self.path = path


class WrongPassphraseError(SummitFileError):
    """The passphrase typed does not open the file."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            # Said after a typo as often as not: short, and calm (a rehearsal read five red
            # lines about damage and lost passphrases after one wrong key).
            f"That passphrase does not open {path.name}. Check capital letters and the"
            " keyboard's language, and try again. If you are sure of it, the file may be"
            " damaged: open a backup copy."
        )
        self.path = path


@dataclass(frozen=True)
class Key:
    """A file's SQLCipher key and salt (never the passphrase itself)."""

    raw: bytes = field(repr=False)
    salt: bytes

    @classmethod
    def derive(cls, passphrase: str, salt: bytes | None = None) -> Key:
        """The key SQLCipher derives from `passphrase` and the file's salt (a new salt
        for a file about to be protected)."""
        if not passphrase:
            raise ValueError("an empty passphrase protects nothing")
        salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
        raw = hashlib.pbkdf2_hmac(KDF_HASH, passphrase.encode(), salt, KDF_ROUNDS, KEY_BYTES)
        return cls(raw, salt)

    def literal(self) -> str:
        """SQLCipher's raw key and salt (`x'...'`): no derivation runs again, and a copy
        made with it keeps the salt the passphrase needs."""
        return f"x'{self.raw.hex()}{self.salt.hex()}'"

    def pragma(self) -> str:
        """The value for `PRAGMA key` (which takes no bound parameter)."""
        return f'"{self.literal()}"'


class _Keys:
    """The keys of the protected files this process has open, by resolved path."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[Path, Key] = {}

    def get(self, path: Path) -> Key | None:
        with self._lock:
            return self._keys.get(_where(path))

    def put(self, path: Path, key: Key | None) -> None:
        with self._lock:
            if key is None:
                self._keys.pop(_where(path), None)
            else:
                self._keys[_where(path)] = key


_keys = _Keys()


def _where(path: Path) -> Path:
    return Path(path).resolve()


def key_for(path: Path) -> Key | None:
    """The key this process holds for `path`, or None (plain, or not unlocked yet)."""
    return _keys.get(path)


def remember(path: Path, key: Key | None) -> None:
    """Hold `key` for `path` in memory for this session (None: the file is plain)."""
    _keys.put(path, key)


def forget(path: Path) -> None:
    _keys.put(path, None)


def looks_protected(path: Path) -> bool:
    """Whether a file that is not plain SQLite could be a SQLCipher file: its first 16
    bytes are not SQLite's header and it is whole pages long. Read only when the standard
    library has just failed to open it (see the module docstring)."""
    try:
        with open(path, "rb") as file:
            head = file.read(24)
        size = Path(path).stat().st_size
    except OSError:
        return False
    # Bytes 21-23 of a SQLite header are always 64, 32, 32; in a SQLCipher file they are
    # ciphertext. A plain file whose first bytes were damaged still has them.
    damaged_plain = head[21:24] == b"\x40\x20\x20"
    return head[:16] != PLAIN_HEADER and not damaged_plain and size >= 1024 and size % 512 == 0


def connection(
    path: Path | str, key: Key | None, *, uri: bool = False, **options: object
) -> sqlite3.Connection:
    """A connection to `path`: the standard library's when `key` is None, else SQLCipher's
    with the key set (SQLCipher's API is the same DB-API, so it is typed as sqlite3's)."""
    if key is None:
        return sqlite3.connect(str(path), uri=uri, **options)  # type: ignore[call-overload,no-any-return]
    return sqlcipher_connection(path, key, uri=uri, **options)


def sqlcipher_connection(
    path: Path | str, key: Key | None, *, uri: bool = False, **options: object
) -> sqlite3.Connection:
    """SQLCipher's connection, keyed when `key` is given (with none it reads a plain file)."""
    conn = sqlcipher.connect(str(path), uri=uri, **options)  # type: ignore[arg-type]
    try:
        # A wrong key is our sentence only, not SQLCipher's log lines on stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = {key.pragma()}")
    except BaseException:
        conn.close()
        raise
    return cast(sqlite3.Connection, conn)


def salt_of(path: Path) -> bytes:
    """A SQLCipher file's salt: its first 16 bytes, stored in the clear."""
    with open(path, "rb") as file:
        return file.read(SALT_BYTES)


def unlock(path: Path, passphrase: str) -> Key:
    """Check `passphrase` against the protected file at `path` and hold its key for this
    session; raises WrongPassphraseError (nothing is held) or SummitFileError."""
    path = Path(path)
    if not passphrase:
        raise WrongPassphraseError(path)
    try:
        salt = salt_of(path)
    except OSError as error:
        raise SummitFileError(f"{path} cannot be read: {error.strerror}.") from error
    if len(salt) < SALT_BYTES:
        raise SummitFileError(f"{path} is not a summit file.")
    key = Key.derive(passphrase, salt)
    if not opens(path, key):
        raise WrongPassphraseError(path)
    remember(path, key)
    return key


def matches(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` is the one of the protected file whose key this process holds
    (checked against the key in memory; the file is not touched)."""
    held = key_for(path)
    return bool(passphrase) and held is not None and Key.derive(passphrase, held.salt) == held


def opens(path: Path, key: Key) -> bool:
    """Whether `key` decrypts the file (read-only; writes nothing)."""
    try:
        conn = connection(f"{_where(path).as_uri()}?mode=ro", key, uri=True)
    except DB_ERRORS:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DB_ERRORS:
        return False
    finally:
        conn.close()
    return True
