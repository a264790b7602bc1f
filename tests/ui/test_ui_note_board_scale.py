"""A prompt with 10,000 notes: an edit to one note touches that note's row, not the rest.

The note board and the projector's wall each keep the prompt's notes by theme and read
again only the notes a change names; these tests count the rows built and the cards laid
out, and check that what is shown matches a fresh load of the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.db import now
from summit_app.core.model import Author, ItemKind, SummitInfo
from summit_app.ui import commands
from summit_app.ui.note_board import ONE_LINE_FROM, NoteBoard
from summit_app.ui.notes_model import NotesModel
from summit_app.ui.notes_wall import NotesWall
from summit_app.ui.session import SummitSession
from summit_app.ui.wall_notes import WallNotes

NOTES = 10_000


@pytest.fixture
def crowded(tmp_path: Path):
    """10,000 notes on one prompt: a third unsorted, the rest in three themes."""
    path = tmp_path / "hall.summit"
    with Summit.create(path, SummitInfo(title="A hall of 5,000")) as summit:
        section = summit.agenda.add_section("Morning")
        item = summit.agenda.add_item(section.id, "Discuss", ItemKind.DISCUSSION, 30)
        prompt = summit.agenda.add_prompt(item.id, "What did we hear?")
        themes = [summit.notes.add_theme(prompt.id, name).id for name in ("Staff", "Data", "Care")]
        with summit.write():
            summit.db.conn.executemany(
                "INSERT INTO notes (prompt_id, text, author, position, created_at, theme_id)"
                " VALUES (?, ?, 'facilitator', ?, ?, ?)",
                [
                    (prompt.id, f"Note {i}", i, now(), themes[i % 3] if i % 3 else None)
                    for i in range(NOTES)
                ],
            )
    session = SummitSession.open(path)
    yield session, prompt.id
    session.close()


def _shown(model: NotesModel) -> list[tuple[str, list[str]]]:
    """Every group's title and its rows' texts, as the board shows them."""
    groups = [model.index(row, 0) for row in range(model.rowCount())]
    return [
        (g.data(), [model.index(r, 0, g).data() for r in range(model.rowCount(g))]) for g in groups
    ]


def _fresh(
    session: SummitSession, prompt_id: int, by_table: bool = False
) -> list[tuple[str, list[str]]]:
    model = NotesModel(session.summit)
    model.by_table = by_table
    model.set_prompt(prompt_id)
    return _shown(model)


def _board(qtbot, session: SummitSession, prompt_id: int) -> NoteBoard:
    board = NoteBoard(session)
    qtbot.addWidget(board)
    board.choose_prompt(prompt_id)
    return board


def test_edits_to_one_note_among_ten_thousand_build_no_other_row(qtbot, crowded):
    session, prompt_id = crowded
    board = _board(qtbot, session, prompt_id)
    model = board.model
    assert model.made == NOTES
    assert board.tree.uniformRowHeights() and NOTES >= ONE_LINE_FROM
    notes = session.summit.notes.notes(prompt_id)
    staff = session.summit.notes.themes(prompt_id)[0]

    board.select_notes([notes[0].id])
    board.buttons["hide"].click()  # hidden: struck out, still on the board
    keys = {s.key().toString(): s for s in board.findChildren(QShortcut)}
    board.select_notes([notes[3].id])
    keys["Ctrl+1"].activated.emit()  # an unsorted note into Staff
    commands.edit_note(session, notes[4].id, "Protected time for training")
    assert model.made == NOTES  # no row was built again: each was moved or refilled
    assert board.selected() == [notes[3].id]  # the moved note stays selected
    assert session.summit.notes.note(notes[3].id).theme_id == staff.id
    assert _shown(model) == _fresh(session, prompt_id)
    assert model.note_index(notes[0].id).data(Qt.ItemDataRole.FontRole).strikeOut()

    session.undo()  # the edit of the text comes back, in its row
    assert model.made == NOTES
    assert model.note_index(notes[4].id).data() == "Note 4"

    commands.remove_notes(session, [notes[5].id])
    phone = session.summit.notes.add_note(prompt_id, "From the back row", Author.FACILITATOR)
    session.announce(Changes.of(Area.NOTES, notes={phone.id}, origin=Origin.FACILITATOR))
    assert model.made == NOTES + 1  # the one new note
    assert _shown(model) == _fresh(session, prompt_id)


def test_themes_renamed_reordered_and_removed_keep_their_notes_rows(qtbot, crowded):
    session, prompt_id = crowded
    board = _board(qtbot, session, prompt_id)
    model = board.model
    staff, data, care = session.summit.notes.themes(prompt_id)
    notes = session.summit.notes.notes(prompt_id)
    board.select_notes([notes[0].id, notes[1].id])
    board.new_theme("Carers")  # takes the selected notes
    board.select_theme(data.id)
    board.rename_theme("Records and data")
    board.move_theme(-1)
    carers = session.summit.notes.themes(prompt_id)[-1]
    assert carers.name == "Carers"
    commands.remove_theme(session, carers.id)  # its notes go back to unsorted
    assert model.made == NOTES
    assert _shown(model) == _fresh(session, prompt_id)
    assert board.selected_group() == (True, data.id)
    session.undo()  # Carers and its notes come back
    assert model.made == NOTES
    assert _shown(model) == _fresh(session, prompt_id)


def test_the_wall_reads_the_changed_notes_and_lays_out_only_its_pages(qtbot, crowded):
    session, prompt_id = crowded
    summit = session.summit
    source = WallNotes()
    wall = NotesWall()
    qtbot.addWidget(wall)
    wall.resize(1824, 760)
    wall.show()
    wall.set_groups(source.groups(summit, prompt_id))
    assert sum(len(g.notes) for g in wall.groups) == NOTES
    # Ten pages at the smallest type, the rest counted: not every card measured.
    assert wall.more > 0 and wall.placed < NOTES / 2
    notes = summit.notes.notes(prompt_id)
    session.changed.connect(source.changed)
    commands.set_flag(session, [notes[1].id], "hidden", True)
    commands.move_notes(session, [notes[3].id], None)
    commands.edit_note(session, notes[6].id, "Shared records across the borough")
    wall.set_groups(source.groups(summit, prompt_id))
    assert wall.groups == WallNotes().groups(summit, prompt_id)
    assert "Note 1" not in wall.texts()
    assert wall.placed < NOTES / 2


def test_a_phones_note_announced_after_the_facilitators_next_note_still_appears(qtbot, session):
    board = NoteBoard(session)
    qtbot.addWidget(board)
    summit = session.summit
    prompt_id = board.prompt_id
    assert prompt_id is not None
    summit.agenda.open_prompt(prompt_id)
    person = summit.people.join()
    # The server commits a phone's note; its event waits for the phones' batch...
    phone = summit.notes.add_note(prompt_id, "From a phone", Author.PARTICIPANT, person.id)
    commands.add_note(session, prompt_id, "Typed on the laptop")  # ...and this comes first
    session.announce(Changes.of(Area.NOTES, Area.PEOPLE, notes={phone.id}, origin=Origin.PHONES))
    assert board.model.note_texts(None) == ["From a phone", "Typed on the laptop"]


def test_grouped_by_table_an_edit_touches_only_its_tables_rows(qtbot, crowded):
    session, prompt_id = crowded
    summit = session.summit
    summit.tables.set_tables(100)
    with summit.write():  # two notes in three came from one of 100 tables
        summit.db.conn.execute(
            "UPDATE notes SET table_id = id % 100 + 1 WHERE prompt_id = ? AND id % 3 != 0",
            (prompt_id,),
        )
    board = _board(qtbot, session, prompt_id)
    board.group_by.setCurrentIndex(1)  # by table
    model = board.model
    built = model.made
    notes = summit.notes.notes(prompt_id)
    lone = [n for n in notes if n.table_id == 7]
    board.select_notes([notes[1].id])
    board.buttons["hide"].click()
    commands.edit_note(session, notes[2].id, "Shared records across the borough")
    commands.remove_notes(session, [n.id for n in lone])  # table 7's group goes
    assert model.made == built
    assert _shown(model) == _fresh(session, prompt_id, by_table=True)
    session.undo()  # table 7 and its notes come back: only those rows are built
    assert model.made == built + len(lone)
    assert _shown(model) == _fresh(session, prompt_id, by_table=True)
