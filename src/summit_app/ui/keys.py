"""Presentation clickers and the stage keys, wherever the facilitator's focus is.

A clicker sends PageDown (next), PageUp (back) and B or period (blank). They work in every
part of the control window while the projector is shown or the Run tab is open, except
where the facilitator is typing: in a text box B types a "b". Before the day (no projector,
building the agenda) PageDown still scrolls as usual.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)

Key = Qt.Key
CLICKER_KEYS = {
    Key.Key_PageDown: "next",
    Key.Key_PageUp: "back",
    Key.Key_B: "blank",
    Key.Key_Period: "blank",
}
TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def typing_in(widget: object) -> bool:
    """Whether keys sent to `widget` type text (so a letter must not act as a command)."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, TYPING)


class ClickerKeys(QObject):
    """An application-wide event filter; `actions` maps "next", "back" and "blank" to what
    they do, and `active()` says whether clicker keys act now."""

    def __init__(
        self, actions: dict[str, Callable[[], object]], active: Callable[[], bool], parent=None
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._active = active

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() is not QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        action = CLICKER_KEYS.get(Key(event.key()))
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if action is None or modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        if QApplication.activeModalWidget() is not None or typing_in(QApplication.focusWidget()):
            return False
        if not self._active():
            return False
        if not event.isAutoRepeat():  # a held key acts once
            self._actions[action]()
        return True
