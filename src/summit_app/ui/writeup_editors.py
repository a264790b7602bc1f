"""Editors for the write-up's texts: a formatted-text box and a list of key points.

Both save through a signal the page turns into one command: a text box when it loses the
keyboard or after a pause in typing (so the preview follows), a list at each change.
Reloading from the file never overwrites typing that is not saved yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.ui import contrast
from summit_app.ui.accessible import describe

SAVE_AFTER_MS = 1500  # a pause in typing this long saves, and the preview follows
FORMAT_HINT = (
    "Each line is a paragraph. **bold**, *italic*; lines starting “- ” make a bulleted"
    " list, “1. ” a numbered one. Nothing else is formatting."
)


class NarrativeEdit(QPlainTextEdit):
    """A box for the team's formatted text (see core.narrative), saved as typed.

    Signals:
        committed(str): the text to save (after a pause, or when the box loses focus).
    """

    committed = Signal(str)

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.dirty = False
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._typed)

    def set_text(self, text: str) -> None:
        """Show `text` from the file, unless the user is typing something not saved yet."""
        if self.dirty or text == self.toPlainText():
            return
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False

    def commit(self) -> None:
        self._timer.stop()
        if self.dirty:
            self.dirty = False
            self.committed.emit(self.toPlainText())

    def discard(self) -> None:
        """Forget unsaved typing (the page shows something else now)."""
        self._timer.stop()
        self.dirty = False

    def _typed(self) -> None:
        if not self._loading:
            self.dirty = True
            self._timer.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        self.commit()
        super().focusOutEvent(event)


class KeyPointsEdit(QWidget):
    """A speaker's key points, one line each, edited as a list: add, edit, reorder, remove.

    Signals:
        committed(list): the points to save, in order.
    """

    committed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        describe(self.list, "The speaker's key points, in the order the pack prints them.")
        self.list.setAccessibleName("Key points")
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # where one point ends and the next begins
        self.list.setSpacing(2)
        self.list.itemChanged.connect(lambda _: self._save())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", "Add point", self.add_point),
            ("up", "Move up", lambda: self.move_row(-1)),
            ("down", "Move down", lambda: self.move_row(+1)),
            ("remove", "Remove", self.remove_point),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(
            _hint("One paragraph a point; points starting “1. ” in a row make a list.")
        )

    def points(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_points(self, points: Sequence[str]) -> None:
        if (
            list(points) == self.points()
            or self.list.state() == QAbstractItemView.State.EditingState
        ):
            return
        current = self.list.currentRow()
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for point in points:
                self.list.addItem(_point_item(point))
        finally:
            self.list.blockSignals(False)
        self.list.setCurrentRow(min(current, self.list.count() - 1))

    def add_point(self) -> None:
        item = _point_item("")
        self.list.blockSignals(True)
        row = self.list.currentRow()
        self.list.insertItem(row + 1 if row >= 0 else self.list.count(), item)
        self.list.blockSignals(False)
        self.list.setCurrentItem(item)
        self.list.editItem(item)  # saved when the editing ends (a blank point is dropped)

    def move_row(self, delta: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + delta < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(row + delta, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(row + delta)
        self._save()

    def remove_point(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._save()

    def _save(self) -> None:
        self.committed.emit([p for p in self.points() if p.strip()])


def _point_item(text: str) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
    return item


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(contrast.quiet_style())
    return label


def format_hint() -> QLabel:
    return _hint(FORMAT_HINT)


def page_heading(text: str = "") -> QLabel:
    """A page's heading, as plain text (a title may hold `<b>`)."""
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 14pt;")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
