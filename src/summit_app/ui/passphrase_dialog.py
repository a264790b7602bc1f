"""Passphrases in the window: the one a protected summit asks for as it opens, and
File › Protect with a passphrase… (set, change or remove it; core/protect.py).

The key is derived on the GUI thread (about 0.2 s, SQLCipher's own derivation): a short,
deliberate wait the facilitator has just asked for, under a busy cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import cipher
from summit_app.core.cipher import PassphraseNeededError
from summit_app.core.errors import SummitError
from summit_app.core.protect import WHAT_IT_PROTECTS, check_passphrase, protect
from summit_app.core.store import check_file
from summit_app.ui import contrast

if TYPE_CHECKING:
    from summit_app.ui.main_window import MainWindow


@contextmanager
def _busy() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def _secret(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    field.setObjectName(name.lower().replace(" ", "_"))
    return field


def _words(text: str, quiet: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if quiet:
        label.setStyleSheet(contrast.quiet_style())
    return label


class _SaysWhy(QDialog):
    """A dialog that stays open with a sentence when what was typed is refused."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.said = _words("")
        self.said.setObjectName("said")
        self.said.setStyleSheet(contrast.warning_style())
        self.said.hide()

    def refuse(self, sentence: str, field: QLineEdit) -> None:
        self.said.setText(sentence)
        self.said.setAccessibleName(sentence)
        self.said.show()
        self.fit()
        field.clear()
        field.setFocus()

    def fit(self) -> None:
        """Tall enough for every wrapped line at this width (a sentence shown or not)."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.setMinimumHeight(layout.heightForWidth(self.width()))


class UnlockDialog(_SaysWhy):
    """Asks for a protected summit's passphrase as it opens. A wrong one is said here and
    the facilitator types again; Cancel or Escape gives up, and nothing is opened."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle("Protected summit")
        self.setObjectName("unlock")
        self.passphrase = _secret("Passphrase")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        go = buttons.addButton("Open", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_words(f"{path.name} is protected with a passphrase. Type it to open it."))
        layout.addWidget(self.passphrase)
        layout.addWidget(self.said)
        layout.addWidget(buttons)
        go.setDefault(True)  # Enter opens (set once the button is in the dialog)
        self.resize(460, self.sizeHint().height())
        self.fit()

    def accept(self) -> None:
        try:
            with _busy():
                cipher.unlock(self.path, self.passphrase.text())
        except SummitError as error:
            self.refuse(str(error), self.passphrase)
            return
        super().accept()


def ask_to_unlock(parent: QWidget | None, path: Path) -> bool:
    """Whether the facilitator gave `path`'s passphrase (its key is then held)."""
    return UnlockDialog(path, parent).exec() == QDialog.DialogCode.Accepted


def ask_if_protected(parent: QWidget | None, path: Path) -> bool:
    """Before another summit's file is read (to copy its agenda): its passphrase, if it is
    protected and not yet given. False when the facilitator cancels."""
    try:
        check_file(path)
    except PassphraseNeededError:
        return ask_to_unlock(parent, path)
    except SummitError:
        pass  # the read itself says what is wrong with the file
    return True


class ProtectDialog(_SaysWhy):
    """File › Protect with a passphrase…: a new passphrase typed twice; for a protected
    summit, its current passphrase first, and the choice to change or remove it."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.protected = cipher.key_for(path) is not None
        self.setWindowTitle("Protect with a passphrase")
        self.setObjectName("protect")
        self.current = _secret("Current passphrase")
        self.change = QRadioButton("Change the passphrase")
        self.remove = QRadioButton(
            "Remove the passphrase (anyone who has the file can then read it)"
        )
        self.change.setChecked(True)
        self.new = _secret("New passphrase")
        self.again = _secret("New passphrase again")
        self.remove.toggled.connect(self._removing)
        form = QFormLayout()
        if self.protected:
            form.addRow("Current passphrase:", self.current)
            form.addRow(self.change)
            form.addRow(self.remove)
        form.addRow("New passphrase:", self.new)
        form.addRow("Type it again:", self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        go = "Change" if self.protected else "Protect"
        button = buttons.addButton(go, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_words(WHAT_IT_PROTECTS))
        layout.addLayout(form)
        layout.addWidget(
            _words(
                "Summit closes the summit, rewrites its file and opens it again (a few"
                " seconds); phones being served wait for that moment and are let back in.",
                quiet=True,
            )
        )
        layout.addWidget(self.said)
        layout.addWidget(buttons)
        button.setDefault(True)
        self.resize(560, self.sizeHint().height())
        self.fit()
        (self.current if self.protected else self.new).setFocus()

    def _removing(self, on: bool) -> None:
        self.new.setEnabled(not on)
        self.again.setEnabled(not on)

    def chosen(self) -> str | None:
        """The new passphrase, or None to remove it (read once accepted)."""
        return None if self.protected and self.remove.isChecked() else self.new.text()

    def accept(self) -> None:
        if self.protected:
            with _busy():
                known = cipher.matches(self.path, self.current.text())
            if not known:
                self.refuse(
                    "That is not this summit's current passphrase. Nothing was changed.",
                    self.current,
                )
                return
        new = self.chosen()
        if new is not None:
            try:
                check_passphrase(new)
            except SummitError as error:
                self.refuse(str(error), self.new)
                return
            if new != self.again.text():
                self.again.clear()
                self.refuse("The two new passphrases differ: type the same one twice.", self.new)
                return
        super().accept()


def protect_summit(window: MainWindow) -> ProtectDialog | None:
    """File › Protect with a passphrase…: the dialog (window-modal), then the rewrite."""
    session = window.session
    if session is None:
        return None
    dialog = ProtectDialog(session.path, window)
    dialog.accepted.connect(lambda: _rewrite(window, dialog.chosen()))
    dialog.open()
    return dialog


def _rewrite(window: MainWindow, passphrase: str | None) -> None:
    change: Callable[[Path], object] = lambda path: protect(path, passphrase)  # noqa: E731
    with _busy():
        done = window.reopen_after(change, "protect this summit")
    if done and window.session is not None:
        name = window.session.path.name
        window.statusBar().showMessage(
            f"{name} is protected with a passphrase: Summit asks for it each time it opens."
            if passphrase is not None
            else f"{name} is no longer protected: anyone who has the file can read it."
        )
