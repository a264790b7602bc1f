"""Poll tallies counted in the background, so phones' ballots never freeze the window.

A tally of 1,000 ballots takes about 20 ms of Python; on the GUI thread that was the
longest freeze of the control window while phones voted (bench/gui_latency.py). Here it
runs on the window's task runner (`ui/tasks.py`), on one thread with its OWN connection to
the file (a connection is never shared across threads). Requests for the same poll
collapse into the latest one, runs are spaced at least MIN_SPACING_S apart, and `ready`
carries only the poll id: the GUI thread then `take`s the result.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from summit_app.core import Summit, SummitError
from summit_app.core.tally import PollResult
from summit_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# A burst of ballots asks for a new tally after every batch; counting more often than
# this only takes CPU from the server and the window, and nobody reads bars that fast.
MIN_SPACING_S = 0.25
STOP_TIMEOUT_MS = 5000

Counted = list[tuple[int, Hashable, PollResult | None]]


class TallyWorker(QObject):
    """Signals:
    ready(int): a tally for this poll id is waiting; `take(poll_id)` it (GUI thread).
    """

    ready = Signal(int)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._runner = TaskRunner(self, threads=1, name="summit-tally")
        self._wanted: dict[int, Hashable] = {}  # poll id -> the latest request's token
        self._done: dict[int, tuple[Hashable, PollResult | None]] = {}
        self._running = False
        self._last = 0.0  # when the last count ended (read and written on the runner)
        self._summit: Summit | None = None  # the runner thread's own connection

    def request(self, poll_id: int, token: Hashable) -> None:
        """Count `poll_id` again soon; an older request for it not yet started is dropped."""
        if self._runner.stopped:
            return
        self._wanted[poll_id] = token
        if not self._running:
            self._running = True
            wanted, self._wanted = self._wanted, {}
            self._runner.run(lambda: self._count(wanted), self._counted, self._failed)

    def take(self, poll_id: int) -> tuple[Hashable, PollResult | None] | None:
        """The finished tally (token asked with, result; None if the poll is gone)."""
        return self._done.pop(poll_id, None)

    def stop(self) -> None:
        self._runner.run(self._close)  # after the count under way, on the same thread
        self._runner.wait(STOP_TIMEOUT_MS)
        self._runner.stop()

    # -- on the runner's thread ----------------------------------------------------------

    def _count(self, wanted: dict[int, Hashable]) -> Counted:
        pause = MIN_SPACING_S - (time.monotonic() - self._last)
        if pause > 0:
            time.sleep(pause)  # more requests gather on the GUI thread meanwhile
        if self._summit is None:
            self._summit = Summit.open(self._path)
        counted: Counted = []
        for poll_id, token in wanted.items():
            try:
                result: PollResult | None = self._summit.polls.result(poll_id)
            except SummitError:
                result = None  # removed meanwhile: the GUI thread will notice
            counted.append((poll_id, token, result))
        self._last = time.monotonic()
        return counted

    def _close(self) -> None:
        if self._summit is not None:
            self._summit.close()
            self._summit = None

    # -- back on the GUI thread ----------------------------------------------------------

    def _counted(self, counted: Counted) -> None:
        self._running = False
        for poll_id, token, result in counted:
            self._done[poll_id] = (token, result)
            self.ready.emit(poll_id)
        if self._wanted:  # asked for meanwhile
            poll_id, token = self._wanted.popitem()
            self.request(poll_id, token)

    def _failed(self, error: Exception) -> None:
        # The window keeps its last figures rather than crash; the next request tries again.
        log.error("a background tally failed", exc_info=error)
        self._running = False
        self._wanted.clear()
