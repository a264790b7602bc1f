"""File › Protect with a passphrase…, and opening a protected summit, as the facilitator
meets them: the dialogs typed into, a wrong passphrase said in a sentence, Escape."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from tests.core.test_files import build_first_version

from summit_app.core import Summit, cipher
from summit_app.core.protect import protect
from summit_app.core.templates import create_from_template
from summit_app.ui.anonymise_dialog import close_and_anonymise
from summit_app.ui.main_window import MainWindow
from summit_app.ui.passphrase_dialog import ProtectDialog, UnlockDialog, protect_summit

PASSPHRASE = "harbour lantern cobalt"
SECRET = "Ward 7 staffing gap named by Dr Okonkwo-Lindqvist"


@pytest.fixture(autouse=True)
def _no_keys_left(tmp_path: Path):
    yield
    for path in tmp_path.rglob("*"):
        cipher.forget(path)


def window_on(qtbot, path: Path | None = None) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    if path is not None:
        assert window.open_path(path)
        qtbot.addWidget(window.projector)
    return window


def with_secret(path: Path) -> Path:
    with Summit.open(path) as summit:
        prompt = summit.agenda.prompts()[0]
        summit.notes.add_note(prompt.id, SECRET)
    return path


def when_asked(qtbot, answer: Callable[[UnlockDialog], None]) -> list[str]:
    """Answer the passphrase dialog once it is up (it runs its own event loop)."""
    seen: list[str] = []

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(20, respond)
            return
        seen.append(dialog.windowTitle())
        answer(dialog)

    QTimer.singleShot(0, respond)
    return seen


def type_and_enter(qtbot, dialog: QDialog, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_the_facilitator_protects_a_summit_while_phones_are_served(qtbot, summit_path):
    with_secret(summit_path)
    window = window_on(qtbot, summit_path)
    assert window.server_panel.start("127.0.0.1")
    host = window.server_panel.server.host
    dialog = protect_summit(window)
    assert isinstance(dialog, ProtectDialog) and dialog.isVisible()
    assert not dialog.protected
    explained = " ".join(label.text() for label in dialog.findChildren(type(dialog.said)))
    assert "cannot be recovered" in explained and "running and unlocked" in explained
    qtbot.keyClicks(dialog.new, PASSPHRASE)
    qtbot.keyClicks(dialog.again, PASSPHRASE + "!")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.isVisible() and "differ" in dialog.said.text()  # typed twice, not alike
    qtbot.keyClicks(dialog.new, "short")
    qtbot.keyClicks(dialog.again, "short")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.isVisible() and "at least 8 characters" in dialog.said.text()
    assert summit_path.read_bytes()[:15] == b"SQLite format 3"  # nothing changed yet
    dialog.new.clear()
    dialog.again.clear()
    qtbot.keyClicks(dialog.new, PASSPHRASE)
    qtbot.keyClicks(dialog.again, PASSPHRASE)
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert window.session is not None and window.session.path == summit_path
    assert "protected with a passphrase" in window.statusBar().currentMessage()
    assert summit_path.read_bytes()[:15] != b"SQLite format 3"
    # The phones were let back in on the same address, and vote into the protected file.
    assert window.server_panel.running and window.server_panel.server.host == host
    with httpx.Client(base_url=window.server_panel.server.url, timeout=5) as phone:
        assert phone.get(window.server_panel.server.join_url).status_code == 200
        assert phone.get("/api/state").status_code == 200
    window.close_summit()
    assert cipher.key_for(summit_path) is None  # held only while the summit was open
    assert SECRET.encode() not in summit_path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(summit_path).execute("SELECT * FROM notes").fetchall()


def test_opening_a_protected_summit_asks_and_a_wrong_passphrase_is_a_sentence(qtbot, summit_path):
    with_secret(summit_path)
    protect(summit_path, PASSPHRASE)
    cipher.forget(summit_path)
    window = window_on(qtbot)
    said: list[str] = []

    def answer(dialog: UnlockDialog) -> None:
        assert "leadership.summit is protected" in " ".join(
            label.text() for label in dialog.findChildren(type(dialog.said))
        )
        type_and_enter(qtbot, dialog, dialog.passphrase, "harbour lantern")
        said.append(dialog.said.text() if dialog.isVisible() else "closed")
        type_and_enter(qtbot, dialog, dialog.passphrase, PASSPHRASE)

    asked = when_asked(qtbot, answer)
    assert window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    assert asked == ["Protected summit"]
    assert said and said[0].startswith("That passphrase does not open leadership.summit.")
    notes = window.session.summit.notes.notes()
    assert any(n.text == SECRET for n in notes)


def test_escape_in_the_passphrase_dialog_opens_nothing_and_keeps_nothing(qtbot, summit_path):
    protect(summit_path, PASSPHRASE)
    cipher.forget(summit_path)
    window = window_on(qtbot)

    def escape(dialog: UnlockDialog) -> None:
        qtbot.keyClicks(dialog.passphrase, "half typed")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)

    asked = when_asked(qtbot, escape)
    assert not window.open_path(summit_path)
    assert asked == ["Protected summit"]
    assert window.session is None and cipher.key_for(summit_path) is None
    # Cancelled cleanly: the lock is not left behind, so it opens at the next try.
    when_asked(qtbot, lambda d: type_and_enter(qtbot, d, d.passphrase, PASSPHRASE))
    assert window.open_path(summit_path)
    qtbot.addWidget(window.projector)


def test_the_passphrase_is_changed_and_removed_only_with_the_current_one(qtbot, summit_path):
    protect(summit_path, PASSPHRASE)  # this process holds the key, as after opening it
    window = window_on(qtbot, summit_path)
    dialog = protect_summit(window)
    assert dialog.protected
    qtbot.keyClicks(dialog.current, "not it at all")
    dialog.remove.setChecked(True)
    assert not dialog.new.isEnabled()
    qtbot.keyClick(dialog.current, Qt.Key.Key_Return)
    assert dialog.isVisible() and "not this summit's current passphrase" in dialog.said.text()
    assert summit_path.read_bytes()[:15] != b"SQLite format 3"
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClick(dialog.current, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert summit_path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert "no longer protected" in window.statusBar().currentMessage()
    assert window.session is not None


def test_anonymising_deletes_the_copies_summit_kept_unless_told_not_to(qtbot, tmp_path):
    path = tmp_path / "old.summit"
    build_first_version(path).close()
    window = window_on(qtbot, path)  # brought up to date: old.summit.v1.bak kept beside it
    backup = tmp_path / "old.summit.v1.bak"
    assert backup.exists()
    dialog = close_and_anonymise(window)
    assert dialog.delete_kept.isVisible() and dialog.delete_kept.isChecked()
    assert "old.summit.v1.bak" in dialog.delete_kept.text()
    dialog.go.click()
    qtbot.waitUntil(lambda: bool(window.session.summit.info().anonymised_at), timeout=10_000)
    assert not backup.exists()
    assert "Deleted the copies Summit had kept: old.summit.v1.bak" in (
        window.statusBar().currentMessage()
    )


def test_copying_the_agenda_of_a_protected_summit_asks_for_its_passphrase(
    qtbot, summit_path, tmp_path
):
    other = tmp_path / "other.summit"
    create_from_template(other, "summit-day").close()
    protect(other, PASSPHRASE)
    cipher.forget(other)
    window = window_on(qtbot, summit_path)
    before = len(window.session.summit.agenda.items())
    asked = when_asked(qtbot, lambda d: type_and_enter(qtbot, d, d.passphrase, PASSPHRASE))
    added = window.agenda_panel.copy_from_summit(other)
    assert asked == ["Protected summit"] and added
    assert len(window.session.summit.agenda.items()) == before + len(added)
    assert cipher.key_for(other) is None  # its key was needed for that read only
