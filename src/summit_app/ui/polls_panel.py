"""Polls: edit, open and close, watch ballots arrive, reveal results, add counts from the room."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import PollState
from summit_app.core.presenting import plural
from summit_app.ui import commands, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.guard import Guarded
from summit_app.ui.hand_count_dialog import HandCountDialog
from summit_app.ui.poll_editor import PollEditor
from summit_app.ui.results_view import ResultsView
from summit_app.ui.scrolling_tabs import behind
from summit_app.ui.session import SummitSession

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_MARKS = {PollState.DRAFT: "", PollState.OPEN: "● OPEN  ", PollState.CLOSED: "closed  "}


class PollsModel(QStandardItemModel):
    """Every poll in agenda order, its state in front of its question."""

    def __init__(self, summit: Summit, parent=None) -> None:
        super().__init__(parent)
        self._summit = summit
        self.reload()

    def reload(self) -> None:
        self.clear()
        for poll in self._summit.polls.polls():
            row = QStandardItem(f"{STATE_MARKS[poll.state]}{poll.question}")
            row.setData(poll.id, ID_ROLE)
            row.setEditable(False)
            self.appendRow(row)

    def row_of(self, poll_id: int) -> int:
        for row in range(self.rowCount()):
            if self.index(row, 0).data(ID_ROLE) == poll_id:
                return row
        return -1


class PollsPanel(QWidget):
    """Signals:
    poll_chosen(int): the facilitator chose this poll in the list, or opened voting on it
        (it goes to the preview).
    """

    poll_chosen = Signal(int)

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.poll_id: int | None = None
        self._reloading = False
        self.model = PollsModel(session.summit, self)
        self.list = QListView()
        describe(
            self.list,
            "Every poll on the agenda; choose one to edit, preview or open it.",
            "Polls",
        )
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.list.selectionModel().currentChanged.connect(self._poll_chosen)
        self.new_button = QPushButton("New poll")
        self.new_button.clicked.connect(self.new_poll)
        self.editor = PollEditor()
        self.save_button = QPushButton("Save poll")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton("Remove poll")
        self.remove_button.clicked.connect(self.remove)
        self.open_button = QPushButton("Open voting")
        # A double click would open and close the poll with no ballots in between.
        open_guard, reveal_guard = Guarded(self.toggle_open), Guarded(self.toggle_reveal)
        self.open_button.clicked.connect(lambda: open_guard())
        self.reveal_button = QPushButton("Reveal results")
        self.reveal_button.clicked.connect(lambda: reveal_guard())
        self.hands_button = QPushButton("Counts from the room…")
        self.hands_button.clicked.connect(self.enter_hand_counts)
        self.live_label = QLabel()
        self.live_label.setTextFormat(Qt.TextFormat.PlainText)
        self.live_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.results = ResultsView()

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        edit_buttons = QHBoxLayout()
        edit_buttons.addWidget(self.save_button)
        edit_buttons.addWidget(self.remove_button)
        run_buttons = QHBoxLayout()
        for button in (self.open_button, self.reveal_button, self.hands_button):
            button.setMinimumHeight(36)
            run_buttons.addWidget(button)
        middle = QVBoxLayout()
        middle.addWidget(self.editor)
        middle.addLayout(edit_buttons)
        middle.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(run_buttons)
        right.addWidget(self.live_label)
        right.addWidget(self.results, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(middle, 3)
        layout.addLayout(right, 4)

        self._stale = False  # changed while another tab was in front
        session.changed.connect(self._on_changes)
        session.results_ready.connect(self._result_ready)
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if behind(self):  # another tab in front: all of it when shown
            self._stale = True
            return
        if (
            changes.touches(Area.POLLS, Area.AGENDA, Area.LIVE)
            and changes.origin is not Origin.PHONES
        ):
            self.reload()
        elif changes.touches(Area.PEOPLE, Area.BALLOTS):
            self.refresh_counts()

    def _result_ready(self, poll_id: int) -> None:
        if poll_id == self.poll_id:
            if behind(self):
                self._stale = True
            else:
                self.refresh_live()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self, show_stored: bool = False) -> None:
        """Reload the list; the form keeps the facilitator's unsaved typing unless
        `show_stored`."""
        self._stale = False
        keep_edits = not show_stored and self.has_unsaved_edits()
        items = self.session.summit.agenda.items()
        self.editor.set_items([(item.id, item.title) for item in items])
        chosen = self.poll_id  # a model reset may report "no current row" meanwhile
        self._reloading = True
        self.model.reload()
        row = self.model.row_of(chosen) if chosen is not None else -1
        self.poll_id = chosen if row >= 0 else None
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._reloading = False
        self._show_poll(keep_edits=keep_edits and self.poll_id == chosen)

    def choose(self, poll_id: int) -> None:
        self._offer_to_save()
        self.poll_id = poll_id
        self.reload(show_stored=True)
        self.poll_chosen.emit(poll_id)

    def _poll_chosen(self, current, previous) -> None:
        if self._reloading:
            return
        poll_id = current.data(ID_ROLE) if current.isValid() else None
        if poll_id != self.poll_id:
            self._offer_to_save()
            self.poll_id = poll_id
            self._show_poll()
            if poll_id is not None:
                self.poll_chosen.emit(poll_id)

    def has_unsaved_edits(self) -> bool:
        """Whether the facilitator typed in the form since it showed the poll (or typed a new
        poll's text). Compared with what the form was loaded from, not with the store: a
        Reveal or a close changes the stored poll and is not the facilitator's typing."""
        if self.poll_id is None:
            values = self.editor.values()
            return bool(values["question"].strip() or values["options"])
        return self.editor.is_edited()

    def _offer_to_save(self) -> None:
        """Before the form shows another poll: the facilitator's typing is saved or let go."""
        if not self.has_unsaved_edits():
            return
        question = self.editor.values()["question"].strip() or "this poll"
        if dialogs.confirm(
            self, "Unsaved poll", f"Save your changes to “{question}” before moving on?"
        ):
            self.save()

    def _show_poll(self, keep_edits: bool = False) -> None:
        poll = self.session.summit.polls.poll(self.poll_id) if self.poll_id else None
        if keep_edits and poll is not None:
            self.editor.follow(poll)
        elif not keep_edits:
            self.editor.set_poll(poll)
        for button in (self.remove_button, self.open_button, self.reveal_button, self.hands_button):
            button.setEnabled(poll is not None)
        if poll is not None:
            is_open = poll.state is PollState.OPEN
            self.open_button.setText("Close voting" if is_open else "Open voting")
            self.reveal_button.setText("Hide results" if poll.show_results else "Reveal results")
        self.refresh_live()

    def refresh_counts(self) -> None:
        """Ballots and phones joined (cheap: no tally)."""
        if self.poll_id is None:
            self.refresh_live()
            return
        summit = self.session.summit
        poll = summit.polls.poll(self.poll_id)
        ballots = summit.polls.ballot_count(self.poll_id)
        joined = summit.people.count()
        state = {PollState.OPEN: "Voting open", PollState.CLOSED: "Closed"}.get(poll.state, "Draft")
        self.live_label.setText(f"{state} · {ballots} ballots · {plural(joined, 'phone')} joined")

    def refresh_live(self) -> None:
        summit = self.session.summit
        joined = summit.people.count()
        if self.poll_id is None:
            self.live_label.setText(f"{plural(joined, 'phone')} joined")
            self.results.set_result(None)
            return
        poll = summit.polls.poll(self.poll_id)
        ballots = summit.polls.ballot_count(self.poll_id)
        state = {PollState.OPEN: "Voting open", PollState.CLOSED: "Closed"}.get(poll.state, "Draft")
        self.live_label.setText(f"{state} · {ballots} ballots · {plural(joined, 'phone')} joined")
        self.results.set_result(self.session.result(self.poll_id))

    # -- actions -------------------------------------------------------------------------

    def new_poll(self) -> None:
        """An empty form for a new poll, on the item running now (else the one chosen)."""
        if self._stale:  # asked from behind another tab: the items to choose from first
            self.reload()
        self._offer_to_save()
        self.poll_id = None
        self.list.clearSelection()
        self._show_poll()
        running = self.session.summit.live().current_item_id
        if running is not None:
            self.editor.choose_item(running)
        self.editor.question.setFocus()

    def save(self) -> bool:
        """Write the form; whether it was written (a refusal has been shown)."""
        values = self.editor.values()
        if self.poll_id is None:
            item_id = self.editor.item_id()
            if item_id is None:
                dialogs.error(self, "Add an agenda item first: a poll belongs to an item.")
                return False
            poll = dialogs.attempt(self, lambda: commands.add_poll(self.session, item_id, **values))
            if poll is None:
                return False
            self.poll_id = poll.id
            self.reload(show_stored=True)
            return True
        poll_id = self.poll_id
        update = lambda: commands.update_poll(self.session, poll_id, **values) or True  # noqa: E731
        if dialogs.attempt(self, update) is None:
            return False
        self.reload(show_stored=True)
        return True

    def _saved_before(self, action: str) -> bool:
        """Before an action that puts the stored poll in front of the room (voting, a count
        from the room): unsaved typing is saved first, or the action waits. Opening voting on
        the stored options while the form shows others would have phones vote on a poll the
        facilitator did not mean, and their typing lost or applied to an open poll."""
        if not self.has_unsaved_edits():
            return True
        question = self.editor.values()["question"].strip() or "this poll"
        if dialogs.confirm(
            self,
            "Unsaved poll",
            f"Save your changes to “{question}” and {action}? (No: nothing happens yet, and"
            " your changes stay in the form.)",
        ):
            return self.save()
        return False

    def remove(self) -> None:
        if self.poll_id is not None and dialogs.confirm(
            self, "Remove poll", "Remove this poll and any votes in it?"
        ):
            poll_id = self.poll_id
            if dialogs.attempt(self, lambda: commands.remove_poll(self.session, poll_id) or True):
                self.poll_id = None
                self.reload(show_stored=True)

    def toggle_open(self) -> None:
        poll_id = self.poll_id
        if poll_id is None:
            return
        if self.session.summit.polls.poll(poll_id).state is PollState.OPEN:
            dialogs.attempt(self, lambda: commands.close_poll(self.session, poll_id))
        elif self._saved_before("open voting"):
            if dialogs.attempt(self, lambda: commands.open_poll(self.session, poll_id)):
                # The vote goes to the preview, so Ctrl+Enter shows the room what phones
                # are answering (a rehearsal's Ctrl+Enter sent the notes wall previewed
                # before, and the room never saw the vote).
                self.poll_chosen.emit(poll_id)

    def toggle_reveal(self) -> None:
        poll_id = self.poll_id
        if poll_id is not None:
            show = not self.session.summit.polls.poll(poll_id).show_results
            dialogs.attempt(self, lambda: commands.show_results(self.session, poll_id, show))

    def hand_count_dialog(self) -> HandCountDialog | None:
        if self.poll_id is None or not self._saved_before("count hands on it"):
            return None
        return HandCountDialog(self.session, self.poll_id, self)

    def enter_hand_counts(self) -> None:
        dialog = self.hand_count_dialog()
        if dialog is not None:
            dialog.open()
