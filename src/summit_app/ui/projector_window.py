"""The projector: a second top-level window, large and high-contrast, with no controls.

It shows only what the facilitator picks in the control window (`show(mode)`), and never
hidden notes. Text from people is shown as plain text.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.model import PollState
from summit_app.core.presenting import people
from summit_app.ui.notes_wall import NotesWall, WallGroup
from summit_app.ui.projector_audience import QuestionScreen, WordsScreen
from summit_app.ui.qr_image import qr_pixmap
from summit_app.ui.results_view import ResultsView
from summit_app.ui.run_panel import plain_label, run_state
from summit_app.ui.session import SummitSession

# Brighter than the control window's colours: they must read on black across a room.
PROJECTOR_TIMER_COLOURS = {"normal": "#ffffff", "amber": "#fbbf24", "red": "#f87171"}
STYLE = "QWidget#projector { background: #000000; } QLabel { color: #ffffff; }"


class Mode(StrEnum):
    BLANK = "blank"
    JOIN = "join"
    ITEM = "item"
    POLL = "poll"
    NOTES = "notes"
    QUESTION = "question"
    WORDS = "words"


MODE_LABELS = {
    Mode.JOIN: "Join code",
    Mode.ITEM: "Current item",
    Mode.POLL: "Poll",
    Mode.NOTES: "Notes wall",
    Mode.QUESTION: "Question",
    Mode.WORDS: "Word cloud",
    Mode.BLANK: "Blank",
}


class ProjectorWindow(QWidget):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle("Summit — projector")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.session = session
        self.mode = Mode.JOIN
        self.join_url = ""
        self.poll_id: int | None = None  # the poll to show when none is open
        self.prompt_id: int | None = None
        self.clock = datetime.now
        self.stack = QStackedWidget()
        self.pages: dict[Mode, QWidget] = {}
        self._build_blank()
        self._build_join()
        self._build_item()
        self._build_poll()
        self._build_notes()
        self.question_screen = QuestionScreen(session, self._page(Mode.QUESTION))
        self.words_screen = WordsScreen(session, self._page(Mode.WORDS))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(self.stack)
        self.resize(1280, 720)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        session.closed.connect(self._ticker.stop)
        # Several areas often change at once: repaint once, after they all have.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.refresh)
        for signal in (
            session.notes_changed,
            session.polls_changed,
            session.live_changed,
            session.agenda_changed,
            session.people_changed,
            session.results_ready,
            session.phone_notes_changed,
            session.audience_changed,
        ):
            signal.connect(self._soon.start)
        self._qr = None
        self.refresh()

    # -- what to show --------------------------------------------------------------------

    def show_mode(self, mode: Mode | str) -> None:
        self.mode = Mode(mode)
        self.refresh()

    def set_join_url(self, url: str) -> None:
        self.join_url = url
        self._qr = qr_pixmap(url) if url else None  # drawn once, not on every refresh
        self.refresh()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        {
            Mode.BLANK: lambda: None,
            Mode.JOIN: self._refresh_join,
            Mode.ITEM: self._refresh_item,
            Mode.POLL: self._refresh_poll,
            Mode.NOTES: self._refresh_notes,
            Mode.QUESTION: self.question_screen.refresh,
            Mode.WORDS: self.words_screen.refresh,
        }[self.mode]()
        self.stack.setCurrentWidget(self.pages[self.mode])

    def _tick(self) -> None:
        if self.mode is Mode.ITEM:
            self._refresh_item()

    # -- pages ---------------------------------------------------------------------------

    def _page(self, mode: Mode) -> QVBoxLayout:
        page = QWidget()
        self.pages[mode] = page
        self.stack.addWidget(page)
        return QVBoxLayout(page)

    def _build_blank(self) -> None:
        self._page(Mode.BLANK)

    def _build_join(self) -> None:
        layout = self._page(Mode.JOIN)
        self.join_title = plain_label("", 30, bold=True)
        self.join_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setScaledContents(False)
        self.url_label = plain_label("", 32, bold=True)
        self.url_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.joined_label = plain_label("", 24)
        self.joined_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.join_title)
        layout.addWidget(self.qr_label, 1)
        layout.addWidget(self.url_label)
        layout.addWidget(self.joined_label)

    def _refresh_join(self) -> None:
        summit = self.session.summit
        self.join_title.setText(f"Join {summit.info().title}: scan with your phone camera")
        if not self.join_url or self._qr is None:
            self.qr_label.clear()
            self.qr_label.setText("")
            self.url_label.setText("The join code appears when voting starts")
        else:
            side = max(200, min(self.height() - 320, self.width() // 2))
            scaled = self._qr.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio)
            if self.qr_label.pixmap().size() != scaled.size():
                self.qr_label.setPixmap(scaled)
            self.url_label.setText(self.join_url.split("://", 1)[-1])
        count = summit.people.count()
        self.joined_label.setText(f"{count} {'phone' if count == 1 else 'phones'} joined")

    def _build_item(self) -> None:
        layout = self._page(Mode.ITEM)
        self.item_title = plain_label("", 54, bold=True)
        self.item_timer = plain_label("", 120, bold=True)
        self.item_timer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.item_next = plain_label("", 30)
        layout.addWidget(self.item_title)
        layout.addStretch(1)
        layout.addWidget(self.item_timer)
        layout.addStretch(1)
        layout.addWidget(self.item_next)

    def _refresh_item(self) -> None:
        state = run_state(self.session, self.clock())
        self.item_title.setText(state.now_title if state.current_item_id else "Welcome")
        self.item_timer.setText(state.timer_text)
        colour = PROJECTOR_TIMER_COLOURS[state.timer_state.value]
        self.item_timer.setStyleSheet(f"color: {colour};")
        self.item_timer.setProperty("timer_state", state.timer_state.value)
        self.item_next.setText(f"Next: {state.next_title}" if state.next_title != "—" else "")

    def _build_poll(self) -> None:
        layout = self._page(Mode.POLL)
        self.poll_question = plain_label("", 32, bold=True)
        self.poll_status = plain_label("", 26)
        self.poll_results = ResultsView(large=True)
        layout.addWidget(self.poll_question)
        layout.addWidget(self.poll_status)
        layout.addWidget(self.poll_results, 1)

    def shown_poll_id(self) -> int | None:
        return self.session.summit.live().open_poll_id or self.poll_id

    def _refresh_poll(self) -> None:
        polls = self.session.summit.polls
        poll_id = self.shown_poll_id()
        if poll_id is None:
            self.poll_question.setText("")
            self.poll_status.setText("No poll is open")
            self.poll_results.set_result(None)
            return
        poll = polls.poll(poll_id)
        result = self.session.result(poll_id)
        self.poll_question.setText(poll.question)
        status = "Vote now on your phone" if poll.state is PollState.OPEN else "Voting closed"
        self.poll_status.setText(f"{status} · {people(result.voters)} voted")
        self.poll_results.set_result(result, hidden=not poll.show_results)

    def _build_notes(self) -> None:
        layout = self._page(Mode.NOTES)
        self.notes_title = plain_label("", 30, bold=True)
        self.notes_wall = NotesWall()
        layout.addWidget(self.notes_title)
        layout.addWidget(self.notes_wall, 1)

    def shown_prompt_id(self) -> int | None:
        return self.prompt_id or self.session.summit.live().open_prompt_id

    def wall(self) -> list[WallGroup]:
        """The themes with their visible notes, in order; unsorted notes last."""
        prompt_id = self.shown_prompt_id()
        if prompt_id is None:
            return []
        notes = self.session.summit.notes.notes(prompt_id, include_hidden=False)
        groups = [
            WallGroup(t.name, t.colour, tuple(n.text for n in notes if n.theme_id == t.id))
            for t in self.session.summit.notes.themes(prompt_id)
        ]
        unsorted = tuple(n.text for n in notes if n.theme_id is None)
        if unsorted:
            groups.append(WallGroup("Not yet grouped", "#e5e7eb", unsorted))
        return groups

    def _refresh_notes(self) -> None:
        prompt_id = self.shown_prompt_id()
        text = self.session.summit.agenda.prompt(prompt_id).text if prompt_id else ""
        self.notes_title.setText(text)
        self.notes_wall.set_groups(self.wall())

    def note_labels(self) -> list[str]:
        """Every text on the wall right now (what the room sees)."""
        return self.notes_wall.texts()
