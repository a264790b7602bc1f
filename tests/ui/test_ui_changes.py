"""One commit, one typed announcement: each view redraws only what it shows, and a tally is
counted again only when its own poll or its ballots changed."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from shown_window import shown_window

import summit_app.core.polls as core_polls
from summit_app.core import Summit
from summit_app.core.changes import Area, Changes
from summit_app.core.model import Author, PollKind
from summit_app.ui.agenda_panel import AgendaPanel
from summit_app.ui.audience_panel import AudiencePanel
from summit_app.ui.cards_box import CardsBox
from summit_app.ui.moderation_panel import ModerationPanel
from summit_app.ui.note_board import NoteBoard
from summit_app.ui.polls_panel import PollsPanel
from summit_app.ui.run_panel import RunPanel
from summit_app.ui.server_panel import ServerPanel
from summit_app.ui.session import EVENT_BATCH_MS
from summit_app.ui.stage import Mode, Scene
from summit_app.ui.stage_view import StageView
from summit_app.ui.writeup_panel import WriteupPanel

# What reloads each view (the run panel's clock `refresh` ticks every second by itself).
RELOADS = {
    NoteBoard: ("reload_notes", "_notes_changed", "reload_prompts", "_phone_notes_arrived"),
    ModerationPanel: ("reload", "reload_prompts"),
    AudiencePanel: ("reload", "reload_prompts"),
    PollsPanel: ("reload", "refresh_counts", "refresh_live"),
    RunPanel: ("reload_agenda",),
    AgendaPanel: ("reload",),
    WriteupPanel: ("reload", "_pack_changed"),
    ServerPanel: ("refresh_joined",),
    CardsBox: ("refresh",),
    StageView: ("refresh",),
}
SHOW_NOTES = {NoteBoard, ModerationPanel, WriteupPanel, StageView}


@pytest.fixture
def reloads(monkeypatch) -> Counter:
    """(view class, view id) -> how many times it reloaded (nested reloads count once)."""
    counts: Counter = Counter()
    busy: set[int] = set()
    for cls, names in RELOADS.items():
        for name in names:

            def spy(original, cls=cls):
                @functools.wraps(original)
                def counted(self, *args, **kwargs):
                    if id(self) in busy:
                        return original(self, *args, **kwargs)
                    busy.add(id(self))
                    counts[(cls, id(self))] += 1
                    try:
                        return original(self, *args, **kwargs)
                    finally:
                        busy.discard(id(self))

                return counted

            monkeypatch.setattr(cls, name, spy(getattr(cls, name)))
    return counts


@pytest.fixture
def tallies(monkeypatch) -> list[int]:
    """The id of every poll counted, on any thread."""
    counted: list[int] = []
    original = core_polls.tally_totals  # what `PollsRepo.result` counts with

    def tally(poll, *args, **kwargs):
        counted.append(poll.id)
        return original(poll, *args, **kwargs)

    monkeypatch.setattr(core_polls, "tally_totals", tally)
    return counted


@pytest.fixture
def day(summit_path: Path) -> Path:
    """The short summit with notes on its prompt and two polls, both open."""
    with Summit.open(summit_path) as s:
        prompt = s.agenda.prompts()[0]
        for text in ("Protected time", "Shared records", "Mentoring"):
            s.notes.add_note(prompt.id, text)
        first = s.polls.polls()[0]
        second = s.polls.add_poll(first.item_id, "Which next?", PollKind.SINGLE, ["A", "B"])
        s.polls.open_poll(first.id)
        s.polls.open_poll(second.id)
    return summit_path


def _showing_both_polls(qtbot, window) -> tuple[int, int]:
    """The projector shows one poll live, the preview the other, the Polls tab the first."""
    first, second = (p.id for p in window.session.summit.polls.polls())
    window.stage.set_preview(Scene(Mode.POLL, poll_id=first))
    window.stage.take()
    window.stage.set_preview(Scene(Mode.POLL, poll_id=second))
    # The projector's window laid out: a view resized later redraws, which is not a change.
    qtbot.wait(500)
    return first, second


def test_hiding_a_note_through_the_window_counts_no_tally_and_reloads_only_note_views(
    qtbot, day, reloads, tallies
) -> None:
    window = shown_window(qtbot, day)
    _showing_both_polls(qtbot, window)
    board = window.note_board
    note = board.model.note_texts(None)
    assert note == ["Protected time", "Shared records", "Mentoring"]
    qtbot.wait(50)
    reloads.clear()
    tallies.clear()

    hidden = window.session.summit.notes.notes()[1].id
    board.select_notes([hidden])
    board.buttons["hide"].click()
    qtbot.wait(3 * 50)

    assert window.session.summit.notes.note(hidden).is_hidden
    assert tallies == []
    reloaded = {cls for cls, _ in reloads}
    assert NoteBoard in reloaded
    assert reloaded <= SHOW_NOTES, reloaded - SHOW_NOTES
    assert max(reloads.values()) == 1, reloads


def test_a_ballot_from_a_phone_counts_only_its_own_poll_again(qtbot, day, tallies) -> None:
    window = shown_window(qtbot, day)
    first, second = _showing_both_polls(qtbot, window)
    session = window.session
    assert session.result(first).voters == session.result(second).voters == 0
    tallies.clear()

    with Summit.open(day) as phones:  # the participant server's own connection
        person = phones.people.join()
        option = phones.polls.poll(second).options[0].id
        phones.polls.cast_ballot(
            second,
            person.id,
            {option: 1},
        )
    session.server_event("ballot", {"poll_id": second, "participant_id": person.id})
    qtbot.waitUntil(lambda: session.result(second).voters == 1, timeout=5000)

    assert set(tallies) == {second}
    assert session.result(first).voters == 0


@pytest.mark.parametrize("events_first", [False, True])
def test_one_commit_is_announced_once_whether_the_poll_or_the_event_sees_it_first(
    qtbot, day, events_first
) -> None:
    window = shown_window(qtbot, day)
    session = window.session
    session.set_events_active(True)
    announced: list[Changes] = []
    session.changed.connect(announced.append)
    with Summit.open(day) as phones:
        prompt = phones.agenda.prompts()[0].id
        phones.agenda.open_prompt(prompt)
        person = phones.people.join()
        note = phones.notes.add_note(prompt, "From a phone", Author.PARTICIPANT, person.id)

    def event() -> None:
        session.server_event("note", {"note_id": note.id, "prompt_id": prompt})
        qtbot.wait(3 * EVENT_BATCH_MS)

    def poll() -> None:
        for _ in range(3):  # the file poll looks again and again
            session.check_external()

    if events_first:
        event()
        poll()
    else:
        poll()
        event()
    assert len(announced) == 1, announced
    assert announced[0].touches(Area.NOTES)
    qtbot.waitUntil(lambda: "From a phone" in window.note_board.model.note_texts(None))


def _running(model) -> list[str]:
    """The titles of the agenda rows drawn as running (their green background)."""
    return [
        model.item(s, 0).child(r, 0).text()
        for s in range(model.rowCount())
        for r in range(model.item(s, 0).rowCount())
        if model.item(s, 0).child(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    ]


def test_the_next_item_rebuilds_no_list_and_a_tab_behind_catches_up_when_shown(
    qtbot, day, reloads
) -> None:
    window = shown_window(qtbot, day)
    window.tabs.setCurrentWidget(window.note_board)
    window.run_panel.start_first()
    qtbot.wait(50)
    models = {
        "agenda tab": window.agenda_panel.model,
        "run tab": window.run_panel.agenda_model,
        "notes": window.note_board.model,
    }
    rebuilt: Counter = Counter()
    for name, model in models.items():
        model.modelReset.connect(lambda name=name: rebuilt.update([name]))
        model.rowsInserted.connect(lambda *_, name=name: rebuilt.update([name]))
    notes = window.note_board.model.note_texts(None)
    reloads.clear()

    window.run_panel.next_item()
    qtbot.wait(50)

    assert (
        window.session.summit.live().current_item_id == window.session.summit.agenda.items()[1].id
    )
    assert _running(models["run tab"]) == ["What have we heard"]  # its row, where it stands
    assert window.note_board.model.note_texts(None) == notes
    redrawn = {cls for cls, _ in reloads}
    assert not redrawn & {NoteBoard, AudiencePanel, ModerationPanel, AgendaPanel, WriteupPanel}
    window.tabs.setCurrentWidget(window.agenda_panel)  # behind until now
    qtbot.waitUntil(lambda: _running(models["agenda tab"]) == ["What have we heard"])
    assert not rebuilt, rebuilt


def test_a_phones_ballot_redraws_the_poll_in_the_room_not_the_notes_wall_in_the_preview(
    qtbot, day, reloads
) -> None:
    window = shown_window(qtbot, day)
    session = window.session
    session.set_events_active(True)  # as while the server runs: its events name the rows
    first = session.summit.live().open_poll_id
    assert first is not None
    prompt = session.summit.agenda.prompts()[0].id
    window.stage.set_preview(Scene(Mode.POLL, poll_id=first))
    window.stage.take()
    window.stage.set_preview(Scene(Mode.NOTES, prompt_id=prompt))
    qtbot.wait(500)  # the projector's window laid out: the preview takes its size
    reloads.clear()

    with Summit.open(day) as phones:  # the participant server's own connection
        person = phones.people.join()
        option = phones.polls.poll(first).options[0].id
        phones.polls.cast_ballot(first, person.id, {option: 1})
    session.server_event("ballot", {"poll_id": first, "participant_id": person.id})
    qtbot.waitUntil(lambda: reloads[(StageView, id(window.projector.view))] >= 1, timeout=5000)
    qtbot.wait(3 * EVENT_BATCH_MS)

    assert reloads[(StageView, id(window.projector_panel.preview_view))] == 0
    assert session.result(first).voters == 1


def test_a_scene_lined_up_in_the_preview_does_not_redraw_the_rooms_screen(
    qtbot, day, reloads
) -> None:
    window = shown_window(qtbot, day)
    _showing_both_polls(qtbot, window)
    room, preview = window.projector.view, window.projector_panel.preview_view
    notes = Scene(Mode.NOTES, prompt_id=window.session.summit.agenda.prompts()[0].id)
    reloads.clear()

    window.stage.set_preview(notes)
    qtbot.wait(50)
    assert reloads[(StageView, id(preview))] == 1
    assert reloads[(StageView, id(room))] == 0

    window.stage.take()  # now the room's screen changes, at once
    assert reloads[(StageView, id(room))] == 1
    assert room.scene == notes
