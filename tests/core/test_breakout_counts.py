"""Breakout rooms: what a room counted comes back under that room (hand counts, table
hosts' counts and notes, ballots for the options it added or reworded), adds into the whole
summit's figures once, and never overwrites what another room or the main room counted."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from summit_app.core import Summit, table_host
from summit_app.core.breakout_kit import write_kit
from summit_app.core.history import History
from summit_app.core.merge import import_room
from summit_app.core.model import SummitInfo
from summit_app.core.schema import migrate


def _main(tmp_path: Path) -> tuple[Summit, dict[str, int]]:
    s = Summit.create(tmp_path / "main.summit", SummitInfo(title="Leadership summit"))
    section = s.agenda.add_section("Breakouts")
    shared = s.agenda.add_item(section.id, "Priorities", "vote", 30)
    alone = s.agenda.add_item(section.id, "Digital", "discussion", 30)
    ids = {"shared": shared.id, "alone": alone.id}
    ids["poll"] = s.polls.add_poll(shared.id, "Which first?", "single", ["Training", "Pay"]).id
    ids["rank"] = s.polls.add_poll(shared.id, "Rank these", "rank", ["Rotas", "Housing"]).id
    ids["alone_poll"] = s.polls.add_poll(alone.id, "Fund what?", "single", ["Kit", "Wifi"]).id
    ids["prompt"] = s.agenda.add_prompt(shared.id, "What would help?").id
    return s, ids


def _two_rooms(main: Summit, ids: dict[str, int], folder: Path) -> None:
    """Breakout A and Breakout B, both sent the shared item (a.summit, b.summit)."""
    for name in ("a", "b"):
        write_kit(main, folder / f"{name}.summit", f"Breakout {name.upper()}", [ids["shared"]])


def _vote(room: Summit, poll_id: int, text: str, n: int) -> None:
    if room.polls.poll(poll_id).state.value != "open":
        room.polls.open_poll(poll_id)
    option = next(o.id for o in room.polls.poll(poll_id).options if o.text == text)
    for _ in range(n):
        room.polls.cast_ballot(poll_id, room.people.join().id, {option: 1})


def _by_room(main: Summit, poll_id: int) -> dict[str, dict[str, int]]:
    return {
        room.name: {o.option.text: o.count for o in result.options} | {"voters": result.voters}
        for room, result in main.breakouts.results_by_room(poll_id)
    }


def _whole(main: Summit, poll_id: int) -> dict[str, int]:
    result = main.polls.result(poll_id)
    return {o.option.text: o.count for o in result.options} | {"voters": result.voters}


def test_a_shared_poll_keeps_its_wording_and_a_room_s_own_options_keep_their_votes(
    tmp_path, caplog
):
    main, ids = _main(tmp_path)
    _two_rooms(main, ids, tmp_path)
    with Summit.open(tmp_path / "a.summit") as a:
        # Before anyone votes, A rewords the question and an option.
        a.polls.update_poll(
            ids["poll"], "What should come first?", "single", ["Training", "Pay and rotas"]
        )
        _vote(a, ids["poll"], "Training", 2)
        _vote(a, ids["poll"], "Pay and rotas", 3)
    with Summit.open(tmp_path / "b.summit") as b:
        # B adds an option: the poll's options are made anew in B's file.
        b.polls.update_poll(ids["poll"], "Which first?", "single", ["Training", "Pay", "Transport"])
        _vote(b, ids["poll"], "Training", 1)
        _vote(b, ids["poll"], "Pay", 5)
        _vote(b, ids["poll"], "Transport", 4)
    with caplog.at_level(logging.INFO, logger="summit_app.core.merge"):
        came = import_room(main, tmp_path / "a.summit")
    said = came.sentence()
    assert "Breakout A's wording of the poll “Which first?” (“What should come first?”)" in said
    assert "Breakout A reworded “Pay” as “Pay and rotas” in the shared poll “Which first?”" in said
    assert "“Pay and rotas”" in caplog.text  # the log says it too
    said = import_room(main, tmp_path / "b.summit").sentence()
    assert "Breakout B added the option “Transport” to the shared poll “Which first?”" in said
    assert "wording" not in said and "Training" not in said and "“Pay”" not in said
    # The wording every room was given stays; no ballot is credited to other words.
    assert main.polls.poll(ids["poll"]).question == "Which first?"
    assert _whole(main, ids["poll"]) == {
        "Training": 3, "Pay": 5, "Pay and rotas": 3, "Transport": 4, "voters": 15,
    }  # fmt: skip
    assert _by_room(main, ids["poll"]) == {
        "Breakout A": {"Training": 2, "Pay": 0, "Pay and rotas": 3, "Transport": 0, "voters": 5},
        "Breakout B": {"Training": 1, "Pay": 5, "Pay and rotas": 0, "Transport": 4, "voters": 10},
    }
    # Again, and a later copy: nothing doubles, and what was said once is not said again.
    again = {room: import_room(main, tmp_path / f"{room}.summit") for room in ("a", "b")}
    assert not any(one.anything for one in again.values())
    assert again["b"].sentence() == "Nothing new from Breakout B."
    assert again["a"].sentence().startswith("Nothing new from Breakout A. Breakout A's wording")
    assert "reworded" not in again["a"].sentence()  # said when it first came in
    with Summit.open(tmp_path / "b.summit") as b:
        _vote(b, ids["poll"], "Transport", 2)
    later = import_room(main, tmp_path / "b.summit")
    assert later.added["ballots"] == 2 and later.added["options"] == 0
    assert _whole(main, ids["poll"])["Transport"] == 6
    assert _whole(main, ids["poll"])["voters"] == 17


def test_a_room_alone_on_a_poll_may_reword_it_and_its_options(tmp_path):
    main, ids = _main(tmp_path)
    write_kit(main, tmp_path / "a.summit", "Breakout A", [ids["alone"]])
    with Summit.open(tmp_path / "a.summit") as a:
        a.polls.update_poll(
            ids["alone_poll"], "Fund which first?", "single", ["Kit", "Wi-fi", "Desks"]
        )
        _vote(a, ids["alone_poll"], "Desks", 3)
    came = import_room(main, tmp_path / "a.summit")
    assert "not taken" not in came.sentence()
    poll = main.polls.poll(ids["alone_poll"])
    assert poll.question == "Fund which first?"
    assert [o.text for o in poll.options] == ["Kit", "Wi-fi", "Desks"]
    assert _whole(main, ids["alone_poll"]) == {"Kit": 0, "Wi-fi": 0, "Desks": 3, "voters": 3}


def test_rooms_hand_counts_on_a_shared_poll_come_in_under_each_room_and_add_up(tmp_path):
    main, ids = _main(tmp_path)
    _two_rooms(main, ids, tmp_path)
    for name, people, training, pay in (("a", 10, 7, 3), ("b", 6, 1, 5)):
        with Summit.open(tmp_path / f"{name}.summit") as room:
            _vote(room, ids["poll"], "Training", 2)
            options = {o.text: o.id for o in room.polls.poll(ids["poll"]).options}
            room.polls.set_hand_counts(
                ids["poll"], [(options["Training"], None, training), (options["Pay"], None, pay)],
                people, "paper",
            )  # fmt: skip
            # A paper ranking in both rooms: the same option and place in each.
            rank = {o.text: o.id for o in room.polls.poll(ids["rank"]).options}
            room.polls.set_hand_counts(
                ids["rank"], [(rank["Rotas"], 1, people), (rank["Housing"], 2, people)], people
            )
    for path in ("a", "b", "a", "b"):
        import_room(main, tmp_path / f"{path}.summit")
    assert _whole(main, ids["poll"]) == {"Training": 12, "Pay": 8, "voters": 20}
    assert _by_room(main, ids["poll"]) == {
        "Breakout A": {"Training": 9, "Pay": 3, "voters": 12},
        "Breakout B": {"Training": 3, "Pay": 5, "voters": 8},
    }
    assert main.polls.hand_voters(ids["poll"]) == 16
    assert main.polls.hand_voters(ids["poll"], taken_here=True) == 0  # none in the main room
    ranking = main.polls.result(ids["rank"])
    assert ranking.voters == 16 and ranking.options[0].distribution == (16, 0)
    # A room that counts again replaces its own count, not the other room's.
    with Summit.open(tmp_path / "b.summit") as b:
        options = {o.text: o.id for o in b.polls.poll(ids["poll"]).options}
        b.polls.set_hand_counts(ids["poll"], [(options["Pay"], None, 9)], 9, "paper")
    import_room(main, tmp_path / "b.summit")
    assert _whole(main, ids["poll"]) == {"Training": 11, "Pay": 12, "voters": 23}


def test_a_room_s_tables_are_its_own_and_their_notes_and_counts_come_back(tmp_path):
    main, ids = _main(tmp_path)
    main.tables.set_tables(5)
    main.agenda.open_prompt(ids["prompt"])  # the main room's table 3 says something first
    _, main_host = main.tables.claim(main.tables.table(3).pass_, None)
    table_host.post_note(main, main_host, ids["prompt"], "Main room, table 3")
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["shared"]])
    with Summit.open(tmp_path / "b.summit") as b:
        tables = b.tables.set_tables(8, names=["", "", "Oak"])
        assert {t.pass_ for t in tables}.isdisjoint(t.pass_ for t in main.tables.tables())
        b.agenda.open_prompt(ids["prompt"])
        _, host = b.tables.claim(b.tables.table(3).pass_, None)
        table_host.post_note(b, host, ids["prompt"], "Room B, table 3", sent_key="n1")
        b.polls.open_poll(ids["poll"])
        pay = next(o.id for o in b.polls.poll(ids["poll"]).options if o.text == "Pay")
        table_host.count(b, host, ids["poll"], {pay: 6}, 6)
        _, host8 = b.tables.claim(b.tables.table(8).pass_, None)
        table_host.post_note(b, host8, ids["prompt"], "Room B, table 8", sent_key="n1")
        _vote(b, ids["poll"], "Training", 2)
    came = import_room(main, tmp_path / "b.summit")
    assert came.added["notes"] == 2 and came.added["table_counts"] == 1
    assert "1 table's count" in came.sentence() and "tables," not in came.sentence()
    labels = main.tables.labels()
    by_text = {n.text: labels[n.table_id] for n in main.notes.notes(ids["prompt"]) if n.table_id}
    assert by_text == {
        "Main room, table 3": "Table 3",
        "Room B, table 3": "Breakout B, table 3 (Oak)",
        "Room B, table 8": "Breakout B, table 8",
    }
    # The main room's own tables are as they were, and stay its own to change.
    assert [t.id for t in main.tables.tables()] == [1, 2, 3, 4, 5]
    main.tables.set_tables(10)
    assert main.tables.count() == 10 and main.tables.by_room() == {main.breakouts.rooms()[0].uid: 8}
    assert _whole(main, ids["poll"]) == {"Training": 2, "Pay": 6, "voters": 8}
    assert _by_room(main, ids["poll"]) == {"Breakout B": {"Training": 2, "Pay": 6, "voters": 8}}
    assert not import_room(main, tmp_path / "b.summit").anything


def test_a_room_still_holding_an_item_never_removes_what_a_finished_room_brought(tmp_path):
    main, ids = _main(tmp_path)
    _two_rooms(main, ids, tmp_path)
    with Summit.open(tmp_path / "a.summit") as a:
        _vote(a, ids["poll"], "Training", 4)
        a.notes.add_note(ids["prompt"], "From A")
    with Summit.open(tmp_path / "b.summit") as b:
        _vote(b, ids["poll"], "Pay", 3)
    import_room(main, tmp_path / "a.summit", last=True)  # A has finished: B alone holds it
    import_room(main, tmp_path / "b.summit")
    assert _whole(main, ids["poll"]) == {"Training": 4, "Pay": 3, "voters": 7}
    assert [n.text for n in main.notes.notes(ids["prompt"])] == ["From A"]


def test_a_file_from_before_counts_by_room_keeps_its_counts_and_tables(tmp_path):
    path = tmp_path / "old.summit"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, 17)  # the file as format 17 wrote it: people counted on the poll's row
    conn.executescript(
        """
        INSERT INTO summit (id, title, join_code, uid) VALUES (1, 'Old', 'abc', 'u1');
        INSERT INTO sections (id, position, title) VALUES (1, 0, 'Day');
        INSERT INTO items (id, section_id, position, title, kind) VALUES (1, 1, 0, 'V', 'vote');
        INSERT INTO polls (id, item_id, position, question, kind, hand_voters)
            VALUES (1, 1, 0, 'Which?', 'single', 4);
        INSERT INTO options (id, poll_id, position, text) VALUES (1, 1, 0, 'Yes'), (2, 1, 1, 'No');
        INSERT INTO hand_counts (poll_id, option_id, level, count, method)
            VALUES (1, 1, NULL, 3, 'hands');
        INSERT INTO tables (id, pass) VALUES (1, 'AAAA'), (3, 'BBBB');
        INSERT INTO prompts (id, item_id, position, text) VALUES (1, 1, 0, 'Why?');
        INSERT INTO notes (prompt_id, text, author, created_at, table_id)
            VALUES (1, 'At table 3', 'participant', '2026-12-06', 3);
        """
    )
    conn.close()
    with Summit.open(path) as s:
        assert s.polls.hand_voters(1) == 4
        assert s.polls.result(1).voters == 4 and s.polls.result(1).options[0].count == 3
        assert [t.id for t in s.tables.tables()] == [1, 3]
        assert s.notes.notes(1)[0].table_id == 3
        assert s.execute("PRAGMA foreign_key_check").fetchall() == []


def test_phones_joined_counts_this_laptop_s_phones_only(tmp_path):
    main, ids = _main(tmp_path)
    main.polls.open_poll(ids["alone_poll"])
    kit = next(o.id for o in main.polls.poll(ids["alone_poll"]).options)
    for _ in range(4):  # the main room's phones vote before the item goes to the room
        main.polls.cast_ballot(ids["alone_poll"], main.people.join().id, {kit: 1})
    main.polls.close_poll(ids["alone_poll"])
    write_kit(main, tmp_path / "a.summit", "Breakout A", [ids["alone"]])
    with Summit.open(tmp_path / "a.summit") as a:
        assert a.people.count() == 0  # the 4 whose ballots the kit carries joined elsewhere
        _vote(a, ids["alone_poll"], "Wifi", 3)
        assert (a.people.count(), a.people.taking_part()) == (3, 3)
    import_room(main, tmp_path / "a.summit")
    assert (main.people.count(), main.people.taking_part()) == (4, 4)
    assert len(main.people.participants(taking_part=True)) == 7  # the whole summit's


def test_a_shared_poll_a_room_answered_another_way_keeps_that_room_s_ballots_apart(tmp_path):
    main, ids = _main(tmp_path)
    _two_rooms(main, ids, tmp_path)
    with Summit.open(tmp_path / "a.summit") as a:
        _vote(a, ids["poll"], "Pay", 3)
    with Summit.open(tmp_path / "b.summit") as b:  # B lets people pick both
        b.polls.update_poll(ids["poll"], "Which first?", "multi", ["Training", "Pay"], 2)
        b.polls.open_poll(ids["poll"])
        options = [o.id for o in b.polls.poll(ids["poll"]).options]
        for _ in range(4):
            b.polls.cast_ballot(ids["poll"], b.people.join().id, {o: 1 for o in options})
        b.notes.add_note(ids["prompt"], "From B")
    import_room(main, tmp_path / "a.summit")
    came = import_room(main, tmp_path / "b.summit")
    assert (
        "Breakout B changed how the shared poll “Which first?” is answered, so its 4 ballots"
        " and counts there cannot be counted with the other rooms' and are not taken."
    ) in came.sentence()
    assert came.added["notes"] == 1 and came.added["ballots"] == 0
    assert _whole(main, ids["poll"]) == {"Training": 0, "Pay": 3, "voters": 3}
    assert main.polls.poll(ids["poll"]).kind.value == "single"
    assert not import_room(main, tmp_path / "b.summit").anything


def test_a_room_s_turnout_on_screen_sets_its_own_ballots_beside_its_own_phones(tmp_path):
    main, ids = _main(tmp_path)
    _vote(main, ids["alone_poll"], "Kit", 4)  # before the item goes to the room
    main.polls.close_poll(ids["alone_poll"])  # a room is not sent mid-vote
    write_kit(main, tmp_path / "a.summit", "Breakout A", [ids["alone"]])
    with Summit.open(tmp_path / "a.summit") as a:
        _vote(a, ids["alone_poll"], "Wifi", 2)
        assert a.polls.ballot_count(ids["alone_poll"]) == 6  # the poll's, as its chart shows
        assert (a.polls.ballot_count(ids["alone_poll"], here=True), a.people.count()) == (2, 2)


def test_undoing_an_import_takes_back_the_room_s_tables_and_counts_and_redo_brings_them(
    tmp_path,
):
    main, ids = _main(tmp_path)
    history = History(main)
    write_kit(main, tmp_path / "b.summit", "Breakout B", [ids["shared"]])
    with Summit.open(tmp_path / "b.summit") as b:
        b.polls.open_poll(ids["poll"])
        b.tables.set_tables(4)
        _, host = b.tables.claim(b.tables.table(2).pass_, None)
        pay = next(o.id for o in b.polls.poll(ids["poll"]).options if o.text == "Pay")
        table_host.count(b, host, ids["poll"], {pay: 3}, 3)
        b.polls.set_hand_counts(ids["poll"], [(pay, None, 2)], 2)
    before = _whole(main, ids["poll"])
    import_room(main, tmp_path / "b.summit", transaction=lambda t: history.grouped(t, True))
    after = _whole(main, ids["poll"])
    assert after == {"Training": 0, "Pay": 5, "voters": 5}
    history.undo()
    assert _whole(main, ids["poll"]) == before and main.tables.by_room() == {}
    history.redo()
    assert _whole(main, ids["poll"]) == after and list(main.tables.by_room().values()) == [4]
    assert main.execute("PRAGMA foreign_key_check").fetchall() == []
