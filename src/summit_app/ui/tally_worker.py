"""Poll tallies counted on a thread of their own, so phones' ballots never freeze the window.

A tally of 1,000 ballots takes about 20 ms of Python; on the GUI thread that was the
longest freeze of the control window while phones voted (bench/gui_latency.py). Here it
runs on a worker thread with its OWN connection to the file (a connection is never shared
across threads). Requests for the same poll collapse into the latest one, runs are spaced
at least MIN_SPACING_S apart, and the result is handed back by a queued signal that
carries only the poll id: the GUI thread then `take`s the result under a lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from summit_app.core import Summit, SummitError
from summit_app.core.tally import PollResult

log = logging.getLogger(__name__)

# A burst of ballots asks for a new tally after every batch; counting more often than
# this only takes CPU from the server and the window, and nobody reads bars that fast.
MIN_SPACING_S = 0.25
STOP_TIMEOUT_S = 5


class TallyWorker(QObject):
    """Signals:
    ready(int): a tally for this poll id is waiting; `take(poll_id)` it (GUI thread).
    """

    ready = Signal(int)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._wanted: dict[int, Hashable] = {}  # poll id -> the latest request's token
        self._done: dict[int, tuple[Hashable, PollResult | None]] = {}
        self._stopping = False
        self._thread: threading.Thread | None = None

    def request(self, poll_id: int, token: Hashable) -> None:
        """Count `poll_id` again soon; an older request for it not yet started is dropped."""
        with self._lock:
            if self._stopping:
                return
            self._wanted[poll_id] = token
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="summit-tally", daemon=True)
                self._thread.start()
        self._wake.set()

    def take(self, poll_id: int) -> tuple[Hashable, PollResult | None] | None:
        """The finished tally (token asked with, result; None if the poll is gone)."""
        with self._lock:
            return self._done.pop(poll_id, None)

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(STOP_TIMEOUT_S)

    def _run(self) -> None:
        summit: Summit | None = None
        last = 0.0
        try:
            while True:
                self._wake.wait()
                pause = MIN_SPACING_S - (time.monotonic() - last)
                if pause > 0 and not self._stopping:
                    time.sleep(pause)  # more requests collapse into one meanwhile
                with self._lock:
                    if self._stopping:
                        return
                    wanted, self._wanted = self._wanted, {}
                    self._wake.clear()
                if summit is None:
                    summit = Summit.open(self._path)
                for poll_id, token in wanted.items():
                    last = time.monotonic()
                    try:
                        result: PollResult | None = summit.polls.result(poll_id)
                    except SummitError:
                        result = None  # removed meanwhile: the GUI thread will notice
                    with self._lock:
                        self._done[poll_id] = (token, result)
                    self.ready.emit(poll_id)
        except Exception:  # the window keeps its last figures rather than crash
            log.exception("the background tally stopped")
        finally:
            if summit is not None:
                summit.close()
