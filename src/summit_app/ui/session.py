"""The open summit as Qt sees it: a thin QObject adapter over `core.Summit`.

Widgets read through `session.summit` and write only through `session.run(text, action)`:
one command of the core's `History`, one transaction, one undo step. The command's
`Change` (which rows of which tables it wrote) is announced here, once: `facilitator_changed`
carries it, and the area signals (`notes_changed`, ...) follow from the tables it touched,
so no widget announces its own writes. Writes made by another connection (the participant
server's) are noticed by polling the store's cheap `data_version()` on a timer, and by
`external_event`, which the server's thread may emit: Qt queues a signal emitted from
another thread, so the GUI thread is never blocked.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from summit_app.core import Summit, SummitError
from summit_app.core.history import Change, History
from summit_app.core.tally import PollResult
from summit_app.ui.tally_worker import TallyWorker

T = TypeVar("T")
log = logging.getLogger(__name__)

AREAS = (
    "agenda", "notes", "polls", "people", "live", "info", "phone_notes", "writeup", "audience"
)  # fmt: skip
# Which panels a facilitator's write concerns, from the tables it wrote.
TABLE_AREAS = {
    "summit": ("info", "live"),
    "logo": ("info",),
    "sections": ("agenda",),
    "items": ("agenda", "live"),
    "speakers": ("agenda",),
    "prompts": ("agenda", "notes"),
    "themes": ("notes",),
    "notes": ("notes", "audience"),
    "polls": ("polls", "live"),
    "options": ("polls",),
    "ballots": ("polls",),
    "hand_counts": ("polls",),
    "participants": ("people",),
    "questions": ("audience",),
    "upvotes": ("audience",),
    "words": ("audience",),
    "hidden_words": ("audience",),
    "actions": ("writeup",),
    "narrative_blocks": ("writeup",),
    "writeup": ("writeup",),
    "cards": ("people",),
}
POLL_INTERVAL_MS = 500  # how quickly a write from elsewhere shows without a server event
# Server events are batched: a burst of 1,000 ballots reloads the panels a few times a
# second rather than 1,000 times, which keeps the GUI thread free (bench/gui_latency.py).
EVENT_BATCH_MS = 200
EVENTS_POLL_INTERVAL_MS = 1000
EVENT_AREAS = {
    "joined": ("people",),
    "ballot": ("ballots",),
    "note": ("phone_notes", "audience"),  # a held note joins the moderation queue
    "question": ("audience",),
    "upvote": ("audience",),
    "word": ("audience",),
    "group": ("people",),
    "card": ("people",),
    "join_refused": ("people",),
    "check": ("people",),
}


class SummitSession(QObject):
    """One open summit file, its undo stack and change notifications.

    Signals:
        agenda_changed(): sections, items, speakers, prompts or polls were edited.
        notes_changed(): notes or themes changed (here or from a phone).
        polls_changed(): a poll, its ballots or hand counts changed.
        people_changed(): a participant joined or changed group.
        live_changed(): the running item, open prompt or open poll changed.
        info_changed(): the summit's title, start time or details changed.
        ballots_arrived(): phones voted: ballot counts changed; new results follow.
        results_ready(int): a fresh tally of this poll is ready (`result(poll_id)`).
        phone_notes_changed(): phones posted notes: only new notes, nothing else, changed.
        audience_changed(): questions, upvotes, cloud words or the moderation queue changed.
        writeup_changed(): narrative blocks, actions, closing texts or pack options changed.
        facilitator_changed(Change): a command, undo or redo changed these rows.
        history_changed(): what Undo and Redo would do changed.
        external_event(str): the participant server reported an event of this kind (any thread).
        file_gone(str): the file was moved or deleted (the sentence says where), or is
            back ("").
        closed(): the file was closed; panels stop their timers.
    """

    agenda_changed = Signal()
    notes_changed = Signal()
    polls_changed = Signal()
    people_changed = Signal()
    live_changed = Signal()
    info_changed = Signal()
    ballots_arrived = Signal()
    results_ready = Signal(int)
    phone_notes_changed = Signal()
    audience_changed = Signal()
    writeup_changed = Signal()
    facilitator_changed = Signal(object)
    history_changed = Signal()
    # Only the kind crosses threads: PySide6 6.12 aborted ("deallocating None") under a
    # burst of queued signals carrying a Python dict; a str is copied as a QString.
    external_event = Signal(str)
    file_gone = Signal(str)
    closed = Signal()

    def __init__(self, summit: Summit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.summit = summit
        self.is_open = True
        self._events_active = False
        self._generation = 0  # bumped by every change, so cached tallies know they are old
        self._results: dict[int, tuple[tuple, PollResult]] = {}  # poll id -> (key, tally)
        self._tally = TallyWorker(summit.path, self)
        self._tally.ready.connect(self._tally_ready, Qt.ConnectionType.QueuedConnection)
        self.history = History(summit, self._facilitator_changed)
        self._version = summit.data_version()
        self.gone = ""  # why nothing can be saved (the file moved or was deleted), if so
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_INTERVAL_MS)
        self._timer.timeout.connect(self.check_external)
        self._timer.start()
        self._pending: set[str] = set()
        self._incoming: set[str] = set()  # kinds reported by the server thread, not yet seen
        self._wake_pending = False
        self._lock = threading.Lock()
        self._batch_started = 0.0
        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(EVENT_BATCH_MS)
        self._batch.timeout.connect(self._flush_events)
        # Queued: the server thread emits, the GUI thread handles, neither waits on the other.
        self.external_event.connect(self._on_external_event, Qt.ConnectionType.QueuedConnection)

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
        self._tally.stop()
        self.closed.emit()
        try:
            self.history.save()  # Edit › Undo still works when the file is opened again
        except SummitError as error:  # a full disk, say: closing must not fail for it
            log.warning("the undo history was not kept: %s", error)
        self.summit.close()

    def result(self, poll_id: int) -> PollResult:
        """The poll's tally, computed once per change however many panels show it.

        After the facilitator's own edit (or on first look) it is counted here and now, so
        what they did shows at once. When only phones' ballots arrived since, the last
        tally is returned and the worker thread counts again; `results_ready` follows
        when the new figures are in. The GUI thread never spends ~20 ms on 1,000 ballots.
        """
        key = (poll_id, self._generation, self.summit.data_version())
        cached = self._results.get(poll_id)
        if cached is not None and cached[0] == key:
            return cached[1]
        if cached is None or cached[0][1] != self._generation:
            result = self.summit.polls.result(poll_id)
            self._results[poll_id] = (key, result)
            return result
        self._tally.request(poll_id, key)
        return cached[1]

    @Slot(int)
    def _tally_ready(self, poll_id: int) -> None:
        done = self._tally.take(poll_id)
        if not self.is_open or done is None:
            return
        key, result = done
        if result is None or key[1] != self._generation:
            return  # the facilitator changed something since: that tally is stale
        self._results[poll_id] = (key, result)
        self.results_ready.emit(poll_id)

    # -- the facilitator's commands ------------------------------------------------------

    def run(self, text: str, action: Callable[[Summit], T]) -> T:
        """Run one facilitator command (see `core.history.History.run`).

        Raises a SummitError (nothing changed) for the caller to show.
        """
        return self.history.run(text, action)

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
        areas: list[str] = []
        for table in sorted(change.tables):
            areas += [a for a in TABLE_AREAS.get(table, ()) if a not in areas]
        self.changed(*areas)
        self.facilitator_changed.emit(change)
        self.history_changed.emit()

    # -- announcing changes --------------------------------------------------------------

    def changed(self, *areas: str, from_phones: bool = False) -> None:
        """Tell the panels that `areas` changed.

        Each phones' area is announced in its own turn of the event loop, so the GUI thread
        is never busy with all the panels' reloads at once.
        """
        if not from_phones:
            self._generation += 1  # the facilitator's edit: tallies recompute at once
        if "ballots" in areas:
            areas = tuple(a for a in areas if a != "ballots")
            self._ballots_arrived()
        first, *rest = areas or ("",)
        if first:
            getattr(self, f"{first}_changed").emit()
        for area in rest:
            if from_phones:
                QTimer.singleShot(0, self, lambda a=area: self._announce(a))
            else:
                getattr(self, f"{area}_changed").emit()

    def _ballots_arrived(self) -> None:
        """Phones voted: recount, off the GUI thread, every poll a panel is showing."""
        version = self.summit.data_version()
        for poll_id, (key, _) in list(self._results.items()):
            if key[2] != version:
                self._tally.request(poll_id, (poll_id, self._generation, version))
        self.ballots_arrived.emit()

    def _announce(self, area: str) -> None:
        if self.is_open:
            getattr(self, f"{area}_changed").emit()

    def changed_everything(self) -> None:
        self.changed(*AREAS)

    @Slot()
    def check_external(self) -> None:
        """Reload everything that another connection may have changed."""
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
        if version != self._version:
            self._version = version
            if self._events_active:
                self.changed("ballots", "people", "phone_notes", "audience", from_phones=True)
            else:
                self.changed("notes", "polls", "people", "live", "audience")

    def set_events_active(self, active: bool) -> None:
        """While the server reports every write as an event, stop polling the file:
        the events say exactly what changed, and a poll would reload every panel."""
        if not self.is_open:
            return
        self._events_active = active
        # Still poll, slowly and only for the cheap areas, so a write whose event was
        # sent before it was visible here (or a write by another program) still shows.
        self._timer.setInterval(EVENTS_POLL_INTERVAL_MS if active else POLL_INTERVAL_MS)

    def server_event(self, kind: str, data: dict) -> None:
        """The participant server's `on_event`: called on the server's thread.

        Kinds are gathered under a lock, and a queued signal wakes the GUI thread only
        when no wake-up is already on its way, so a burst of phones does not queue one
        Qt event per ballot.
        """
        with self._lock:
            self._incoming.add(kind)
            if self._wake_pending:
                return
            self._wake_pending = True
        self.external_event.emit(kind)

    @Slot(str)
    def _on_external_event(self, kind: str) -> None:
        with self._lock:
            kinds, self._incoming = self._incoming | {kind}, set()
            self._wake_pending = False
        for each in kinds:
            self._pending.update(EVENT_AREAS.get(each, ("notes", "polls", "people")))
        if not self._batch.isActive():
            self._batch_started = time.monotonic()
            self._batch.start()

    def _flush_events(self) -> None:
        self._batch.stop()
        if not self.is_open:
            return
        self._version = self.summit.data_version()  # the poll need not reload these again
        areas, self._pending = self._pending, set()
        self.changed(*sorted(areas), from_phones=True)
