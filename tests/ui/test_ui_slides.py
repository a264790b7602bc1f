"""Speakers' slides in the run of show: a deck on an item shows full screen when the item
starts, the clicker goes through it and on into the next item (a vote) and back, the
presenter strip says which slide is live and lines up the next, and phones never see one."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from shown_window import shown_window

from summit_app.ui.stage import Mode, Scene

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/sample_decks.py
from sample_decks import COLOURS, deck  # noqa: E402

Key = Qt.Key


def _window_with_deck(qtbot, summit_path, tmp_path, pages=4):
    window = shown_window(qtbot, summit_path)
    pdf = tmp_path / "welcome.pdf"
    pdf.write_bytes(deck(pages, "Welcome"))
    panel = window.agenda_panel
    welcome = window.session.summit.agenda.items()[0]
    assert panel.add_slides(pdf, welcome.id)
    return window, welcome


def test_the_clicker_goes_through_a_deck_into_the_vote_and_back(qtbot, summit_path, tmp_path):
    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path)
    summit = window.session.summit
    deck_id = summit.decks.for_item(welcome.id).id
    window.projector_panel.set_visible(True)
    room, strip = window.projector.view, window.projector_panel
    tree = window.agenda_panel.tree
    qtbot.keyClick(tree, Key.Key_PageDown)  # the day starts: the talk's first slide
    assert room.showing is Mode.SLIDES
    assert window.stage.live == Scene(Mode.SLIDES, deck_id=deck_id, slide=0)
    assert "slide 1 of 4" in strip.live_label.text()
    assert window.stage.preview == Scene(Mode.SLIDES, deck_id=deck_id, slide=1)
    assert "slide 2 of 4" in strip.preview_label.text()
    for expected in (2, 3, 4):
        qtbot.keyClick(tree, Key.Key_PageDown)
        assert f"slide {expected} of 4" in strip.live_label.text()
    assert window.run_panel.now_label.text() == "Welcome"
    qtbot.keyClick(tree, Key.Key_PageDown)  # past the last slide: the next item
    assert window.run_panel.now_label.text() == "What have we heard"
    assert room.showing is Mode.ITEM and "slide" not in strip.live_label.text()
    qtbot.keyClick(tree, Key.Key_PageDown)  # the vote: its poll lined up, not yet shown
    assert window.run_panel.now_label.text() == "Priorities"
    assert window.stage.preview.mode is Mode.POLL and room.showing is Mode.ITEM
    window.projector_panel.take_button.click()
    assert room.showing is Mode.POLL
    for _ in range(2):
        qtbot.keyClick(tree, Key.Key_PageUp)
    assert window.run_panel.now_label.text() == "Welcome"  # back on the talk: its last slide
    assert window.stage.live == Scene(Mode.SLIDES, deck_id=deck_id, slide=3)
    qtbot.keyClick(tree, Key.Key_PageUp)
    assert window.stage.live.slide == 2


def test_a_slide_fills_the_projector_letterboxed_at_its_resolution(qtbot, summit_path, tmp_path):
    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path, pages=3)
    window.run_panel.start_item(welcome.id)
    room = window.projector.view
    window.projector.resize(1200, 900)  # a 4:3 projector: black bands above and below
    window.projector.show()
    qtbot.waitUntil(lambda: room.height() == 900)
    qtbot.waitUntil(lambda: room.slide_canvas.painted is not None, timeout=5000)
    picture = room.grab().toImage()
    assert picture.width() == room.width()
    assert picture.pixelColor(QPoint(600, 20)) == QColor("#000000")  # the letterbox
    header = picture.pixelColor(QPoint(600, 150 + 20))  # the slide's coloured band
    assert header == QColor(COLOURS[1]), header.name()
    assert room.corner_text() == ""  # no join corner over a slide unless asked for
    window.projector.set_join_address("http://192.168.1.20:8000/j/abc", "192.168.1.20:8000")
    window.projector_panel.slides_corner.setChecked(True)
    assert room.corner_text() == "Join: 192.168.1.20:8000"
    window.projector_panel.slides_corner.setChecked(False)


def test_blank_and_freeze_hold_while_the_clicker_moves_the_deck(qtbot, summit_path, tmp_path):
    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path)
    window.projector_panel.set_visible(True)
    window.run_panel.start_item(welcome.id)
    room, tree = window.projector.view, window.agenda_panel.tree
    qtbot.keyClick(tree, Key.Key_B)
    qtbot.keyClick(tree, Key.Key_PageDown)
    assert room.showing is Mode.BLANK and window.stage.live.slide == 1
    qtbot.keyClick(tree, Key.Key_B)
    assert room.showing is Mode.SLIDES and room.scene.slide == 1
    window.stage.set_frozen(True)
    qtbot.keyClick(tree, Key.Key_PageDown)
    assert window.stage.live.slide == 2 and room.scene.slide == 1  # the room's picture holds
    window.stage.set_frozen(False)
    assert room.scene.slide == 2


def test_the_run_tab_jumps_to_a_slide_and_phones_never_see_one(qtbot, summit_path, tmp_path):
    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path, pages=6)
    window.run_panel.start_item(welcome.id)
    strip = window.slide_strip
    assert not strip.isHidden() and strip.list.count() == 6
    qtbot.waitUntil(lambda: strip.list.item(5).data(Qt.ItemDataRole.UserRole + 1), timeout=5000)
    strip._chosen(strip.list.item(4))
    assert window.stage.live.slide == 4 and "slide 5 of 6" in strip.title.text()
    # A slide is the projector's only: the phones' state names no slide or deck.
    from summit_app.server.snapshot import build_snapshot

    said = repr(build_snapshot(window.session.summit))
    assert "slide" not in said.lower() and "deck" not in said.lower()


def test_a_deck_added_removed_and_undone_from_the_agenda(qtbot, summit_path, tmp_path):
    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path)
    summit, panel = window.session.summit, window.agenda_panel
    assert "Slides: welcome.pdf (4 slides)" in panel.model.index_of("item", welcome.id).data(
        Qt.ItemDataRole.ToolTipRole
    )
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"not really a pdf")
    assert not panel.add_slides(bad, welcome.id)
    assert summit.decks.for_item(welcome.id).name == "welcome.pdf"
    panel.select("item", welcome.id)
    panel.remove_slides()
    assert summit.decks.for_item(welcome.id) is None
    window.session.undo()
    assert summit.decks.for_item(welcome.id).pages == 4
    window.session.redo()
    assert summit.decks.for_item(welcome.id) is None


def test_the_write_up_tab_puts_slides_in_the_annex_with_captions(qtbot, summit_path, tmp_path):
    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path, pages=5)
    summit, panel = window.session.summit, window.writeup_panel
    window.tabs.setCurrentWidget(panel)
    assert panel.outline.select(("annex", None))
    page = panel.annex_page
    assert panel.pages.currentWidget() is page and page.tree.topLevelItemCount() == 1
    deck_id = summit.decks.for_item(welcome.id).id
    page.set_slide(deck_id, 2, True, "Why we are here")
    qtbot.waitUntil(lambda: summit.decks.annex() != [], timeout=3000)
    assert [(a.page, a.caption) for a in summit.decks.annex()] == [(2, "Why we are here")]
    page.per_page.setCurrentIndex(1)
    page.per_page.activated.emit(1)
    assert summit.decks.annex_per_page() == 2
    window.session.undo()
    window.session.undo()
    assert summit.decks.annex() == [] and summit.decks.annex_per_page() == 1


def test_a_speaker_clicks_through_slides_at_their_pace_and_a_double_press_stays_in_the_deck(
    qtbot, summit_path, tmp_path, monkeypatch
):
    from summit_app.ui import guard

    window, welcome = _window_with_deck(qtbot, summit_path, tmp_path)
    window.projector_panel.set_visible(True)
    tree, strip = window.agenda_panel.tree, window.projector_panel
    moment = [100.0]
    monkeypatch.setattr(guard, "now", lambda: moment[0])
    qtbot.keyClick(tree, Key.Key_PageDown)  # the day starts on the first slide
    for expected in (2, 3, 4):  # a press every 0.3 s, well inside the double-click guard
        moment[0] += 0.3
        qtbot.keyClick(tree, Key.Key_PageDown)
        assert f"slide {expected} of 4" in strip.live_label.text()
    moment[0] += 0.3  # a double press on the last slide does not leave the deck
    qtbot.keyClick(tree, Key.Key_PageDown)
    assert window.run_panel.now_label.text() == "Welcome"
    assert "slide 4 of 4" in strip.live_label.text()
    moment[0] += 1.0  # a deliberate press does
    qtbot.keyClick(tree, Key.Key_PageDown)
    assert window.run_panel.now_label.text() == "What have we heard"
