"""The window's one way of working in the background: run a function on a pool thread and
get its result (or its error) back on the GUI thread.

As MusicBrainz Picard's `run_task`/`to_main` and Anki's `QueryOp`: the work never touches
a widget; `done(result)` or `failed(error)` runs later on the GUI thread. Results wait
under a lock and a payload-less queued signal wakes the GUI thread (PySide6 6.12 mishandled
Python objects in queued signals under load). `stop()` is the clean shutdown: no callback
runs after it, and it returns once the work under way has finished, since a thread alive
at teardown aborts the app. The participant server's own thread is not run here.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
STOP_TIMEOUT_MS = 10_000


class Task(Generic[T]):
    """One piece of background work, as its owner sees it."""

    def __init__(self) -> None:
        self._finished = threading.Event()

    def is_finished(self) -> bool:
        """The work has returned or raised (its callback may still be on its way)."""
        return self._finished.is_set()


class TaskRunner(QObject):
    """Runs work on threads of its own pool (`threads` at once, in order when one).

    With one thread that never expires, every piece of work runs on the same thread: work
    that keeps a SQLite connection between runs (a connection stays on its thread) may.
    """

    _ready = Signal()

    def __init__(self, parent: QObject | None = None, threads: int = 1, name: str = "") -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        if threads == 1:
            self._pool.setExpiryTimeout(-1)
        if name:
            self._pool.setObjectName(name)
        self._lock = threading.Lock()
        self._results: deque[tuple[Callable[[Any], None] | None, Any, object]] = deque()
        self._stopped = False
        self._ready.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def stopped(self) -> bool:
        return self._stopped

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> Task[T]:
        """Run `work()` in the background; then `done(result)` or `failed(error)` on the
        GUI thread (an error with no `failed` is logged). After `stop()` nothing runs."""
        task: Task[T] = Task()
        if self._stopped:
            task._finished.set()
            return task
        # The work and its callbacks often hold a widget (a bound method, a lambda). They go
        # back to the GUI thread with the outcome and are dropped there: were the pool's
        # thread to drop the last reference to a widget, Qt would destroy it on that thread
        # while the GUI thread still paints it (a crash seen in the export dialog's tests).
        parcel: list[Any] = [work, done, failed]

        def body() -> None:
            run_work, on_done, on_failed = parcel
            parcel.clear()
            try:
                outcome: tuple[Callable[[Any], None] | None, Any] = (on_done, run_work())
            except Exception as error:  # handed to the GUI thread, never lost
                if on_failed is None:
                    log.exception("background work failed")
                outcome = (on_failed, error)
            finally:
                task._finished.set()
            with self._lock:
                self._results.append((*outcome, (run_work, on_done, on_failed)))
            del run_work, on_done, on_failed, outcome
            self._ready.emit()

        self._pool.start(body)
        return task

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """No more work or callbacks; wait for the work under way. False if it timed out."""
        self._stopped = True
        self._pool.clear()  # work not started yet never starts
        return self._pool.waitForDone(timeout_ms)

    def wait(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Wait for the work queued so far (its callbacks still come later)."""
        return self._pool.waitForDone(timeout_ms)

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            results, self._results = list(self._results), deque()
        for callback, value, _held in results:
            if self._stopped:
                return
            if callback is not None:
                callback(value)
