"""What a commit changed, as one typed value: every table says which views it concerns,
and a facilitator's command and a phone's write of the same rows name the same ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin, from_event
from summit_app.core.history import Change, History, recording
from summit_app.core.model import Author, ItemKind, PollKind, SummitInfo
from summit_app.core.schema import TABLE_AREAS, migrate


def test_every_table_in_the_schema_says_which_views_it_concerns() -> None:
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    tables = {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    assert tables - TABLE_AREAS.keys() == set(), "map each new table in schema.TABLE_AREAS"
    assert TABLE_AREAS.keys() - tables == set(), "a mapped table no longer exists"
    assert {t for t, areas in TABLE_AREAS.items() if not areas} == {
        "undo_history",
        "deck_files",
        "note_embeddings",
    }


def test_a_table_nobody_mapped_is_refused_rather_than_ignored() -> None:
    with pytest.raises(KeyError):
        Changes.from_rows({"mystery": {1}})


def _day(tmp_path: Path) -> tuple[Summit, History, list[Change], int, int, int]:
    s = Summit.create(tmp_path / "day.summit", SummitInfo(title="Day"))
    section = s.agenda.add_section("Morning")
    item = s.agenda.add_item(section.id, "Priorities", ItemKind.VOTE, 20)
    prompt = s.agenda.add_prompt(item.id, "What matters?")
    note = s.notes.add_note(prompt.id, "time to train")
    first = s.polls.add_poll(item.id, "Pick one", PollKind.SINGLE, ["Yes", "No"])
    second = s.polls.add_poll(item.id, "Pick another", PollKind.SINGLE, ["Yes", "No"])
    seen: list[Change] = []
    return s, History(s, seen.append), seen, note.id, first.id, second.id


def test_hiding_a_note_changes_that_note_and_no_poll(tmp_path: Path) -> None:
    s, history, seen, note_id, first, second = _day(tmp_path)
    history.run("Hide note", lambda x: x.notes.set_hidden(note_id, True))
    changes = seen[-1].changes
    assert changes.areas == {Area.NOTES}
    assert changes.notes == {note_id}
    assert not changes.poll_changed(first) and not changes.poll_changed(second)
    s.close()


def test_opening_a_poll_names_that_poll_and_the_live_state(tmp_path: Path) -> None:
    s, history, seen, _, first, second = _day(tmp_path)
    history.run("Open voting", lambda x: x.polls.open_poll(first))
    changes = seen[-1].changes
    assert Area.LIVE in changes.areas and changes.polls == {first}
    assert changes.poll_changed(first) and not changes.poll_changed(second)
    history.undo()
    assert seen[-1].changes.polls == {first}
    s.close()


def test_removing_a_poll_names_its_ballots_by_poll(tmp_path: Path) -> None:
    s, history, seen, _, first, second = _day(tmp_path)
    s.polls.open_poll(first)
    person = s.people.join()
    s.polls.cast_ballot(first, person.id, {s.polls.poll(first).options[0].id: 1})
    history.run("Remove poll", lambda x: x.polls.remove_poll(first))
    changes = seen[-1].changes
    assert changes.ballots == {first} and first in changes.polls
    assert second not in changes.ballots  # (its position moved up: its row was written)
    s.close()


def test_a_phones_ballot_names_the_same_poll_a_command_would() -> None:
    changes = from_event("ballot", {"poll_id": 7, "participant_id": 3, "count": 1})
    assert changes.ballots == {7} and changes.origin is Origin.PHONES
    assert changes.poll_changed(7) and not changes.poll_changed(8)
    assert not changes.touches(Area.NOTES)
    note = from_event("note", {"note_id": 42, "prompt_id": 1, "participant_id": 3})
    assert note.notes == {42} and note.notes_changed([42]) and not note.notes_changed([41])


def test_merged_changes_keep_every_id_and_count_the_facilitators_part_at_once() -> None:
    phones = from_event("ballot", {"poll_id": 7})
    mine = Changes.of(notes={1})
    both = phones | mine
    assert both.ballots == {7} and both.notes == {1}
    assert both.origin is Origin.FACILITATOR
    assert (phones | from_event("word", {})).origin is Origin.PHONES


def test_unknown_rows_mean_every_id_of_the_areas_named() -> None:
    seen_by_polling = Changes.unknown(Area.BALLOTS)
    assert seen_by_polling.poll_changed(123)
    assert not seen_by_polling.notes_changed()


def test_a_phones_write_reports_what_its_rows_say(tmp_path: Path) -> None:
    """The server's event and the rows its write touched name the same areas and ids."""
    s, _history, _seen, _note, first, _second = _day(tmp_path)
    s.polls.open_poll(first)
    prompt = s.agenda.prompts()[0].id
    s.agenda.open_prompt(prompt)
    with Summit.open(s.path) as phones:  # the participant server's own connection
        person = phones.people.join()
        option = phones.polls.poll(first).options[0].id
        with recording(phones) as wrote:
            phones.polls.cast_ballot(first, person.id, {option: 1})
        event = from_event("ballot", {"poll_id": first, "participant_id": person.id})
        assert (wrote[0].areas, wrote[0].ballots) == (event.areas, event.ballots)

        other = phones.people.join()  # their first act: they now take part (PEOPLE)
        with recording(phones) as wrote:
            note = phones.notes.add_note(prompt, "from a phone", Author.PARTICIPANT, other.id)
        event = from_event("note", {"note_id": note.id, "prompt_id": prompt})
        assert (wrote[0].areas, wrote[0].notes) == (event.areas, event.notes)
    s.close()
