"""Presentation clickers and the stage keys, wherever the facilitator's focus is.

A clicker sends PageDown (next), PageUp (back) and B or period (blank). They work in every
part of the control window while the projector is shown or the Run tab is open, except
where the facilitator could mean text: in a text box B types a "b", and a list or table on a
tab where typing is expected (the Notes tab's wall, the Agenda's tree) keeps its keys too.
Before the day (no projector, building the agenda) PageDown still scrolls as usual.

Ctrl+Right and Ctrl+Left (the Day menu's Next and Back) act everywhere, even in a text box,
which would otherwise take them to move its cursor by a word.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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
STEP_KEYS = {Key.Key_Right: "next", Key.Key_Left: "back"}  # with Ctrl
# While slides show, the arrow keys step through them too (as in PowerPoint), except in a
# list or table, where they move the selection.
SLIDE_KEYS = {Key.Key_Right: "next", Key.Key_Down: "next", Key.Key_Left: "back", Key.Key_Up: "back"}
TYPING = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def typing_in(widget: object) -> bool:
    """Whether keys sent to `widget` type text (so a letter must not act as a command)."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, TYPING)


class ClickerKeys(QObject):
    """An application-wide event filter; `actions` maps "next", "back" and "blank" to what
    they do, `active()` says whether clicker keys act now (the focus widget is not typing),
    and `stepping()` whether Ctrl+Right/Left step the day (a summit is open in front)."""

    def __init__(
        self,
        actions: dict[str, Callable[[], object]],
        active: Callable[[], bool],
        stepping: Callable[[], bool] = lambda: False,
        parent=None,
        slides_live: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self._actions = actions
        self._active = active
        self._stepping = stepping
        self._slides_live = slides_live

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() is not QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.ControlModifier and Key(event.key()) in STEP_KEYS:
            return self._step_from_text_box(event)
        action = CLICKER_KEYS.get(Key(event.key()))
        if action is None and Key(event.key()) in SLIDE_KEYS and self._slides_live():
            if isinstance(QApplication.focusWidget(), QAbstractItemView):
                return False
            action = SLIDE_KEYS[Key(event.key())]
        if action is None or modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        if QApplication.activeModalWidget() is not None or typing_in(QApplication.focusWidget()):
            return False
        if not self._active():
            return False
        if not event.isAutoRepeat():  # a held key acts once
            self._actions[action]()
        return True

    def _step_from_text_box(self, event: QKeyEvent) -> bool:
        """A text box took Ctrl+Right/Left from the menu's shortcut (to move its cursor by a
        word); the key press reaches it here, and steps the day all the same."""
        if QApplication.activeModalWidget() is not None or not typing_in(
            QApplication.focusWidget()
        ):
            return False  # elsewhere the menu's shortcut already acted
        if not self._stepping():
            return False
        if not event.isAutoRepeat():
            self._actions[STEP_KEYS[Key(event.key())]]()
        return True
