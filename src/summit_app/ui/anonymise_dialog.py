"""File › Close and anonymise…: the one deliberate step after the day that removes what links
input to a phone (core/anonymise.py), confirmed, with a copy kept first only if asked.

The phone server is stopped first (the passes it would take are the ones removed), the
undo history is emptied (it holds rows as they were), and the window says what was done.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.privacy import days
from summit_app.ui import contrast, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession

if TYPE_CHECKING:
    from summit_app.ui.main_window import MainWindow

EXPLAIN = (
    "After the day, remove what links anyone's input to their phone. This cannot be undone."
    "\n\nRemoved: every phone's pass (phones can no longer vote or post), every voting card's"
    " code, the participant numbers that link one person's votes and notes from one poll or"
    " prompt to the next, and every time finer than the minute. The undo history goes too."
    "\n\nKept: every figure and every note. The pack and the CSV files exported afterwards"
    " show the same figures as before."
)

DONE = (
    "The summit is closed and anonymised: no pass, card code or linking participant number"
    " is left, and times are to the minute. Every figure and note is kept."
)


def copy_path(path: Path) -> Path:
    """Where the copy of the summit as it was goes, beside it (never over an older one)."""
    n, target = 1, path.with_name(f"{path.stem} (before anonymising){path.suffix}")
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem} (before anonymising {n}){path.suffix}")
    return target


class AnonymiseDialog(QDialog):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Close and anonymise")
        self.setObjectName("anonymise")
        info = session.summit.info()
        text = QLabel(EXPLAIN)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_copy = QCheckBox("Keep a copy of the summit as it is now, first")
        target = copy_path(session.path)
        describe(
            self.keep_copy,
            f"The copy, {target.name}, keeps everything this step removes: keep it only"
            " where your organisation needs it, and delete it within"
            f" {days(info.retention_days)}.",
        )
        hint = QLabel(
            f"Unticked, nothing is copied. Ticked: {target.name}, beside the summit; it still"
            " holds everything this step removes."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(contrast.quiet_style())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = buttons.addButton("Close and anonymise", QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setAutoDefault(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # a nervous Enter cancels
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.keep_copy)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())


def close_and_anonymise(window: MainWindow) -> AnonymiseDialog | None:
    """File › Close and anonymise…: the confirmation (window-modal, not blocking), then the step."""
    session = window.session
    if session is None:
        return None
    done_at = session.summit.info().anonymised_at
    if done_at:
        dialogs.inform(window, f"This summit was closed and anonymised on {done_at[:10]}.")
        return None
    dialog = AnonymiseDialog(session, window)
    dialog.accepted.connect(lambda: anonymise(window, dialog.keep_copy.isChecked()))
    dialog.open()
    return dialog


def anonymise(window: MainWindow, keep_copy: bool) -> bool:
    """Stop the phones (their passes are what goes), keep a copy if asked, anonymise."""
    session = window.session
    if session is None:
        return False
    window.server_panel.stop()

    def act() -> str:
        said = DONE
        if keep_copy:
            copy = session.summit.keep_copy(copy_path(session.path))
            said += f" The copy as it was is {copy.name}: delete it when no longer needed."
        session.anonymise()
        older = sorted(p.name for p in session.path.parent.glob(f"{session.path.name}.v*.bak"))
        if older:  # kept when Summit updated the file's format: as it was then, whole
            said += (
                f" {', '.join(older)}, kept when Summit updated this file, still"
                " holds everything: delete it if it is not needed."
            )
        return said

    said = dialogs.attempt(window, act)
    if said is None:
        return False
    window.statusBar().showMessage(said)
    window.privacy_banner.hide()
    dialogs.inform(window, said, "Closed and anonymised")
    return True


class ReminderBanner(QWidget):
    """Over the tabs on opening a summit kept longer than its organisers chose."""

    def __init__(self, window: MainWindow, session: SummitSession) -> None:
        super().__init__()
        self.setObjectName("privacy_banner")
        self.setStyleSheet(contrast.warning_style())
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        button = QPushButton("Close and anonymise…")
        button.clicked.connect(lambda: close_and_anonymise(window))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.text, 1)
        row.addWidget(button)
        said = dialogs.attempt(window, session.summit.retention_reminder)
        self.text.setText(said or "")
        self.setVisible(bool(said))
