"""Keyboard shortcuts for a panel's buttons.

A QPushButton's own shortcut "animates" the click and fires it ~100 ms later; an action
on the panel fires at once and only while the panel (or a child) has focus.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget


def bind(panel: QWidget, button: QAbstractButton, keys: str, slot: Callable[[], object]) -> QAction:
    action = QAction(button.text(), panel)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda: slot() if button.isEnabled() else None)
    panel.addAction(action)
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"{button.toolTip()}  ({native})".strip())
    return action
