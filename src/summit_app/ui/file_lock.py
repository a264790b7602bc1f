"""One window per summit file: a lock file beside it says which Summit has it open.

Two windows on one file would each show a stale picture of the other's edits, and each
would start its own phone server. The lock is Qt's (QLockFile): it names the process and
the computer, and a lock left by a Summit that crashed is noticed (its process is gone)
and taken over, so a crash never locks the facilitator out of their own summit.
"""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtCore import QLockFile

from summit_app.core import SummitFileError


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


class SummitLock:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = QLockFile(str(lock_path(self.path)))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age

    def acquire(self) -> None:
        """Take the lock, or raise SummitFileError saying who has the file open."""
        if self._lock.tryLock(0):
            return
        if self._lock.error() is not QLockFile.LockError.LockFailedError:
            raise SummitFileError(
                f"{self.path.name} cannot be opened: Summit could not make its lock file"
                f" beside it ({lock_path(self.path).name}). Is the folder read-only?"
            )
        pid, host, _app = self._lock.getLockInfo()
        where = "on this computer" if host in ("", socket.gethostname()) else f"on '{host}'"
        raise SummitFileError(
            f"{self.path.name} is already open in another Summit window (process {pid} {where})."
            " Switch to that window (it may be behind this one or on another screen), or close"
            " the summit there first: two windows on one summit would not see each other's"
            " edits."
        )

    def release(self) -> None:
        self._lock.unlock()
