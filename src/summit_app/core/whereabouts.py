"""Where the open `.summit` file is now: still at its path, moved, or deleted.

SQLite keeps the file open by its descriptor, so a file moved or deleted while open (by
Finder, a cloud-sync client, tidying the desktop) goes on taking commits, but they stay in
the old path's `-wal` for ever: SQLite will not checkpoint a database that has moved, and a
deleted one takes them into an unlinked file. Measured before this check: 32 ballots
acknowledged to phones, 0 in the moved file, even after a clean stop. So the file's
identity (device and inode; the file index on Windows) is taken at open, and a commit is
refused with a sentence when the path no longer names that file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

Identity = tuple[int, int]


def identity(path: Path) -> Identity | None:
    """The file's device and inode, or None when nothing is at `path`."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def gone_sentence(path: Path, held: Identity) -> str | None:
    """None while `path` is still the file opened as `held`; else what happened, in a
    sentence for the facilitator saying where the file went if this process can tell."""
    if identity(path) == held:
        return None
    where = now_at(held)
    name, folder = path.name, path.parent
    if where is None:
        return (
            f"{name} was deleted (or moved where Summit cannot follow it) while it was open,"
            " so nothing more can be saved to it. Put the file back in"
            f" {folder} (from the bin, if it is there) to go on."
        )
    return (
        f"{name} was moved to {where} while it was open, so nothing more can be saved to it."
        f" Move it back to {folder} to go on, or close this summit and open it where it is"
        " now."
    )


def now_at(held: Identity) -> Path | None:
    """Where the file with this identity is now, found through this process's own open
    descriptor for it (SQLite's): None if it was deleted or the system cannot say."""
    for fd in _open_descriptors():
        try:
            found = os.fstat(fd)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) != held:
            continue
        if found.st_nlink == 0:
            return None  # deleted: the descriptor keeps an unlinked file alive
        where = _path_of(fd)
        if where is not None and identity(where) == held:
            return where
    return None


def _open_descriptors() -> list[int]:
    for listing in ("/proc/self/fd", "/dev/fd"):
        try:
            return [int(name) for name in os.listdir(listing) if name.isdigit()]
        except OSError:
            continue
    return []


def _path_of(fd: int) -> Path | None:
    if sys.platform.startswith("linux"):
        try:
            return Path(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            return None
    if sys.platform == "darwin":
        import fcntl

        try:
            raw = fcntl.fcntl(fd, fcntl.F_GETPATH, bytes(1024))  # type: ignore[attr-defined]
        except OSError:
            return None
        return Path(os.fsdecode(raw.split(b"\0", 1)[0]))
    return None  # Windows does not let an open SQLite file be moved or deleted
