"""Dialogs behind one small service, so tests can answer them and the app never blocks on them.

Errors are shown window-modal with `open()` rather than `exec()`: the event loop keeps
running (timers, phones' ballots) while the message waits for the facilitator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QWindow
from PySide6.QtWidgets import QColorDialog, QFileDialog, QInputDialog, QMessageBox, QWidget
from shiboken6 import isValid

from summit_app.core import SummitError
from summit_app.ui import user_folders

FILE_FILTER = "Summit files (*.summit);;All files (*)"
T = TypeVar("T")
log = logging.getLogger(__name__)


def error(parent: QWidget | None, message: str, title: str = "Summit") -> QMessageBox:
    """Show a user-facing error message (never a traceback)."""
    return _message(parent, QMessageBox.Icon.Warning, title, message, "error_box")


def inform(parent: QWidget | None, message: str, title: str = "Summit") -> QMessageBox:
    """Say something done or due, window-modal and without blocking (as `error`)."""
    return _message(parent, QMessageBox.Icon.Information, title, message, "inform_box")


def _message(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: str, name: str
) -> QMessageBox:
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.open()
    return box


def attempt(parent: QWidget | None, action: Callable[[], T]) -> T | None:
    """Run a facilitator's action; a refusal or a storage error is shown as its sentence.

    Returns the action's result, or None when it failed (and then nothing was changed:
    every command is one transaction). A bug is logged with its traceback for the
    developer, and the facilitator still reads a sentence rather than nothing.
    """
    try:
        return action()
    except SummitError as failure:
        error(parent, str(failure))
    except Exception:  # noqa: BLE001 - shown as a sentence, logged in full
        log.exception("an action failed")
        error(
            parent,
            "Summit could not do that because of an internal error; nothing was"
            " changed. The details are in the log.",
        )
    return None


def ask_open_path(parent: QWidget | None) -> Path | None:
    start = str(user_folders.start_folder())
    name, _ = QFileDialog.getOpenFileName(parent, "Open a summit", start, FILE_FILTER)
    return Path(name) if name else None


def ask_pdf(parent: QWidget | None) -> Path | None:
    """A speaker's deck, exported as PDF."""
    start = str(user_folders.start_folder())
    name, _ = QFileDialog.getOpenFileName(
        parent, "Add the item's slides", start, "Slides exported as PDF (*.pdf);;All files (*)"
    )
    return Path(name) if name else None


def ask_new_path(parent: QWidget | None) -> Path | None:
    start = str(user_folders.start_folder() / "summit.summit")
    name, _ = QFileDialog.getSaveFileName(parent, "Save the new summit as", start, FILE_FILTER)
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


def confirm(parent: QWidget | None, title: str, question: str, risky: bool = False) -> bool:
    """Yes or no. A `risky` question (quitting mid-vote, ending the day) answers No to a
    nervous Enter: only a deliberate Yes goes ahead."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.No if risky else QMessageBox.StandardButton.Yes
    answer = QMessageBox.question(parent, title, question, buttons, default)
    return answer == QMessageBox.StandardButton.Yes


def ask_colour(parent: QWidget | None, current: str) -> str | None:
    colour = QColorDialog.getColor(QColor(current), parent, "Theme colour")
    return colour.name() if colour.isValid() else None


def ask_number(
    parent: QWidget | None, title: str, label: str, value: int, low: int, high: int
) -> int | None:
    number, ok = QInputDialog.getInt(parent, title, label, value, low, high)
    return number if ok else None


def ask_save_docx(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    return _ask_save(parent, title, suggested, "Word files (*.docx)", ".docx")


def ask_save_pdf(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    return _ask_save(parent, title, suggested, "PDF files (*.pdf)", ".pdf")


def _ask_save(
    parent: QWidget | None, title: str, suggested: Path, kinds: str, suffix: str
) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kinds)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(suffix)


class FocusKeeper(QObject):
    """Gives the keys back to Summit when one of its dialogs closes and no window has them.

    On a desktop the window manager activates a closed dialog's parent. On a stage with
    none (a bare X server, a kiosk session) no window was active after File › Protect… or
    Suggest themes closed, and Ctrl+Q, Ctrl+Z and the clicker did nothing until a click.
    One place for every dialog, message and file chooser: each window that takes the keys
    is watched until it hides; switching to another application hides nothing."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._mark = f"summit_focus_kept_{id(self)}"  # windows this keeper watches
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self._watch)

    def _watch(self, focused: QWindow | None) -> None:
        if focused is None or focused.property(self._mark):
            return
        focused.setProperty(self._mark, True)
        focused.visibleChanged.connect(lambda shown, w=focused: self._shown(w, shown))

    def _shown(self, closed: QWindow, shown: bool) -> None:
        # Hidden as it is destroyed (or as Summit quits): nothing to give back.
        if shown or not isValid(closed) or not isValid(self):
            return
        # A file chooser over the Export dialog gives the keys back to that dialog.
        parent = closed.transientParent()
        QTimer.singleShot(0, lambda: self._give_back(closed, parent))

    def _give_back(self, closed: QWindow, parent: QWindow | None) -> None:
        if not isValid(self):
            return
        focused = QGuiApplication.focusWindow()
        if focused is not None and focused is not closed and focused.isVisible():
            return  # the window manager (or Qt) gave them to a window already
        if parent is None or not isValid(parent) or not parent.isVisible():
            parent = self._window.windowHandle()
        if parent is not None and parent.isVisible():
            parent.requestActivate()
