"""The note board: typing notes as people speak, clustering them, and undoing slips."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QStandardItemModel

from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import Author
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.notes_model import MIME, NotesModel


def _board(qtbot, session):
    board = NoteBoard(session)
    qtbot.addWidget(board)
    with qtbot.waitActive(board):
        board.show()
        board.activateWindow()
    return board


def _type(qtbot, board, text):
    board.capture.setFocus()
    qtbot.keyClicks(board.capture, text)
    qtbot.keyClick(board.capture, Qt.Key.Key_Return)


def test_typing_a_note_and_enter_adds_it_and_clears_the_field_for_the_next(qtbot, session):
    board = _board(qtbot, session)
    _type(qtbot, board, "More time with patients")
    _type(qtbot, board, "Shared records")
    assert board.capture.text() == ""
    assert board.capture.hasFocus()
    assert board.model.note_texts(None) == ["More time with patients", "Shared records"]
    assert [n.text for n in session.summit.notes.notes(board.prompt_id)] == [
        "More time with patients",
        "Shared records",
    ]


def test_markup_in_a_note_is_shown_literally(qtbot, session):
    board = _board(qtbot, session)
    _type(qtbot, board, "<b>x</b> & <i>y</i>")
    index = board.model.index(0, 0, board.model.group_index(None))
    assert index.data() == "<b>x</b> & <i>y</i>"
    assert isinstance(board.model, QStandardItemModel)  # plain text items, no rich text delegate


def test_notes_are_clustered_into_themes_by_keyboard_and_undone(qtbot, session):
    board = _board(qtbot, session)
    for text in ("Nurses in the room", "Pharmacists too", "Shared records"):
        _type(qtbot, board, text)
    board.new_theme("Workforce")
    board.new_theme("Digital")
    notes = session.summit.notes.notes(board.prompt_id)
    board.select_notes([notes[0].id, notes[1].id])
    board.tree.setFocus()
    qtbot.keyClick(board.tree, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    board.select_notes([notes[2].id])
    qtbot.keyClick(board.tree, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    themes = session.summit.notes.themes(board.prompt_id)
    assert board.model.note_texts(themes[0].id) == ["Nurses in the room", "Pharmacists too"]
    assert board.model.note_texts(themes[1].id) == ["Shared records"]

    session.undo()
    assert board.model.note_texts(None) == ["Shared records"]
    session.redo()
    assert board.model.note_texts(themes[1].id) == ["Shared records"]


def test_dropping_notes_on_a_theme_moves_them(qtbot, session):
    board = _board(qtbot, session)
    _type(qtbot, board, "Dragged note")
    theme = session.summit.notes.add_theme(board.prompt_id, "Access")
    session.announce(Changes.unknown(Area.NOTES, origin=Origin.FACILITATOR))
    note = session.summit.notes.notes(board.prompt_id)[0]
    model = board.model
    data = model.mimeData([model.index(0, 0, model.group_index(None))])
    assert data.hasFormat(MIME)
    with qtbot.waitSignal(model.notes_dropped):
        model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.group_index(theme.id))
    qtbot.waitUntil(lambda: session.summit.notes.note(note.id).theme_id == theme.id)
    assert board.model.note_texts(theme.id) == ["Dragged note"]
    bad = QMimeData()
    assert not model.canDropMimeData(bad, Qt.DropAction.MoveAction, -1, -1, model.group_index(None))


def test_hide_quote_rename_reorder_and_summarise(qtbot, session):
    board = _board(qtbot, session)
    _type(qtbot, board, "Off topic")
    _type(qtbot, board, "We must listen to carers")
    notes = session.summit.notes.notes(board.prompt_id)
    board.select_notes([notes[0].id])
    board.buttons["hide"].click()
    board.select_notes([notes[1].id])
    board.buttons["quote"].click()
    assert session.summit.notes.note(notes[0].id).is_hidden
    assert session.summit.notes.note(notes[1].id).is_quote
    board.show_hidden.setChecked(False)
    assert board.model.note_texts(None) == ["We must listen to carers"]

    board.new_theme("Carers")
    board.new_theme("Access")
    a, b = session.summit.notes.themes(board.prompt_id)
    board.select_theme(b.id)
    board.buttons["up"].click()
    assert [t.name for t in session.summit.notes.themes(board.prompt_id)] == ["Access", "Carers"]
    board.rename_theme("Access to care")
    board.recolour_theme("#ff0000")
    assert session.summit.notes.theme(b.id).colour == "#ff0000"
    board.summary.setPlainText("People struggle to get appointments\nand to see the same GP")
    board.summary.commit()
    assert session.summit.notes.theme(b.id).name == "Access to care"
    summary = session.summit.notes.theme(b.id).summary
    assert summary == "People struggle to get appointments\nand to see the same GP"
    session.undo()
    assert session.summit.notes.theme(b.id).summary == ""


def test_a_phones_note_arrives_without_a_click(qtbot, session):
    board = _board(qtbot, session)
    board.open_button.click()
    assert session.summit.live().open_prompt_id == board.prompt_id
    from summit_app.core import Summit

    with Summit.open(session.path) as server_side:  # the participant server's own connection
        person = server_side.people.join()
        server_side.notes.add_note(board.prompt_id, "From my phone", Author.PARTICIPANT, person.id)
    qtbot.waitUntil(lambda: board.model.note_texts(None) == ["From my phone"], timeout=3000)


def test_a_phones_note_shows_in_an_expanded_group(qtbot, session):
    board = _board(qtbot, session)
    board.open_button.click()
    from summit_app.core import Summit

    with Summit.open(session.path) as server_side:
        person = server_side.people.join()
        server_side.notes.add_note(board.prompt_id, "Hello", Author.PARTICIPANT, person.id)
    session.server_event("note", {})
    qtbot.waitUntil(lambda: board.model.note_texts(None) == ["Hello"], timeout=3000)
    assert board.tree.isExpanded(board.model.group_index(None))


def test_notes_model_passes_the_model_tester(qtmodeltester, summit_path):
    from summit_app.core import Summit

    with Summit.open(summit_path) as summit:
        prompt = summit.agenda.prompts()[0]
        theme = summit.notes.add_theme(prompt.id, "A theme")
        summit.notes.add_note(prompt.id, "one", theme_id=theme.id)
        summit.notes.add_note(prompt.id, "two")
        model = NotesModel(summit)
        model.set_prompt(prompt.id)
        qtmodeltester.check(model)


def test_delete_in_the_capture_field_edits_the_text_not_the_notes(qtbot, session):
    board = _board(qtbot, session)
    _type(qtbot, board, "Keep me")
    note = session.summit.notes.notes(board.prompt_id)[0]
    board.select_notes([note.id])
    qtbot.keyClicks(board.capture, "typo")
    board.capture.setCursorPosition(0)
    qtbot.keyClick(board.capture, Qt.Key.Key_Delete)
    assert board.capture.text() == "ypo"
    assert session.summit.notes.notes(board.prompt_id) == [note]
    board.tree.setFocus()
    qtbot.keyClick(board.tree, Qt.Key.Key_Delete)
    assert session.summit.notes.notes(board.prompt_id) == []
