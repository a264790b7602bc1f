"""Protect a summit with a passphrase, change it, or remove it: the file rewritten in place.

SQLCipher's `sqlcipher_export` writes the whole summit into a new file beside it (with the
new key, or none), which is synced to disk and then renamed over the original in one step.
Until that rename the original is untouched, so a crash or a kill at any moment leaves
either the summit as it was or the summit protected, each whole (tests/core/test_protect.py
kills it half-way); a `.protecting` file left by a kill is removed by the next attempt.
"""

from __future__ import annotations

import os
from pathlib import Path

from summit_app.core import cipher
from summit_app.core.cipher import FILE_ERRORS, Key
from summit_app.core.errors import SummitFileError
from summit_app.core.store import check_file, remove_files

# A passphrase shorter than this is refused: it would fall to a guess on a lost laptop.
MIN_PASSPHRASE = 8

WHAT_IT_PROTECTS = (
    "A passphrase encrypts the whole summit file: someone who finds the laptop or a USB"
    " stick, or is sent a copy of the file, cannot read its notes, votes or groups without"
    " it. It does not protect a laptop that is running and unlocked, nor the exported PDF,"
    " HTML, Word and CSV files, which are not encrypted." + cipher.FORGOTTEN
)


def partial_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.protecting")


def check_passphrase(passphrase: str) -> None:
    """Raise SummitFileError with a sentence for a passphrase too weak to set."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise SummitFileError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; a few words"
            " (“harbour lantern cobalt”) are easier to remember than symbols."
        )


def protect(path: Path | str, passphrase: str | None) -> Key | None:
    """Rewrite the summit at `path` protected with `passphrase`, or plain when None; a
    protected file's current key must be held (cipher.unlock). Returns the new key, which
    this process then holds for the file.

    Nothing in this process may have the file open (close the window's summit and its
    phone server first): the rename replaces the file under any connection still open.
    Raises SummitFileError with a sentence; then the file is as it was.
    """
    path = Path(path)
    check_file(path)  # damaged, newer, not unlocked: refused untouched
    if passphrase is not None:
        check_passphrase(passphrase)
    new = Key.derive(passphrase) if passphrase is not None else None
    partial = partial_path(path)
    try:
        remove_files(partial)
        _export(path, partial, new)
        if Path(f"{path}-wal").exists():
            # Our connection was not the last: another program has the file open.
            raise SummitFileError(
                f"{path.name} is open in another program, so it was not changed. Close it"
                " there and try again."
            )
        os.replace(partial, path)
        _sync_folder(path.parent)
    except FILE_ERRORS as error:
        remove_files(partial)
        raise SummitFileError(
            f"{path.name} could not be rewritten ({error}); it is unchanged."
        ) from error
    except BaseException:
        remove_files(partial)
        raise
    Path(f"{path}-shm").unlink(missing_ok=True)  # the old file's, if its close left it
    cipher.remember(path, new)
    return new


def _export(path: Path, target: Path, new: Key | None) -> None:
    """Write the summit at `path` into `target` with key `new` (plain when None), synced."""
    # SQLCipher's connection even for a plain file (it reads one with no key): only it has
    # sqlcipher_export. The file is not open through the standard library here (see
    # protect), so the two libraries never hold it at once.
    conn = cipher.sqlcipher_connection(path, cipher.key_for(path))
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(
            "ATTACH DATABASE ? AS protected KEY ?", (str(target), new.literal() if new else "")
        )
        try:
            conn.execute("SELECT sqlcipher_export('protected')")
            # sqlcipher_export copies the tables, not the header's file format number.
            conn.execute(f"PRAGMA protected.user_version = {version}")
        finally:
            conn.execute("DETACH DATABASE protected")
    finally:
        conn.close()  # the last connection: SQLite checkpoints and removes the WAL
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
