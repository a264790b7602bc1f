"""The notes embedded in the background as they arrive, so Suggest themes only clusters.

Typed, posted from phones or from tables, a note is embedded by the theme model a moment
after it is saved (core/themes.py `Embedder.embed_missing`), on a thread of its own, never
on the GUI thread or on the phone server's: a few dozen notes at a time with a pause
between, so a burst of phones still gets the cores. The thread reads through its OWN connection (the
notes' texts, and once the embeddings the file kept from before); what it embedded is
written on the window's connection, in one short transaction: a write from another
connection would look to the window like a change it must redraw everything for.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from summit_app.core import Summit, SummitError
from summit_app.core.changes import Changes
from summit_app.core.schema import Area
from summit_app.core.themes import BACKGROUND_PAUSE_S, MODEL_ID, Embedder
from summit_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from summit_app.ui.session import SummitSession

log = logging.getLogger(__name__)

# The model loads this long after a file opens, once the window has shown itself (loading
# it takes a tenth of a second of both cores).
START_MS = 3000
# After a note arrives, wait this long for more before embedding (a burst is one run).
SETTLE_MS = 1500
# Between two runs of a long backlog, the cores are left to phones and the window.
PAUSE_MS = round(BACKGROUND_PAUSE_S * 1000)
STOP_TIMEOUT_MS = 10_000
NICENESS = 10

Embedded = tuple[list[tuple[str, bytes]], int]


class NoteEmbeddings(QObject):
    """Signals:
    embedded(int): a run's embeddings are kept; how many notes are still waiting.
    """

    embedded = Signal(int)

    def __init__(self, session: SummitSession) -> None:
        super().__init__(session)
        self._session = session
        self._runner = TaskRunner(self, threads=1, name="summit-embed")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._running = False
        self._again = False
        self._broken = False
        self._started = False
        self._summit: Summit | None = None  # the runner thread's own connection
        self._loaded = False  # the file's kept embeddings read (on the runner's thread)

    def start(self, after_ms: int = START_MS) -> None:
        """Embed what is missing soon, then each note as it arrives."""
        if self._started:
            return
        self._started = True
        self._session.changed.connect(self._changed)
        self._timer.start(after_ms)

    def stop(self) -> None:
        self._timer.stop()
        if self._started:  # a session never started has no thread to end
            self._runner.run(self._close)  # after the run under way, on the same thread
            self._runner.wait(STOP_TIMEOUT_MS)
        self._runner.stop()

    def _changed(self, changes: Changes) -> None:
        if not changes.touches(Area.NOTES) or self._broken:
            return
        if self._running:
            self._again = True
        elif not self._timer.isActive():
            self._timer.start(SETTLE_MS)

    def _run(self) -> None:
        if self._running or self._runner.stopped or not self._session.is_open:
            return
        self._running = True
        self._runner.run(self._embed, self._done, self._failed)

    # -- on the runner's thread ----------------------------------------------------------

    def _embed(self) -> Embedded:
        if self._summit is None:
            _yield_the_cores()
            self._summit = Summit.open(self._session.path)
        embedder = Embedder.shared()
        if not self._loaded:
            embedder.load(self._summit.embeddings)
            self._loaded = True
        return embedder.embed_missing(self._summit.embeddings)

    def _close(self) -> None:
        if self._summit is not None:
            self._summit.close()
            self._summit = None

    # -- back on the GUI thread ----------------------------------------------------------

    def _done(self, result: Embedded) -> None:
        self._running = False
        found, left = result
        if not self._session.is_open:
            return
        try:
            self._session.summit.embeddings.keep(MODEL_ID, found)
        except SummitError as error:
            # A cache: Suggest themes embeds what is not kept (the model remembers these
            # for the session). Tried again when notes next change, not in a loop.
            log.warning("the notes' embeddings were not kept: %s", error)
            return
        self.embedded.emit(left)
        if left or self._again:
            self._again = False
            self._timer.start(PAUSE_MS)

    def _failed(self, error: Exception) -> None:
        # Suggest themes will say what is wrong when asked (a missing onnxruntime, say);
        # the window keeps working meanwhile and the background stops trying.
        log.error("notes could not be embedded in the background", exc_info=error)
        self._running = False
        self._broken = True


def _yield_the_cores() -> None:
    """Run this thread, and the model's threads it starts, at a lower priority, so the
    window and the phone server get the cores first when all want them (Linux: a thread is
    a task of its own; elsewhere the call fails and nothing changes)."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    except (AttributeError, OSError):
        pass
