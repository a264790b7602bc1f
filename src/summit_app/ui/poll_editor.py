"""The poll editor: question, kind, options, N and P, whether results show live."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from summit_app.core.model import Poll, PollKind
from summit_app.ui.accessible import describe

KIND_LABELS = {
    PollKind.SINGLE: "Pick one",
    PollKind.MULTI: "Pick up to N",
    PollKind.POINTS: "Share P points",
    PollKind.RANK: "Rank them all",
    PollKind.SCALE: "Agree / disagree scale",
}


class PollEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_combo = QComboBox()
        describe(self.item_combo, "The agenda item this poll belongs to.", "Agenda item")
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(20)
        self.question = QLineEdit()
        self.question.setPlaceholderText("The question people vote on")
        self.kind = QComboBox()
        describe(
            self.kind,
            "How people answer: pick one, pick several, rank, share points or a scale.",
            "Kind of poll",
        )
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.options = QPlainTextEdit()
        describe(self.options, "One option a line.")
        self.options.setPlaceholderText("One option (or statement) per line")
        self.options.setMinimumHeight(90)
        self.options.setTabChangesFocus(True)
        self.max_choices = QSpinBox()
        describe(self.max_choices, "How many options each person may pick.")
        self.max_choices.setRange(1, 40)
        self.max_choices.setValue(3)
        self.points = QSpinBox()
        describe(self.points, "How many points each person shares among the options.")
        self.points.setRange(1, 1000)
        self.points.setValue(10)
        self.show_results = QCheckBox("Show results to everyone while voting")
        form = QFormLayout(self)
        form.addRow("Agenda item", self.item_combo)
        form.addRow("Question", self.question)
        form.addRow("Kind", self.kind)
        form.addRow("Options", self.options)
        form.addRow("N (pick up to)", self.max_choices)
        form.addRow("P (points each)", self.points)
        form.addRow("", self.show_results)
        self._form = form
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self._loaded = self.values()

    def set_items(self, items: list[tuple[int, str]]) -> None:
        self.item_combo.clear()
        for item_id, title in items:
            self.item_combo.addItem(title, item_id)

    def choose_item(self, item_id: int) -> None:
        found = self.item_combo.findData(item_id)
        if found >= 0:
            self.item_combo.setCurrentIndex(found)

    def set_poll(self, poll: Poll | None) -> None:
        """Show the poll as stored; what the facilitator types after this is an edit."""
        self._fill(poll)
        self._loaded = self.values()

    def follow(self, poll: Poll) -> None:
        """Show the poll as stored now, keeping only the fields the facilitator has typed in.

        Reveal, a close or an undo elsewhere changes the stored poll under the form: a field
        the facilitator did not touch follows the store (else it would read as an edit of
        theirs), a field they did touch keeps their typing."""
        typed, loaded = self.values(), self._loaded
        self.set_poll(poll)
        for key, value in typed.items():
            if value != loaded.get(key):
                self._apply(key, value)

    def is_edited(self) -> bool:
        """Whether the facilitator changed the form since it last showed the stored poll."""
        return self.values() != self._loaded

    def _apply(self, key: str, value: Any) -> None:
        if key == "question":
            self._show_question(value)
        elif key == "kind":
            self.kind.setCurrentIndex(self.kind.findData(value))
        elif key == "options":
            self.options.setPlainText("\n".join(value))
        elif key == "max_choices":
            self.max_choices.setValue(value)
        elif key == "points":
            self.points.setValue(value)
        elif key == "show_results":
            self.show_results.setChecked(value)

    def _fill(self, poll: Poll | None) -> None:
        if poll is None:
            self.question.clear()
            self.options.clear()
            self.kind.setCurrentIndex(0)
            self.show_results.setChecked(False)
            self.item_combo.setEnabled(True)
            return
        self.item_combo.setCurrentIndex(self.item_combo.findData(poll.item_id))
        self.item_combo.setEnabled(False)
        self._show_question(poll.question)
        self.kind.setCurrentIndex(self.kind.findData(poll.kind))
        self.options.setPlainText("\n".join(o.text for o in poll.options))
        if poll.kind is PollKind.MULTI:
            self.max_choices.setValue(poll.max_choices)
        if poll.kind is PollKind.POINTS:
            self.points.setValue(poll.points)
        self.show_results.setChecked(poll.show_results)

    def _show_question(self, text: str) -> None:
        # setText leaves the cursor (and the view) at the end: a long question would show
        # its last words only. Its start is what the facilitator recognises.
        self.question.setText(text)
        self.question.setCursorPosition(0)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for `polls.add_poll` / `update_poll` (without item_id)."""
        options = [line.strip() for line in self.options.toPlainText().splitlines() if line.strip()]
        return {
            "question": self.question.text(),
            "kind": self.selected_kind(),
            "options": options,
            "max_choices": self.max_choices.value(),
            "points": self.points.value(),
            "show_results": self.show_results.isChecked(),
        }

    def item_id(self) -> int | None:
        return self.item_combo.currentData()

    def selected_kind(self) -> PollKind:
        # Some PySide6 releases hand a StrEnum back from item data as a plain str.
        return PollKind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.selected_kind()
        self._form.setRowVisible(self.max_choices, kind is PollKind.MULTI)
        self._form.setRowVisible(self.points, kind is PollKind.POINTS)
