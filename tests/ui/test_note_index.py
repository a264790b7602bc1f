"""The note index the board and the wall share: the rows it reports, applied one after
another as a view applies them, keep a copy of the groups exactly in board order."""

from __future__ import annotations

import random
from dataclasses import replace

from summit_app.core.model import Author, Note
from summit_app.ui.note_index import NoteIndex


def _note(i: int, theme: int | None, position: int, hidden: bool = False) -> Note:
    return Note(
        id=i,
        prompt_id=1,
        text=f"Note {i}",
        author=Author.FACILITATOR,
        created_at="2026-12-06T09:00:00",
        theme_id=theme,
        position=position,
        is_hidden=hidden,
        table_id=i % 4 or None,
    )


def test_rows_reported_for_every_change_keep_a_view_in_board_order() -> None:
    rng = random.Random(30)
    themes = [None, 1, 2, 3]
    notes = {i: _note(i, rng.choice(themes), rng.randrange(50)) for i in range(1, 201)}
    index = NoteIndex(lambda n: n.theme_id, lambda n: not n.is_hidden)
    index.load(notes.values(), themes)
    view = {g: index.ids(g) for g in themes}  # what a view shows, moved only by the reports
    for turn in range(400):
        i = rng.randrange(1, 240)
        gone: list[int] = []
        fresh: list[Note] = []
        if rng.random() < 0.1 and i in notes:
            del notes[i]
            gone = [i]
        else:
            old = notes.get(i) or _note(i, None, 60 + turn)
            notes[i] = replace(
                old,
                theme_id=rng.choice(themes),
                position=rng.randrange(80),
                is_hidden=rng.random() < 0.2,
                text=f"Note {i}, edited {turn}",
            )
            fresh = [notes[i]]
        for move in index.update(fresh, gone):
            if move.old is not None:
                assert view[move.old[0]].pop(move.old[1]) == move.note_id
            if move.new is not None:
                view[move.new[0]].insert(move.new[1], move.note_id)
        shown = sorted(
            (n for n in notes.values() if not n.is_hidden), key=lambda n: (n.position, n.id)
        )
        for group in themes:
            expected = [n.id for n in shown if n.theme_id == group]
            assert index.ids(group) == view[group] == expected
            tables = {n.table_id for n in shown if n.theme_id == group and n.table_id}
            assert index.raised(group) == tables
