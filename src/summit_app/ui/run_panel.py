"""Run mode: start an item, next, back; the countdown, now and next, and the day's drift."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes
from summit_app.core.model import Item
from summit_app.core.presenting import plural
from summit_app.core.schedule import Countdown, TimerState, countdown, drift
from summit_app.ui import commands, contrast, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.agenda_model import ID_ROLE, KIND_ROLE, AgendaModel, lay_out
from summit_app.ui.guard import Guarded
from summit_app.ui.session import SummitSession

TIMER_COLOURS = {
    TimerState.NORMAL: "#166534",
    TimerState.AMBER: "#b45309",
    TimerState.RED: "#b91c1c",
}


def plain_label(text: str = "", point_size: int = 0, bold: bool = False) -> QLabel:
    """A label that never interprets markup (titles and notes come from people)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if point_size or bold:
        font = QFont(label.font())
        if point_size:
            font.setPointSize(point_size)
        font.setBold(bold)
        label.setFont(font)
    return label


class RunPanel(QWidget):
    """The day as it runs. `clock` is injectable so tests can set the time.

    Signals:
        item_started(int): the facilitator started an agenda item.
    """

    item_started = Signal(int)

    def __init__(
        self,
        session: SummitSession,
        clock: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.now_label = plain_label("Nothing running", 24, bold=True)
        self.timer_label = plain_label("", 64, bold=True)
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setObjectName("countdown")
        self.planned_label = plain_label("", 12)
        self.next_label = plain_label("", 16)
        self.drift_label = plain_label("", 16, bold=True)
        self.notice = plain_label("", 12)
        self.notice.setObjectName("run_notice")
        self.start_button = QPushButton("Start first item")
        self.next_button = QPushButton("Next ▶")
        self.back_button = QPushButton("◀ Back")
        self.end_button = QPushButton("End the day")
        self.pause_button = QPushButton("Pause clock")
        self.plus_one = QPushButton("+1 min")
        self.plus_five = QPushButton("+5 min")
        for button in (self.start_button, self.back_button, self.next_button, self.end_button):
            button.setMinimumHeight(44)
        # Space is "next slide" to a presenter (PowerPoint, a clicker's habit); a pushed button
        # keeps the focus, so Space pressed it again: Back, then Space, went back twice. On
        # this tab Space moves on as a clicker's PageDown does, whatever has the focus, and
        # never backwards. Enter presses the focused button, so Tab reaches every one.
        self.forward: Callable[[], None] = lambda: self.step(+1)  # the window's clicker Next
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.setAutoRepeat(False)  # a held Space moves once
        space.activated.connect(lambda: self.forward())
        for button in (
            self.start_button,
            self.back_button,
            self.next_button,
            self.end_button,
            self.pause_button,
            self.plus_one,
            self.plus_five,
        ):
            button.setAutoDefault(True)  # Enter presses it when focused (outside a dialog too)
        # Start, Next and Back share one guard, whichever way they come (a button, the Day
        # menu's keys, a clicker): a double click, or Next then Back in a flurry, moves the
        # day once. A deck's slides are not guarded (a speaker clicks through them at their
        # own pace), but a press that would leave the deck counts the slides' presses too.
        self._item_step = Guarded(self._step)
        # Set by the window: Next and Back move through the live deck's slides first.
        self.slide_step: Callable[[int], bool] | None = None
        self.slides_box = QVBoxLayout()
        self.start_button.clicked.connect(lambda: self.step(0))
        self.next_button.clicked.connect(lambda: self.step(+1))
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.end_button.clicked.connect(Guarded(self.end_day))
        self.pause_button.clicked.connect(Guarded(self.toggle_pause))
        self.plus_one.clicked.connect(lambda: self.add_minutes(1))
        self.plus_five.clicked.connect(lambda: self.add_minutes(5))
        self.next_button.setToolTip("Start the next item  (Ctrl+Right, PageDown)")
        self.back_button.setToolTip("Go back to the last item  (Ctrl+Left, PageUp)")
        self.pause_button.setToolTip("Stop the clock; press again to go on  (Ctrl+P)")

        grid = QGridLayout()
        grid.addWidget(plain_label("Now", 12), 0, 0)
        grid.addWidget(self.now_label, 1, 0)
        grid.addWidget(self.planned_label, 2, 0)
        grid.addWidget(self.timer_label, 3, 0)
        clock_buttons = QHBoxLayout()
        clock_buttons.addStretch(1)
        for button in (self.pause_button, self.plus_one, self.plus_five):
            clock_buttons.addWidget(button)
        clock_buttons.addStretch(1)
        grid.addLayout(clock_buttons, 4, 0)
        grid.addWidget(plain_label("Next", 12), 5, 0)
        grid.addWidget(self.next_label, 6, 0)
        grid.addWidget(self.drift_label, 7, 0)
        grid.addWidget(self.notice, 8, 0)
        # Back, Next and End the day keep their places whatever the day's state: when Start
        # left the row, Back slid to where Start had been and Next to where Back had been,
        # so a click meant for Back ran Next. Start (or Resume) takes Next's slot instead.
        self.next_slot = QStackedWidget()
        self.next_slot.setSizePolicy(self.next_button.sizePolicy())
        self.next_slot.addWidget(self.next_button)
        self.next_slot.addWidget(self.start_button)
        buttons = QHBoxLayout()
        for widget in (self.back_button, self.next_slot, self.end_button):
            buttons.addWidget(widget, 1)
        # The day at a glance beside the clock; double-click an item to start it.
        self.agenda_model = AgendaModel(session.summit, self)
        self._laid_out = 0  # the model's build the view was expanded for
        self.agenda_view = QTreeView()
        describe(
            self.agenda_view,
            "The day's items with planned and actual times; the current one is marked.",
            "Running order",
        )
        self.agenda_view.setModel(self.agenda_model)
        self.agenda_view.setRootIsDecorated(False)
        self.agenda_view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.agenda_view.doubleClicked.connect(self._agenda_activated)
        left = QVBoxLayout()
        left.addLayout(grid)
        left.addStretch(1)
        # The deck's thumbnails go under the running order, not under the clock: on a
        # 1366x768 laptop the clock's column has no height to spare, and a strip there
        # pushed Next and Back below the fold while a talk ran.
        right = QVBoxLayout()
        right.addWidget(self.agenda_view, 1)
        right.addLayout(self.slides_box)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)

        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.refresh)
        self._ticker.start()
        session.closed.connect(self._ticker.stop)
        session.changed.connect(self._on_changes)
        self.reload_agenda()
        self.refresh()

    # -- actions -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.AGENDA, Area.LIVE, Area.INFO):
            self.refresh()
        if changes.touches(Area.AGENDA, Area.INFO):  # not a poll's row alone (agenda_panel)
            self.reload_agenda()

    def start_item(self, item_id: int) -> None:
        at = self._stamp()
        if dialogs.attempt(self, lambda: commands.start_item(self.session, item_id, at)):
            self.item_started.emit(item_id)

    def start_first(self) -> None:
        items = run_here(self.session.summit)
        if items:
            self.start_item(items[0].id)

    def next_item(self) -> None:
        self._step(+1)

    def previous_item(self) -> None:
        self._step(-1)

    def end_day(self) -> None:
        """End the running item and the day, once the facilitator says so (undoable)."""
        if self.session.summit.live().current_item_id is None:
            return  # nothing runs (the menu's key, pressed again): nothing to ask about
        if not dialogs.confirm(
            self,
            "End the day",
            "End the day now? The running item ends and the clock stops."
            " Edit › Undo takes it back.",
            risky=True,
        ):
            return
        at = self._stamp()
        dialogs.attempt(self, lambda: commands.end_day(self.session, at))

    def resume_day(self) -> None:
        """Start again the item the day ended on, once the facilitator says so."""
        items = self.session.summit.agenda.items()
        ended = [(item.actual_end, n) for n, item in enumerate(items) if item.actual_end]
        if not ended:
            return
        last = items[max(ended)[1]]  # ended last; in one second, the later in the agenda
        if dialogs.confirm(
            self,
            "Resume the day",
            f"The day has ended. Resume it with “{last.title}”? Its clock goes on from now.",
        ):
            self.start_item(last.id)

    def toggle_pause(self) -> None:
        """Pause the running item's clock, or go on where it stopped (undoable)."""
        item = self.session.summit.agenda.current_item()
        if item is None or item.actual_start is None:
            return
        at = self._stamp()
        if item.paused_at is None:
            dialogs.attempt(self, lambda: commands.pause_clock(self.session, at))
        else:
            dialogs.attempt(self, lambda: commands.resume_clock(self.session, at))

    def add_minutes(self, minutes: int) -> None:
        if self.session.summit.agenda.current_item() is not None:
            dialogs.attempt(self, lambda: commands.add_minutes(self.session, minutes))

    def _stamp(self) -> str:
        return self.clock().astimezone().isoformat(timespec="seconds")

    def step(self, delta: int) -> None:
        """Next (1), Back (-1) or Start (0): a slide of the live deck first, else an item."""
        if delta and self.slide_step is not None and self.slide_step(delta):
            self._item_step.touch()  # a slide, not an item
            return
        self._item_step(delta)

    def _step(self, delta: int) -> None:
        """Move the day by `delta` items (0: start the first item if nothing has run).

        Once the day has ended, Next, Back and a clicker's PageDown move nothing: they would
        start the first item again, reopen its clock and rewrite when it ended. Resuming is
        its own, asked-for step. Items a breakout room runs are passed by."""
        items = run_here(self.session.summit)
        index = self._current_index(items)
        if index is None and self.state().day_ended:
            if delta == 0:
                self.resume_day()
            else:
                self.notice.setText(ENDED_NOTICE)
            return
        if index is None or delta == 0:
            self.start_first()
        elif 0 <= index + delta < len(items):
            self.start_item(items[index + delta].id)

    def _current_index(self, items: list[Item]) -> int | None:
        current = self.session.summit.live().current_item_id
        return next((i for i, item in enumerate(items) if item.id == current), None)

    def _agenda_activated(self, index) -> None:
        """A double-click starts that item; one further than the next or the last asks first
        (a nervous double-click once sent the room five items on)."""
        if index.data(KIND_ROLE) != "item":
            return
        item_id = index.data(ID_ROLE)
        question = self._jump_question(item_id)
        if question and not dialogs.confirm(self, "Start this item", question, risky=True):
            return
        self.start_item(item_id)

    def _jump_question(self, item_id: int) -> str:
        """What to ask before starting `item_id` by a double-click ("" if it is one step)."""
        items = run_here(self.session.summit)
        target = next((n for n, item in enumerate(items) if item.id == item_id), None)
        if target is None:
            return ""  # a breakout room's item: starting it here is refused, and says why
        title = items[target].title
        index = self._current_index(items)
        if index is None and self.state().day_ended:
            return f"The day has ended. Resume it with “{title}”? Its clock goes on from now."
        index = -1 if index is None else index  # before the first item
        if abs(target - index) <= 1:
            return ""
        if target > index:
            skipped = plural(target - index - 1, "item")
            return f"Start “{title}” now? The room skips {skipped} on the way."
        return f"Go back {plural(index - target, 'item')} to “{title}” now?"

    # -- display -------------------------------------------------------------------------

    def reload_agenda(self) -> None:
        self.agenda_model.reload()
        if self.agenda_model.builds == self._laid_out:
            return  # its rows were updated where they stand
        self._laid_out = self.agenda_model.builds
        lay_out(self.agenda_view)
        self.agenda_view.header().hideSection(1)

    def refresh(self) -> None:
        state = self.state()
        self.now_label.setText("The day has ended" if state.day_ended else state.now_title)
        self.planned_label.setText(state.planned)
        self.timer_label.setText(state.timer_text)
        self.timer_label.setStyleSheet(f"color: {TIMER_COLOURS[state.timer_state]};")
        self.timer_label.setProperty("timer_state", state.timer_state.value)
        self.next_label.setText(state.next_title)
        self.drift_label.setText("" if state.day_ended else state.drift)
        idle = state.current_item_id is None
        self.next_slot.setCurrentWidget(self.start_button if idle else self.next_button)
        self.start_button.setText("Resume the day…" if state.day_ended else "Start first item")
        self.end_button.setEnabled(state.current_item_id is not None)
        # Before the day, Back would start the first item: nothing runs, nothing to go back to.
        self.back_button.setEnabled(state.current_item_id is not None)
        if not state.day_ended:
            self.notice.clear()
        running = state.timer is not None
        for button in (self.pause_button, self.plus_one, self.plus_five):
            button.setEnabled(running)
        paused = running and state.timer.paused
        self.pause_button.setText("Resume clock" if paused else "Pause clock")
        if paused:
            self.timer_label.setText(f"{state.timer_text} paused")
            self.timer_label.setStyleSheet(contrast.quiet_style())

    def state(self) -> RunState:
        return run_state(self.session, self.clock())


