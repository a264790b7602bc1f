"""The room's view of the tables (issue 26): the "Table feedback" scene shows one table's
key points at a time and the clicker steps through the tables; the notes wall names how
many of the room's tables raised each theme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from shown_window import shown_window

from summit_app.core import table_host
from summit_app.core.changes import Area, Changes, Origin
from summit_app.ui.stage import Mode

Key = Qt.Key


def test_the_clicker_steps_through_the_tables_key_points(qtbot, summit_path):
    window = shown_window(qtbot, summit_path)
    session = window.session
    summit = session.summit
    tables = summit.tables.set_tables(4, names=["Oak"])
    prompt = summit.agenda.prompts()[0]
    summit.agenda.open_prompt(prompt.id)
    theme = summit.notes.add_theme(prompt.id, "Workforce")
    for table, points in ((tables[0], ["Retention", "Flexible rotas"]), (tables[2], ["Pay"])):
        host = summit.tables.claim(table.pass_, None)[1]
        for text in points:
            note = table_host.post_note(summit, host, prompt.id, text)
            summit.notes.set_theme(note.id, theme.id)
            table_host.star(summit, host, note.id)
    table_host.post_note(summit, host, prompt.id, "Unstarred thought")
    session.announce(Changes.unknown(Area.NOTES, Area.TABLES, origin=Origin.FACILITATOR))

    window.note_board.choose_prompt(prompt.id)
    window.projector_panel.set_visible(True)
    window.projector_panel.show_mode(Mode.TABLES)
    room = window.projector.view
    assert room.table_texts() == [
        "Table 1 (Oak)",
        "\u2605 Retention\n\n\u2605 Flexible rotas",
        "Table feedback: 1 of 2 tables",
    ]
    window.focus_tab(3)
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)
    assert room.table_texts()[0] == "Table 3" and room.table_texts()[1] == "\u2605 Pay"
    before = summit.live().current_item_id
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageDown)  # the last table: it stays
    assert room.table_texts()[2] == "Table feedback: 2 of 2 tables"
    assert summit.live().current_item_id == before  # the day did not move on
    qtbot.keyClick(window.polls_panel.list, Key.Key_PageUp)
    assert room.table_texts()[0] == "Table 1 (Oak)"

    window.projector_panel.show_mode(Mode.NOTES)
    wall = room.note_labels()
    assert "Workforce · 2 of 4 tables" in wall
