"""File › Close and anonymise…: the one deliberate step after the day that removes what links
input to a phone (core/anonymise.py), confirmed, with a copy kept first only if asked.

The phone server is stopped first (the passes it would take are the ones removed), the
undo history is emptied (it holds rows as they were), and the window says what was done.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
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
from summit_app.core.store import kept_copies, remove_files
from summit_app.ui import contrast, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession

if TYPE_CHECKING:
    from summit_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

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
        # Copies Summit kept itself (before a format update or an import) hold everything
        # this step removes: deleting them is part of the step unless the facilitator says.
        self.kept = kept_copies(session.path)
        names = ", ".join(p.name for p in self.kept)
        self.delete_kept = QCheckBox(
            f"Also delete {'the copy' if len(self.kept) == 1 else 'the copies'} Summit kept"
            f" of this file: {names}"
        )
        self.delete_kept.setChecked(True)
        self.delete_kept.setVisible(bool(self.kept))
        describe(
            self.delete_kept,
            "Kept when Summit updated this file's format or imported a breakout room, they"
            " still hold everything this step removes.",
        )
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
        layout.addWidget(self.delete_kept)
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
    dialog.accepted.connect(
        lambda: anonymise(
            window,
            dialog.keep_copy.isChecked(),
            dialog.kept if dialog.delete_kept.isChecked() else [],
        )
    )
    dialog.open()
    return dialog


def anonymise(window: MainWindow, keep_copy: bool, delete: Sequence[Path] = ()) -> bool:
    """Stop the phones (their passes are what goes), keep a copy if asked, anonymise, and
    delete the copies Summit kept itself that the facilitator ticked (`delete`)."""
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
        gone = []
        for copy in delete:
            try:
                remove_files(copy)
                gone.append(copy.name)
            except OSError as error:
                log.warning("could not delete %s: %s", copy, error)
        if gone:
            said += f" Deleted the copies Summit had kept: {', '.join(gone)}."
        older = [p.name for p in kept_copies(session.path)]
        if older:  # as the file was when Summit updated it or imported a room: whole
            said += (
                f" {', '.join(older)}, kept by Summit before, still holds everything:"
                " delete it if it is not needed."
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
