"""A notes wall that fits any number of notes: as large as fits, then pages that turn."""

from __future__ import annotations

from datetime import datetime

import pytest
from shown_window import demo_window

from summit_app.ui.notes_wall import MAX_PAGES, ROTATE_S, NotesWall, WallGroup
from summit_app.ui.stage import Mode, Scene


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


def _seen(wall: NotesWall) -> list[str]:
    """The current page's texts, less the names a continued column repeats."""
    return sorted(t for t in wall.page_texts() if not t.endswith(" (continued)"))


def test_a_few_notes_are_large_and_on_one_page(wall):
    wall.set_groups(_groups(3, 2))
    assert len(wall.pages) == 1 and wall.footer() == ""
    assert wall.pixel_size >= 40
    assert _seen(wall) == sorted(wall.texts())


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


def _column_bottoms(wall: NotesWall, page: int) -> list[float]:
    """Where each column's last card ends, as painted (a card's gap is below it)."""
    gap = wall.pixel_size * 0.45
    bottoms = []
    for column in wall.pages[page].columns:
        y = sum(b.height for b in column)
        bottoms.append(y - gap if column and not column[-1].header else y)
    return bottoms


def _floor(wall: NotesWall) -> float:
    """The lowest a card may reach: the footer's line is kept when pages turn."""
    return wall.height() - (wall._footer_height(wall.pixel_size) if len(wall.pages) > 1 else 0)


def _no_card_crosses_the_floor_and_pages_are_full(wall: NotesWall) -> None:
    gap = wall.pixel_size * 0.45
    columns = [(p, c) for p in range(len(wall.pages)) for c in wall.pages[p].columns]
    for page in range(len(wall.pages)):
        assert max(_column_bottoms(wall, page)) <= _floor(wall)
    for (page, column), (_, following) in zip(columns, columns[1:], strict=False):
        if page == len(wall.pages) - 1:
            break
        # The next column's first card (with its header or strip) did not fit under this one.
        first = next(i for i, b in enumerate(following) if not b.header)
        needed = sum(b.height for b in following[: first + 1]) - gap
        bottom = sum(b.height for b in column) - gap
        assert bottom + gap + needed > _floor(wall), (page, bottom, needed)


def test_pages_are_filled_to_the_foot_and_no_card_crosses_the_footer(wall):
    wall.set_groups(_groups(5, 40))
    assert len(wall.pages) > 1
    _no_card_crosses_the_floor_and_pages_are_full(wall)


def _demo_wall(qtbot, tmp_path, loose: int = 0):
    """The demo's fullest prompt on a 1080p projector, with `loose` notes not yet grouped."""
    window = demo_window(qtbot, tmp_path)
    summit = window.session.summit
    prompt = max(
        summit.agenda.prompts(),
        key=lambda p: len(summit.notes.notes(p.id, include_hidden=False)),
    )
    for n in range(loose):
        summit.notes.add_note(prompt.id, f"Loose note {n}: one training budget for all trusts")
    window.stage.set_preview(Scene(Mode.NOTES, prompt_id=prompt.id))
    window.stage.take()
    projector = window.projector
    projector.showNormal()
    projector.resize(1920, 1080)
    wall = projector.view.notes_wall
    title = projector.view.notes_title

    def settled() -> bool:  # the question's type grown to the screen, the wall under it
        needed = title.heightForWidth(title.width())
        return bool(wall.pages) and title.height() >= needed > 60 and wall.y() >= title.y() + needed

    qtbot.waitUntil(settled, timeout=3000)
    qtbot.wait(100)
    assert settled() and wall.height() > 600
    return projector, wall


def test_the_demos_notes_fill_the_projectors_wall(qtbot, tmp_path):
    """On a 1080p projector the demo's 23 notes in three themes took two pages, the first
    with a column nearly empty and another half so (a theme too long for a column of its
    own sent each theme to a new column): themes now follow one another down the columns,
    and one page keeps no line for a footer it does not have."""
    projector, wall = _demo_wall(qtbot, tmp_path)
    bottom = wall.mapTo(projector, wall.rect().bottomLeft()).y()
    assert bottom < projector.height()
    assert len(wall.groups) == 3 and sum(len(g.notes) for g in wall.groups) == 23
    assert len(wall.pages) == 1 and wall.footer() == ""  # were two
    assert _seen(wall) == sorted(wall.texts())
    _no_card_crosses_the_floor_and_pages_are_full(wall)
    projector.grab().save(str(tmp_path / "wall.png"))


def test_the_wall_takes_the_empty_footer_band_for_notes_not_larger_type(qtbot, tmp_path):
    """The footer's band (logo, a line of context, the join corner) showed nothing over the
    notes wall, yet kept the bottom 200 px of a 1080p wall empty while four loose notes
    went to a page 2. With nothing to show it gives the wall its height; the type stays
    the size it was, so the band holds notes."""
    projector, wall = _demo_wall(qtbot, tmp_path, loose=4)
    view = projector.view
    assert not view.footer.isVisibleTo(view) and view.corner_text() == ""
    bottom = wall.mapTo(projector, wall.rect().bottomLeft()).y()
    assert projector.height() - bottom < 50  # the view's margin only; was 200
    assert wall.pixel_size >= int(1080 * 0.66 / 30)  # what reads across a hall, as before
    assert len(wall.pages) == 1 and wall.footer() == ""  # were two, the loose notes on 2
    assert _seen(wall) == sorted(wall.texts()) and "Loose note 3" in " ".join(_seen(wall))
    _no_card_crosses_the_floor_and_pages_are_full(wall)


def test_a_theme_carried_into_the_next_column_repeats_its_name(wall):
    """A column a theme ran on into had only a thin coloured strip on top, so its first card
    read as a stray note: every carried column now says whose it is, by the bare name."""
    groups = [
        WallGroup(f"{g.name} · 3 of 9 tables", g.colour, g.notes, g.name) for g in _groups(3, 30)
    ]
    wall.set_groups([*groups, WallGroup("Not yet grouped", "#e5e7eb", groups[0].notes[:25])])
    assert len(wall.pages) > 1
    carried = 0
    for page in wall.pages:
        for column in page.columns:
            top = column[0]
            assert top.header and top.text, [b.text for b in column[:2]]
            if top.text.endswith(" (continued)"):
                carried += 1
                assert top.text.removesuffix(" (continued)") in {
                    "Theme 0",
                    "Theme 1",
                    "Theme 2",
                    "Not yet grouped",
                }
    assert carried > len(wall.pages)  # carried within pages too, not only onto a new one
