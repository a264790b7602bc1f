"""Breakout rooms: kits written from the main summit, run on their own, merged back by file."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from summit_app.core import Summit
from summit_app.core.breakout_kit import write_kit
from summit_app.core.breakout_rows import NOT_MERGED, merged_tables, uncovered
from summit_app.core.errors import HeldError, SummitFileError, ValidationError
from summit_app.core.history import History
from summit_app.core.merge import import_room
from summit_app.core.model import SummitInfo
from summit_app.core.schedule import plan
from summit_app.core.schema import SCHEMA_VERSION, migrate


def test_every_table_travels_with_the_rooms_or_says_why_not():
    conn = sqlite3.connect(":memory:")
    migrate(conn)
    assert uncovered(conn) == [], (
        "a new table must either carry the identity columns origin and origin_id (so a"
        " breakout room's rows of it merge back) or say why not in breakout_rows.NOT_MERGED"
    )
    names = {t.name for t in merged_tables(conn)}
    assert {"notes", "ballots", "participants", "themes", "items", "polls"} <= names
    assert not names & NOT_MERGED.keys()


def _main(tmp_path: Path) -> tuple[Summit, dict[str, int]]:
    s = Summit.create(tmp_path / "main.summit", SummitInfo(title="Leadership summit"))
    section = s.agenda.add_section("Breakouts")
    workforce = s.agenda.add_item(section.id, "Workforce", "discussion", 40)
    digital = s.agenda.add_item(section.id, "Digital", "discussion", 40)
    plenary = s.agenda.add_item(section.id, "Plenary", "talk", 20)
    ids = {"workforce": workforce.id, "digital": digital.id, "plenary": plenary.id}
    for key, item in (("workforce", workforce), ("digital", digital)):
        prompt = s.agenda.add_prompt(item.id, f"What would help {item.title.lower()}?")
        poll = s.polls.add_poll(item.id, "Which first?", "single", ["Training", "Rotas", "Pay"])
        ids[f"{key}_prompt"], ids[f"{key}_poll"] = prompt.id, poll.id
    return s, ids


def _vote(room: Summit, poll_id: int, n: int, option_index: int = 0) -> list[int]:
    poll = room.polls.poll(poll_id)
    if poll.state.value != "open":
        room.polls.open_poll(poll_id)
    option = room.polls.poll(poll_id).options[option_index].id
    people = []
    for _ in range(n):
        person = room.people.join()
        room.polls.cast_ballot(poll_id, person.id, {option: 1})
        people.append(person.id)
    return people


def _counts(s: Summit) -> dict[str, int]:
    return {
        t: s.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("participants", "ballots", "notes", "themes", "items", "polls", "options")
    }


def test_a_room_runs_its_kit_and_merges_back_once_whatever_how_often(tmp_path):
    main, ids = _main(tmp_path)
    room = write_kit(main, tmp_path / "b.summit", "Breakout B: Workforce", [ids["workforce"]])
    assert room.item_ids == (ids["workforce"],) and room.holding
    with Summit.open(tmp_path / "b.summit") as b:
        assert b.breakouts.room_name() == "Breakout B: Workforce"
        assert b.info().join_code != main.info().join_code
        assert [i.title for i in b.agenda.items()] == ["Workforce"]
        _vote(b, ids["workforce_poll"], 7)
        theme = b.notes.add_theme(ids["workforce_prompt"], "Protected time")
        for n in range(5):
            b.notes.add_note(ids["workforce_prompt"], f"Idea {n}", theme_id=theme.id)
        own = b.agenda.add_item(b.agenda.items()[0].section_id, "Room's own vote", "vote", 10)
        _vote(b, b.polls.add_poll(own.id, "Keep going?", "single", ["Yes", "No"]).id, 3, 1)
        room_counts = _counts(b)
    before = _counts(main)
    first = import_room(main, tmp_path / "b.summit")
    assert not (tmp_path / "b.summit-wal").exists()  # the room's file is only read
    assert first.added["ballots"] == 10 and first.added["notes"] == 5
    assert first.added["participants"] == 10 and first.added["items"] == 1
    assert "From Breakout B: Workforce" in first.sentence() and "10 ballots" in first.sentence()
    assert first.backup is not None and first.backup.exists()
    after = _counts(main)
    assert after["ballots"] == before["ballots"] + 10
    assert main.polls.result(ids["workforce_poll"]).voters == 7
    # Open in the room is not open here: the main room's phones follow its own polls.
    assert main.live().open_poll_id is None
    # The same file again, and again: nothing changes, no copy is kept.
    for _ in range(2):
        again = import_room(main, tmp_path / "b.summit")
        assert not again.anything and again.backup is None
        assert "Nothing new from Breakout B" in again.sentence()
        assert _counts(main) == after
    # A later copy brings only what is new.
    with Summit.open(tmp_path / "b.summit") as b:
        _vote(b, ids["workforce_poll"], 4, 2)
        b.notes.edit_note(b.notes.notes(ids["workforce_prompt"])[0].id, "Idea 0, reworded")
        b.notes.remove_theme(b.notes.themes(ids["workforce_prompt"])[0].id)
    later = import_room(main, tmp_path / "b.summit")
    assert later.added == {**{k: 0 for k in later.added}, "participants": 4, "ballots": 4}
    assert later.removed["themes"] == 1 and main.notes.themes(ids["workforce_prompt"]) == []
    assert all(n.theme_id is None for n in main.notes.notes(ids["workforce_prompt"]))
    assert later.changed["notes"] == 1  # reworded (the theme went with the removal)
    assert main.polls.result(ids["workforce_poll"]).voters == 11
    assert "Idea 0, reworded" in [n.text for n in main.notes.notes(ids["workforce_prompt"])]
    assert room_counts["ballots"] + 4 == _counts(main)["ballots"]


def test_the_main_file_refuses_edits_to_what_a_room_holds_until_its_last_import(tmp_path):
    main, ids = _main(tmp_path)
    history = History(main)
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["workforce"]])
    refused = [
        lambda s: s.agenda.update_item(ids["workforce"], title="Renamed here"),
        lambda s: s.agenda.update_prompt(ids["workforce_prompt"], "Changed here"),
        lambda s: s.notes.add_note(ids["workforce_prompt"], "Typed here"),
        lambda s: s.polls.open_poll(ids["workforce_poll"]),
        lambda s: s.agenda.remove_item(ids["workforce"]),
        lambda s: s.agenda.remove_section(s.agenda.sections()[0].id),
    ]
    for edit in refused:
        with pytest.raises(HeldError, match="breakout room"):
            history.run("Edit", edit)
    # What no room holds stays editable, and no import overwrites it.
    history.run("Edit", lambda s: s.agenda.update_item(ids["plenary"], title="Plenary here"))
    with Summit.open(tmp_path / "b.summit") as b:
        b.agenda.update_prompt(ids["workforce_prompt"], "Reworded in the room")
        b.notes.add_note(ids["workforce_prompt"], "From the room")
    import_room(main, tmp_path / "b.summit", transaction=lambda t: history.grouped(t, True))
    assert main.agenda.prompt(ids["workforce_prompt"]).text == "Reworded in the room"
    assert main.agenda.item(ids["plenary"]).title == "Plenary here"
    with pytest.raises(HeldError):  # still the room's
        history.run("Edit", lambda s: s.agenda.update_prompt(ids["workforce_prompt"], "Here"))
    last = import_room(main, tmp_path / "b.summit", last=True)
    assert not last.room.holding and "finished" in last.sentence()
    history.run("Edit", lambda s: s.agenda.update_prompt(ids["workforce_prompt"], "Now here"))
    assert main.agenda.prompt(ids["workforce_prompt"]).text == "Now here"
    with pytest.raises(SummitFileError, match="has finished"):  # and the room cannot undo it
        import_room(main, tmp_path / "b.summit")
    assert main.agenda.prompt(ids["workforce_prompt"]).text == "Now here"


def test_an_import_is_one_undo_step(tmp_path):
    main, ids = _main(tmp_path)
    history = History(main)
    history.run("Kit", lambda s: write_kit(s, tmp_path / "b.summit", "B", [ids["workforce"]]))
    before = _counts(main)
    with Summit.open(tmp_path / "b.summit") as b:
        _vote(b, ids["workforce_poll"], 5)
        b.notes.add_note(ids["workforce_prompt"], "From the room")
    import_room(main, tmp_path / "b.summit", transaction=lambda t: history.grouped(t, True))
    assert history.undo_text() == "Import B"
    assert _counts(main)["ballots"] == before["ballots"] + 5
    history.undo()
    assert _counts(main) == before
    history.redo()
    assert _counts(main)["ballots"] == before["ballots"] + 5


def test_two_rooms_sharing_a_poll_are_tallied_together_and_neither_overwrites_the_other(tmp_path):
    main, ids = _main(tmp_path)
    write_kit(main, tmp_path / "a.summit", "Breakout A", [ids["workforce"], ids["digital"]])
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["workforce"]])
    with Summit.open(tmp_path / "a.summit") as a:
        _vote(a, ids["workforce_poll"], 6, 0)
        a.polls.close_poll(ids["workforce_poll"])
        a.agenda.update_prompt(ids["workforce_prompt"], "A's wording")
        a.agenda.update_prompt(ids["digital_prompt"], "A alone holds this")
    with Summit.open(tmp_path / "b.summit") as b:
        _vote(b, ids["workforce_poll"], 4, 1)
        b.agenda.update_prompt(ids["workforce_prompt"], "B's wording")
    import_room(main, tmp_path / "a.summit")
    import_room(main, tmp_path / "b.summit")
    import_room(main, tmp_path / "a.summit")
    result = main.polls.result(ids["workforce_poll"])
    assert result.voters == 10
    assert main.polls.poll(ids["workforce_poll"]).state.value == "closed"
    # The shared prompt keeps the wording both were given; A's own item takes A's.
    assert main.agenda.prompt(ids["workforce_prompt"]).text == "What would help workforce?"
    assert main.agenda.prompt(ids["digital_prompt"]).text == "A alone holds this"


def dump(path: Path) -> list[str]:
    """Every row and schema statement of a summit file, read without writing to it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_file_from_another_summit_a_damaged_or_newer_file_is_refused_untouched(tmp_path):
    main, ids = _main(tmp_path)
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["workforce"]])
    other, other_ids = _main(tmp_path / "other")
    write_kit(other, tmp_path / "other-b.summit", "Breakout B", [other_ids["workforce"]])
    other.close()
    damaged = tmp_path / "damaged.summit"
    damaged.write_bytes((tmp_path / "b.summit").read_bytes()[:5000])
    newer = tmp_path / "newer.summit"
    newer.write_bytes((tmp_path / "b.summit").read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    cases = {
        tmp_path / "other-b.summit": "another summit",
        damaged: "damaged",
        newer: "newer version",
        tmp_path / "other" / "main.summit": "not a breakout room",
    }
    main_before = dump(main.path)
    for path, said in cases.items():
        file_before = path.read_bytes()
        with pytest.raises(SummitFileError, match=said):
            import_room(main, path)
        assert path.read_bytes() == file_before
        assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
        assert dump(main.path) == main_before
    assert not list(tmp_path.glob("main.summit.before-import-*"))


def test_a_room_takes_its_items_slides_and_its_own_slides_come_back(tmp_path):
    sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/sample_decks.py
    from sample_decks import deck

    main, ids = _main(tmp_path)
    main.decks.set_deck(ids["workforce"], deck(3), "workforce.pdf")
    main.decks.set_deck(ids["plenary"], deck(5), "plenary.pdf")
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["workforce"]])
    with Summit.open(tmp_path / "b.summit") as b:
        assert [d.name for d in b.decks.all()] == ["workforce.pdf"]
        assert b.execute("SELECT count(*) FROM deck_files").fetchone()[0] == 1  # not plenary's
        own = b.agenda.add_item(b.agenda.items()[0].section_id, "Room's own talk", "talk", 10)
        b.decks.set_deck(own.id, deck(2), "room.pdf")
    came = import_room(main, tmp_path / "b.summit")
    assert came.added["decks"] == 1 and came.added["deck_files"] == 1
    assert sorted(d.name for d in main.decks.all()) == ["plenary.pdf", "room.pdf", "workforce.pdf"]
    room_deck = next(d for d in main.decks.all() if d.name == "room.pdf")
    assert main.decks.pdf(room_deck.id) == deck(2)
    assert not import_room(main, tmp_path / "b.summit").anything


