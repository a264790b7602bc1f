"""Ctrl+Z with the focus in the note box: the box's own typing first, then Summit's undo
(the box keeps the focus after each note; a rehearsal's Ctrl+Z after accepting suggested
themes did nothing, as the empty box claimed the keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shown_window import shown_window

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_z_in_the_note_box_undoes_its_typing_then_the_summit(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.run_panel.start_first()
    window.focus_tab(2)
    board = window.note_board
    prompt = window.session.summit.agenda.prompts()[0]
    board.choose_prompt(prompt.id)
    before = [n.text for n in window.session.summit.notes.notes(prompt.id)]
    board.capture.setFocus()
    qtbot.keyClicks(board.capture, "Protected time")
    qtbot.keyClick(board.capture, Key.Key_Return)
    assert [n.text for n in window.session.summit.notes.notes(prompt.id)] == [
        *before,
        "Protected time",
    ]
    assert QApplication.focusWidget() is board.capture
    qtbot.keyClick(board.capture, Key.Key_Z, CTRL)  # nothing typed: Edit › Undo
    assert [n.text for n in window.session.summit.notes.notes(prompt.id)] == before
    redo = window.menus.redo.shortcut()[0]  # Ctrl+Shift+Z or Ctrl+Y, by platform
    qtbot.keyClick(board.capture, redo.key(), redo.keyboardModifiers())
    after = [*before, "Protected time"]
    assert [n.text for n in window.session.summit.notes.notes(prompt.id)] == after
    qtbot.keyClicks(board.capture, "half")
    qtbot.keyClick(board.capture, Key.Key_Z, CTRL)  # the box's own typing goes first
    assert board.capture.text() == ""
    assert [n.text for n in window.session.summit.notes.notes(prompt.id)] == after
