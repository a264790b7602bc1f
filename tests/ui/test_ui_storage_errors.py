"""When the file cannot be written, the facilitator reads a sentence and loses nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from summit_app.core import Summit
from summit_app.ui.main_window import MainWindow


@contextmanager
def _file_held_by_another_program(path: Path, window: MainWindow) -> Iterator[None]:
    window.session.summit.execute("PRAGMA busy_timeout = 50")  # fail fast, for the test
    with Summit.open(path) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def _error_text(window: MainWindow) -> str:
    boxes = [b for b in window.findChildren(QMessageBox, "error_box") if b.isVisible()]
    assert boxes, "no error shown"
    text = boxes[-1].text()
    for box in boxes:
        box.close()
    return text


def test_a_note_typed_while_the_file_is_held_elsewhere_says_so_and_keeps_the_text(
    qtbot, summit_path, capfd
):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    board = window.note_board
    with _file_held_by_another_program(summit_path, window):
        board.capture.setText("Protected learning time")
        board.add_typed_note()
        assert "busy" in _error_text(window)
    assert board.capture.text() == "Protected learning time"  # still there to press Enter
    assert window.session.summit.notes.notes() == []
    assert not window.menus.undo.isEnabled()
    board.add_typed_note()
    assert [n.text for n in window.session.summit.notes.notes()] == ["Protected learning time"]
    assert "Traceback" not in capfd.readouterr().err


def test_an_undo_that_fails_can_be_tried_again_and_the_menu_stays_as_it_was(
    qtbot, summit_path, capfd
):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    board = window.note_board
    board.capture.setText("Oops")
    board.add_typed_note()
    with _file_held_by_another_program(summit_path, window):
        window.menus.undo.trigger()
        assert "busy" in _error_text(window)
        assert window.menus.undo.text() == "&Undo Add note"
        assert not window.menus.redo.isEnabled()
    assert [n.text for n in window.session.summit.notes.notes()] == ["Oops"]
    window.menus.undo.trigger()
    assert window.session.summit.notes.notes() == []
    window.menus.redo.trigger()  # the redo after a failed undo brings the same note back
    assert [n.text for n in window.session.summit.notes.notes()] == ["Oops"]
    assert "Traceback" not in capfd.readouterr().err
