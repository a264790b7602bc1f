"""The second stage rehearsal's findings (issue 22), each driven the way the rehearsal did:
a real click on the button, real typing into the focused widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shown_window import shown_window

from summit_app.ui.agenda_panel import AgendaPanel
from summit_app.ui.stage import Mode

Key = Qt.Key


def test_clicking_add_item_adds_an_item_after_the_selected_one(qtbot, session):
    panel = AgendaPanel(session)
    qtbot.addWidget(panel)
    panel.show()
    before = [i.title for i in session.summit.agenda.items()]
    welcome = session.summit.agenda.items()[0]
    panel.select("item", welcome.id)
    qtbot.mouseClick(panel.buttons["item"], Qt.MouseButton.LeftButton)
    after = [i.title for i in session.summit.agenda.items()]
    assert after == [before[0], "New item", *before[1:]]
    assert panel.selected() == ("item", session.summit.agenda.items()[1].id)


def test_typing_after_clicking_a_note_captures_it_and_never_blanks_the_room(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.run_panel.start_first()
    window.projector_panel.set_visible(True)
    window.projector_panel.show_mode(Mode.ITEM)
    window.focus_tab(2)
    board = window.note_board
    prompt = window.session.summit.agenda.prompts()[0]
    board.choose_prompt(prompt.id)
    qtbot.keyClicks(board.capture, "More time for peers")
    qtbot.keyClick(board.capture, Key.Key_Return)
    first = board.model.index(0, 0, board.model.index(0, 0))
    rect = board.tree.visualRect(first)
    qtbot.mouseClick(board.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert QApplication.focusWidget() is board.tree  # as when clustering
    qtbot.keyClicks(QApplication.focusWidget(), "Be bold about budgets.")
    room = window.projector.view
    assert room.showing is Mode.ITEM and not window.stage.blanked
    assert board.capture.text() == "Be bold about budgets."
    qtbot.keyClick(board.capture, Key.Key_Return)
    notes = window.session.summit.notes.notes(prompt.id)
    assert [n.text for n in notes] == ["More time for peers", "Be bold about budgets."]


def test_ctrl_right_moves_the_day_while_the_note_box_has_focus(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    window.run_panel.start_first()
    window.focus_tab(2)
    board = window.note_board
    qtbot.keyClicks(board.capture, "half typed")
    assert QApplication.focusWidget() is board.capture
    qtbot.keyClick(board.capture, Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.run_panel.now_label.text() == "What have we heard"
    qtbot.keyClick(board.capture, Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert window.run_panel.now_label.text() == "Welcome"
    assert board.capture.text() == "half typed"  # the typing is kept
