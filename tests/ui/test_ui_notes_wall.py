"""A notes wall that fits any number of notes: as large as fits, then pages that turn."""

from __future__ import annotations

from datetime import datetime

import pytest

from summit_app.ui.notes_wall import MAX_PAGES, ROTATE_S, NotesWall, WallGroup


def _groups(themes: int, per_theme: int) -> list[WallGroup]:
    return [
        WallGroup(
            f"Theme {t}",
            "#fde68a",
            tuple(
                f"Note {t}.{n}: protected time for leadership training" for n in range(per_theme)
            ),
        )
        for t in range(themes)
    ]


@pytest.fixture
def wall(qtbot):
    shown = NotesWall()
    qtbot.addWidget(shown)
    shown.resize(1824, 760)  # a 1080p projector's wall, below the question
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_a_few_notes_are_large_and_on_one_page(wall):
    wall.set_groups(_groups(3, 2))
    assert len(wall.pages) == 1 and wall.footer() == ""
    assert wall.pixel_size >= 40
    assert sorted(wall.page_texts()) == sorted(wall.texts())


def test_two_hundred_notes_turn_pages_and_every_note_is_on_one(wall):
    wall.set_groups(_groups(5, 40))
    assert 1 < len(wall.pages) <= MAX_PAGES and wall.more == 0
    assert wall.pixel_size == int(760 / 30)  # never below what reads across a hall
    seen = []
    for page in range(len(wall.pages)):
        wall.tick(datetime.fromtimestamp(page * ROTATE_S + 1))
        assert wall.footer().startswith(f"Page {page + 1} of {len(wall.pages)}")
        seen += [t for t in wall.page_texts() if t.startswith("Note ")]
    assert sorted(seen) == sorted(t for g in wall.groups for t in g.notes)
    wall.grab()


def test_more_notes_than_pages_says_how_many_are_not_shown(wall):
    wall.set_groups(_groups(5, 200))
    assert len(wall.pages) == MAX_PAGES
    shown = sum(p.notes() for p in wall.pages)
    assert wall.more == 1000 - shown > 0
    wall.tick(datetime.fromtimestamp((MAX_PAGES - 1) * ROTATE_S + 1))
    assert wall.footer() == f"Page {MAX_PAGES} of {MAX_PAGES} · +{wall.more} more"
