"""The Notes tab with table hosts (issue 26): notes grouped by table or by theme, each theme's
"9 of 15 tables", the tables not heard from yet, and a table's star shown as it arrives."""

from __future__ import annotations

from summit_app.core import table_host
from summit_app.core.changes import from_event
from summit_app.ui.note_board import NoteBoard


def test_the_board_groups_by_table_or_theme_and_names_the_silent_tables(qtbot, session):
    summit = session.summit
    tables = summit.tables.set_tables(15)
    board = NoteBoard(session)
    qtbot.addWidget(board)
    prompt_id = board.prompt_id
    assert prompt_id is not None
    summit.agenda.open_prompt(prompt_id)
    hosts = {t.id: summit.tables.claim(t.pass_, None)[1] for t in tables[:9]}
    theme = summit.notes.add_theme(prompt_id, "Workforce")
    for number, host in hosts.items():
        note = table_host.post_note(summit, host, prompt_id, f"Staff from table {number}")
        summit.notes.set_theme(note.id, theme.id)
    key = table_host.post_note(summit, hosts[1], prompt_id, "Retention first")
    board.reload_notes()

    group = board.model.group_index(theme.id)
    assert group.data() == "Workforce  (9) · 9 of 15 tables"
    assert board.unheard.text() == ("Tables not heard from yet: 10, 11, 12, 13, 14, 15 (6 of 15).")

    board.group_by.setCurrentIndex(1)  # by table
    titles = [board.model.index(r, 0).data() for r in range(board.model.rowCount())]
    assert titles[0] == "Table 1  (2)" and titles[8] == "Table 9  (1)"
    assert len(titles) == 9  # no note came from elsewhere
    assert not board.model.canDropMimeData(
        board.model.mimeData([board.model.index(0, 0, board.model.index(0, 0))]),
        None,
        -1,
        -1,
        board.model.index(1, 0),
    )

    # A table's star arrives from its phone: the board redraws it as a key point.
    table_host.star(summit, hosts[1], key.id)
    session.changed.emit(from_event("table_note", {"note_id": key.id}))
    first = board.model.index(0, 0)
    assert first.data() == "Table 1  (2) · 1 key point"
    assert board.model.index(1, 0, first).data() == "\u2605 Retention first"

    for number in range(10, 16):
        host = summit.tables.claim(tables[number - 1].pass_, None)[1]
        table_host.post_note(summit, host, prompt_id, "Us too")
    board.reload_notes()
    assert board.unheard.text() == "All 15 tables have sent notes to this question."
