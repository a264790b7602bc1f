"""What keeps the window responsive while phones pour in: notes appended, not reloaded;
the GIL switch interval shortened only while the server runs."""

from __future__ import annotations

import sys

import pytest

from summit_app.core import Summit
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.server_panel import SERVING_SWITCH_INTERVAL_S, ServerPanel


def test_phones_notes_append_once_each_and_keep_hidden_ones_out(qtbot, session):
    board = NoteBoard(session)
    qtbot.addWidget(board)
    prompt_id = board.prompt_id
    session.summit.agenda.open_prompt(prompt_id)
    session.summit.notes.add_note(prompt_id, "Typed here")
    board.show_hidden.setChecked(False)  # reloads: "Typed here" is seen
    with Summit.open(session.path) as phones:
        person = phones.people.join()
        for text in ("From a phone", "Another"):
            phones.notes.add_note(prompt_id, text, "participant", person.id)
        hidden = phones.notes.add_note(prompt_id, "Rude", "participant", person.id)
        phones.notes.set_hidden(hidden.id, True)
    board.model.add_new_notes()
    board.model.add_new_notes()  # nothing new: nothing added twice
    assert board.model.note_texts(None) == ["Typed here", "From a phone", "Another"]
    assert board.model.index(0, 0).data() == "Unsorted  (3)"


def test_the_server_shortens_the_gil_switch_interval_only_while_it_runs(qtbot, session):
    before = sys.getswitchinterval()
    panel = ServerPanel(session, port=0)
    qtbot.addWidget(panel)
    assert panel.start("127.0.0.1")
    assert sys.getswitchinterval() == pytest.approx(SERVING_SWITCH_INTERVAL_S)
    panel.stop()
    assert sys.getswitchinterval() == pytest.approx(before)