ENDED_NOTICE = (
    "The day has ended, so Next and Back move nothing. To go on, press “Resume the day…” or"
    " double-click an item; Edit › Undo takes the end back."
)


class RunState:
    """What run mode shows, computed once for the control window and the projector."""

    def __init__(self) -> None:
        self.now_title = "Nothing running"
        self.planned = ""
        self.timer_text = ""
        self.timer_state = TimerState.NORMAL
        self.next_title = ""
        self.drift = ""
        self.current_item_id: int | None = None
        self.timer: Countdown | None = None
        self.day_ended = False  # items have run and none is running: End the day was pressed


def run_here(summit: Summit, items: list[Item] | None = None) -> list[Item]:
    """The items this room runs, in order: those a breakout room holds are run there, so
    Next, Back and "Next:" pass them by (starting one here would be refused)."""
    items = summit.agenda.items() if items is None else items
    held = summit.breakouts.holders()
    current = summit.live().current_item_id
    return [item for item in items if item.id not in held or item.id == current]


def run_state(session: SummitSession, now: datetime) -> RunState:
    summit = session.summit
    items = summit.agenda.items()
    start = summit.info().start_time
    current_id = summit.live().current_item_id
    state = RunState()
    state.current_item_id = current_id
    here = run_here(summit, items)
    index = next((i for i, item in enumerate(here) if item.id == current_id), None)
    following = here[index + 1] if index is not None and index + 1 < len(here) else None
    if index is None:
        # Items breakout rooms ran bring their rooms' run times: they say nothing of
        # whether this room's day has begun or ended.
        elsewhere = summit.breakouts.parts()
        state.day_ended = any(i.actual_start for i in items if i.id not in elsewhere)
        following = here[0] if here and not state.day_ended else None
    if index is not None:
        item = here[index]
        state.now_title = item.title
        state.planned = f"{item.kind.value} · {plural(item.planned_minutes, 'minute')}"
        if item.extra_minutes:
            state.planned += f" + {plural(item.extra_minutes, 'minute')} added"
        timer = state.timer = countdown(item, now)
        if timer is not None:
            state.timer_text = timer.text
            state.timer_state = timer.state
    state.next_title = following.title if following else "—"
    if items:
        state.drift = drift(items, start, current_id, now).text.capitalize()
    return state