def test_a_room_is_not_sent_while_phones_vote_or_its_item_runs_here(tmp_path):
    main, ids = _main(tmp_path)
    kit = tmp_path / "b.summit"
    main.polls.open_poll(ids["workforce_poll"])
    with pytest.raises(ValidationError) as refused:
        write_kit(main, kit, "Breakout B", [ids["workforce"], ids["digital"]])
    assert str(refused.value) == (
        "Close voting on “Which first?” first: phones are voting on it here."
    )
    main.polls.close_poll(ids["workforce_poll"])
    main.agenda.start_item(ids["digital"])
    with pytest.raises(ValidationError, match="“Digital” first: it is running here"):
        write_kit(main, kit, "Breakout B", [ids["workforce"], ids["digital"]])
    assert not kit.exists() and main.breakouts.rooms() == []
    main.agenda.start_item(ids["plenary"])
    main.agenda.open_prompt(ids["workforce_prompt"])
    write_kit(main, kit, "Breakout B", [ids["workforce"], ids["digital"]])
    # Its prompt closes here with the send: phones would type notes only to be refused.
    assert main.live().open_prompt_id is None
    with Summit.open(kit) as b:
        assert "open" not in {p.state.value for p in b.polls.polls()}
    # Voting and the day go on here: another poll opens, the running item ends.
    main.polls.open_poll(main.polls.add_poll(ids["plenary"], "Agree?", "single", ["Y", "N"]).id)
    main.agenda.end_day()
    main.close()


