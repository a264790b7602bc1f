"""The open summit as Qt sees it: a thin QObject adapter over `core.Summit`.

Widgets read through `session.summit` and write only through `session.run(text, action)`:
one command of the core's `History`, one transaction, one undo step. What each commit
changed reaches the views as one typed value, `core.changes.Changes`, on one signal,
`changed`: the facilitator's commands name the rows they wrote; the participant server
reports each phone's write (`server_event`, called on its thread, merged under a lock and
handed over by a payload-less queued signal, so nothing but the GUI thread touches Qt);
and a cheap `data_version()` poll catches a write nobody reported. Each view reads the
areas and ids it shows and redraws only those. A commit is announced once, whichever of
the event batch and the poll saw it first.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from summit_app.core import Summit, SummitError
from summit_app.core.changes import Area, Changes, Origin, from_event
from summit_app.core.commands import Done
from summit_app.core.history import Change, History
from summit_app.core.merge import Imported, import_room
from summit_app.core.tally import PollResult
from summit_app.ui.note_embeddings import NoteEmbeddings

T = TypeVar("T")
log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 500  # how quickly a write from elsewhere shows without a server event
# Server events are batched: a burst of 1,000 ballots reloads the panels a few times a
# second rather than 1,000 times, which keeps the GUI thread free (bench/gui_latency.py).
EVENT_BATCH_MS = 200
EVENTS_POLL_INTERVAL_MS = 1000
# While the server reports its writes, what the file poll announces for a write no event
# named (a phone's write whose event was lost, or another program's).
PHONES_AREAS = (Area.NOTES, Area.BALLOTS, Area.PEOPLE, Area.AUDIENCE)


class SummitSession(QObject):
    """One open summit file, its undo stack and change notifications.

    Signals:
        changed(Changes): a commit (the facilitator's, an undo, phones') changed this.
        results_ready(int): phones' ballots changed this poll's tally (`result(poll_id)`),
            after `changed`.
        history_changed(): what Undo and Redo would do changed.
        file_gone(str): the file was moved or deleted (the sentence says where), or is
            back ("").
        closed(): the file was closed; panels stop their timers.
    """

    changed = Signal(object)
    results_ready = Signal(int)
    history_changed = Signal()
    # The server thread's wake-up carries nothing: PySide6 6.12 aborted ("deallocating
    # None") under a burst of queued signals carrying a Python dict. The changes wait
    # under a lock as frozen values until the GUI thread takes them.
    _wake = Signal()
    file_gone = Signal(str)
    closed = Signal()

    def __init__(self, summit: Summit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.summit = summit
        self.is_open = True
        self._events_active = False
        self._results: dict[int, PollResult] = {}  # poll id -> its current tally
        # Idle until started (the app starts it; a test may): see ui/note_embeddings.py.
        self.embeddings = NoteEmbeddings(self)
        self.history = History(summit, self._facilitator_changed)
        self._version = summit.data_version()  # the file's version last announced
        self._seen_version = self._version  # the poll's last look, while events are on
        self._polled: int | None = None  # the version the poll itself last announced
        self.gone = ""  # why nothing can be saved (the file moved or was deleted), if so
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self.check_external)
        self._timer.start()
        self._pending: Changes | None = None  # phones' changes batched on the GUI thread
        self._incoming: Changes | None = None  # reported by the server thread, not yet taken
        self._wake_pending = False
        self._lock = threading.Lock()
        self._batch_started = 0.0
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(EVENT_BATCH_MS)
        self._batch.timeout.connect(self._flush_events)
        # Queued: the server thread emits, the GUI thread handles, neither waits on the other.
        self._wake.connect(self._take_incoming, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> SummitSession:
        return cls(Summit.open(path), parent)

    @property
    def path(self) -> Path:
        return self.summit.path

    def close(self) -> None:
        if not self.is_open:
            return
        self.is_open = False
        self._timer.stop()
        self._batch.stop()
        self.embeddings.stop()
        self.closed.emit()
        try:
            self.history.save()  # Edit › Undo still works when the file is opened again
        except SummitError as error:  # a full disk, say: closing must not fail for it
            log.warning("the undo history was not kept: %s", error)
        self.summit.close()

    # -- tallies -------------------------------------------------------------------------

    def result(self, poll_id: int) -> PollResult:
        """The poll's tally, counted once per change of that poll however many panels show it.

        Counted here and now from the poll's running totals (`PollsRepo.result`): about
        0.2 ms for a nine-option ranking, with 1,000 ballots or 50,000 (a tally of the
        ballots themselves took ~20 ms per 1,000, and ran on a worker thread of its own).
        """
        cached = self._results.get(poll_id)
        if cached is None:
            cached = self._results[poll_id] = self.summit.polls.result(poll_id)
        return cached

    def _recount(self, changes: Changes) -> list[int]:
        """Forget the tallies this change concerns, and only those: counted again when next
        asked for. The polls whose tallies went."""
        stale = [p for p in self._results if changes.poll_changed(p)]
        for poll_id in stale:
            del self._results[poll_id]
        return stale

    # -- the facilitator's commands ------------------------------------------------------

    def run(self, text: str, action: Callable[[Summit], T]) -> T:
        """Run one facilitator command (see `core.history.History.run`).

        Raises a SummitError (nothing changed) for the caller to show.
        """
        return self.history.run(text, action)

    def command(self, text: str, action: Callable[..., Done[T]], /, *args: Any, **kwargs: Any) -> T:
        """Run a core command (`core.commands`) as one undo step named `text`; its result.

        Raises a SummitError (nothing changed) for the caller to show.
        """
        return self.history.run(text, lambda s: action(s, *args, **kwargs)).value

    def anonymise(self) -> Any:
        """File › Close and anonymise (core/anonymise.py): not undoable, and the undo
        history goes with it, since it holds rows as they were."""
        done = self.summit.anonymise()
        self.history.clear()
        self.history_changed.emit()
        self.announce(Changes.unknown(origin=Origin.FACILITATOR))
        return done

    def import_breakout(self, path: Path, last: bool = False) -> Imported:
        """Bring in a breakout room's file as one undo step (`core.merge.import_room`).

        Raises a SummitError (nothing changed) for the caller to show.
        """
        return import_room(
            self.summit, path, last, transaction=lambda text: self.history.grouped(text, True)
        )

    def undo(self) -> None:
        """Undo the last command; raises a SummitError (and nothing moves) if it cannot."""
        try:
            self.history.undo()
        finally:
            self.history_changed.emit()

    def redo(self) -> None:
        try:
            self.history.redo()
        finally:
            self.history_changed.emit()

    def _facilitator_changed(self, change: Change) -> None:
        self.announce(change.changes)
        self.history_changed.emit()

    # -- announcing changes --------------------------------------------------------------

    def announce(self, changes: Changes) -> None:
        """Tell the views what changed: tallies first, then one `changed` signal."""
        if not self.is_open or not changes:
            return
        stale = self._recount(changes)
        self.changed.emit(changes)
        if changes.origin is Origin.PHONES:
            for poll_id in stale:
                self.results_ready.emit(poll_id)

    @Slot()
    def check_external(self) -> None:
        """Announce what another connection wrote that no event reported."""
        if not self.is_open:
            return
        if self._pending and time.monotonic() - self._batch_started > 2 * EVENT_BATCH_MS / 1000:
            # A safety net: whatever delays the batch timer, phones' input still shows.
            self._flush_events()
        gone = self.summit.gone() or ""
        if gone != self.gone:
            self.gone = gone
            self.file_gone.emit(gone)
        version = self.summit.data_version()
        if version == self._version:
            return
        if self._events_active and version != self._seen_version:
            # The server reports its writes, and its event may still be on its way: give it
            # one more look, so that the precise event, not this guess, announces the commit.
            self._seen_version = version
            return
        self._version = self._seen_version = self._polled = version
        self._drop_pending()  # covered by what follows
        if self._events_active:
            self.announce(Changes.unknown(*PHONES_AREAS))
        else:
            self.announce(Changes.unknown(origin=Origin.FACILITATOR))

    def set_events_active(self, active: bool) -> None:
        """While the server reports every write as an event, poll the file only slowly,
        for a write whose event never came (or a write by another program)."""
        if not self.is_open:
            return
        self._events_active = active
        self._timer.setInterval(EVENTS_POLL_INTERVAL_MS if active else POLL_INTERVAL_MS)

    def server_event(self, kind: str, data: dict) -> None:
        """The participant server's `on_event`: called on the server's thread.

        The event becomes typed `Changes` here, merged under a lock; a queued signal wakes
        the GUI thread only when no wake-up is already on its way, so a burst of phones
        does not queue one Qt event per ballot.
        """
        changes = from_event(kind, data)
        with self._lock:
            self._incoming = changes if self._incoming is None else self._incoming | changes
            if self._wake_pending:
                return
            self._wake_pending = True
        self._wake.emit()

    @Slot()
    def _take_incoming(self) -> None:
        with self._lock:
            incoming, self._incoming = self._incoming, None
            self._wake_pending = False
        if incoming is None:
            return
        self._pending = incoming if self._pending is None else self._pending | incoming
        if not self._batch.isActive():
            self._batch_started = time.monotonic()
            self._batch.start()

    def _drop_pending(self) -> None:
        self._batch.stop()
        self._pending = None

    def _flush_events(self) -> None:
        self._batch.stop()
        if not self.is_open:
            return
        pending, self._pending = self._pending, None
        version = self.summit.data_version()
        if version == self._polled:
            return  # the server commits before it reports: the poll announced this already
        self._version = self._seen_version = version
        if pending is not None:
            self.announce(pending)
