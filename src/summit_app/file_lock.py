"""One Summit per summit file: a lock file beside it says which Summit has it open.

Two windows on one file would each show a stale picture of the other's edits, and each
would start its own phone server; a window and `summit-app serve` on one file would be two
phone servers, the phones split between them. Both take this lock (so it lives beside core,
not in ui/, and needs only QtCore). The lock is Qt's (QLockFile): it names the process and
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
        # The lock names a process, not what it is (Qt writes the executable's name, python's
        # when run from a checkout), so the sentence names both kinds of holder.
        pid, host, _app = self._lock.getLockInfo()
        where = "on this computer" if host in ("", socket.gethostname()) else f"on '{host}'"
        raise SummitFileError(
            f"{self.path.name} is already open in another Summit (process {pid} {where}): a"
            " window, or `summit-app serve` in a terminal. Switch to that window (it may be"
            " behind this one or on another screen) and close the summit there, or stop the"
            " serving with Ctrl-C: two Summits on one summit would not see each other's edits"
            " and would split the phones between them."
        )

    def release(self) -> None:
        self._lock.unlock()