def test_a_poll_left_open_on_a_held_item_can_still_be_closed(tmp_path):
    main, ids = _main(tmp_path)
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["workforce"]])
    main.close()
    # A file sent before sending refused an open poll: the room holds an open poll.
    conn = sqlite3.connect(tmp_path / "main.summit")
    conn.execute("UPDATE polls SET state = 'open' WHERE id = ?", (ids["workforce_poll"],))
    conn.commit()
    conn.close()
    with Summit.open(tmp_path / "main.summit") as s:
        assert s.polls.close_poll(ids["workforce_poll"]).state.value == "closed"
        with pytest.raises(HeldError):  # still held for anything else
            s.execute("UPDATE polls SET state = 'open' WHERE id = ?", (ids["workforce_poll"],))


def test_the_rooms_day_starts_when_its_first_item_is_planned_in_the_main_plan(tmp_path):
    main, ids = _main(tmp_path)
    main.edit_info(start_time="11:00")
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["plenary"], ids["digital"]])
    main.close()
    with Summit.open(tmp_path / "b.summit") as b:
        # Workforce (40 min) comes first in the main plan, so Digital starts 40 min in.
        assert b.info().start_time == "11:40"
        slots = plan(b.agenda.items(), b.info().start_time)
        assert [s.start_clock for s in slots] == ["11:40", "12:20"]
