"""Dialogs behind one small service, so tests can answer them and the app never blocks on them.

Errors are shown window-modal with `open()` rather than `exec()`: the event loop keeps
running (timers, phones' ballots) while the message waits for the facilitator.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

FILE_FILTER = "Summit files (*.summit);;All files (*)"


def error(parent: QWidget | None, message: str, title: str = "Summit") -> QMessageBox:
    """Show a user-facing error message (never a traceback)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("error_box")
    box.open()
    return box


def ask_open_path(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a summit", "", FILE_FILTER)
    return Path(name) if name else None


def ask_new_path(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save the new summit as", "", FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".summit")


def ask_choice(parent: QWidget | None, title: str, label: str, choices: list[str]) -> str | None:
    choice, ok = QInputDialog.getItem(parent, title, label, choices, 0, False)
    return choice if ok else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def ask_colour(parent: QWidget | None, current: str) -> str | None:
    colour = QColorDialog.getColor(QColor(current), parent, "Theme colour")
    return colour.name() if colour.isValid() else None
